package org.sgdmc.kernels;

import org.sgdmc.rng.Draws;

/**
 * Minibatches of a finite dataset, from 64-bit draws: S indices uniform over the N points, with
 * replacement, or a uniform S-subset without replacement by Floyd's algorithm, which uses exactly S draws
 * (point j of the batch from draw j, re-aimed at the top of its range when it repeats an earlier pick).
 * Returns the batch mean of x^2 summed in draw order, the same sum {@link Linreg1dScalarBlock} forms, or
 * the batch's indices themselves.
 */
final class FiniteBatchSampler {
  private final double[] squares; // null in index-only mode
  private final int n;
  private final int batch;
  private final boolean withReplacement;
  private final int[] stamp; // stamp[i] == round: point i is in the current batch (no clearing per batch)
  private int round;

  FiniteBatchSampler(double[] squares, int batch, boolean withReplacement) {
    this(squares, squares.length, batch, withReplacement);
  }

  /** A sampler that only picks indices of N points ({@link #indices}), for models that need more than x^2. */
  FiniteBatchSampler(int n, int batch, boolean withReplacement) {
    this(null, n, batch, withReplacement);
  }

  private FiniteBatchSampler(double[] squares, int n, int batch, boolean withReplacement) {
    this.squares = squares;
    this.n = n;
    this.batch = batch;
    this.withReplacement = withReplacement;
    this.stamp = withReplacement ? null : new int[n];
  }

  /** Batch mean of x^2 using draws {@code bits[off], bits[off + stride], ...} ({@code batch} of them). */
  double batchMean(long[] bits, int off, int stride) {
    double sum = 0;
    if (withReplacement) {
      for (int j = 0; j < batch; j++) {
        sum += squares[(int) Draws.index(bits[off + j * stride], n)];
      }
      return sum / batch;
    }
    nextRound();
    for (int j = 0; j < batch; j++) {
      sum += squares[floyd(bits[off + j * stride], j)];
    }
    return sum / batch;
  }

  /**
   * The batch's point indices, in draw order, from draws {@code bits[off], bits[off + stride], ...}, into
   * {@code out[0 .. batch-1]}: the same points {@link #batchMean} sums.
   */
  void indices(long[] bits, int off, int stride, int[] out) {
    if (withReplacement) {
      for (int j = 0; j < batch; j++) {
        out[j] = (int) Draws.index(bits[off + j * stride], n);
      }
      return;
    }
    nextRound();
    for (int j = 0; j < batch; j++) {
      out[j] = floyd(bits[off + j * stride], j);
    }
  }

  /** Floyd's step j: uniform in [0, n - batch + j], re-aimed at the top of the range when already picked. */
  private int floyd(long bits, int j) {
    int bound = n - batch + j;
    int pick = (int) Draws.index(bits, bound + 1L);
    if (stamp[pick] == round) {
      pick = bound;
    }
    stamp[pick] = round;
    return pick;
  }

  private void nextRound() {
    if (++round == 0) { // the stamps wrapped around: clear them once every 2^32 batches
      java.util.Arrays.fill(stamp, 0);
      round = 1;
    }
  }
}
