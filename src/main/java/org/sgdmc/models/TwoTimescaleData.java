package org.sgdmc.models;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;

/**
 * The finite dataset of the two-timescale models (seed 000): n points, each with {@code dFast} fast features
 * {@code p_i ~ N(0, I)} and {@code dSlow} slow features {@code q_i ~ N(0, I)}, and the label
 * {@code l_i = p_i . x* + q_i . g(u*) + noise xi_i}, {@code xi_i ~ N(0, 1)}, where g is the model's coupling
 * ({@link TwoTimescale.Coupling}). The student sees the slow features through {@code u = eps y}: written in the
 * trained coordinates z = (x, y), its features are {@code (p_i, eps q_i)} for the linear coupling, fast features
 * of variance 1 and slow ones of variance eps^2.
 *
 * <p>Drawn once per run from the data seed on stream {@link Stream#DATASET}: p_ic is normal {@code i dFast + c} of
 * "trajectory" 10, q_ik normal {@code i dSlow + k} of trajectory 11, xi_i normal i of trajectory 12; the teacher's
 * fast part is normal c of trajectory 13, scaled to {@code |x*| = fastSignal}; its slow part {@code s = g(u*)} is
 * normal k of trajectory 14, scaled to {@code |s| = slowSignal} (for the quadratic coupling the absolute values,
 * {@code u*_k = sqrt(|s_k|)}).
 *
 * <p>With independent standard Gaussian features the population (excess) test loss is exact and needs no test set:
 * {@code E (p.x + q.g(u) - p.x* - q.g(u*))^2 / 2 = (|x - x*|^2 + |g(u) - g(u*)|^2) / 2}; the label noise's own
 * {@code noise^2 / 2} is left out.
 *
 * @param n points
 * @param dFast fast features (the dimension of x)
 * @param dSlow slow features (the dimension of y)
 * @param p row-major n x dFast fast features
 * @param q row-major n x dSlow slow features
 * @param labels l_i
 * @param xStar the teacher's fast weights
 * @param gStar the teacher's slow outputs g(u*)
 * @param uStar the teacher's slow coordinates u*
 * @param noise label-noise standard deviation
 * @param coupling how u enters the prediction
 * @param dataSeed the seed the data were drawn from
 */
public record TwoTimescaleData(int n, int dFast, int dSlow, double[] p, double[] q, double[] labels, double[] xStar,
    double[] gStar, double[] uStar, double noise, TwoTimescale.Coupling coupling, long dataSeed) {

  public TwoTimescaleData {
    if (n < 1 || dFast < 1 || dSlow < 1) {
      throw new IllegalArgumentException("n, the fast and the slow dimension must be at least 1, not " + n + ", "
          + dFast + ", " + dSlow);
    }
    if (!(noise >= 0) || !Double.isFinite(noise)) {
      throw new IllegalArgumentException("the label noise must be a finite number >= 0, not " + noise);
    }
    if (p.length != n * dFast || q.length != n * dSlow || labels.length != n || xStar.length != dFast
        || gStar.length != dSlow || uStar.length != dSlow) {
      throw new IllegalArgumentException("inconsistent dataset shapes");
    }
    p = p.clone();
    q = q.clone();
    labels = labels.clone();
    xStar = xStar.clone();
    gStar = gStar.clone();
    uStar = uStar.clone();
  }

  /** Draws the dataset (see the class comment). */
  public static TwoTimescaleData generate(TwoTimescale.Coupling coupling, int n, int dFast, int dSlow,
      double fastSignal, double slowSignal, double noise, long dataSeed) {
    if (n < 1 || dFast < 1 || dSlow < 1) {
      throw new IllegalArgumentException("n, the fast and the slow dimension must be at least 1, not " + n + ", "
          + dFast + ", " + dSlow);
    }
    if (!(fastSignal >= 0) || !Double.isFinite(fastSignal) || !(slowSignal > 0) || !Double.isFinite(slowSignal)) {
      throw new IllegalArgumentException("the teacher's fast signal must be >= 0 and its slow signal > 0 (finite), not "
          + fastSignal + " and " + slowSignal);
    }
    double[] p = new double[n * dFast];
    for (int k = 0; k < p.length; k++) {
      p[k] = Draws.normal(dataSeed, Stream.DATASET, 10, k);
    }
    double[] q = new double[n * dSlow];
    for (int k = 0; k < q.length; k++) {
      q[k] = Draws.normal(dataSeed, Stream.DATASET, 11, k);
    }
    double[] xStar = direction(dataSeed, 13, dFast, fastSignal);
    double[] gStar = direction(dataSeed, 14, dSlow, slowSignal);
    double[] uStar = new double[dSlow];
    for (int k = 0; k < dSlow; k++) {
      if (coupling == TwoTimescale.Coupling.QUADRATIC) {
        gStar[k] = Math.abs(gStar[k]);
        uStar[k] = Math.sqrt(gStar[k]);
      } else {
        uStar[k] = gStar[k];
      }
    }
    double[] labels = new double[n];
    for (int i = 0; i < n; i++) {
      double v = 0;
      for (int c = 0; c < dFast; c++) {
        v = Math.fma(p[i * dFast + c], xStar[c], v);
      }
      for (int k = 0; k < dSlow; k++) {
        v = Math.fma(q[i * dSlow + k], gStar[k], v);
      }
      labels[i] = Math.fma(noise, Draws.normal(dataSeed, Stream.DATASET, 12, i), v);
    }
    return new TwoTimescaleData(n, dFast, dSlow, p, q, labels, xStar, gStar, uStar, noise, coupling, dataSeed);
  }

  private static double[] direction(long seed, int traj, int dim, double norm) {
    double[] v = new double[dim];
    double s = 0;
    for (int c = 0; c < dim; c++) {
      v[c] = Draws.normal(seed, Stream.DATASET, traj, c);
      s = Math.fma(v[c], v[c], s);
    }
    double scale = norm / Math.sqrt(s);
    for (int c = 0; c < dim; c++) {
      v[c] *= scale;
    }
    return v;
  }

  @Override
  public double[] p() {
    return p.clone();
  }

  @Override
  public double[] q() {
    return q.clone();
  }

  @Override
  public double[] labels() {
    return labels.clone();
  }

  @Override
  public double[] xStar() {
    return xStar.clone();
  }

  @Override
  public double[] gStar() {
    return gStar.clone();
  }

  @Override
  public double[] uStar() {
    return uStar.clone();
  }

  /**
   * The fast minimiser {@code lambda(u) = argmin_x f(x, u) = c0 - M g(u)} on the training set, as the pair
   * {@code (c0, M)}: {@code c0 = (P^T P)^-1 P^T l} (dFast values), {@code M = (P^T P)^-1 P^T Q} (row-major dFast x
   * dSlow); null when {@code P^T P} is singular (n < dFast), where lambda is not unique.
   */
  public double[][] fastMinimiser() {
    double[][] a = new double[dFast][dFast];
    double[][] rhs = new double[dFast][1 + dSlow];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < dFast; c++) {
        double pc = p[i * dFast + c];
        for (int e = 0; e < dFast; e++) {
          a[c][e] += pc * p[i * dFast + e];
        }
        rhs[c][0] += pc * labels[i];
        for (int k = 0; k < dSlow; k++) {
          rhs[c][1 + k] += pc * q[i * dSlow + k];
        }
      }
    }
    try {
      DecompositionSolver solver = new CholeskyDecomposition(new Array2DRowRealMatrix(a, false), 1e-12, 1e-12)
          .getSolver();
      RealMatrix sol = solver.solve(new Array2DRowRealMatrix(rhs, false));
      double[] c0 = new double[dFast];
      double[] m = new double[dFast * dSlow];
      for (int c = 0; c < dFast; c++) {
        c0[c] = sol.getEntry(c, 0);
        for (int k = 0; k < dSlow; k++) {
          m[c * dSlow + k] = sol.getEntry(c, 1 + k);
        }
      }
      return new double[][] {c0, m};
    } catch (NonPositiveDefiniteMatrixException | org.apache.commons.math3.linear.SingularMatrixException e) {
      return null;
    }
  }

  /** One line for the file and the printout. */
  public String describe() {
    return String.format("n=%d points, %d fast features N(0,1), %d slow features N(0,1) seen through u = eps y, "
        + "labels p.x* + q.g(u*) + %s xi, |x*| = %s, |g(u*)| = %s", n, dFast, dSlow, noise, norm(xStar), norm(gStar));
  }

  static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
