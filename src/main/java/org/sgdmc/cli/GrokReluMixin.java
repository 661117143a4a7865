package org.sgdmc.cli;

import org.sgdmc.engine.MemoryGuard;
import org.sgdmc.models.GrokRelu;
import org.sgdmc.models.GrokReluDatasets;
import org.sgdmc.models.Sampling;
import org.sgdmc.results.EnsembleOptions;
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

  @Option(names = "--sampling", paramLabel = "MODE", description = SgdMixin.SAMPLING)
  String sampling;

  @Option(names = "--with-replacement", description = SgdMixin.WITH_REPLACEMENT)
  boolean withReplacement;

  @Option(names = "--dataset", paramLabel = "MODE", defaultValue = "fixed",
      description = "fixed: one set of n points for the whole run; per-trajectory: each trajectory draws its own n "
          + "points from (--data-seed, trajectory), so the ensemble is over datasets too (default: ${DEFAULT-VALUE}).")
  String dataset;

  /** Whether {@code --dataset per-trajectory} (see {@link DatasetMode}). */
  boolean perTrajectory() {
    return DatasetMode.perTrajectory(dataset);
  }

  /** Refuses {@code --dataset per-trajectory} in one line where {@code command} does not have it. */
  void onlyFixed(String command) {
    DatasetMode.onlyFixed(dataset, command);
  }

  /**
   * The model with a dataset per trajectory at (eta, lambda), every bad value one line; refused in one line where
   * the blocks in flight could not hold their trajectories' points (2 n doubles each).
   */
  GrokReluDatasets datasets(long runSeed, double eta, double lambda, EnsembleOptions options) {
    GrokReluDatasets datasets = new GrokReluDatasets(model(runSeed, eta, lambda),
        dataSeed != null ? dataSeed : runSeed);
    long doubles = datasets.blockDoubles(options.blockWidth());
    if (doubles > Integer.MAX_VALUE - 8) {
      throw new UserError("--dataset per-trajectory keeps the " + n + " points of each of the " + options.blockWidth()
          + " trajectories of a block: too many for one array; use a smaller --block, a smaller --n or --dataset fixed");
    }
    MemoryGuard.check("--dataset per-trajectory (the points of each trajectory of a block in flight)",
        doubles * Double.BYTES * options.threads(), 0, "use a smaller --block or fewer --threads, or --dataset fixed");
    return datasets;
  }

  /**
   * The sampling mode of {@code --sampling} or its alias {@code --with-replacement}, read as every command that
   * takes {@link SgdMixin} reads it (the same words, default and one-line refusals); the data are finite.
   */
  Sampling sampling() {
    SgdMixin sgd = new SgdMixin();
    sgd.sampling = sampling;
    sgd.withReplacementFlag = withReplacement;
    return sgd.sampling(true);
  }

  /** The model at (eta, lambda), every bad value one line. */
  GrokRelu model(long runSeed, double eta, double lambda) {
    if (!(trainThreshold > 0) || !(testThreshold > 0)) {
      throw new UserError("--train-threshold and --test-threshold must be positive");
    }
    Sampling mode = sampling();
    int s = batch == null ? n : batch;
    if (batch != null && n >= 1 && (s < 1 || (!mode.withReplacement() && s > n))) {
      throw new UserError("--batch: the batch size must be in 1.." + n + " (the training points) "
          + (mode == Sampling.RESHUFFLE ? "when reshuffling" : "without replacement, at least 1 with") + ", not " + s);
    }
    try {
      return GrokRelu.generate(n, dataSeed != null ? dataSeed : runSeed, GrokRelu.DEFAULT_KINKS,
          GrokRelu.DEFAULT_SLOPES, width, eta, lambda, sigma, kinkThreshold, s, mode);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
