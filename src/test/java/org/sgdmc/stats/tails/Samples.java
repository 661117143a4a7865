package org.sgdmc.stats.tails;

import java.util.SplittableRandom;

/** Seeded test samples with known tails (SplittableRandom's algorithm is fixed: SplitMix64). */
final class Samples {
  private Samples() {}

  /** Pareto(alpha) on [1, inf): {@code P(X > s) = s^-alpha}, by inversion; random signs if {@code signed}. */
  static double[] pareto(int n, double alpha, long seed, boolean signed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      double v = Math.pow(1 - r.nextDouble(), -1 / alpha);
      x[i] = signed && r.nextBoolean() ? -v : v;
    }
    return x;
  }

  /** Student-t with nu degrees of freedom: {@code P(|T| > s) ~ C s^-nu (1 + O(s^-2))}. */
  static double[] studentT(int n, int nu, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      double chi2 = 0;
      for (int j = 0; j < nu; j++) {
        double z = normal(r);
        chi2 += z * z;
      }
      x[i] = normal(r) / Math.sqrt(chi2 / nu);
    }
    return x;
  }

  /** Standard Cauchy: {@code P(|X| > s) = (2/pi) atan(1/s) ~ (2/pi) / s}. */
  static double[] cauchy(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = Math.tan(Math.PI * (r.nextDouble() - 0.5));
    }
    return x;
  }

  /**
   * With probability {@code 1 - tailWeight} an Exp(1) variable (the bulk), else {@code tailXmin} times a
   * Pareto(alpha): above about 10 the law is the pure power law {@code tailWeight (s / tailXmin)^-alpha} up to
   * the exponential's {@code e^-s}.
   */
  static double[] exponentialBulkParetoTail(int n, double tailWeight, double tailXmin, double alpha, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      double u = 1 - r.nextDouble();
      x[i] = r.nextDouble() < tailWeight ? tailXmin * Math.pow(u, -1 / alpha) : -Math.log(u);
    }
    return x;
  }

  private static double normal(SplittableRandom r) {
    double u1 = 1 - r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
