package org.sgdmc.theory;

import java.util.function.DoubleUnaryOperator;

/**
 * The moments {@code E||M e_1||^s} and the top Lyapunov exponent of {@code M = I - (lr/S) sum_{i in batch}
 * x_i x_i^T} for isotropic Gaussian data {@code x ~ N(0, I_d)} drawn afresh each step (for {@code N(0, v I)}
 * use {@code lr v}).
 *
 * <h2>Reduction to two chi-squares</h2>
 *
 * With {@code H = (1/S) sum_i x_i x_i^T} and {@code g_i = x_i1}, {@code H e_1 = (1/S) sum_i g_i x_i}. Its first
 * component is {@code q = (1/S) sum_i g_i^2 ~ chi^2_S / S}; given the g_i, each of the other d - 1 components
 * is {@code (1/S) sum_i g_i x_ij}, a sum of independent normals with variance {@code sum_i g_i^2 / S^2 = q/S},
 * independently across j. So
 *
 * <pre>  ||M e_1||^2 = (1 - lr q)^2 + (lr^2 q / S) c,    q ~ chi^2_S / S,  c ~ chi^2_(d-1) independent.</pre>
 *
 * Check: {@code E||M e_1||^2 = 1 - 2 lr + lr^2 (1 + 2/S) + lr^2 (d - 1)/S = 1 - 2 lr + lr^2 (1 + (d + 1)/S)},
 * which is {@code e_1^T E[M^2] e_1} with the Wishart moment {@code E[W^2] = S (S + d + 1) I} for {@code W = S
 * H}; so the mean-square threshold, where alpha = 2, is {@code lr = 2 / (1 + (d + 1)/S)}.
 *
 * <p>Because the law of x is rotation invariant, {@code ||M u||} has the law of {@code ||M e_1||} for every
 * unit vector u, and along a product the successive stretches are i.i.d. ({@link LinearDTheory}); hence
 * {@code E||M_k ... M_1 u||^s = (E||M e_1||^s)^k} exactly, the generalized Lyapunov exponent is {@code h(s) =
 * log E||M e_1||^s} (as used by Gurbuzbalaban, Simsekli, Zhu 2021 for this setting), and the top exponent is
 * {@code (1/2) E log((1 - lr q)^2 + (lr^2 q / S) c)}.
 *
 * <h2>Quadrature</h2>
 *
 * Both variables are substituted by their square roots, {@code q = t^2}, {@code c = u^2}, which removes the
 * {@code q^(-1/2)} and {@code c^(-1/2)} singularities of one degree of freedom: the densities become {@code
 * t^(S-1) e^(-S t^2 / 2)} and {@code u^(d-2) e^(-u^2/2)} up to constants.
 *
 * <ul>
 *   <li>Inner, {@code log E_c[(A + B c)^p]} ({@code A = (1 - lr q)^2}, {@code B = lr^2 q / S}, {@code p = s/2}):
 *       the log-integrand {@code p log(A + B u^2) + (m - 1) log u - u^2/2} ({@code m = d - 1}) has a single
 *       peak at {@code u^2 = v}, the positive root of {@code B v^2 - ((2p + m - 1) B - A) v - (m - 1) A = 0}
 *       (the product of its roots is {@code -(m-1)A/B <= 0}; for m = 1, v = max(0, 2p - A/B)); {@link
 *       PeakQuadrature} integrates it. A = 0 (q = 1/lr exactly) has the closed form {@code (2B)^p Gamma(m/2 +
 *       p) / Gamma(m/2)}.
 *   <li>Outer, over t: split at {@code t = lr^(-1/2)}, where A vanishes and the inner moment has a weak
 *       singularity {@code |1 - lr q|^(s + d - 1)}; on each side the peak is found numerically ({@link
 *       PeakQuadrature#locate}), started from the peak of the d = 1 integrand.
 * </ul>
 *
 * The top exponent uses the same substitutions with the densities' own peaks and {@code log(A + B u^2)} as a
 * factor. Accuracy: relative 1e-12 per piece; the tests compare s = 2 and s = 4 with the exact polynomial
 * moments, d = 1 with {@link GaussianFactorMoments}, and the top exponent with Monte Carlo.
 */
final class IsotropicStepMoments {
  /** Relative tolerance of the inner and outer quadratures. */
  static final double REL_TOL = 1e-12;
  /** Largest relative error estimate accepted. */
  static final double MAX_RELATIVE_ERROR = 1e-9;

  private IsotropicStepMoments() {}

  /** {@code log E||M e_1||^s} for x ~ N(0, I_d), batch S, {@code s > 0}. */
  static double logMoment(double lr, int dim, int batch, double s) {
    check(lr, dim, batch);
    if (!(s > 0) || !Double.isFinite(s)) {
      throw new IllegalArgumentException("the moment order s must be finite and > 0: " + s);
    }
    if (dim == 1) {
      return GaussianFactorMoments.logMoment(lr, batch, s);
    }
    int m = dim - 1;
    double p = 0.5 * s;
    double k = 0.5 * batch;
    double tc = Math.sqrt(1.0 / lr);
    DoubleUnaryOperator phi = t -> {
      if (!(t > 0)) {
        return k > 0.5 ? Double.NEGATIVE_INFINITY : Math.log(2) + k; // the limit t -> 0 for S = 1
      }
      double q = t * t;
      double a = Math.fma(-lr, q, 1.0);
      return logInner(a * a, lr * lr * q / batch, m, p) + logDensityOfRoot(t, k);
    };
    PeakQuadrature.LogValue total = PeakQuadrature.LogValue.ZERO;
    // the d = 1 peaks (GaussianFactorMoments) as starting points
    double b = s * lr + (k - 1) * lr + k;
    double root = Math.sqrt(Math.max(0.0, b * b - 4 * k * lr * (k - 1)));
    double upper = (b + root) / (2 * k * lr);
    double lower = k > 1 ? 2 * (k - 1) / (b + root) : 0.0;
    double scale = 0.5 / Math.sqrt(k);
    PeakQuadrature.Peak belowPeak =
        PeakQuadrature.locate(phi, 0.0, tc, Math.sqrt(lower), Math.min(scale, 0.25 * tc));
    total = total.plus(PeakQuadrature.integrate(phi, 0.0, tc, belowPeak, false, true, REL_TOL));
    PeakQuadrature.Peak abovePeak =
        PeakQuadrature.locate(phi, tc, Double.POSITIVE_INFINITY, Math.sqrt(upper), scale);
    total = total.plus(PeakQuadrature.integrate(phi, tc, Double.POSITIVE_INFINITY, abovePeak, false, true, REL_TOL));
    if (!(total.relativeError() <= MAX_RELATIVE_ERROR)) {
      throw new ArithmeticException("quadrature of E||M e_1||^s did not converge: lr = " + lr + ", d = " + dim
          + ", S = " + batch + ", s = " + s + ", relative error " + total.relativeError());
    }
    return total.log() + SpecialFunctions.gammaMeanOneLogNormalisation(k);
  }

  /**
   * The top Lyapunov exponent {@code (1/2) E log((1 - lr q)^2 + (lr^2 q / S) c)}; for d = 1 it is {@link
   * Linreg1dTheory#lyapunovGaussian}.
   */
  static double lyapunov(double lr, int dim, int batch) {
    check(lr, dim, batch);
    if (dim == 1) {
      return Linreg1dTheory.lyapunovGaussian(lr, batch);
    }
    int m = dim - 1;
    double k = 0.5 * batch;
    double tc = Math.sqrt(1.0 / lr);
    DoubleUnaryOperator logWeight = t -> t > 0 ? logDensityOfRoot(t, k)
        : (k > 0.5 ? Double.NEGATIVE_INFINITY : Math.log(2) + k);
    DoubleUnaryOperator g = t -> {
      double q = t * t;
      double a = Math.fma(-lr, q, 1.0);
      return 0.5 * innerExpectedLog(a * a, lr * lr * q / batch, m);
    };
    double mode = k > 0.5 ? Math.sqrt((2 * k - 1) / (2 * k)) : 0.0;
    double scale = 0.5 / Math.sqrt(k);
    double sum = 0;
    double error = 0;
    for (double[] region : new double[][] {{0.0, tc}, {tc, Double.POSITIVE_INFINITY}}) {
      PeakQuadrature.Peak peak = PeakQuadrature.locate(logWeight, region[0], region[1],
          Math.min(Math.max(mode, region[0]), region[1]), Math.min(scale, 0.25 * tc));
      Quadrature.Result r = PeakQuadrature.integrateProduct(logWeight, g, region[0], region[1], peak, false,
          REL_TOL, 1.0);
      sum += r.value();
      error += r.errorEstimate();
    }
    double norm = Math.exp(SpecialFunctions.gammaMeanOneLogNormalisation(k));
    if (!(error * norm <= MAX_RELATIVE_ERROR)) {
      throw new ArithmeticException("quadrature of the top exponent did not converge: lr = " + lr + ", d = " + dim
          + ", S = " + batch + ", error " + error * norm);
    }
    return sum * norm;
  }

  /**
   * {@code log} of the density of {@code t = sqrt(q)}, {@code 2 t f(t^2)}, without the normalisation {@link
   * SpecialFunctions#gammaMeanOneLogNormalisation}: {@code log 2 - log t - k (t^2 - 1 - log t^2)}.
   */
  private static double logDensityOfRoot(double t, double k) {
    return Math.log(2) - Math.log(t) - k * SpecialFunctions.gammaRate(t * t);
  }

  /** {@code log} of the normalisation of the density of {@code u = sqrt(c)}: {@code (1 - m/2) log 2 - log Gamma(m/2)}. */
  private static double innerLogNormalisation(int m) {
    return (1 - 0.5 * m) * Math.log(2) - SpecialFunctions.logGamma(0.5 * m);
  }

  /** {@code log E[(A + B c)^p]}, {@code c ~ chi^2_m}, {@code A, B >= 0}. */
  static double logInner(double a, double b, int m, double p) {
    if (b == 0) {
      return p * Math.log(a);
    }
    if (a == 0) {
      return p * Math.log(2 * b) + NormalAbsMoments.logGammaRatio(0.5 * m, p);
    }
    DoubleUnaryOperator psi = u -> p * Math.log(Math.fma(b * u, u, a)) + logPower(u, m - 1) - 0.5 * u * u;
    double beta = (2 * p + m - 1) * b - a;
    double v;
    if (m == 1) {
      v = Math.max(0.0, beta / b);
    } else {
      double root = Math.sqrt(beta * beta + 4 * b * (m - 1) * a);
      v = beta >= 0 ? (beta + root) / (2 * b) : 2 * (m - 1) * a / (root - beta);
    }
    double mode = Math.sqrt(v);
    double w = innerWidth(a, b, m, p, mode);
    PeakQuadrature.LogValue r = PeakQuadrature.integrate(psi, 0.0, Double.POSITIVE_INFINITY,
        new PeakQuadrature.Peak(mode, Math.min(w, mode > 0 ? mode : w), w), false, true, REL_TOL);
    if (!(r.relativeError() <= MAX_RELATIVE_ERROR)) {
      throw new ArithmeticException("inner quadrature did not converge: A = " + a + ", B = " + b + ", m = " + m
          + ", p = " + p + ", relative error " + r.relativeError());
    }
    return r.log() + innerLogNormalisation(m);
  }

  /** {@code 1/sqrt(-psi''(u))} at the peak of the inner log-integrand, or 1 where that is not finite. */
  private static double innerWidth(double a, double b, int m, double p, double u) {
    double x = Math.fma(b * u, u, a);
    double curvature = 1 + (u > 0 ? (m - 1) / (u * u) : 0) - 2 * p * b * (a - b * u * u) / (x * x);
    double w = 1 / Math.sqrt(curvature);
    return w > 0 && Double.isFinite(w) ? Math.min(w, 1.0 + u) : 1.0;
  }

  /** {@code E log(A + B c)}, {@code c ~ chi^2_m}, {@code B > 0}. */
  private static double innerExpectedLog(double a, double b, int m) {
    if (b == 0) {
      return Math.log(a);
    }
    // the normalisation goes inside the log-weight: u^(m-1) e^(-u^2/2) alone passes Double.MAX_VALUE at its
    // peak from m ~ 340 on, and the product with a tiny normalisation after the fact was then inf * 0 = NaN
    double logNorm = innerLogNormalisation(m);
    DoubleUnaryOperator logWeight = u -> logPower(u, m - 1) - 0.5 * u * u + logNorm;
    DoubleUnaryOperator g = u -> Math.log(Math.fma(b * u, u, a));
    double mode = Math.sqrt(m - 1.0);
    Quadrature.Result r = PeakQuadrature.integrateProduct(logWeight, g, 0.0, Double.POSITIVE_INFINITY,
        new PeakQuadrature.Peak(mode, mode > 0 ? Math.min(mode, 0.7) : 0.7, 0.7), false, REL_TOL,
        Math.abs(Math.log(a + b * m)) + 1);
    return r.value();
  }

  /** {@code j log u}, 0 for j = 0 (also at u = 0). */
  private static double logPower(double u, int j) {
    return j == 0 ? 0.0 : j * Math.log(u);
  }

  private static void check(double lr, int dim, int batch) {
    Linreg1dTheory.checkLr(lr);
    Linreg1dTheory.checkBatch(batch);
    if (dim < 1) {
      throw new IllegalArgumentException("the dimension must be >= 1: " + dim);
    }
  }
}
