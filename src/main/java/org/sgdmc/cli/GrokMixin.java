package org.sgdmc.cli;

import org.sgdmc.engine.MemoryGuard;
import org.sgdmc.models.GrokData;
import org.sgdmc.models.GrokDatasets;
import org.sgdmc.models.GrokLinreg;
import org.sgdmc.models.GrokLinregDatasets;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.theory.GrokLinregTheory;
import picocli.CommandLine.Option;

/** The grokking linear regression's own options (seed 001), the same for {@code simulate} and {@code sweep}. */
public final class GrokMixin {
  @Option(names = "--dim", paramLabel = "D", defaultValue = "40",
      description = "Dimension d of w and x, d > n (default: ${DEFAULT-VALUE}).")
  int dim;

  @Option(names = "--n", paramLabel = "N", defaultValue = "10",
      description = "Training points, n < d (default: ${DEFAULT-VALUE}).")
  int n;

  @Option(names = "--alpha", paramLabel = "A", defaultValue = "3",
      description = "Initialisation scale: w_0 ~ N(0, A^2/d I), so E|w_0|^2 = A^2 (default: ${DEFAULT-VALUE}).")
  double alpha;

  @Option(names = "--noise", paramLabel = "SIGMA", defaultValue = "0",
      description = "Label noise: y = X beta* + SIGMA eps, |beta*| = 1 (default: ${DEFAULT-VALUE}).")
  double noise;

  @Option(names = "--train-threshold", paramLabel = "L1", defaultValue = "1e-3",
      description = "t1 is the first step with training loss |Xw - y|^2/(2n) <= L1 (default: ${DEFAULT-VALUE}).")
  double trainThreshold;

  @Option(names = "--test-excess", paramLabel = "DELTA", defaultValue = "0.01",
      description = "t2 is the first step with test loss |w - beta*|^2/2 <= (that of the drift's endpoint, the ridge "
          + "solution) + DELTA (default: ${DEFAULT-VALUE}).")
  double testExcess;

  @Option(names = "--data-seed", paramLabel = "SEED",
      description = "Seed of the dataset X, beta*, eps (default: the run's --seed).")
  Long dataSeed;

  @Option(names = "--dataset", paramLabel = "MODE", defaultValue = "fixed",
      description = "fixed: one dataset for the whole run; per-trajectory: each trajectory draws its own X, y, beta* "
          + "from (--data-seed, trajectory), so the ensemble is over datasets too, and t2's level is each "
          + "trajectory's own (default: ${DEFAULT-VALUE}).")
  String dataset;

  /** Datasets whose GD stability {@code --dataset per-trajectory} checks before the run (the first ones). */
  static final int STABILITY_CHECKED = 64;

  /** Whether {@code --dataset per-trajectory} (see {@link DatasetMode}). */
  boolean perTrajectory() {
    return DatasetMode.perTrajectory(dataset);
  }

  /** Refuses {@code --dataset per-trajectory} in one line where {@code command} does not have it. */
  void onlyFixed(String command) {
    DatasetMode.onlyFixed(dataset, command);
  }

  long dataSeed(long runSeed) {
    return dataSeed != null ? dataSeed : runSeed;
  }

  /**
   * The model with a dataset per trajectory ({@code --dataset per-trajectory}), every option checked as for {@link
   * #model}; GD's stability on its datasets is {@link #checkStability}'s (after the cheaper memory check).
   */
  GrokLinregDatasets perTrajectoryModel(long runSeed, double eta, double lambda, Integer batch,
      boolean withReplacement) {
    return perTrajectoryModel(runSeed, eta, lambda, batch, org.sgdmc.models.Sampling.of(withReplacement));
  }

  /** {@link #perTrajectoryModel(long, double, double, Integer, boolean)} in any sampling mode (reshuffling too). */
  GrokLinregDatasets perTrajectoryModel(long runSeed, double eta, double lambda, Integer batch,
      org.sgdmc.models.Sampling sampling) {
    data(runSeed); // the one-line checks of --n, --dim, --noise
    checkOptions(lambda);
    GrokDatasets datasets = new GrokDatasets(GrokDatasets.Kind.DENSE, n, dim, 0, noise, dataSeed(runSeed), true);
    try {
      int s = batch == null ? n : batch;
      return new GrokLinregDatasets(datasets, eta, lambda, alpha, s, sampling, trainThreshold, testExcess);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  /**
   * Refuses, in one line, a learning rate at which full-batch GD diverges on the dataset of one of the first {@link
   * #STABILITY_CHECKED} trajectories (the others are counted in the result, not refused: checking every one would
   * cost an eigendecomposition each before the run).
   */
  static void checkStability(GrokLinregDatasets m, long trajectories) {
    for (long i = 0; i < Math.min(trajectories, STABILITY_CHECKED); i++) {
      GrokLinregTheory theory = new GrokLinregTheory(m.at(i));
      if (!theory.stable()) {
        throw new UserError(String.format("--lr %s: gradient descent diverges on trajectory %d's dataset, eta "
            + "(mu_max + lambda) = %.3g >= 2 (mu_max = %.3g)", m.eta(), i, m.eta() * (theory.largest() + m.lambda()),
            theory.largest()));
      }
    }
  }

  /**
   * Refuses in one line, before the run, datasets per trajectory that a block cannot hold: each block in flight
   * keeps its trajectories' X, y, beta* ({@code block width (n d + n + d)} doubles; not the ensemble's).
   */
  static void checkDatasetMemory(GrokDatasets datasets, EnsembleOptions options) {
    long doubles = datasets.blockDoubles(options.blockWidth());
    if (doubles == 0) {
      return;
    }
    if (doubles > Integer.MAX_VALUE - 8) {
      throw new UserError("--dataset per-trajectory keeps the " + datasets.n() + " x " + datasets.d() + " inputs of "
          + "each of the " + options.blockWidth() + " trajectories of a block: too many for one array; use a smaller "
          + "--block or --dataset fixed");
    }
    MemoryGuard.check("--dataset per-trajectory (X, y, beta* of each trajectory of a block in flight)",
        doubles * Double.BYTES * options.threads(), 0, "use a smaller --block or fewer --threads, or --dataset fixed");
  }

  /** The dataset, every bad value one line. */
  GrokData data(long runSeed) {
    if (n < 1) {
      throw new UserError("--n: the number of points must be at least 1, not " + n);
    }
    if (dim <= n) {
      throw new UserError("--dim " + dim + " <= --n " + n + ": over-parameterised regression needs d > n");
    }
    if (!(noise >= 0) || !Double.isFinite(noise)) {
      throw new UserError("--noise must be a finite number >= 0, not " + noise);
    }
    return GrokData.generate(n, dim, noise, dataSeed(runSeed));
  }

  /** The one-line checks of lambda, --alpha and the thresholds. */
  private void checkOptions(double lambda) {
    if (!(lambda >= 0) || !Double.isFinite(lambda)) {
      throw new UserError("--lambda: the weight decay must be a finite number >= 0, not " + lambda);
    }
    if (!(alpha >= 0) || !Double.isFinite(alpha)) {
      throw new UserError("--alpha must be a finite number >= 0, not " + alpha);
    }
    if (!(trainThreshold > 0) || !(testExcess > 0)) {
      throw new UserError("--train-threshold and --test-excess must be positive, not " + trainThreshold + " and "
          + testExcess);
    }
  }

  /**
   * The model at weight decay {@code lambda}: full-batch GD when {@code batch} is null; the test threshold is the
   * ridge endpoint's test loss plus {@code --test-excess}.
   */
  GrokLinreg model(GrokData data, double eta, double lambda, Integer batch, boolean withReplacement) {
    return model(data, eta, lambda, batch, org.sgdmc.models.Sampling.of(withReplacement));
  }

  /** {@link #model(GrokData, double, double, Integer, boolean)} in any sampling mode (reshuffling too). */
  GrokLinreg model(GrokData data, double eta, double lambda, Integer batch, org.sgdmc.models.Sampling sampling) {
    checkOptions(lambda);
    try {
      int s = batch == null ? data.n() : batch;
      GrokLinreg probe = new GrokLinreg(data, eta, lambda, alpha, s, sampling, trainThreshold, 1.0);
      GrokLinregTheory theory = new GrokLinregTheory(probe);
      if (!theory.stable()) {
        throw new UserError(String.format("--lr %s: gradient descent diverges, eta (mu_max + lambda) = %.3g >= 2 for "
            + "these data (mu_max = %.3g)", eta, eta * (theory.largest() + lambda), theory.largest()));
      }
      return new GrokLinreg(data, eta, lambda, alpha, s, sampling, trainThreshold,
          theory.endpointTestLoss() + testExcess);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
