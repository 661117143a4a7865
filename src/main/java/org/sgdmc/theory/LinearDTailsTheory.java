package org.sgdmc.theory;

import org.sgdmc.models.LinearDTails;
import org.sgdmc.models.PointData;

/**
 * Exact first and second moments of {@link LinearDTails}, the affine recursion {@code u_{t+1} = M_t u_t +
 * b_t} with {@code M_t = I - (lr/S) sum_i x_i x_i^T} and {@code b_t = (lr/S) sum_i x_i e_i}, started at
 * {@code u_0 = 0}; and its top Lyapunov exponent, which decides whether a stationary law exists.
 *
 * <p><b>Mean.</b> {@code E[b] = lr E[x e] = 0}: for a stream because eps is independent of x with mean 0, for
 * a finite dataset because {@code sum_i x_i e_i = 0} at {@code w_LS} (the normal equations), with or without
 * replacement since every point is in a batch equally often. So {@code E[u_{t+1}] = (I - lr H) E[u_t]} and
 * {@code E[u_t] = 0} at every t, not only in the stationary law.
 *
 * <p><b>Second moment.</b> u_t depends only on earlier batches, so it is independent of {@code (M_t, b_t)};
 * with {@code E[u_t] = 0} the cross terms vanish and {@code P = E[u u^T]} obeys the linear recursion
 *
 * <pre>  P' = E[M P M] + E[b b^T] = P - lr (H P + P H) + (lr/S)^2 E[(sum_i A_i) P (sum_i A_i)] + E[b b^T],  </pre>
 *
 * {@code A_i = x_i x_i^T}, H the Hessian. With {@code Q(P) = E[(x^T P x) x x^T]} over one point (stream:
 * {@code tr(P Sigma) Sigma + 2 Sigma P Sigma} by Isserlis; finite: {@code (1/N) sum_i (x_i^T P x_i) A_i}) and
 * N the noise covariance {@code E[e^2 x x^T]} ({@link LinearDTails#noiseCovariance}):
 * <ul>
 *   <li>independent batch points (stream, or with replacement): {@code E[(sum A) P (sum A)] = S Q + S(S-1) H P
 *       H}, {@code E[b b^T] = (lr^2/S) N};
 *   <li>without replacement from N points: the S(S-1) ordered pairs are distinct points, uniform over the
 *       {@code N(N-1)} pairs, so {@code E[(sum A) P (sum A)] = S Q + S(S-1) (N H P H - Q)/(N-1)} and, as
 *       {@code sum_i x_i e_i = 0}, {@code E[b b^T] = (lr^2/S) N (1 - (S-1)/(N-1))}.
 * </ul>
 * For an isotropic stream {@code x ~ N(0, s2 I_d)} everything is a multiple of I and {@code E|u_t|^2 = c (1 -
 * rho^t)/(1 - rho)} with {@code rho = E|M e_1|^2 = 1 - 2 lr s2 + lr^2 s2^2 (1 + (d+1)/S)} and {@code c = lr^2
 * sigma^2 s2 d / S}: the stationary mean square {@code c / (1 - rho)} is finite iff rho < 1 (the tail index
 * alpha > 2).
 */
public final class LinearDTailsTheory {
  private LinearDTailsTheory() {}

  /** {@code rho = E|M e_1|^2 = 1 - 2 lr s2 + lr^2 s2^2 (1 + (d+1)/S)} for {@code x ~ N(0, s2 I_d)}. */
  public static double contractionIsotropic(double lr, double variance, int d, int batch) {
    double a = lr * variance;
    return 1 - 2 * a + a * a * (1 + (d + 1.0) / batch);
  }

  /** {@code E|u_t|^2} from {@code u_0 = 0} for an isotropic stream, in closed form ({@code +inf} for t = inf, rho >= 1). */
  public static double meanSquareIsotropic(LinearDTails m, long t) {
    double s2 = isotropicVariance(m);
    double rho = contractionIsotropic(m.lr(), s2, m.dim(), m.batch());
    double c = m.lr() * m.lr() * m.sigma() * m.sigma() * s2 * m.dim() / m.batch();
    if (t == Long.MAX_VALUE) {
      return rho < 1 ? c / (1 - rho) : Double.POSITIVE_INFINITY;
    }
    if (rho == 1) {
      return c * t;
    }
    return c * -Math.expm1(t * Math.log(rho)) / (1 - rho);
  }

  /** The stationary {@code E|u|^2} of an isotropic stream, {@code c / (1 - rho)}; +inf when rho >= 1. */
  public static double stationaryMeanSquareIsotropic(LinearDTails m) {
    return meanSquareIsotropic(m, Long.MAX_VALUE);
  }

  private static double isotropicVariance(LinearDTails m) {
    if (!m.isIsotropic()) {
      throw new IllegalArgumentException("the closed form needs an isotropic Gaussian stream, not " + m.data().describe());
    }
    return ((PointData.Gaussian) m.data()).variances()[0];
  }

  /**
   * {@code E[u_t u_t^T]} from {@code u_0 = 0}, exactly (up to rounding), by t steps of the recursion of the
   * class comment: any stream with diagonal Sigma or finite dataset, with or without replacement. Costs t
   * times {@code O(N d^2 + d^3)}, so it is for moderate t; {@code E|u_t|^2} is its trace.
   */
  public static double[][] secondMoment(LinearDTails m, long t) {
    if (m.reshuffled()) { // the recursion needs u_t independent of step t's batch; within an epoch it is not
      throw new IllegalArgumentException("the second-moment recursion assumes batches independent between steps, "
          + "which reshuffled batches within an epoch are not");
    }
    int d = m.dim();
    int s = m.batch();
    double lr = m.lr();
    double[][] h = m.hessian();
    double f = lr / s;
    double pairs = s * (s - 1.0);
    double noiseFactor = lr * lr / s;
    boolean distinct = !m.isStream() && !m.withReplacement();
    long n = m.size();
    if (distinct && s > 1) {
      noiseFactor *= 1 - (s - 1.0) / (n - 1.0);
    }
    double[][] noise = scale(m.noiseCovariance(), noiseFactor);
    double[][] p = new double[d][d];
    for (long k = 0; k < t; k++) {
      double[][] q = fourthMoment(m, p);
      double[][] hph = product(h, product(p, h));
      double[][] hp = product(h, p);
      double[][] next = new double[d][d];
      for (int r = 0; r < d; r++) {
        for (int c = 0; c < d; c++) {
          double pairTerm = s == 1 ? 0 : distinct ? pairs * (n * hph[r][c] - q[r][c]) / (n - 1.0) : pairs * hph[r][c];
          next[r][c] = p[r][c] - lr * (hp[r][c] + hp[c][r]) + f * f * (s * q[r][c] + pairTerm) + noise[r][c];
        }
      }
      p = next;
    }
    return p;
  }

  /** {@code E|u_t|^2}, the trace of {@link #secondMoment}. */
  public static double meanSquare(LinearDTails m, long t) {
    double[][] p = secondMoment(m, t);
    double tr = 0;
    for (int c = 0; c < p.length; c++) {
      tr += p[c][c];
    }
    return tr;
  }

  /** {@code Q(P) = E[(x^T P x) x x^T]} over one point (see the class comment). */
  static double[][] fourthMoment(LinearDTails m, double[][] p) {
    int d = m.dim();
    double[][] q = new double[d][d];
    switch (m.data()) {
      case PointData.Gaussian g -> {
        double[] v = g.variances();
        double trace = 0;
        for (int c = 0; c < d; c++) {
          trace += p[c][c] * v[c];
        }
        for (int r = 0; r < d; r++) {
          for (int c = 0; c < d; c++) {
            q[r][c] = 2 * v[r] * p[r][c] * v[c] + (r == c ? trace * v[c] : 0);
          }
        }
      }
      case PointData.Finite f -> {
        double[][] x = f.points();
        for (double[] xi : x) {
          double quad = 0;
          for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
              quad += xi[r] * p[r][c] * xi[c];
            }
          }
          for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
              q[r][c] += quad * xi[r] * xi[c] / x.length;
            }
          }
        }
      }
      case PointData.CorrelatedGaussian c -> throw new IllegalArgumentException("not a linear-d tails model");
    }
    return q;
  }

  private static double[][] product(double[][] a, double[][] b) {
    int d = a.length;
    double[][] c = new double[d][d];
    for (int r = 0; r < d; r++) {
      for (int k = 0; k < d; k++) {
        for (int e = 0; e < d; e++) {
          c[r][e] += a[r][k] * b[k][e];
        }
      }
    }
    return c;
  }

  private static double[][] scale(double[][] a, double f) {
    for (double[] row : a) {
      for (int c = 0; c < row.length; c++) {
        row[c] *= f;
      }
    }
    return a;
  }

  /**
   * The top Lyapunov exponent {@code Lambda_1 = lim (1/t) ln|M_{t-1} ... M_0 e_1|} for an isotropic stream:
   * {@code E ln|M e_1|} exactly (the increments are i.i.d. by rotation invariance; see {@link LinearDTheory}),
   * by Monte Carlo with its standard error. Negative: u has a stationary law; positive: |u| grows without
   * bound.
   */
  public static Estimate topExponentIsotropic(LinearDTails m, long samples, long seed) {
    return LinearDTheory.topExponentIsotropic(m.lr(), isotropicVariance(m), m.dim(), m.batch(), samples, seed);
  }
}
