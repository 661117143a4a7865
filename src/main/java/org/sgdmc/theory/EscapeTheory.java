package org.sgdmc.theory;

import java.util.function.DoubleUnaryOperator;
import org.sgdmc.models.DoubleWell;

/**
 * Escape from the left well of a {@link DoubleWell} under the SDE {@code d theta = -U'(theta) dt + sqrt(2 D(theta)) dW},
 * {@code D = lr Sigma(theta) / (2B)} (generator {@code -U' d/dtheta + D d^2/dtheta^2}), and under
 * {@code d theta = -U' dt + epsilon dL} with L a standard symmetric alpha-stable process. Times are in the SDE's
 * time, t = (SGD steps) x lr.
 *
 * <p><b>Exact mean first passage time (1-D).</b> With the quasi-potential {@code Phi(y) = int^y U'/D} and the
 * scale density {@code s = e^Phi}, the mean time to reach b from x, the left end a reflecting, solves
 * {@code D T'' - U' T' = -1}, {@code T(b) = 0}, {@code T'(a) = 0}:
 * <pre>
 *   T(x) = int_x^b dy e^{Phi(y)} int_a^y dz e^{-Phi(z)} / D(z)
 *        = int_x^b dy (1 / (D(y) p(y))) int_a^y p(z) dz,   p = D^-1 e^{-Phi} the zero-flux density,
 * </pre>
 * evaluated by the trapezoid rule in log space (so e^{Phi} never overflows) on {@link #NODES} nodes from a = the
 * left exit to b = the right exit. The kernels' left exit is absorbing, not reflecting; the Gaussian SDE reaches it
 * (3 widths out, U = 64 height) with a probability below {@code exp(-(Phi(a) - Phi(-width)))}, returned by
 * {@link #leftExitWeight} so the difference can be checked, not assumed.
 *
 * <p><b>Kramers with state-dependent diffusion.</b> Laplace's method on the same double integral, at the minimum m
 * (inner) and the barrier top s = 0 (outer, a full Gaussian because b lies past s), with {@code Phi'' = U''/D} at both:
 * <pre>
 *   T ~ 2 pi / sqrt(U''(m) |U''(s)|) * sqrt(D(s) / D(m)) * exp(Phi(s) - Phi(m)),
 * </pre>
 * the Eyring-Kramers law with the quasi-potential barrier {@code Phi(s) - Phi(m) = int_m^s U'/D} in place of
 * {@code (U(s) - U(m)) / D}, and the factor {@code sqrt(D(s)/D(m))}; relative error O(D/height). Freezing the
 * noise at the minimum ({@link #kramersFrozen}) gives the textbook {@code 2 pi / sqrt(U''(m)|U''(s)|) e^{height/D(m)}}.
 *
 * <p><b>Stable noise (Imkeller and Pavlyukevich 2006).</b> For small epsilon the exit is one jump out of the basin
 * (a, s): the jumps of epsilon L larger than r to the right come at rate {@code epsilon^alpha K r^-alpha},
 * {@code K = Gamma(alpha) sin(pi alpha / 2) / pi} (the Levy measure of S alpha S(1) is {@code alpha K |y|^(-1-alpha)}),
 * so the mean exit time is
 * <pre>
 *   T ~ 1 / (epsilon^alpha K ((s - m)^-alpha + (m - a)^-alpha)),
 * </pre>
 * a power law in the width, alpha, and independent of the barrier height. (After a jump past s the path still
 * relaxes to the right exit, a time O(1/|U''(s)|), small against T.)
 */
public final class EscapeTheory {
  /** Quadrature nodes between the two exits. */
  public static final int NODES = 200_001;

  private EscapeTheory() {}

  /** The exact SDE mean first passage time from {@code start} to {@code exitRight}, reflecting at {@code exitLeft}. */
  public static double exactMeanExitTime(DoubleWell m) {
    return exactMeanExitTime(m::gradient, m::diffusion, m.exitLeft(), m.start(), m.exitRight(), NODES);
  }

  /**
   * {@code int_x^b dy e^{Phi(y)} int_a^y e^{-Phi(z)}/D(z) dz} by the trapezoid rule on {@code nodes} nodes over
   * [a, b] (x must lie on [a, b]; the nodes below x only feed the inner integral).
   */
  public static double exactMeanExitTime(DoubleUnaryOperator gradient, DoubleUnaryOperator diffusion, double a,
      double x, double b, int nodes) {
    if (!(a < x && x < b) || nodes < 3) {
      throw new IllegalArgumentException("need a < x < b and at least 3 nodes");
    }
    double h = (b - a) / (nodes - 1);
    double[] phi = new double[nodes];
    double[] d = new double[nodes];
    double prev = 0;
    for (int i = 0; i < nodes; i++) {
      double y = a + i * h;
      d[i] = diffusion.applyAsDouble(y);
      if (!(d[i] > 0)) {
        throw new IllegalArgumentException("the diffusion must be positive on the interval, not " + d[i] + " at " + y);
      }
      double r = gradient.applyAsDouble(y) / d[i];
      phi[i] = i == 0 ? 0 : phi[i - 1] + 0.5 * h * (prev + r);
      prev = r;
    }
    // log of the inner integral I(y_i) = int_a^{y_i} e^{-Phi}/D, then the outer integrand e^{Phi + log I}
    double[] outer = new double[nodes];
    double logI = Double.NEGATIVE_INFINITY;
    double prevInner = -phi[0] - Math.log(d[0]);
    for (int i = 1; i < nodes; i++) {
      double inner = -phi[i] - Math.log(d[i]);
      logI = logSumExp(logI, Math.log(0.5 * h) + logSumExp(prevInner, inner));
      prevInner = inner;
      outer[i] = Math.exp(phi[i] + logI);
    }
    // int_x^b outer: the part of x's cell above x (outer(x) interpolated linearly), then whole cells
    int i0 = Math.min(nodes - 1, (int) Math.ceil((x - a) / h));
    double yi0 = a + i0 * h;
    double total = 0;
    if (i0 > 0 && yi0 > x) {
      double frac = (yi0 - x) / h;
      double atX = outer[i0] + frac * (outer[i0 - 1] - outer[i0]);
      total += 0.5 * (yi0 - x) * (atX + outer[i0]);
    }
    for (int i = i0 + 1; i < nodes; i++) {
      total += 0.5 * h * (outer[i - 1] + outer[i]);
    }
    if (!Double.isFinite(total)) {
      throw new IllegalArgumentException("the barrier is too high for the quadrature (exp overflows)");
    }
    return total;
  }

  private static double logSumExp(double u, double v) {
    double hi = Math.max(u, v);
    if (hi == Double.NEGATIVE_INFINITY) {
      return hi;
    }
    return hi + Math.log(Math.exp(u - hi) + Math.exp(v - hi));
  }

  /** The quasi-potential barrier {@code Phi(0) - Phi(-width) = int_{-width}^0 U'/D} (Gauss-Legendre). */
  public static double quasiPotentialBarrier(DoubleWell m) {
    return integrate(t -> m.gradient(t) / m.diffusion(t), -m.width(), 0.0);
  }

  /** {@code Phi(a) - Phi(-width)}: the Gaussian SDE reaches the left exit with weight about e^-this. */
  public static double leftExitWeight(DoubleWell m) {
    return -integrate(t -> m.gradient(t) / m.diffusion(t), m.exitLeft(), -m.width());
  }

  private static double integrate(DoubleUnaryOperator f, double lo, double hi) {
    int n = 20_000;
    double h = (hi - lo) / n;
    double s = f.applyAsDouble(lo) + f.applyAsDouble(hi);
    for (int i = 1; i < n; i++) {
      s += f.applyAsDouble(lo + i * h) * (i % 2 == 1 ? 4 : 2);
    }
    return s * h / 3;
  }

  /** The Eyring-Kramers law with the state-dependent diffusion (see the class comment). */
  public static double kramers(DoubleWell m) {
    double w = m.width();
    double pre = 2 * Math.PI / Math.sqrt(m.curvature(-w) * Math.abs(m.curvature(0.0)));
    return pre * Math.sqrt(m.diffusion(0.0) / m.diffusion(-w)) * Math.exp(quasiPotentialBarrier(m));
  }

  /** The textbook Kramers law with the noise frozen at the minimum: {@code 2 pi / sqrt(U''m |U''s|) e^{height / D(m)}}. */
  public static double kramersFrozen(DoubleWell m) {
    double w = m.width();
    double pre = 2 * Math.PI / Math.sqrt(m.curvature(-w) * Math.abs(m.curvature(0.0)));
    return pre * Math.exp(m.height() / m.diffusion(-w));
  }

  /**
   * The barrier of minibatch SGD's own large deviations (Freidlin-Wentzell for the chain theta' = theta + lr
   * (-U'(theta) - xi), xi the batch mean of a_i + b_i theta over B points drawn with replacement): with the
   * Hamiltonian {@code H(theta, p) = -p U'(theta) + B ln((1/n) sum_i exp(-p (a_i + b_i theta) / B))}, the
   * quasi-potential is {@code V = int p*(theta) dtheta}, p* the non-zero root of H(theta, .) = 0, and SGD's mean exit
   * time grows like {@code exp((V(0) - V(-width)) / lr)}. For Gaussian noise H is {@code -p U' + p^2 Sigma / (2B)},
   * {@code p* = 2 B U' / Sigma} and the barrier is {@link #quasiPotentialBarrier}'s; the finite dataset's noise
   * is not Gaussian, and at the scale of a large deviation its whole cumulant generating function counts, not just
   * its variance. Returns {@code (V(0) - V(-width)) / lr}, by Simpson's rule on 2,000 intervals, each root by
   * bisection.
   */
  public static double sgdLargeDeviationBarrier(DoubleWell m) {
    int n = 2000;
    double lo = -m.width();
    double h = -lo / n;
    double sum = 0;
    for (int i = 0; i <= n; i++) {
      double t = lo + i * h;
      double wgt = i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2;
      sum += wgt * momentum(m, t);
    }
    return sum * h / 3 / m.lr();
  }

  /** The non-zero root p* of H(theta, p) = 0 (0 where U'(theta) = 0). */
  static double momentum(DoubleWell m, double theta) {
    double g = m.gradient(theta);
    if (!(g > 0)) {
      return 0;
    }
    double sigma = m.sigma(theta);
    double hi = 2 * m.batch() * g / Math.max(sigma, 1e-300);
    while (hamiltonian(m, theta, g, hi) <= 0) {
      hi *= 2;
      if (hi > 1e12) {
        throw new IllegalArgumentException("no large-deviation momentum at theta = " + theta);
      }
    }
    double low = 0;
    for (int k = 0; k < 200 && hi - low > 1e-14 * hi; k++) {
      double mid = 0.5 * (low + hi);
      if (hamiltonian(m, theta, g, mid) > 0) {
        hi = mid;
      } else {
        low = mid;
      }
    }
    return 0.5 * (low + hi);
  }

  private static double hamiltonian(DoubleWell m, double theta, double g, double p) {
    double[] a = m.a();
    double[] b = m.b();
    int batch = m.batch();
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, -p * (a[i] + b[i] * theta) / batch);
    }
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += Math.exp(-p * (a[i] + b[i] * theta) / batch - max);
    }
    return -p * g + batch * (max + Math.log(s / a.length));
  }

  /**
   * Kramers' prefactor with SGD's large-deviation barrier: {@link #kramers} with {@code exp(Phi(s) - Phi(m))}
   * replaced by {@code exp(sgdLargeDeviationBarrier)} (near the two critical points p* -> 0 and the noise acts
   * through its variance alone, so the Gaussian prefactor is kept).
   */
  public static double sgdLargeDeviationTime(DoubleWell m) {
    return kramers(m) * Math.exp(sgdLargeDeviationBarrier(m) - quasiPotentialBarrier(m));
  }

  /** {@code K = Gamma(alpha) sin(pi alpha / 2) / pi}: S alpha S(1)'s right tail {@code P(Z > r) ~ K r^-alpha}. */
  public static double stableTailConstant(double alpha) {
    if (!(alpha > 0 && alpha < 2)) {
      throw new IllegalArgumentException("the jump law needs alpha in (0, 2), not " + alpha);
    }
    return Math.exp(SpecialFunctions.logGamma(alpha)) * Math.sin(Math.PI * alpha / 2) / Math.PI;
  }

  /**
   * Imkeller-Pavlyukevich's small-noise mean exit time of {@code d theta = -U' dt + epsilon dL} from the basin
   * (exitLeft, 0) of the minimum -width: {@code 1 / (epsilon^alpha K (width^-alpha + (exitLeft distance)^-alpha))}.
   */
  public static double stableMeanExitTime(double alpha, double epsilon, double toBarrier, double toLeftExit) {
    double k = stableTailConstant(alpha);
    return 1 / (Math.pow(epsilon, alpha) * k * (Math.pow(toBarrier, -alpha) + Math.pow(toLeftExit, -alpha)));
  }

  /** {@link #stableMeanExitTime(double, double, double, double)} for the model's alpha, scale and geometry. */
  public static double stableMeanExitTime(DoubleWell m) {
    return stableMeanExitTime(m.alpha(), m.stableScale(), m.width(), m.start() - m.exitLeft());
  }
}
