package org.sgdmc.cli;

import picocli.CommandLine.Option;

/**
 * The optimiser, the same in every command: learning rate, batch size, and how a batch is drawn. {@code sweep}
 * and {@code scan} read {@code --lr} (and a sweep {@code --batch}) as an axis, so both are kept as text here and
 * read through {@link #lr()} and {@link #batch()} where one value is meant.
 */
public final class SgdMixin {
  /** How batches of a finite dataset are drawn, said the same way in every command's help. */
  static final String SAMPLING = "Sample each batch of a finite dataset with replacement (default: without, S "
      + "distinct points drawn afresh at every step; there are no epochs). With data drawn fresh each step "
      + "(N = infinity) it has no effect, and the run says so.";

  @Option(names = "--lr", required = true, paramLabel = "LR",
      description = "Learning rate (> 0). sweep: a value or an axis (START:STOP:COUNT, log:START:STOP:COUNT or a,b,c); "
          + "scan: START:STOP:COUNT.")
  String lr;

  @Option(names = "--batch", paramLabel = "S",
      description = "Batch size (default: 1). sweep: a value or an axis.")
  String batch;

  @Option(names = "--with-replacement", description = SAMPLING)
  boolean withReplacement;

  /**
   * {@code --with-replacement}, saying on stderr that it is ignored when the data are drawn fresh each step
   * ({@code finiteData} false): a flag that silently does nothing reads as if it had been applied.
   */
  boolean withReplacement(boolean finiteData) {
    String note = ignoredReplacement(withReplacement, finiteData);
    if (note != null) {
      System.err.println(note);
    }
    return withReplacement;
  }

  /** The note for a {@code --with-replacement} that has no effect, or null. */
  static String ignoredReplacement(boolean withReplacement, boolean finiteData) {
    return withReplacement && !finiteData
        ? "sgdmc: --with-replacement has no effect: the data are drawn fresh each step (N = infinity)" : null;
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
