package org.sgdmc.models;

import java.util.Arrays;

/**
 * Where the d-dimensional inputs x of a model come from: a Gaussian distribution sampled afresh every step
 * (N = infinity), or a fixed finite dataset of N points.
 *
 * <p>Gaussian points are {@code x = Sigma^(1/2) z} with z a vector of independent standard normals: for a
 * diagonal Sigma, {@code x_c = sqrt(Sigma_cc) z_c}; for a full Sigma, {@code x = L z} with L the lower
 * Cholesky factor. The normals come from Box-Muller on 52-bit uniforms, so every {@code z_c^2 <= 104 ln 2 =
 * 72.1}: that bounds {@code |x|^2}, and with it one SGD step (see {@link LinearD}).
 */
public sealed interface PointData {

  /** The dimension d of a point. */
  int dim();

  /** Number of points, or {@link Long#MAX_VALUE} for a distribution (N = infinity). */
  long size();

  /** An upper bound on {@code |x|^2} for any single point the data can produce. */
  double maxSquareNorm();

  /** A short description for files and tables. */
  String describe();

  /** The largest square of a Box-Muller normal from a uniform in (0, 1] with spacing 2^-52: -2 ln 2^-52. */
  double MAX_NORMAL_SQUARE = FeatureData.Gaussian.MAX_SQUARE;

  /**
   * x ~ N(0, diag(variances)), drawn fresh every step.
   *
   * @param variances the diagonal of Sigma, each finite and >= 0
   */
  record Gaussian(double[] variances) implements PointData {
    public Gaussian {
      if (variances.length == 0) {
        throw new IllegalArgumentException("the dimension d must be at least 1");
      }
      for (double v : variances) {
        if (!(v >= 0) || !Double.isFinite(v)) {
          throw new IllegalArgumentException("variances must be finite numbers >= 0, not " + v);
        }
      }
      variances = variances.clone();
    }

    /** Isotropic data, x ~ N(0, variance I_d). */
    public static Gaussian isotropic(int d, double variance) {
      if (d < 1) {
        throw new IllegalArgumentException("the dimension d must be at least 1, not " + d);
      }
      double[] v = new double[d];
      Arrays.fill(v, variance);
      return new Gaussian(v);
    }

    @Override
    public double[] variances() {
      return variances.clone();
    }

    /** The standard deviations {@code sqrt(Sigma_cc)} that multiply the normals. */
    public double[] scales() {
      double[] s = new double[variances.length];
      for (int c = 0; c < s.length; c++) {
        s[c] = Math.sqrt(variances[c]);
      }
      return s;
    }

    /** Whether Sigma is a multiple of the identity: then the law of x is rotation invariant. */
    public boolean isIsotropic() {
      for (double v : variances) {
        if (v != variances[0]) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int dim() {
      return variances.length;
    }

    @Override
    public long size() {
      return Long.MAX_VALUE;
    }

    @Override
    public double maxSquareNorm() {
      double s = 0;
      for (double v : variances) {
        s += v;
      }
      return MAX_NORMAL_SQUARE * s * (1 + 1e-12);
    }

    @Override
    public String describe() {
      if (isIsotropic()) {
        return "gaussian isotropic sigma^2=" + variances[0] + " d=" + variances.length;
      }
      return "gaussian diag(" + join(variances) + ")";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Gaussian g && Arrays.equals(variances, g.variances);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(variances);
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  /**
   * x ~ N(0, Sigma) for a full covariance matrix, drawn fresh every step as {@code x = L z}, L the lower
   * Cholesky factor of Sigma.
   *
   * @param covariance Sigma, symmetric positive definite
   * @param factor L, lower triangular with {@code L L^T = Sigma} (up to rounding)
   */
  record CorrelatedGaussian(double[][] covariance, double[][] factor) implements PointData {
    public CorrelatedGaussian {
      covariance = copy(covariance);
      factor = copy(factor);
    }

    /** The data for {@code covariance}; one-line errors unless it is square, symmetric and positive definite. */
    public static CorrelatedGaussian of(double[][] covariance) {
      int d = covariance.length;
      if (d == 0) {
        throw new IllegalArgumentException("the covariance matrix is empty");
      }
      for (int i = 0; i < d; i++) {
        if (covariance[i].length != d) {
          throw new IllegalArgumentException("the covariance matrix must be square: row " + (i + 1) + " has "
              + covariance[i].length + " entries, not " + d);
        }
        for (int j = 0; j < d; j++) {
          if (!Double.isFinite(covariance[i][j])) {
            throw new IllegalArgumentException("covariance entry (" + (i + 1) + ", " + (j + 1) + ") is not finite");
          }
        }
      }
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < i; j++) {
          double a = covariance[i][j], b = covariance[j][i];
          if (Math.abs(a - b) > 1e-12 * Math.max(Math.abs(a), Math.abs(b))) {
            throw new IllegalArgumentException("the covariance matrix is not symmetric: entries (" + (i + 1) + ", "
                + (j + 1) + ") and (" + (j + 1) + ", " + (i + 1) + ") are " + a + " and " + b);
          }
        }
      }
      return new CorrelatedGaussian(covariance, cholesky(covariance));
    }

    /** Lower Cholesky factor of the lower triangle of {@code a}; fails unless positive definite. */
    static double[][] cholesky(double[][] a) {
      int d = a.length;
      double[][] l = new double[d][d];
      for (int j = 0; j < d; j++) {
        double s = a[j][j];
        for (int k = 0; k < j; k++) {
          s -= l[j][k] * l[j][k];
        }
        if (!(s > 0)) {
          throw new IllegalArgumentException("the covariance matrix is not positive definite (pivot " + (j + 1)
              + " is " + s + "); for independent components use --sigma-diag");
        }
        l[j][j] = Math.sqrt(s);
        for (int i = j + 1; i < d; i++) {
          double t = a[i][j];
          for (int k = 0; k < j; k++) {
            t -= l[i][k] * l[j][k];
          }
          l[i][j] = t / l[j][j];
        }
      }
      return l;
    }

    @Override
    public double[][] covariance() {
      return copy(covariance);
    }

    @Override
    public double[][] factor() {
      return copy(factor);
    }

    @Override
    public int dim() {
      return covariance.length;
    }

    @Override
    public long size() {
      return Long.MAX_VALUE;
    }

    /** {@code |L z|^2 <= ||L||_F^2 |z|^2 = tr(Sigma) |z|^2 <= tr(Sigma) d max z_c^2}. */
    @Override
    public double maxSquareNorm() {
      double frob = 0;
      for (double[] row : factor) {
        for (double v : row) {
          frob += v * v;
        }
      }
      return MAX_NORMAL_SQUARE * dim() * frob * (1 + 1e-12);
    }

    @Override
    public String describe() {
      return "gaussian with a full " + dim() + "x" + dim() + " covariance";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof CorrelatedGaussian g && Arrays.deepEquals(covariance, g.covariance);
    }

    @Override
    public int hashCode() {
      return Arrays.deepHashCode(covariance);
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  /**
   * A fixed dataset of N points in R^d shared by all trajectories; {@code source} says where it came from.
   *
   * @param points N rows of d finite coordinates
   */
  record Finite(double[][] points, String source) implements PointData {
    public Finite {
      if (points.length == 0) {
        throw new IllegalArgumentException("the dataset is empty");
      }
      int d = points[0].length;
      if (d == 0) {
        throw new IllegalArgumentException("the data points of " + source + " have no coordinates");
      }
      for (int i = 0; i < points.length; i++) {
        if (points[i].length != d) {
          throw new IllegalArgumentException("data point " + (i + 1) + " of " + source + " has " + points[i].length
              + " coordinates, the first has " + d);
        }
        for (double v : points[i]) {
          if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("data point " + (i + 1) + " of " + source + " is not finite");
          }
        }
      }
      points = copy(points);
    }

    @Override
    public double[][] points() {
      return copy(points);
    }

    /** The points row-major: coordinate c of point i at {@code [i * d + c]}. */
    public double[] flat() {
      int d = dim();
      double[] f = new double[points.length * d];
      for (int i = 0; i < points.length; i++) {
        System.arraycopy(points[i], 0, f, i * d, d);
      }
      return f;
    }

    @Override
    public int dim() {
      return points[0].length;
    }

    @Override
    public long size() {
      return points.length;
    }

    @Override
    public double maxSquareNorm() {
      double m = 0;
      for (double[] p : points) {
        double s = 0;
        for (double v : p) {
          s += v * v;
        }
        m = Math.max(m, s);
      }
      return m * (1 + 1e-12);
    }

    @Override
    public String describe() {
      return "finite N=" + points.length + " d=" + dim() + " (" + source + ")";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Finite f && Arrays.deepEquals(points, f.points) && source.equals(f.source);
    }

    @Override
    public int hashCode() {
      return Arrays.deepHashCode(points) * 31 + source.hashCode();
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  private static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  private static String join(double[] v) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v.length; i++) {
      sb.append(i == 0 ? "" : ",").append(v[i]);
    }
    return sb.toString();
  }
}
