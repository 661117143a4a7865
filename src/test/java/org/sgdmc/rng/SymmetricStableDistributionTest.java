package org.sgdmc.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stable draws have the symmetric alpha-stable law S alpha S(1), E e^{itZ} = exp(-|t|^alpha): the
 * closed forms at alpha = 2 (N(0, 2)) and 1 (Cauchy) as whole distributions, and for other alphas the
 * characteristic function, the distribution function at points where a series gives it exactly, and the
 * power-law tail. Samples come from the vector fill, which equals the scalar reference bit for bit
 * ({@link SymmetricStableTwinTest}); exact values from {@link StableLaw}, itself checked first.
 *
 * <p>False-failure probabilities (fixed seeds, so a pass is permanent; these say how unlucky a seed would
 * have to be to fail a correct generator): every binomial or moment test is two-sided at 5 standard errors
 * (5.7e-7 each, 24 of them), the characteristic function at 4 (6.3e-5 each, 20 of them, as the issue asked),
 * KS at 2.6934 (1e-6 each, 2): about 1.3e-3 in all, nearly all of it from the characteristic function.
 *
 * <p>Power, tried by breaking the code on purpose: alpha 0.02 too large fails 12 of the 13 characteristic
 * function, distribution function and tail tests; a scale 1% too large fails 10 tests at alpha = 1 to 2 (the
 * medians, E Z^2, the distribution function, the characteristic function), though none at alpha = 1/2, whose
 * spread is such that 10^6 draws resolve a scale to about 2%.
 */
class SymmetricStableDistributionTest {
  private static final int WIDTH = 1000;
  private static final int MILLION = 1_000_000;

  /** {@code n} stables (a multiple of {@link #WIDTH}) of index alpha: trajectories 0..999, blocks 0.., stream NOISE. */
  static double[] sample(double alpha, long seed, int n) {
    StableShape shape = StableShape.of(alpha);
    int chunk = 500, rows = n / WIDTH;
    double[] z = new double[n];
    long[] bits = new long[2 * chunk * WIDTH];
    double[] out = new double[chunk * WIDTH];
    for (int b0 = 0; b0 < rows; b0 += chunk) {
      int blocks = Math.min(chunk, rows - b0);
      VectorDraws.symmetricStables(seed, Stream.NOISE.id, 0L, WIDTH, b0, blocks, shape, bits, out);
      System.arraycopy(out, 0, z, b0 * WIDTH, blocks * WIDTH);
    }
    return z;
  }

  /** How many of the sample have |z| below s (or above, when {@code above}). */
  private static long countAbs(double[] z, double s, boolean above) {
    long count = 0;
    for (double x : z) {
      count += (Math.abs(x) > s) == above && Math.abs(x) != s ? 1 : 0;
    }
    return count;
  }

  /** Asserts a binomial count within 5 standard errors (plus {@code slack} in probability) of n p. */
  private static void assertBinomial(String what, long count, int n, double p, double slack) {
    double mean = n * p, sd = Math.sqrt(n * p * (1 - p));
    double z = (count - mean) / sd;
    System.out.printf("%s: %d of %d (expected %.1f +- %.1f, z = %.2f)%n", what, count, n, mean, sd, z);
    assertTrue(Math.abs(count - mean) < Statistics.Z_CRITICAL * sd + n * slack,
        what + ": " + count + " of " + n + ", expected " + mean + " (z = " + z + ")");
  }

  // ------------------------------------------------------------------ the reference law itself

  @Test
  void theGammaFunctionIsAccurate() {
    assertEquals(Math.sqrt(Math.PI), StableLaw.gamma(0.5), 1e-14);
    assertEquals(1.0, StableLaw.gamma(1.0), 1e-14);
    assertEquals(24.0, StableLaw.gamma(5.0), 24e-14);
    assertEquals(0.886226925452758013649, StableLaw.gamma(1.5), 1e-14);
    assertEquals(2.99156898768759062831, StableLaw.gamma(0.3), 3e-14); // Gamma(0.3) to 21 digits
    assertEquals(Math.log(3.0414093201713378e64), StableLaw.logGamma(51.0), 1e-12); // ln 50!
  }

  @Test
  void theSeriesAgreeWithTheClosedFormsAtAlphaOneAndTwo() {
    for (double s : new double[] {0.1, 0.5, 1.0, 2.0, 4.0}) {
      // N(0, 2): P(|Z| < s) = 2 Phi(s / sqrt 2) - 1
      assertEquals(2 * Statistics.normalCdf(s / Math.sqrt(2)) - 1, StableLaw.centralProbability(2.0, s), 1e-13, "alpha 2, s " + s);
    }
    // Cauchy: P(|Z| < s) = (2/pi) atan s, the central series below 1 and the tail series above
    assertEquals(2 / Math.PI * Math.atan(0.5), StableLaw.centralProbability(1.0, 0.5), 1e-14);
    assertEquals(2 / Math.PI * Math.atan(1 / 3.0), StableLaw.tailProbability(1.0, 3.0), 1e-14);
  }

  /** The series against an independent implementation: scipy 1.17.1, {@code 2 levy_stable.cdf(s, alpha, 0) - 1}. */
  @ParameterizedTest(name = "alpha {0}, s {1}")
  @CsvSource({"1.5, 1.0, 0.5126840487985409", "1.5, 3.0, 0.89680439288163", "1.8, 2.0, 0.8245932550941739",
      "1.8, 3.0, 0.9413149320164613", "1.2, 2.0, 0.7435452797361579", "1.95, 0.5, 0.2763246450672616",
      "0.5, 10.0, 0.7774292206218378", "0.5, 1000.0, 0.9750848822114837"})
  void theSeriesAgreeWithScipy(double alpha, double s, double scipy) {
    double series = alpha < 1 ? 1 - StableLaw.tailProbability(alpha, s) : StableLaw.centralProbability(alpha, s);
    assertEquals(scipy, series, 1e-12, "P(|Z| < " + s + ") at alpha " + alpha);
  }

  /** The series against Gil-Pelaez quadrature of the characteristic function, where each series converges. */
  @ParameterizedTest(name = "alpha {0}, s {1}")
  @CsvSource({"0.5, 1.0", "0.5, 10.0", "1.2, 1.0", "1.2, 2.0", "1.5, 1.0", "1.5, 3.0", "1.8, 2.0", "1.95, 0.5"})
  void theSeriesAgreeWithQuadratureOfTheCharacteristicFunction(double alpha, double s) {
    double series = alpha < 1 ? 1 - StableLaw.tailProbability(alpha, s) : StableLaw.centralProbability(alpha, s);
    double quadrature = StableLaw.centralProbabilityByQuadrature(alpha, s);
    assertEquals(quadrature, series, 1e-9, "P(|Z| < " + s + ") at alpha " + alpha);
  }

  // ------------------------------------------------------------------ alpha = 2 and alpha = 1, whole laws

  @Test
  void atAlphaTwoTheDrawsAreNormalWithVarianceTwo() {
    double[] z = sample(2.0, 301L, MILLION);
    double[] sum = new double[3];
    for (double x : z) {
      sum[1] += x * x;
      sum[2] += x * x * x * x;
    }
    // E Z^2 = 2 and E Z^4 = 12 (kurtosis 3); Var Z^2 = 12 - 4 = 8, Var Z^4 = E Z^8 - 144 = 1680 - 144
    double[] expected = {0, 2, 12}, variance = {0, 8, 1536};
    for (int k = 1; k <= 2; k++) {
      double mean = sum[k] / z.length, zScore = (mean - expected[k]) / Math.sqrt(variance[k] / z.length);
      System.out.printf("alpha 2: E Z^%d = %.5f (expected %.0f, z = %.2f)%n", 2 * k, mean, expected[k], zScore);
      assertTrue(Math.abs(zScore) < Statistics.Z_CRITICAL, "E Z^" + 2 * k + " = " + mean);
    }
    double ks = Statistics.kolmogorovSmirnov(z, x -> Statistics.normalCdf(x / Math.sqrt(2.0)));
    System.out.printf("alpha 2: KS against N(0, 2), n = 10^6: sqrt(n) D = %.3f%n", ks);
    assertTrue(ks < Statistics.KOLMOGOROV_CRITICAL, "sqrt(n) D = " + ks);
  }

  @Test
  void atAlphaOneTheDrawsAreStandardCauchy() {
    double[] z = sample(1.0, 302L, MILLION);
    double ks = Statistics.kolmogorovSmirnov(z, x -> 0.5 + Math.atan(x) / Math.PI);
    System.out.printf("alpha 1: KS against Cauchy, n = 10^6: sqrt(n) D = %.3f%n", ks);
    assertTrue(ks < Statistics.KOLMOGOROV_CRITICAL, "sqrt(n) D = " + ks);
  }

  /**
   * Medians of |Z| known exactly: 1 for the Cauchy law (tan(pi/4)), sqrt(2) Phi^-1(3/4) = 0.9538725524
   * for N(0, 2); the fraction below each is binomial(n, 1/2).
   */
  @ParameterizedTest(name = "alpha {0}")
  @CsvSource({"1.0, 1.0", "2.0, 0.95387255240893975"})
  void theMedianOfTheMagnitudeIsKnownAtAlphaOneAndTwo(double alpha, double median) {
    assertEquals(0.6744897501960817 * Math.sqrt(2.0), 0.95387255240893975, 1e-15); // Phi^-1(3/4) to 16 digits
    double[] z = sample(alpha, 303L + (long) alpha, MILLION);
    assertBinomial("alpha " + alpha + ": |Z| < median " + median, countAbs(z, median, false), z.length, 0.5, 0);
  }

  // ------------------------------------------------------------------ every alpha

  /**
   * The empirical characteristic function: the mean of cos(tZ) over 10^6 draws is within 4 standard errors
   * of exp(-|t|^alpha), the standard error known exactly: Var cos(tZ) = (1 + phi(2t))/2 - phi(t)^2. The
   * values of t span the bulk (t = 4 sees |Z| ~ 1/4) and the tail (t = 1/4 sees |Z| ~ 4).
   */
  @ParameterizedTest(name = "alpha {0}")
  @ValueSource(doubles = {0.5, 1.2, 1.5, 1.8, 1.95})
  void theEmpiricalCharacteristicFunctionIsExpOfMinusAbsTToTheAlpha(double alpha) {
    double[] z = sample(alpha, 310L + (long) (100 * alpha), MILLION);
    for (double t : new double[] {0.25, 0.7, 1.5, 4.0}) {
      double sum = 0;
      for (double x : z) {
        sum += Math.cos(t * x);
      }
      double mean = sum / z.length, phi = StableLaw.characteristicFunction(alpha, t);
      double variance = (1 + StableLaw.characteristicFunction(alpha, 2 * t)) / 2 - phi * phi;
      double zScore = (mean - phi) / Math.sqrt(variance / z.length);
      System.out.printf("alpha %.2f: mean cos(%.2f Z) = %.6f, exp(-|t|^alpha) = %.6f (z = %.2f)%n", alpha, t, mean, phi, zScore);
      assertTrue(Math.abs(zScore) < 4.0, "alpha " + alpha + ", t " + t + ": " + mean + " vs " + phi + ", z = " + zScore);
    }
  }

  /** P(Z > 0) = 1/2 (exact by construction: Z has the sign of U1 - 1/2), binomial within 5 sd. */
  @ParameterizedTest(name = "alpha {0}")
  @ValueSource(doubles = {0.5, 1.5, 1.95})
  void halfTheDrawsArePositive(double alpha) {
    double[] z = sample(alpha, 320L + (long) (100 * alpha), MILLION);
    long positive = 0;
    for (double x : z) {
      positive += x > 0 ? 1 : 0;
    }
    assertBinomial("alpha " + alpha + ": Z > 0", positive, z.length, 0.5, 0);
  }

  /**
   * The distribution function where a convergent series gives it ({@link StableLaw}): P(|Z| < s) for
   * alpha > 1, P(|Z| > s) for alpha < 1, at several s from the bulk to the tail; binomial within 5 sd each.
   */
  @ParameterizedTest(name = "alpha {0}")
  @ValueSource(doubles = {0.5, 1.2, 1.5, 1.8})
  void theDistributionFunctionMatchesItsSeries(double alpha) {
    double[] z = sample(alpha, 330L + (long) (100 * alpha), MILLION);
    double[] points = alpha < 1 ? new double[] {0.3, 1.0, 10.0, 1000.0} : new double[] {0.25, 1.0, 2.0};
    for (double s : points) {
      if (alpha < 1) {
        assertBinomial("alpha " + alpha + ": |Z| > " + s, countAbs(z, s, true), z.length, StableLaw.tailProbability(alpha, s), 0);
      } else {
        assertBinomial("alpha " + alpha + ": |Z| < " + s, countAbs(z, s, false), z.length, StableLaw.centralProbability(alpha, s), 0);
      }
    }
  }

  /**
   * The power-law tail: P(|Z| > s) ~ (2/pi) Gamma(alpha) sin(pi alpha / 2) s^-alpha, checked far out with
   * 4 x 10^6 draws. For alpha > 1 the series is only asymptotic: the expectation takes its first two terms
   * (the second is a 1-2% correction at s = 20, several standard errors), and the tolerance adds twice the
   * first omitted term to the 5 binomial standard errors; for alpha = 1/2 the series converges and is exact.
   */
  @ParameterizedTest(name = "alpha {0}, s {1}")
  @CsvSource({"0.5, 1.0e4", "1.2, 20.0", "1.5, 20.0", "1.8, 20.0"})
  void theTailFollowsThePowerLaw(double alpha, double s) {
    int n = 4 * MILLION;
    double[] z = sample(alpha, 340L + (long) (100 * alpha), n);
    double leading = StableLaw.tailTerm(alpha, s, 1);
    assertEquals(2 / Math.PI * StableLaw.gamma(alpha) * Math.sin(Math.PI * alpha / 2) * Math.pow(s, -alpha), leading, 1e-15);
    double expected = alpha < 1 ? StableLaw.tailProbability(alpha, s) : StableLaw.asymptoticTail(alpha, s, 2);
    double slack = alpha < 1 ? 0 : 2 * Math.abs(StableLaw.tailTerm(alpha, s, 3));
    System.out.printf("alpha %.2f: P(|Z| > %.0f) leading term %.4e, expected %.4e +- %.1e%n", alpha, s, leading, expected, slack);
    assertBinomial("alpha " + alpha + ": |Z| > " + s, countAbs(z, s, true), n, expected, slack);
  }
}
