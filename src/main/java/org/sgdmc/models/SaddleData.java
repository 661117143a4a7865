package org.sgdmc.models;

import java.util.Arrays;

/**
 * Where the saddle model's {@code chi = x y} comes from (seed 002, Sec. 4.2): a two-point law, Gaussian data
 * drawn afresh each step, or a fixed finite dataset. Only chi enters the dynamics, so each kind is described
 * by the law of chi and the few moments the theory needs.
 */
public sealed interface SaddleData {

  /** Number of points, or {@link Long#MAX_VALUE} for a distribution (N = infinity). */
  long size();

  /** E[chi] over the data. */
  double meanChi();

  /** E[chi^2] over the data. */
  double meanChiSquare();

  /** An upper bound on |chi| of one draw (bounds one SGD factor, see {@link Saddle#renormalisationInterval}). */
  double maxAbsChi();

  /** A short description for files and tables, e.g. {@code gaussian mu=0.06}. */
  String describe();

  /** Var(chi) = E[chi^2] - E[chi]^2, clamped at 0 against rounding. */
  default double varianceChi() {
    double m = meanChi();
    return Math.max(0.0, meanChiSquare() - m * m);
  }

  /**
   * chi = 1 or {@code a} with probability 1/2 each, drawn afresh for every batch element (seed 002, Sec. 4.2
   * and eq. (68)-(69)). With {@code a > -1}, E[chi] &gt; 0, and correct learning means sign(w) = sign(u).
   */
  record TwoPoint(double a) implements SaddleData {
    public TwoPoint {
      if (!Double.isFinite(a)) {
        throw new IllegalArgumentException("the two-point value a must be a finite number, not " + a);
      }
    }

    @Override
    public long size() {
      return Long.MAX_VALUE;
    }

    @Override
    public double meanChi() {
      return 0.5 * (1.0 + a);
    }

    @Override
    public double meanChiSquare() {
      return 0.5 * (1.0 + a * a);
    }

    @Override
    public double maxAbsChi() {
      return Math.max(1.0, Math.abs(a));
    }

    @Override
    public String describe() {
      return "two-point a=" + a;
    }
  }

  /**
   * x ~ N(0, 1), eps ~ N(0, 4) (standard deviation 2), y = mu x + (1 - mu) eps, drawn afresh every step
   * (seed 002, Fig. 3). Then {@code chi = mu x^2 + (1 - mu) x eps}: E[chi] = mu, E[chi^2] = 3 mu^2 +
   * 4 (1 - mu)^2.
   */
  record Gaussian(double mu) implements SaddleData {
    /** Standard deviation of the label noise eps (seed 002: eps ~ N(0, 4)). */
    public static final double NOISE_SD = 2.0;

    public Gaussian {
      if (!Double.isFinite(mu)) {
        throw new IllegalArgumentException("mu must be a finite number, not " + mu);
      }
    }

    @Override
    public long size() {
      return Long.MAX_VALUE;
    }

    @Override
    public double meanChi() {
      return mu;
    }

    @Override
    public double meanChiSquare() {
      double nu = 1.0 - mu;
      return 3 * mu * mu + NOISE_SD * NOISE_SD * nu * nu;
    }

    /**
     * x and eps/2 are the cosine and sine parts of one Box-Muller pair with radius r, r^2 &lt;= 104 ln 2, so
     * |chi| = r^2 |mu cos^2 + 2 (1 - mu) cos sin| &lt;= r^2 (|mu| + |1 - mu|); the bound below doubles the
     * second term for slack.
     */
    @Override
    public double maxAbsChi() {
      return FeatureData.Gaussian.MAX_SQUARE * (Math.abs(mu) + 2 * Math.abs(1.0 - mu));
    }

    @Override
    public String describe() {
      return "gaussian mu=" + mu;
    }
  }

  /** A fixed dataset (x_i, y_i), i = 1..N, shared by all trajectories; {@code source} says where it came from. */
  record Finite(double[] x, double[] y, String source) implements SaddleData {
    public Finite {
      if (x.length == 0) {
        throw new IllegalArgumentException("the dataset is empty");
      }
      if (x.length != y.length) {
        throw new IllegalArgumentException("the dataset has " + x.length + " inputs x but " + y.length + " labels y");
      }
      for (int i = 0; i < x.length; i++) {
        if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
          throw new IllegalArgumentException("data point " + (i + 1) + " of " + source + " is not a pair of finite numbers");
        }
      }
      x = x.clone();
      y = y.clone();
    }

    @Override
    public double[] x() {
      return x.clone();
    }

    @Override
    public double[] y() {
      return y.clone();
    }

    /** chi_i = x_i y_i, which is all the dynamics sees. */
    public double[] chi() {
      double[] c = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        c[i] = x[i] * y[i];
      }
      return c;
    }

    @Override
    public long size() {
      return x.length;
    }

    @Override
    public double meanChi() {
      double s = 0;
      for (double c : chi()) {
        s += c;
      }
      return s / x.length;
    }

    @Override
    public double meanChiSquare() {
      double s = 0;
      for (double c : chi()) {
        s += c * c;
      }
      return s / x.length;
    }

    @Override
    public double maxAbsChi() {
      double m = 0;
      for (double c : chi()) {
        m = Math.max(m, Math.abs(c));
      }
      return m;
    }

    @Override
    public String describe() {
      return "finite N=" + x.length + " (" + source + ")";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Finite f && Arrays.equals(x, f.x) && Arrays.equals(y, f.y) && source.equals(f.source);
    }

    @Override
    public int hashCode() {
      return (Arrays.hashCode(x) * 31 + Arrays.hashCode(y)) * 31 + source.hashCode();
    }

    @Override
    public String toString() {
      return describe();
    }
  }
}
