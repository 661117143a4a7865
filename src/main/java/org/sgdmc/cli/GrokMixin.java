package org.sgdmc.cli;

import org.sgdmc.models.GrokData;
import org.sgdmc.models.GrokLinreg;
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
    return GrokData.generate(n, dim, noise, dataSeed != null ? dataSeed : runSeed);
  }

  /**
   * The model at weight decay {@code lambda}: full-batch GD when {@code batch} is null; the test threshold is the
   * ridge endpoint's test loss plus {@code --test-excess}.
   */
  GrokLinreg model(GrokData data, double eta, double lambda, Integer batch, boolean withReplacement) {
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
    try {
      int s = batch == null ? data.n() : batch;
      GrokLinreg probe = new GrokLinreg(data, eta, lambda, alpha, s, withReplacement, trainThreshold, 1.0);
      GrokLinregTheory theory = new GrokLinregTheory(probe);
      if (!theory.stable()) {
        throw new UserError(String.format("--lr %s: gradient descent diverges, eta (mu_max + lambda) = %.3g >= 2 for "
            + "these data (mu_max = %.3g)", eta, eta * (theory.largest() + lambda), theory.largest()));
      }
      return new GrokLinreg(data, eta, lambda, alpha, s, withReplacement, trainThreshold,
          theory.endpointTestLoss() + testExcess);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
