package org.sgdmc.models;

import java.util.Locale;

/**
 * How the batches of a finite dataset of N points are drawn (data drawn fresh each step, N = infinity, ignore
 * it). Every mode draws from a trajectory's own {@code BATCH} stream (see {@code kernels.FiniteBatchSampler}).
 */
public enum Sampling {
  /** S indices uniform over the N points, independently at every step: a batch may repeat a point. */
  WITH_REPLACEMENT("with", "with_replacement"),
  /** A uniform S-subset of the N points, drawn afresh and independently at every step: no epochs. */
  WITHOUT_REPLACEMENT("without", "without_replacement"),
  /**
   * Random reshuffling, the sampling most training code uses: each epoch draws a uniform permutation of the N
   * points and takes its batches in order, K = floor(N / S) of them; when S does not divide N the last
   * N - K S points of each permutation are not used in that epoch (the partial batch is dropped, as with
   * {@code drop_last}), so every step has exactly S distinct points and every epoch exactly K steps. Steps
   * {@code e K .. e K + K - 1} are epoch e; epochs are independent, the steps within one are not.
   */
  RESHUFFLE("reshuffle", "reshuffle");

  /** The word the CLI takes ({@code --sampling with|without|reshuffle}). */
  public final String option;
  /** The value of the {@code sampling} attribute in HDF5 files. */
  public final String label;

  Sampling(String option, String label) {
    this.option = option;
    this.label = label;
  }

  /** {@link #WITH_REPLACEMENT} or {@link #WITHOUT_REPLACEMENT}: the two modes that existed as a boolean. */
  public static Sampling of(boolean withReplacement) {
    return withReplacement ? WITH_REPLACEMENT : WITHOUT_REPLACEMENT;
  }

  /** The mode named by its CLI word, or null when the word names none. */
  public static Sampling parse(String word) {
    String w = word.trim().toLowerCase(Locale.ROOT);
    for (Sampling s : values()) {
      if (s.option.equals(w) || s.label.equals(w)) {
        return s;
      }
    }
    return null;
  }

  /** Whether a batch may repeat a point. */
  public boolean withReplacement() {
    return this == WITH_REPLACEMENT;
  }

  /** Batches per epoch under {@link #RESHUFFLE}: floor(N / S) (requires S <= N). */
  public static long batchesPerEpoch(long n, int batch) {
    return n / batch;
  }

  /** The words for a help text or an error: "with, without or reshuffle". */
  public static String words() {
    return "with, without or reshuffle";
  }

  /** How a run prints it after the data: " with replacement", " without replacement", " reshuffled each epoch". */
  public String describe() {
    return switch (this) {
      case WITH_REPLACEMENT -> " with replacement";
      case WITHOUT_REPLACEMENT -> " without replacement";
      case RESHUFFLE -> " reshuffled each epoch";
    };
  }
}
