package org.sgdmc.cli;

import org.sgdmc.models.TwoTimescale;
import org.sgdmc.models.TwoTimescaleData;
import org.sgdmc.theory.TwoTimescaleTheory;
import picocli.CommandLine.Option;

/** The two-timescale models' own options (seed 000), the same for {@code simulate} and {@code sweep}. */
public final class TwoTimescaleMixin {
  @Option(names = "--f", paramLabel = "F", defaultValue = "teacher-student",
      description = "The loss f(x, u): teacher-student (prediction p.x + q.u, linear) or quadratic (p.x + q.u^2, a "
          + "saddle at u = 0) (default: ${DEFAULT-VALUE}).")
  String f;

  @Option(names = "--n", paramLabel = "N", defaultValue = "100",
      description = "Training points, N > --fast-dim (default: ${DEFAULT-VALUE}).")
  int n;

  @Option(names = "--fast-dim", paramLabel = "D", defaultValue = "50",
      description = "Fast features (the dimension of x) (default: ${DEFAULT-VALUE}).")
  int fastDim;

  @Option(names = "--slow-dim", paramLabel = "S", defaultValue = "4",
      description = "Slow features (the dimension of y) (default: ${DEFAULT-VALUE}).")
  int slowDim;

  @Option(names = "--fast-signal", paramLabel = "X", defaultValue = "4",
      description = "The teacher's |x*| (default: ${DEFAULT-VALUE}).")
  double fastSignal;

  @Option(names = "--slow-signal", paramLabel = "G", defaultValue = "1.5",
      description = "The teacher's |g(u*)| (default: ${DEFAULT-VALUE}).")
  double slowSignal;

  @Option(names = "--noise", paramLabel = "SIGMA", defaultValue = "0.3",
      description = "Label noise (default: ${DEFAULT-VALUE}).")
  double noise;

  @Option(names = "--init-x", paramLabel = "A", defaultValue = "0.1",
      description = "x_0 ~ N(0, A^2/dFast I) (default: ${DEFAULT-VALUE}).")
  double initX;

  @Option(names = "--init-u", paramLabel = "B", defaultValue = "0.01",
      description = "u_0 = eps y_0 ~ N(0, B^2/dSlow I) (default: ${DEFAULT-VALUE}).")
  double initU;

  @Option(names = "--band", paramLabel = "K", defaultValue = "2",
      description = "The plateau band [L_p/K, L_p K] around L_p = (|lambda(0) - x*|^2 + |g(u*)|^2)/2, the test loss "
          + "with x at argmin_x f(x, 0) and u = 0: the first descent ends below L_p K, the terminal descent starts "
          + "below L_p/K (default: ${DEFAULT-VALUE}).")
  double band;

  @Option(names = "--data-seed", paramLabel = "SEED",
      description = "Seed of the dataset (default: the run's --seed).")
  Long dataSeed;

  /** The coupling, or a one-line error. */
  TwoTimescale.Coupling coupling() {
    TwoTimescale.Coupling c = TwoTimescale.Coupling.of(f);
    if (c == null) {
      throw new UserError("--f " + f + ": not a loss; choose teacher-student or quadratic");
    }
    return c;
  }

  /** The dataset, every bad value one line. */
  TwoTimescaleData data(long runSeed) {
    if (n < 2 || fastDim < 1 || slowDim < 1) {
      throw new UserError("--n, --fast-dim and --slow-dim must be at least 2, 1 and 1, not " + n + ", " + fastDim + ", "
          + slowDim);
    }
    if (n <= fastDim) {
      throw new UserError("--n " + n + " <= --fast-dim " + fastDim + ": the fast block must be under-parameterised "
          + "(argmin_x f unique)");
    }
    if (!(noise >= 0) || !Double.isFinite(noise)) {
      throw new UserError("--noise must be a finite number >= 0, not " + noise);
    }
    try {
      return TwoTimescaleData.generate(coupling(), n, fastDim, slowDim, fastSignal, slowSignal, noise,
          dataSeed != null ? dataSeed : runSeed);
    } catch (IllegalArgumentException e) {
      throw new UserError("--fast-signal/--slow-signal: " + e.getMessage());
    }
  }

  /** The model; full-batch GD when {@code batch} equals --n (without replacement). */
  TwoTimescale model(TwoTimescaleData data, double a, double eps, int batch, boolean withReplacement) {
    return model(data, a, eps, batch, org.sgdmc.models.Sampling.of(withReplacement));
  }

  /** The model, its minibatches drawn as {@code sampling} says; full-batch GD when {@code batch} equals --n (not with replacement). */
  TwoTimescale model(TwoTimescaleData data, double a, double eps, int batch, org.sgdmc.models.Sampling sampling) {
    if (!(eps > 0 && eps <= 1)) {
      throw new UserError("--eps: the scale separation must be in (0, 1], not " + eps);
    }
    try {
      TwoTimescale m = new TwoTimescale(data, eps, a, batch, sampling, initX, initU, band);
      if (m.coupling() == TwoTimescale.Coupling.LINEAR) {
        TwoTimescaleTheory th = new TwoTimescaleTheory(m);
        if (!th.stable()) {
          double[] mu = th.eigenvalues();
          throw new UserError(String.format("--lr %s: gradient descent diverges, a mu_max = %.3g >= 2 for these data",
              a, a * mu[mu.length - 1]));
        }
      }
      return m;
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
