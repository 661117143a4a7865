package org.sgdmc.cli;

import org.sgdmc.models.Sampling;
import picocli.CommandLine.Option;

/**
 * The optimiser, the same in every command: learning rate, batch size, and how a batch is drawn. {@code sweep}
 * and {@code scan} read {@code --lr} (and a sweep {@code --batch}) as an axis, so both are kept as text here and
 * read through {@link #lr()} and {@link #batch()} where one value is meant.
 */
public final class SgdMixin {
  /** How batches of a finite dataset are drawn, said the same way in every command's help. */
  static final String SAMPLING = "How each batch of a finite dataset is drawn: 'without' (default): S distinct "
      + "points drawn afresh at every step, no epochs; 'with': S points with replacement, afresh at every step; "
      + "'reshuffle': a random permutation per epoch, its batches taken in order, floor(N/S) batches an epoch "
      + "(the N mod S points left over sit the epoch out). With data drawn fresh each step (N = infinity) it has "
      + "no effect, and the run says so.";
  /** The old flag, kept as a shorthand. */
  static final String WITH_REPLACEMENT = "Same as --sampling with.";

  @Option(names = "--lr", required = true, paramLabel = "LR",
      description = "Learning rate (> 0). sweep: a value or an axis (START:STOP:COUNT, log:START:STOP:COUNT or a,b,c); "
          + "scan: START:STOP:COUNT.")
  String lr;

  @Option(names = "--batch", paramLabel = "S",
      description = "Batch size (default: 1). sweep: a value or an axis.")
  String batch;

  @Option(names = "--sampling", paramLabel = "MODE", description = SAMPLING)
  String sampling;

  @Option(names = "--with-replacement", description = WITH_REPLACEMENT)
  boolean withReplacementFlag;

  /**
   * The sampling mode, saying on stderr that it is ignored when the data are drawn fresh each step
   * ({@code finiteData} false) and it was chosen: an option that silently does nothing reads as if it had
   * been applied.
   */
  Sampling sampling(boolean finiteData) {
    Sampling mode = mode();
    String note = ignoredSampling(chosen(), mode, finiteData);
    if (note != null) {
      System.err.println(note);
    }
    return mode;
  }

  /** The mode given by --sampling or --with-replacement (default: without replacement). */
  Sampling mode() {
    Sampling named = null;
    if (sampling != null) {
      named = Sampling.parse(sampling);
      if (named == null) {
        throw new UserError("--sampling: '" + sampling + "' is none of " + Sampling.words());
      }
    }
    if (withReplacementFlag && named != null && named != Sampling.WITH_REPLACEMENT) {
      throw new UserError("--with-replacement contradicts --sampling " + sampling);
    }
    return withReplacementFlag ? Sampling.WITH_REPLACEMENT : named != null ? named : Sampling.WITHOUT_REPLACEMENT;
  }

  /** The option the user chose the mode with, or null when neither was given. */
  private String chosen() {
    return withReplacementFlag ? "--with-replacement" : sampling != null ? "--sampling " + sampling.trim() : null;
  }

  /** The note for a {@code --with-replacement} that has no effect, or null. */
  static String ignoredReplacement(boolean withReplacement, boolean finiteData) {
    return ignoredSampling(withReplacement ? "--with-replacement" : null, Sampling.WITH_REPLACEMENT, finiteData);
  }

  /** The note for a sampling option ({@code option}, null when none was given) that has no effect, or null. */
  static String ignoredSampling(String option, Sampling mode, boolean finiteData) {
    return option != null && !finiteData && mode != Sampling.WITHOUT_REPLACEMENT
        ? "sgdmc: " + option + " has no effect: the data are drawn fresh each step (N = infinity)" : null;
  }

  /** The learning rate: one positive finite number. */
  double lr() {
    double v = number("--lr", lr);
    if (!(v > 0) || !Double.isFinite(v)) {
      throw new UserError("--lr: the learning rate must be a positive finite number, not " + lr);
    }
    return v;
  }

  /** The batch size: one whole number >= 1 (1 when not given). */
  int batch() {
    if (batch == null) {
      return 1;
    }
    try {
      int s = Integer.parseInt(batch.trim());
      if (s < 1) {
        throw new UserError("--batch: the batch size must be at least 1, not " + s);
      }
      return s;
    } catch (NumberFormatException e) {
      throw new UserError("--batch: '" + batch + "' is not a whole number");
    }
  }

  /** The text of {@code --batch} for a sweep axis, or {@code fallback} when it was not given. */
  String batchSpec(String fallback) {
    return batch != null ? batch : fallback;
  }

  static double number(String option, String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new UserError(option + ": '" + text + "' is not a number");
    }
  }
}
