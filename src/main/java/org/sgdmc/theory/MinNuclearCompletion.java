package org.sgdmc.theory;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * The minimum-nuclear-norm completion {@code argmin |X|_* subject to X_ij = M_ij on Omega}, by the alternating
 * direction method of multipliers (Boyd et al. 2011, Sec. 3.1, scaled form) on {@code |X|_* + I(Z_Omega = M_Omega)}
 * subject to {@code X = Z}: {@code X <- SVT_{1/rho}(Z - Y)} (singular values soft-thresholded, commons-math3's SVD),
 * {@code Z <- X + Y} off Omega and {@code M} on it, {@code Y <- Y + X - Z}; stopped when the primal residual
 * {@code |X - Z|_F} and the dual residual {@code rho |Z - Z_prev|_F} are both below {@code tolerance |M_Omega|_F}.
 * A convex problem, so the iteration converges to the global minimum whatever the start.
 *
 * @param x the completion (the last Z: it matches M on Omega exactly), row-major
 * @param nuclearNorm its nuclear norm
 * @param iterations ADMM iterations used
 * @param primalResidual {@code |X - Z|_F} at the end
 */
public record MinNuclearCompletion(double[] x, double nuclearNorm, int iterations, double primalResidual) {
  public static final double TOLERANCE = 1e-9;
  static final int MAX_ITERATIONS = 200_000;

  public static MinNuclearCompletion of(int d, double[] m, boolean[] mask) {
    double norm = 0;
    for (int k = 0; k < d * d; k++) {
      norm += mask[k] ? m[k] * m[k] : 0;
    }
    double scale = Math.sqrt(norm);
    double rho = 1.0 / Math.max(scale / d, 1e-12);
    double[] z = new double[d * d], y = new double[d * d], x;
    for (int k = 0; k < d * d; k++) {
      z[k] = mask[k] ? m[k] : 0;
    }
    int it = 0;
    double primal;
    while (true) {
      it++;
      double[] arg = new double[d * d];
      for (int k = 0; k < d * d; k++) {
        arg[k] = z[k] - y[k];
      }
      x = shrink(d, arg, 1 / rho);
      double[] zNew = new double[d * d];
      double p = 0, dual = 0;
      for (int k = 0; k < d * d; k++) {
        zNew[k] = mask[k] ? m[k] : x[k] + y[k];
        y[k] += x[k] - zNew[k];
        p += (x[k] - zNew[k]) * (x[k] - zNew[k]);
        dual += (zNew[k] - z[k]) * (zNew[k] - z[k]);
      }
      z = zNew;
      primal = Math.sqrt(p);
      if ((primal <= TOLERANCE * scale && rho * Math.sqrt(dual) <= TOLERANCE * scale * rho) || it >= MAX_ITERATIONS) {
        break;
      }
    }
    return new MinNuclearCompletion(z, nuclearNorm(d, z), it, primal);
  }

  /** Singular values of the d x d row-major matrix a, descending (commons-math3). */
  public static double[] singularValues(int d, double[] a) {
    return new SingularValueDecomposition(matrix(d, a)).getSingularValues();
  }

  public static double nuclearNorm(int d, double[] a) {
    double s = 0;
    for (double v : singularValues(d, a)) {
      s += v;
    }
    return s;
  }

  private static RealMatrix matrix(int d, double[] a) {
    double[][] rows = new double[d][d];
    for (int i = 0; i < d; i++) {
      System.arraycopy(a, i * d, rows[i], 0, d);
    }
    return new Array2DRowRealMatrix(rows, false);
  }

  /** Singular value soft-thresholding: U diag(max(s - tau, 0)) V^T. */
  private static double[] shrink(int d, double[] a, double tau) {
    SingularValueDecomposition svd = new SingularValueDecomposition(matrix(d, a));
    double[] s = svd.getSingularValues();
    RealMatrix u = svd.getU(), v = svd.getV();
    double[] out = new double[d * d];
    for (int k = 0; k < s.length; k++) {
      double sk = s[k] - tau;
      if (sk <= 0) {
        continue;
      }
      for (int i = 0; i < d; i++) {
        double ui = u.getEntry(i, k) * sk;
        for (int j = 0; j < d; j++) {
          out[i * d + j] += ui * v.getEntry(j, k);
        }
      }
    }
    return out;
  }

  @Override
  public double[] x() {
    return x.clone();
  }
}
