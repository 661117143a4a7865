package org.sgdmc.rng;

/**
 * What is known exactly about the symmetric alpha-stable law S alpha S(1), characteristic function
 * {@code phi(t) = exp(-|t|^alpha)}, for the statistical tests of the draws. Test-only, plain doubles; each
 * quantity is accurate to far better than the 10^-4 to 10^-3 a test of 10^6 draws resolves.
 *
 * <ul>
 *   <li>{@link #centralProbability}: P(|Z| < s) for 1 <= alpha <= 2 from the density's power series
 *       f(x) = (1/(pi alpha)) sum_k (-1)^k Gamma((2k+1)/alpha) x^2k / (2k)! (convergent for alpha > 1; at
 *       alpha = 1 for |x| < 1), integrated term by term.
 *   <li>{@link #tailProbability}: P(|Z| > s) = (2/pi) sum_{k>=1} (-1)^(k+1) Gamma(k alpha)/k! sin(k pi alpha/2)
 *       s^(-k alpha), convergent for alpha < 1 (and at alpha = 1 for s > 1), asymptotic for 1 < alpha < 2
 *       (Feller II, XVII.6; Zolotarev 1986, 2.4-2.5); {@link #asymptoticTail} takes its first terms.
 *   <li>{@link #centralProbabilityByQuadrature}: P(|Z| < s) = (2/pi) int_0^inf sin(st)/t phi(t) dt
 *       (Gil-Pelaez), numerically, to check the two series against a formula they share nothing with.
 * </ul>
 */
final class StableLaw {
  /** Lanczos (g = 7, 9 terms) coefficients: relative error of Gamma about 1e-15. */
  private static final double[] LANCZOS = {
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
  private static final double LANCZOS_G = 7.0;
  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2.0 * Math.PI);

  private StableLaw() {}

  /** phi(t) = E cos(tZ) = exp(-|t|^alpha). */
  static double characteristicFunction(double alpha, double t) {
    return Math.exp(-Math.pow(Math.abs(t), alpha));
  }

  /** ln Gamma(x) for x > 0 (Lanczos; reflection below 1/2). */
  static double logGamma(double x) {
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1.0 - x);
    }
    double y = x - 1.0;
    double a = LANCZOS[0];
    for (int i = 1; i < LANCZOS.length; i++) {
      a += LANCZOS[i] / (y + i);
    }
    double t = y + LANCZOS_G + 0.5;
    return HALF_LOG_TWO_PI + (y + 0.5) * Math.log(t) - t + Math.log(a);
  }

  /** Gamma(x) for x > 0. */
  static double gamma(double x) {
    return Math.exp(logGamma(x));
  }

  /** P(|Z| < s) for 1 < alpha <= 2 (or alpha = 1 and s < 1), by the density's series; for s up to a few. */
  static double centralProbability(double alpha, double s) {
    double sum = 0, largest = 0;
    for (int k = 0; k < 400; k++) {
      int n = 2 * k + 1;
      double magnitude = Math.exp(logGamma(n / alpha) + n * Math.log(s) - logGamma(n + 1.0));
      sum += (k & 1) == 0 ? magnitude : -magnitude;
      largest = Math.max(largest, magnitude);
      if (k > 5 && magnitude < 1e-18 * largest) {
        break;
      }
    }
    if (largest > 1e6) { // rounding of the terms: about largest * 1e-16 * sqrt(terms), still below 1e-9
      throw new IllegalArgumentException("series loses digits to cancellation at alpha " + alpha + ", s " + s);
    }
    return 2.0 / (Math.PI * alpha) * sum;
  }

  /** P(|Z| > s) for alpha < 1 (or alpha = 1 and s > 1), by the convergent series. */
  static double tailProbability(double alpha, double s) {
    double sum = 0, largest = 0;
    for (int k = 1; k < 400; k++) {
      double magnitude = Math.exp(logGamma(k * alpha) - logGamma(k + 1.0) - k * alpha * Math.log(s));
      double term = magnitude * Math.sin(k * Math.PI * alpha / 2);
      sum += (k & 1) == 1 ? term : -term;
      largest = Math.max(largest, magnitude);
      if (k > 5 && magnitude < 1e-18 * largest) {
        break;
      }
    }
    if (largest > 1e4) {
      throw new IllegalArgumentException("series loses digits to cancellation at alpha " + alpha + ", s " + s);
    }
    return 2.0 / Math.PI * sum;
  }

  /** The k-th term of the tail series, k >= 1, with its sign. */
  static double tailTerm(double alpha, double s, int k) {
    double term = 2.0 / Math.PI * gamma(k * alpha) / Math.exp(logGamma(k + 1.0)) * Math.sin(k * Math.PI * alpha / 2)
        * Math.pow(s, -k * alpha);
    return (k & 1) == 1 ? term : -term;
  }

  /** The first {@code terms} terms of the tail series: P(|Z| > s) as s grows. */
  static double asymptoticTail(double alpha, double s, int terms) {
    double sum = 0;
    for (int k = 1; k <= terms; k++) {
      sum += tailTerm(alpha, s, k);
    }
    return sum;
  }

  /**
   * P(|Z| < s) by Simpson's rule on (2/pi) int_0^inf sin(st)/t e^(-t^alpha) dt after t = u^2, which makes
   * the integrand 2 sin(s u^2)/u e^(-u^(2 alpha)) smooth at 0 for every alpha; cut where e^(-t^alpha) < e^-45.
   */
  static double centralProbabilityByQuadrature(double alpha, double s) {
    double upper = Math.pow(45.0, 1.0 / (2.0 * alpha));
    // the phase s u^2 turns fastest at the top: 2 s upper radians per unit of u; 100 steps per radian
    int steps = 2 * (int) Math.ceil(Math.max(20_000, 100 * 2 * s * upper * upper) / 2);
    double h = upper / steps;
    double sum = 0.0; // the integrand's limit at u = 0
    for (int i = 1; i <= steps; i++) {
      double u = i * h;
      double f = 2.0 * Math.sin(s * u * u) / u * Math.exp(-Math.pow(u, 2.0 * alpha));
      sum += (i == steps ? 1 : (i & 1) == 1 ? 4 : 2) * f;
    }
    return 2.0 / Math.PI * sum * h / 3.0;
  }
}
