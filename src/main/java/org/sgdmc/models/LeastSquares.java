package org.sgdmc.models;

import java.util.Arrays;

/**
 * The least-squares fit of labels y_i on the points x_i of a finite dataset: {@code w_LS} minimising
 * {@code sum_i (y_i - x_i . w)^2}, and the residuals {@code e_i = y_i - x_i . w_LS}. SGD off interpolation
 * fluctuates around {@code w_LS}, not around the teacher that made the labels, and its noise is carried by
 * these residuals; at {@code w_LS} they are orthogonal to every column of the design, {@code sum_i x_i e_i =
 * 0}, which is why the stationary mean of {@code w - w_LS} is 0.
 *
 * <p>Computed by Householder QR of the N x d design matrix X, never by forming {@code X^T X}: QR loses digits
 * in proportion to the condition number of X, the normal equations to its square.
 *
 * @param labels y_i, one per point
 * @param solution w_LS, d numbers
 * @param residuals e_i = y_i - x_i . w_LS, one per point
 */
public record LeastSquares(double[] labels, double[] solution, double[] residuals) {
  /**
   * A column of R whose diagonal entry is below this many units in the last place of the largest column
   * norm counts as a combination of the earlier columns: rounding alone makes R_kk about N ulp of that norm
   * for an exactly dependent column.
   */
  static final double RANK_TOLERANCE_ULPS = 16;

  public LeastSquares {
    if (labels.length != residuals.length || solution.length == 0) {
      throw new IllegalArgumentException("a least-squares fit needs one residual per label and a non-empty solution: "
          + labels.length + " labels, " + residuals.length + " residuals, " + solution.length + " coefficients");
    }
    for (double[] a : new double[][] {labels, solution, residuals}) {
      for (double v : a) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("a least-squares fit must be finite, not " + v);
        }
      }
    }
    labels = labels.clone();
    solution = solution.clone();
    residuals = residuals.clone();
  }

  /** The fit of {@code labels} on {@code points}; a one-line error if the design is rank-deficient. */
  public static LeastSquares fit(PointData.Finite points, double[] labels) {
    double[][] x = points.points();
    int n = x.length;
    int d = points.dim();
    if (labels.length != n) {
      throw new IllegalArgumentException("the dataset has " + n + " points but " + labels.length + " labels");
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(labels[i])) {
        throw new IllegalArgumentException("label " + (i + 1) + " is not finite: " + labels[i]);
      }
    }
    if (n < d) {
      throw new IllegalArgumentException("least squares in d = " + d + " dimensions needs at least d points, not " + n);
    }
    double[] w = solve(points.points(), labels.clone(), d); // solve destroys its copy
    double[] e = new double[n];
    for (int i = 0; i < n; i++) {
      double p = 0.0;
      for (int c = 0; c < d; c++) {
        p = Math.fma(x[i][c], w[c], p);
      }
      e[i] = labels[i] - p;
    }
    return new LeastSquares(labels, w, e);
  }

  /** Householder QR of a (destroyed) with b transformed alongside, then back substitution: w_LS. */
  private static double[] solve(double[][] a, double[] b, int d) {
    int n = a.length;
    double largest = 0;
    for (int c = 0; c < d; c++) {
      largest = Math.max(largest, columnNorm(a, c, 0));
    }
    double tolerance = RANK_TOLERANCE_ULPS * Math.max(n, d) * Math.ulp(largest);
    double[] diag = new double[d];
    for (int k = 0; k < d; k++) {
      double norm = columnNorm(a, k, k);
      if (!(norm > tolerance)) {
        throw new IllegalArgumentException("the design matrix is singular: column " + (k + 1)
            + " of the points is (numerically) a combination of the earlier ones, so w_LS is not unique");
      }
      double alpha = a[k][k] > 0 ? -norm : norm; // the sign that avoids cancellation in v_k = a_kk - alpha
      a[k][k] -= alpha; // the Householder vector v = a_k - alpha e_k, stored in place of column k
      double vv = -alpha * a[k][k]; // v.v / 2 = norm^2 - alpha a_kk (original a_kk), without cancellation
      for (int c = k + 1; c < d; c++) {
        double s = 0;
        for (int i = k; i < n; i++) {
          s += a[i][k] * a[i][c];
        }
        double f = s / vv;
        for (int i = k; i < n; i++) {
          a[i][c] -= f * a[i][k];
        }
      }
      double s = 0;
      for (int i = k; i < n; i++) {
        s += a[i][k] * b[i];
      }
      double f = s / vv;
      for (int i = k; i < n; i++) {
        b[i] -= f * a[i][k];
      }
      diag[k] = alpha;
    }
    double[] w = new double[d];
    for (int k = d - 1; k >= 0; k--) {
      double s = b[k];
      for (int c = k + 1; c < d; c++) {
        s -= a[k][c] * w[c];
      }
      w[k] = s / diag[k];
    }
    return w;
  }

  /** The Euclidean norm of rows {@code from..} of column c, scaled so that no square overflows. */
  private static double columnNorm(double[][] a, int c, int from) {
    double scale = 0;
    for (int i = from; i < a.length; i++) {
      scale = Math.max(scale, Math.abs(a[i][c]));
    }
    if (scale == 0) {
      return 0;
    }
    double s = 0;
    for (int i = from; i < a.length; i++) {
      double v = a[i][c] / scale;
      s += v * v;
    }
    return scale * Math.sqrt(s);
  }

  @Override
  public double[] labels() {
    return labels.clone();
  }

  @Override
  public double[] solution() {
    return solution.clone();
  }

  @Override
  public double[] residuals() {
    return residuals.clone();
  }

  /** e_i, without copying the array. */
  public double residual(int i) {
    return residuals[i];
  }

  /** The mean of e_i^2: the training loss at w_LS, times 2. */
  public double meanSquareResidual() {
    double s = 0;
    for (double e : residuals) {
      s += e * e;
    }
    return s / residuals.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LeastSquares f && Arrays.equals(labels, f.labels) && Arrays.equals(solution, f.solution)
        && Arrays.equals(residuals, f.residuals);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(labels) * 31 + Arrays.hashCode(solution);
  }

  @Override
  public String toString() {
    return "least squares of " + labels.length + " labels, w_LS = " + Arrays.toString(solution);
  }
}
