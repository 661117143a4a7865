package org.sgdmc.rng;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * Test statistics with fixed critical values, each chosen so that a correct generator fails with the
 * stated probability (the false-failure rate). The tests use fixed seeds, so a test that passes once passes
 * always; the probability says how unlucky a seed would have to be to make a correct generator fail.
 *
 * <pre>
 *   statistic                                 critical value     P(exceed | H0)
 *   chi-square, 255 degrees of freedom        377.08             1.0e-6
 *   Kolmogorov sqrt(n) D_n (n -> infinity)    2.6934             1.0e-6   (finite n: slightly less)
 *   |standard normal|                         5                  5.7e-7   (two-sided)
 * </pre>
 *
 * Summed over every statistical assertion of the package (about 180, 128 of them bit-frequency
 * tests), a correct generator would fail somewhere with probability about 1.2e-4 per fresh choice of seeds.
 */
final class Statistics {
  /** Upper 1e-6 point of chi-square with 255 degrees of freedom (256 cells). */
  static final double CHI2_255_CRITICAL = 377.08;
  /** Upper 1e-6 point of the Kolmogorov distribution: P(sqrt(n) D_n > 2.6934) -> 1e-6. */
  static final double KOLMOGOROV_CRITICAL = 2.6934;
  /** Two-sided 5 sigma: P(|Z| > 5) = 5.7e-7. */
  static final double Z_CRITICAL = 5.0;

  private Statistics() {}

  /** Pearson's statistic of counts against equal expected counts. */
  static double chiSquareEqual(long[] counts) {
    long n = Arrays.stream(counts).sum();
    double expected = (double) n / counts.length;
    double chi2 = 0;
    for (long c : counts) {
      chi2 += (c - expected) * (c - expected) / expected;
    }
    return chi2;
  }

  /** Chi-square of 256 equal bins of uniforms in [0, 1) (bin = top 8 bits). */
  static double chiSquare256(double[] u, int from, int to) {
    long[] counts = new long[256];
    for (int i = from; i < to; i++) {
      counts[(int) (u[i] * 256.0)]++;
    }
    return chiSquareEqual(counts);
  }

  /**
   * Chi-square of the pairs (a[i], b[i]), uniforms in [0, 1), on a 16 x 16 grid: under independence every
   * cell has probability 1/256, so this is a 255-degree test of the joint distribution, sensitive to any
   * dependence, not only to linear correlation. The pairs must be disjoint draws.
   */
  static double chiSquarePairs(double[] a, double[] b) {
    long[] counts = new long[256];
    for (int i = 0; i < a.length; i++) {
      counts[(int) (a[i] * 16.0) * 16 + (int) (b[i] * 16.0)]++;
    }
    return chiSquareEqual(counts);
  }

  /** sqrt(n) D_n of the sample against the continuous CDF {@code cdf} (the sample is sorted in place). */
  static double kolmogorovSmirnov(double[] sample, DoubleUnaryOperator cdf) {
    Arrays.sort(sample);
    int n = sample.length;
    double d = 0;
    for (int i = 0; i < n; i++) {
      double f = cdf.applyAsDouble(sample[i]);
      d = Math.max(d, Math.max(f - (double) i / n, (double) (i + 1) / n - f));
    }
    return Math.sqrt(n) * d;
  }

  /**
   * sqrt(n) times the correlation of (a[i] - mean) and (b[i] - mean) with the population mean and variance
   * known: under independence approximately standard normal (each product has variance var^2).
   */
  static double correlationZ(double[] a, double[] b, double mean, double variance) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - mean) * (b[i] - mean);
    }
    return s / (variance * Math.sqrt(a.length));
  }

  /**
   * The standard normal CDF, Phi(x) = 1/2 + erf(x / sqrt 2) / 2, with erf from its everywhere-positive series
   * erf(y) = 2/sqrt(pi) exp(-y^2) sum_n (2 y^2)^n y / (1 3 5 ... (2n+1)), which has no cancellation; beyond
   * |x| = 9 it returns 0 or 1 (Phi(-9) = 1.1e-19). Absolute error below 1e-15 everywhere (the test of this
   * class checks it at known values to 30 digits), far below the 1/sqrt(n) resolution of a KS test.
   */
  static double normalCdf(double x) {
    if (x <= -9.0) {
      return 0.0;
    }
    if (x >= 9.0) {
      return 1.0;
    }
    double y = Math.abs(x) / Math.sqrt(2.0);
    double y2 = y * y;
    double term = y, sum = y;
    for (int n = 1; term > 1e-17 * sum; n++) {
      term *= 2.0 * y2 / (2 * n + 1);
      sum += term;
    }
    double erf = 2.0 / Math.sqrt(Math.PI) * Math.exp(-y2) * sum;
    return x < 0 ? 0.5 - 0.5 * erf : 0.5 + 0.5 * erf;
  }
}
