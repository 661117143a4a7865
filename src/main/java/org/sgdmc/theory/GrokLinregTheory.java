package org.sgdmc.theory;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.sgdmc.models.GrokData;
import org.sgdmc.models.GrokLinreg;

/**
 * Exact theory of the grokking linear regression ({@link GrokLinreg}) under full-batch gradient descent, from the
 * eigendecomposition {@code A = X^T X / n = Q diag(mu) Q^T} (commons-math3). With {@code b = X^T y / n} the step is
 * the linear recursion {@code w_{k+1} = (I - eta (A + lambda I)) w_k + eta b}; in the eigenbasis each coordinate
 * follows
 *
 * <pre>  c_j(k) = c*_j + r_j^k (c_j(0) - c*_j),   r_j = 1 - eta (mu_j + lambda),   c*_j = (Q^T b)_j / (mu_j + lambda)  </pre>
 *
 * (c*_j = 0 on the null space of X, where mu_j = 0 and {@code (Q^T b)_j = 0}). The fast phase ends at the projection
 * of w_0 onto {@code {X w = y}} (row-space rates {@code eta (mu_j + lambda)}, mu_j >= the smallest non-zero
 * eigenvalue); the null-space part {@code P_perp w_k = (1 - eta lambda)^k P_perp w_0} decays on the slow time scale
 * 1/(eta lambda), and the drift ends at the ridge solution {@code w_inf = sum_j c*_j q_j}, which tends to the
 * minimum-norm interpolant as lambda -> 0.
 *
 * <p>The time to generalise in closed form. Once the row space has converged, {@code w_k - w_inf = x a} on the null
 * space, with {@code a = P_perp w_0} and {@code x = (1 - eta lambda)^k}, and the test loss {@code |w - beta*|^2 / 2}
 * exceeds its endpoint value by {@code (|a|^2 x^2 - 2 (a . b) x) / 2}, {@code b = P_perp beta*}. It falls to
 * {@code delta} at the larger root {@code x* = (a.b + sqrt((a.b)^2 + 2 delta |a|^2)) / |a|^2}, so
 * {@code t2 = ceil(log x* / log(1 - eta lambda))}: for {@code |a| >> |b|}, {@code eta lambda t2 ~ (1/2) log(|a|^2 /
 * (2 delta))}, slope 1/2 against {@code log |P_perp w_0|^2} as for gradient flow.
 */
public final class GrokLinregTheory {
  /** Eigenvalues below this fraction of the largest count as zero (the null space of X). */
  static final double NULL_TOLERANCE = 1e-9;

  private final GrokLinreg model;
  private final int d;
  private final double[] mu; // eigenvalues of X^T X / n
  private final double[][] q; // q[j] = eigenvector j
  private final boolean[] nullSpace;
  private final double[] cStar; // ridge solution in the eigenbasis
  private final double[] ridge;
  private final int rank;

  public GrokLinregTheory(GrokLinreg model) {
    this.model = model;
    GrokData data = model.data();
    int n = data.n();
    this.d = data.d();
    double[][] a = new double[d][d];
    double[] b = new double[d];
    double[] x = data.x();
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        b[c] += x[i * d + c] * data.y()[i] / n;
        for (int e = 0; e < d; e++) {
          a[c][e] += x[i * d + c] * x[i * d + e] / n;
        }
      }
    }
    EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(a, false));
    this.mu = eig.getRealEigenvalues();
    RealMatrix v = eig.getV();
    this.q = new double[d][];
    double max = 0;
    for (int j = 0; j < d; j++) {
      q[j] = v.getColumn(j);
      max = Math.max(max, Math.abs(mu[j]));
    }
    this.nullSpace = new boolean[d];
    this.cStar = new double[d];
    int r = 0;
    for (int j = 0; j < d; j++) {
      nullSpace[j] = Math.abs(mu[j]) <= NULL_TOLERANCE * max;
      if (nullSpace[j]) {
        mu[j] = 0.0;
      } else {
        r++;
        cStar[j] = dot(q[j], b) / (mu[j] + model.lambda());
      }
    }
    this.rank = r;
    this.ridge = fromBasis(cStar);
  }

  public GrokLinreg model() {
    return model;
  }

  /** The rank of X: n for Gaussian data. */
  public int rank() {
    return rank;
  }

  /** The smallest non-zero eigenvalue of X^T X / n. */
  public double smallestNonZero() {
    double m = Double.POSITIVE_INFINITY;
    for (int j = 0; j < d; j++) {
      if (!nullSpace[j]) {
        m = Math.min(m, mu[j]);
      }
    }
    return m;
  }

  /** The largest eigenvalue of X^T X / n. */
  public double largest() {
    double m = 0;
    for (double v : mu) {
      m = Math.max(m, v);
    }
    return m;
  }

  /** Whether full-batch GD is stable: {@code eta (mu_max + lambda) < 2}. */
  public boolean stable() {
    return model.eta() * (largest() + model.lambda()) < 2;
  }

  /** The drift's endpoint: the ridge solution {@code (A + lambda I)^+ b} (the minimum-norm interpolant at lambda = 0). */
  public double[] ridge() {
    return ridge.clone();
  }

  /** w_k of full-batch GD from w_0, exactly (up to the rounding of this evaluation). */
  public double[] gdAt(double[] w0, long k) {
    double[] c = toBasis(w0);
    for (int j = 0; j < d; j++) {
      double rj = 1.0 - model.eta() * (mu[j] + model.lambda());
      c[j] = cStar[j] + Math.pow(rj, k) * (c[j] - cStar[j]);
    }
    return fromBasis(c);
  }

  /** {@code |X w - y|^2 / (2n)}. */
  public double trainLoss(double[] w) {
    GrokData data = model.data();
    double sum = 0;
    for (int i = 0; i < data.n(); i++) {
      double p = -data.y()[i];
      for (int c = 0; c < d; c++) {
        p += data.x()[i * d + c] * w[c];
      }
      sum += p * p;
    }
    return sum / (2 * data.n());
  }

  /** {@code |w - beta*|^2 / 2}: the population test loss for isotropic Gaussian inputs. */
  public double testLoss(double[] w) {
    double sum = 0;
    double[] beta = model.data().betaStar();
    for (int c = 0; c < d; c++) {
      double e = w[c] - beta[c];
      sum += e * e;
    }
    return sum / 2;
  }

  /** The test loss at the drift's endpoint (the floor the test level is measured from). */
  public double endpointTestLoss() {
    return testLoss(ridge);
  }

  /** {@code P_perp v}: v's part in the null space of X. */
  public double[] nullPart(double[] v) {
    double[] c = toBasis(v);
    for (int j = 0; j < d; j++) {
      if (!nullSpace[j]) {
        c[j] = 0;
      }
    }
    return fromBasis(c);
  }

  /**
   * The closed-form t2 of a trajectory started at w0 (class comment), for the test level {@code
   * endpointTestLoss() + delta}: a whole number of steps, 0 if the null-space excess starts at or below delta, +inf
   * if it never gets there (lambda = 0).
   */
  public double t2ClosedForm(double[] w0, double delta) {
    double[] a = nullPart(w0);
    double[] b = nullPart(model.data().betaStar());
    double aa = dot(a, a), ab = dot(a, b);
    if (aa == 0) {
      return 0;
    }
    double xStar = (ab + Math.sqrt(ab * ab + 2 * delta * aa)) / aa;
    if (xStar >= 1) {
      return 0;
    }
    if (model.lambda() == 0) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.ceil(Math.log(xStar) / Math.log1p(-model.eta() * model.lambda()));
  }

  /** The approximation {@code (1 / (2 eta lambda)) log(|P_perp w0|^2 / (2 delta))} (gradient flow, {@code |a| >> |b|}). */
  public double t2Approximation(double[] w0, double delta) {
    double[] a = nullPart(w0);
    return Math.log(dot(a, a) / (2 * delta)) / (2 * model.eta() * model.lambda());
  }

  /** Expected {@code |P_perp w_0|^2 = alpha^2 (d - rank) / d} over the initialisation. */
  public double expectedNullInitSquare() {
    return model.alpha() * model.alpha() * (d - rank) / d;
  }

  private double[] toBasis(double[] v) {
    double[] c = new double[d];
    for (int j = 0; j < d; j++) {
      c[j] = dot(q[j], v);
    }
    return c;
  }

  private double[] fromBasis(double[] c) {
    double[] v = new double[d];
    for (int j = 0; j < d; j++) {
      for (int e = 0; e < d; e++) {
        v[e] += c[j] * q[j][e];
      }
    }
    return v;
  }

  static double dot(double[] u, double[] v) {
    double s = 0;
    for (int i = 0; i < u.length; i++) {
      s += u[i] * v[i];
    }
    return s;
  }
}
