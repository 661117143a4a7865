package org.sgdmc.cli;

import org.sgdmc.engine.MemoryGuard;
import org.sgdmc.models.GrokMc;
import org.sgdmc.models.GrokMcDatasets;
import org.sgdmc.models.Sampling;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.theory.MinNuclearCompletion;
import picocli.CommandLine.Option;

/** Matrix completion's own options, the same for {@code simulate grok-mc} and {@code sweep grok-mc}. */
public final class GrokMcMixin {
  @Option(names = "--dim", paramLabel = "D", defaultValue = "10", description = "Size d (default: ${DEFAULT-VALUE}).")
  int d;

  @Option(names = "--rank", paramLabel = "R", defaultValue = "2", description = "Rank r of M*, 1..d (default: ${DEFAULT-VALUE}).")
  int rank;

  @Option(names = "--observed", paramLabel = "P", defaultValue = "0.5",
      description = "Probability that an entry is observed (default: ${DEFAULT-VALUE}).")
  double observed;

  @Option(names = "--sigma", paramLabel = "S", defaultValue = "1",
      description = "Initialisation: U, V entries ~ N(0, S^2) (default: ${DEFAULT-VALUE}).")
  double sigma;

  @Option(names = "--train-threshold", paramLabel = "L1", defaultValue = "1e-3",
      description = "t1: first step with observed-entry loss <= L1 (default: ${DEFAULT-VALUE}).")
  double trainThreshold;

  @Option(names = "--test-threshold", paramLabel = "L2", defaultValue = "1e-2",
      description = "t2: first step with full loss <= L2 (default: ${DEFAULT-VALUE}).")
  double testThreshold;

  @Option(names = "--data-seed", paramLabel = "SEED", description = "Seed of M* and the mask (default: the run's --seed).")
  Long dataSeed;

  @Option(names = "--batch", paramLabel = "S",
      description = "Minibatch SGD over the observed entries, S of them per step (default: full-batch GD).")
  Integer batch;

  @Option(names = "--sampling", paramLabel = "MODE", description = SgdMixin.SAMPLING)
  String sampling;

  @Option(names = "--with-replacement", description = SgdMixin.WITH_REPLACEMENT)
  boolean withReplacement;

  @Option(names = "--dataset", paramLabel = "MODE", defaultValue = "fixed",
      description = "fixed: one M* and mask for the whole run; per-trajectory: each trajectory draws its own from "
          + "(--data-seed, trajectory), so the ensemble is over datasets too; GD, or SGD without or with "
          + "replacement (not reshuffled), each trajectory's batches from its own entries; the distance to the "
          + "minimum-nuclear-norm completion for the first " + GrokMcDatasets.REFERENCED + " trajectories only "
          + "(default: ${DEFAULT-VALUE}).")
  String dataset;

  /** Whether {@code --dataset per-trajectory} (see {@link DatasetMode}). */
  boolean perTrajectory() {
    return DatasetMode.perTrajectory(dataset);
  }

  /**
   * The sampling mode of {@code --sampling} or its alias {@code --with-replacement}, read as every command that
   * takes {@link SgdMixin} reads it (the same words, default and one-line refusals); the data (Omega) are finite.
   */
  Sampling sampling() {
    SgdMixin sgd = new SgdMixin();
    sgd.sampling = sampling;
    sgd.withReplacementFlag = withReplacement;
    return sgd.sampling(true);
  }

  /** Refuses {@code --dataset per-trajectory} in one line where {@code command} does not have it. */
  void onlyFixed(String command) {
    DatasetMode.onlyFixed(dataset, command);
  }

  /**
   * The shared settings of a run with a dataset per trajectory at (eta, lambda), every bad value one line. Refused:
   * reshuffling (each trajectory's epoch would have its own length), an observed fraction so small that some
   * trajectory of the run would likely observe nothing, and batches drawn without replacement that some trajectory
   * would likely not have more entries than (its SGD would be GD: a lane of another kind than its neighbours).
   */
  GrokMc perTrajectoryBase(long runSeed, double eta, double lambda, long trajectories) {
    if (sampling() == Sampling.RESHUFFLE) {
      throw new UserError("--sampling reshuffle with --dataset per-trajectory: each trajectory's epoch would have its "
          + "own length; use --sampling without or with, or --dataset fixed");
    }
    if (observed > 0 && trajectories * Math.pow(1 - observed, (double) d * d) > 1e-6) {
      throw new UserError("--observed " + observed + " with --dataset per-trajectory: some of the " + trajectories
          + " trajectories would likely observe no entry of their " + d + " x " + d + " matrix; raise --observed or "
          + "--dim");
    }
    if (batch != null && sampling() == Sampling.WITHOUT_REPLACEMENT && observed > 0 && observed < 1
        && trajectories * new org.apache.commons.math3.distribution.BinomialDistribution(d * d, observed)
            .cumulativeProbability(batch) > 1e-6) {
      throw new UserError("--batch " + batch + " without replacement with --dataset per-trajectory: some of the "
          + trajectories + " trajectories would likely observe no more than " + batch + " entries; use a smaller "
          + "--batch, --sampling with, or raise --observed");
    }
    return unsolved(runSeed).check(eta, lambda);
  }

  /**
   * The datasets of a run on {@code base}, after a one-line refusal where the blocks in flight could not hold their
   * trajectories' truths and masks; solves the first {@link GrokMcDatasets#REFERENCED} trajectories' completions.
   */
  GrokMcDatasets datasets(GrokMc base, long runSeed, EnsembleOptions options) {
    long doubles = GrokMcDatasets.blockDoubles(base.d(), options.blockWidth());
    if (doubles / 2 > Integer.MAX_VALUE - 8) {
      throw new UserError("--dataset per-trajectory keeps the truth and mask of each of the " + options.blockWidth()
          + " trajectories of a block: too many for one array; use a smaller --block, a smaller --dim or --dataset "
          + "fixed");
    }
    MemoryGuard.check("--dataset per-trajectory (the truth and mask of each trajectory of a block in flight)",
        doubles * Double.BYTES * options.threads(), 0, "use a smaller --block or fewer --threads, or --dataset fixed");
    try {
      return GrokMcDatasets.of(base, observed, dataSeed != null ? dataSeed : runSeed,
          (int) Math.min(GrokMcDatasets.REFERENCED, options.trajectories()));
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  /** The ground truth, the mask and the minimum-nuclear-norm completion; {@code model} is built from it per cell. */
  record Data(GrokMcMixin options, double[] truth, boolean[] mask, MinNuclearCompletion completion) {
    /** Checks (eta, lambda) and the batch without the completion, one line on a bad value. */
    GrokMc check(double eta, double lambda) {
      return build(eta, lambda, new double[options.d * options.d]);
    }

    /** The model at (eta, lambda), every bad value one line. */
    GrokMc model(double eta, double lambda) {
      return build(eta, lambda, completion.x());
    }

    private GrokMc build(double eta, double lambda, double[] target) {
      try {
        int observed = 0;
        for (boolean b : mask) {
          observed += b ? 1 : 0;
        }
        Sampling mode = options.sampling();
        int s = options.batch == null ? observed : options.batch;
        if (options.batch != null && (s < 1 || (!mode.withReplacement() && s > observed))) {
          throw new UserError("--batch: the batch size must be in 1.." + observed + " (the observed entries) "
              + (mode == Sampling.RESHUFFLE ? "when reshuffling" : "without replacement, at least 1 with") + ", not "
              + s);
        }
        return new GrokMc(options.d, options.rank, truth, mask, eta, lambda, options.sigma, target, s, mode);
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
    }
  }

  /**
   * The data of the run; {@code etas} x {@code lambdas} are checked (one line each) before the convex solver runs.
   */
  Data data(long runSeed, double[] etas, double[] lambdas) {
    Data unsolved = unsolved(runSeed);
    for (double eta : etas) {
      for (double lambda : lambdas) {
        unsolved.check(eta, lambda); // before the solver runs
      }
    }
    try {
      return new Data(this, unsolved.truth(), unsolved.mask(),
          MinNuclearCompletion.of(d, unsolved.truth(), unsolved.mask()));
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  /** The truth and mask of the data seed, without the completion; the levels checked. */
  private Data unsolved(long runSeed) {
    if (!(trainThreshold > 0) || !(testThreshold > 0)) {
      throw new UserError("--train-threshold and --test-threshold must be positive");
    }
    try {
      double[][] tm = GrokMc.truthAndMask(d, rank, observed, dataSeed != null ? dataSeed : runSeed);
      boolean[] mask = new boolean[d * d];
      for (int k = 0; k < mask.length; k++) {
        mask[k] = tm[1][k] == 1;
      }
      return new Data(this, tm[0], mask, null);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
