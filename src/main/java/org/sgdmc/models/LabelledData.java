package org.sgdmc.models;

import java.util.Arrays;
import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;

/**
 * Where the pairs (x, y) of a one-dimensional regression off interpolation come from: a stream
 * {@code x ~ N(0, 1), y = x w* + sigma eps} drawn afresh every step, or a fixed dataset. Only the residuals
 * about the least-squares solution matter to the dynamics of {@code u = w - w_LS}: the per-point values are
 * x_i^2 and x_i e_i with {@code e_i = y_i - x_i w_LS}.
 */
public sealed interface LabelledData {

  /** Number of points, or {@link Long#MAX_VALUE} for a stream. */
  long size();

  /** E[x^2] over the data. */
  double secondMoment();

  /** Var[x^2] = E[x^4] - E[x^2]^2: the per-sample gradient variance's growth with u^2. */
  double squareVariance();

  /** E[x^3 e] (zero for a stream): the gradient variance's linear term is {@code -2 u E[x^3 e]}. */
  double cubicResidualMoment();

  /** E[x^2 e^2]: the per-sample gradient variance at the minimum. */
  double gradientVarianceAtMinimum();

  /** The largest x^2 one draw can produce (bounds a step's factor). */
  double maxSquare();

  String describe();

  /** The stream x ~ N(0, 1), y = x w* + sigma eps, eps ~ N(0, 1); w_LS = w* and e = sigma eps. */
  record Stream(double sigma) implements LabelledData {
    public Stream {
      if (!(sigma > 0) || !Double.isFinite(sigma)) {
        throw new IllegalArgumentException("the label noise sigma must be a positive finite number, not " + sigma
            + " (with sigma = 0 SGD interpolates and converges; use 'simulate linreg1d')");
      }
    }

    @Override
    public long size() {
      return Long.MAX_VALUE;
    }

    @Override
    public double secondMoment() {
      return 1.0;
    }

    @Override
    public double squareVariance() {
      return 2.0; // E x^4 - (E x^2)^2 = 3 - 1
    }

    @Override
    public double cubicResidualMoment() {
      return 0.0;
    }

    @Override
    public double gradientVarianceAtMinimum() {
      return sigma * sigma;
    }

    @Override
    public double maxSquare() {
      return FeatureData.Gaussian.MAX_SQUARE;
    }

    @Override
    public String describe() {
      return "gaussian stream, sigma=" + sigma;
    }
  }

  /**
   * A fixed dataset (x_i, y_i). {@code wLs} is its least-squares slope {@code sum x y / sum x^2}, and the
   * model works with {@code squares[i] = x_i^2} and {@code products[i] = x_i e_i}, which sum to zero.
   */
  record Finite(double[] x, double[] y, String source) implements LabelledData {
    public Finite {
      if (x.length == 0 || x.length != y.length) {
        throw new IllegalArgumentException("the dataset needs as many labels as points and at least one of each");
      }
      double sxx = 0;
      for (int i = 0; i < x.length; i++) {
        if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
          throw new IllegalArgumentException("data point " + (i + 1) + " of " + source + " is not a finite pair");
        }
        sxx += x[i] * x[i];
      }
      if (!(sxx > 0)) {
        throw new IllegalArgumentException("all x are 0: the least-squares slope is undefined");
      }
      x = x.clone();
      y = y.clone();
    }

    /**
     * N points x_i ~ N(0, 1) (stream {@link org.sgdmc.rng.Stream#DATASET}, trajectory 0, as
     * {@link Datasets#gaussian}) with labels {@code y_i = x_i w* + sigma eps_i}, eps from trajectory 1.
     */
    public static Finite generated(int n, double wStar, double sigma, long dataSeed) {
      if (n < 2) {
        throw new IllegalArgumentException("an off-interpolation dataset needs N >= 2 points, not " + n);
      }
      if (!(sigma > 0) || !Double.isFinite(sigma)) {
        throw new IllegalArgumentException("the label noise sigma must be a positive finite number, not " + sigma);
      }
      double[] x = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = Draws.normal(dataSeed, org.sgdmc.rng.Stream.DATASET, 0, i);
        y[i] = x[i] * wStar + sigma * Draws.normal(dataSeed, org.sgdmc.rng.Stream.DATASET, 1, i);
      }
      return new Finite(x, y, "generated N(0,1), y = " + wStar + " x + " + sigma + " eps, data seed " + dataSeed);
    }

    @Override
    public double[] x() {
      return x.clone();
    }

    @Override
    public double[] y() {
      return y.clone();
    }

    /** The least-squares slope. */
    public double wLs() {
      double sxy = 0;
      double sxx = 0;
      for (int i = 0; i < x.length; i++) {
        sxy += x[i] * y[i];
        sxx += x[i] * x[i];
      }
      return sxy / sxx;
    }

    /** x_i^2. */
    public double[] squares() {
      double[] s = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        s[i] = x[i] * x[i];
      }
      return s;
    }

    /** x_i e_i with e_i the residual about w_LS. */
    public double[] products() {
      double w = wLs();
      double[] p = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        p[i] = x[i] * (y[i] - x[i] * w);
      }
      return p;
    }

    @Override
    public long size() {
      return x.length;
    }

    @Override
    public double secondMoment() {
      return mean(squares(), 1);
    }

    @Override
    public double squareVariance() {
      double m2 = secondMoment();
      double[] s = squares();
      double v = 0;
      for (double q : s) {
        v += (q - m2) * (q - m2);
      }
      return v / s.length;
    }

    @Override
    public double cubicResidualMoment() {
      double[] s = squares();
      double[] p = products();
      double m = 0;
      for (int i = 0; i < s.length; i++) {
        m += s[i] * p[i];
      }
      return m / s.length;
    }

    @Override
    public double gradientVarianceAtMinimum() {
      return mean(products(), 2);
    }

    @Override
    public double maxSquare() {
      double m = 0;
      for (double v : x) {
        m = Math.max(m, v * v);
      }
      return m;
    }

    /** The x as the feature-only view used by the Lyapunov theory. */
    public FeatureData.Finite features() {
      return new FeatureData.Finite(x, source);
    }

    private static double mean(double[] v, int power) {
      double s = 0;
      for (double a : v) {
        s += power == 1 ? a : a * a;
      }
      return s / v.length;
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
