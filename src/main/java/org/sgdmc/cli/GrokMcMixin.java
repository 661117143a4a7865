package org.sgdmc.cli;

import org.sgdmc.models.GrokMc;
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

  @Option(names = "--with-replacement", description = SgdMixin.SAMPLING)
  boolean withReplacement;

  /** The ground truth, the mask and the minimum-nuclear-norm completion; {@code model} is built from it per cell. */
  record Data(GrokMcMixin options, double[] truth, boolean[] mask, MinNuclearCompletion completion) {
    /** Checks (eta, lambda) and the batch without the completion, one line on a bad value. */
    void check(double eta, double lambda) {
      build(eta, lambda, new double[options.d * options.d]);
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
        int s = options.batch == null ? observed : options.batch;
        if (options.batch != null && (s < 1 || (!options.withReplacement && s > observed))) {
          throw new UserError("--batch: the batch size must be in 1.." + observed + " (the observed entries) without "
              + "replacement, at least 1 with, not " + s);
        }
        return new GrokMc(options.d, options.rank, truth, mask, eta, lambda, options.sigma, target, s,
            options.withReplacement);
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
    }
  }

  /**
   * The data of the run; {@code etas} x {@code lambdas} are checked (one line each) before the convex solver runs.
   */
  Data data(long runSeed, double[] etas, double[] lambdas) {
    if (!(trainThreshold > 0) || !(testThreshold > 0)) {
      throw new UserError("--train-threshold and --test-threshold must be positive");
    }
    try {
      double[][] tm = GrokMc.truthAndMask(d, rank, observed, dataSeed != null ? dataSeed : runSeed);
      boolean[] mask = new boolean[d * d];
      for (int k = 0; k < mask.length; k++) {
        mask[k] = tm[1][k] == 1;
      }
      Data unsolved = new Data(this, tm[0], mask, null);
      for (double eta : etas) {
        for (double lambda : lambdas) {
          unsolved.check(eta, lambda); // before the solver runs
        }
      }
      return new Data(this, tm[0], mask, MinNuclearCompletion.of(d, tm[0], mask));
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
