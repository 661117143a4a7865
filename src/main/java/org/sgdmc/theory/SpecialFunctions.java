package org.sgdmc.theory;

/**
 * The few special functions the theory needs: the log-gamma function, its Stirling remainder, and the
 * log-density of the batch mean of squared Gaussians. Absolute error: a few ulps of {@code log Gamma(max(x,
 * 10))}, e.g. below 4e-15 for x &lt;= 10 and relative 1e-15 above.
 *
 * <p>All go through the Stirling series with seven Bernoulli terms for arguments of at least 10 (first
 * omitted term {@code 3617 / (122400 x^15)} &lt; 3e-17 there) and the recurrence {@code Gamma(x + 1) = x
 * Gamma(x)} below 10, so there is one code path to trust.
 */
public final class SpecialFunctions {
  /** log(2 pi) / 2. */
  static final double HALF_LOG_TWO_PI = 0.9189385332046727417803297;
  /** Below this argument the Stirling series is reached through the recurrence. */
  private static final double STIRLING_MIN = 10.0;

  private SpecialFunctions() {}

  /**
   * The Stirling remainder {@code log Gamma(x) - [(x - 1/2) log x - x + log(2 pi) / 2]}, for {@code x > 0}.
   * It is small and positive (about {@code 1 / (12 x)}), so computing it directly rather than as a
   * difference of two large numbers keeps densities with large shape parameters accurate.
   */
  public static double stirlingRemainder(double x) {
    if (!(x > 0)) {
      throw new IllegalArgumentException("x must be > 0: " + x);
    }
    if (x >= STIRLING_MIN) {
      return stirlingSeries(x);
    }
    return logGamma(x) - ((x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI);
  }

  /** log Gamma(x) for {@code x > 0}. */
  public static double logGamma(double x) {
    if (!(x > 0)) {
      throw new IllegalArgumentException("x must be > 0: " + x);
    }
    if (x >= STIRLING_MIN) {
      return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + stirlingSeries(x);
    }
    // Gamma(x) = Gamma(x + n) / (x (x + 1) ... (x + n - 1)); at most ten factors, no overflow.
    double product = 1.0;
    double y = x;
    while (y < STIRLING_MIN) {
      product *= y;
      y += 1.0;
    }
    return (y - 0.5) * Math.log(y) - y + HALF_LOG_TWO_PI + stirlingSeries(y) - Math.log(product);
  }

  /** log(n!) for {@code n >= 0}. */
  public static double logFactorial(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0: " + n);
    }
    return n < 2 ? 0.0 : logGamma(n + 1.0);
  }

  /** Sum of B_2k / (2k (2k - 1) x^(2k - 1)), k = 1..7. */
  private static double stirlingSeries(double x) {
    double r = 1.0 / x;
    double r2 = r * r;
    return r * (1.0 / 12 + r2 * (-1.0 / 360 + r2 * (1.0 / 1260 + r2 * (-1.0 / 1680
        + r2 * (1.0 / 1188 + r2 * (-691.0 / 360360 + r2 * (1.0 / 156)))))));
  }

  /**
   * {@code q - 1 - log q} for {@code q > 0}: the Cramer rate function of a Gamma variable with mean 1, zero
   * at {@code q = 1}. Near 1 it is formed from {@code d = q - 1} (exact there) and {@code log1p(d)}.
   */
  static double gammaRate(double q) {
    double d = q - 1.0;
    return Math.abs(d) < 0.5 ? d - Math.log1p(d) : d - Math.log(q);
  }

  /**
   * The log-density at {@code q > 0} of {@code q = chi^2_S / S}, the batch mean of S squared standard
   * normals: Gamma with shape {@code k = S/2} and scale {@code 2/S} (mean 1, variance {@code 2/S}). Written
   * as {@code -k (q - 1 - log q) - log q + log(k / 2 pi) / 2 - stirlingRemainder(k)}, which is the usual
   * {@code (k - 1) log q - k q + k log k - log Gamma(k)} with the large terms cancelled analytically, so
   * the error does not grow with S.
   *
   * @param q the point, {@code > 0}
   * @param k the shape, {@code S / 2}
   * @param logNormalisation {@code log(k / 2 pi) / 2 - stirlingRemainder(k)}, see {@link
   *     #gammaMeanOneLogNormalisation(double)}
   */
  static double gammaMeanOneLogDensity(double q, double k, double logNormalisation) {
    return -k * gammaRate(q) - Math.log(q) + logNormalisation;
  }

  /** The q-independent part of {@link #gammaMeanOneLogDensity}. */
  static double gammaMeanOneLogNormalisation(double k) {
    return 0.5 * Math.log(k) - HALF_LOG_TWO_PI - stirlingRemainder(k);
  }
}
