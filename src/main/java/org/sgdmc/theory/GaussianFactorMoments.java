package org.sgdmc.theory;

/**
 * {@code log E|1 - lr q|^s} for {@code q = chi^2_S / S}: the moment function of the tail index of {@code
 * linreg1d} off interpolation with fresh N(0, 1) data (for N(0, v) data use {@code lr v}).
 *
 * <p>The density of q is Gamma(shape {@code k = S/2}, scale {@code 1/k}), so the log-integrand is
 *
 * <pre>  phi(q) = s log|1 - lr q| + (k - 1) log q - k q  (+ const),</pre>
 *
 * split at the zero {@code c = 1/lr} of the factor into (0, c), where {@code |a| < 1}, and (c, infinity),
 * where {@code |a|} grows and, for large s, carries almost all of the moment far out in the tail of q. On each
 * piece phi has a single maximum, and it is a root of the same quadratic: setting {@code phi' = 0} and
 * multiplying by {@code q (1 - lr q)} gives
 *
 * <pre>  k lr q^2 - (s lr + (k - 1) lr + k) q + (k - 1) = 0.</pre>
 *
 * For {@code k > 1} both roots are positive and phi tends to -infinity at 0 and at c, so the smaller root is
 * the peak on (0, c) and the larger one the peak on (c, infinity). For {@code k <= 1} the product of the roots
 * is {@code <= 0}: only the larger one is positive (the peak on (c, infinity)), and on (0, c) phi falls from
 * its value at 0 ({@code +infinity} for S = 1: the integrable {@code q^(-1/2)}, which tanh-sinh takes at its
 * end). The widths are {@code 1/sqrt(-phi'')} at the peaks, {@code -phi'' = s lr^2/(1 - lr q)^2 + (k - 1)/q^2}.
 * {@link PeakQuadrature} does the rest; the density's normalisation is {@link
 * SpecialFunctions#gammaMeanOneLogNormalisation}, and the density is evaluated in its cancellation-free form
 * (as in {@link GaussianLyapunov}) so the error does not grow with S.
 *
 * <p>Accuracy: the pieces are converged to a relative 1e-13; the tests compare even moments with their exact
 * polynomial values (relative error below 1e-12) and S = 2 against the closed form of {@code E|1 - lr q|}.
 */
final class GaussianFactorMoments {
  /** Relative tolerance of the quadrature. */
  static final double REL_TOL = 1e-13;
  /** Largest relative error estimate accepted. */
  static final double MAX_RELATIVE_ERROR = 1e-10;

  private GaussianFactorMoments() {}

  /** {@code log E|1 - lr q|^s} for {@code s > 0}. */
  static double logMoment(double lr, int batch, double s) {
    PeakQuadrature.LogValue v = logMomentWithError(lr, batch, s);
    if (!(v.relativeError() <= MAX_RELATIVE_ERROR)) {
      throw new ArithmeticException("quadrature of E|1 - lr q|^s did not converge: lr = " + lr + ", S = " + batch
          + ", s = " + s + ", relative error " + v.relativeError());
    }
    return v.log();
  }

  static PeakQuadrature.LogValue logMomentWithError(double lr, int batch, double s) {
    Linreg1dTheory.checkLr(lr);
    Linreg1dTheory.checkBatch(batch);
    if (!(s > 0) || !Double.isFinite(s)) {
      throw new IllegalArgumentException("the moment order s must be finite and > 0: " + s);
    }
    double k = 0.5 * batch;
    double c = 1.0 / lr;
    java.util.function.DoubleUnaryOperator phi = q ->
        q > 0 ? s * Linreg1dTheory.logAbsOneMinus(lr, q) - k * SpecialFunctions.gammaRate(q) - Math.log(q)
            : (k < 1 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
    double b = s * lr + (k - 1) * lr + k;
    double root = Math.sqrt(Math.max(0.0, b * b - 4 * k * lr * (k - 1)));
    double upper = (b + root) / (2 * k * lr);
    PeakQuadrature.Peak inner;
    if (k > 1) {
      double lower = 2 * (k - 1) / (b + root); // = product / upper, without cancellation
      double w = width(s, lr, k, lower);
      inner = new PeakQuadrature.Peak(lower, w, w);
    } else {
      double w = Math.min(c, 1.0 / (s * lr + k));
      inner = new PeakQuadrature.Peak(0.0, w, w);
    }
    PeakQuadrature.LogValue below = PeakQuadrature.integrate(phi, 0.0, c, inner, k < 1, REL_TOL);
    double mode = Math.max(upper, Math.nextUp(c));
    double w = width(s, lr, k, mode);
    if (!(w > 0) || !Double.isFinite(w)) {
      w = mode - c;
    }
    PeakQuadrature.LogValue above = PeakQuadrature.integrate(phi, c, Double.POSITIVE_INFINITY,
        new PeakQuadrature.Peak(mode, Math.min(w, mode - c), w), false, REL_TOL);
    PeakQuadrature.LogValue total = below.plus(above);
    double logNorm = SpecialFunctions.gammaMeanOneLogNormalisation(k);
    return new PeakQuadrature.LogValue(total.log() + logNorm, total.relativeError(), total.evaluations());
  }

  /** {@code 1/sqrt(-phi''(q))}. */
  private static double width(double s, double lr, double k, double q) {
    double a = 1 - lr * q;
    double curvature = s * lr * lr / (a * a) + (k - 1) / (q * q);
    return 1.0 / Math.sqrt(curvature);
  }
}
