package org.sgdmc.cli;

import org.sgdmc.models.GrokRelu;
import picocli.CommandLine.Option;

/** The two-layer ReLU net's own options, the same for {@code simulate grok-relu} and {@code sweep grok-relu}. */
public final class GrokReluMixin {
  @Option(names = "--width", paramLabel = "M", defaultValue = "50", description = "Hidden units m (default: ${DEFAULT-VALUE}).")
  int width;

  @Option(names = "--n", paramLabel = "N", defaultValue = "12", description = "Training points (default: ${DEFAULT-VALUE}).")
  int n;

  @Option(names = "--sigma", paramLabel = "S", defaultValue = "1",
      description = "Initialisation: a, w, b ~ N(0, S^2) (default: ${DEFAULT-VALUE}).")
  double sigma;

  @Option(names = "--kink-threshold", paramLabel = "C", defaultValue = "0.05",
      description = "A kink counts when its slope change exceeds C (default: ${DEFAULT-VALUE}).")
  double kinkThreshold;

  @Option(names = "--train-threshold", paramLabel = "L1", defaultValue = "1e-3",
      description = "t1: first step with training loss <= L1 (default: ${DEFAULT-VALUE}).")
  double trainThreshold;

  @Option(names = "--test-threshold", paramLabel = "L2", defaultValue = "1e-3",
      description = "t2: first step with test loss <= L2 (default: ${DEFAULT-VALUE}).")
  double testThreshold;

  @Option(names = "--data-seed", paramLabel = "SEED", description = "Seed of the data (default: the run's --seed).")
  Long dataSeed;

  @Option(names = "--batch", paramLabel = "S",
      description = "Minibatch SGD, S of the n points per step (default: full-batch GD).")
  Integer batch;

  @Option(names = "--with-replacement", description = SgdMixin.SAMPLING)
  boolean withReplacement;

  /** The model at (eta, lambda), every bad value one line. */
  GrokRelu model(long runSeed, double eta, double lambda) {
    if (!(trainThreshold > 0) || !(testThreshold > 0)) {
      throw new UserError("--train-threshold and --test-threshold must be positive");
    }
    int s = batch == null ? n : batch;
    if (batch != null && n >= 1 && (s < 1 || (!withReplacement && s > n))) {
      throw new UserError("--batch: the batch size must be in 1.." + n + " (the training points) without "
          + "replacement, at least 1 with, not " + s);
    }
    try {
      return GrokRelu.generate(n, dataSeed != null ? dataSeed : runSeed, GrokRelu.DEFAULT_KINKS,
          GrokRelu.DEFAULT_SLOPES, width, eta, lambda, sigma, kinkThreshold, s, withReplacement);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
