package org.sgdmc.theory;

/**
 * What the moment-based thresholds need to know about the data of {@code linreg1d} and how batches are
 * drawn: {@code m2 = E[x^2]} (the Hessian h of the loss), {@code m4 = E[x^4]}, the population size and the
 * sampling scheme. Expectations are over the data distribution: the empirical one (divisor N) for a finite
 * dataset.
 *
 * <p>The batch mean {@code q = (1/S) sum_j x_j^2} then has {@code E[q] = m2} and
 *
 * <ul>
 *   <li>with replacement, or fresh draws ({@code n} infinite): {@code Var q = (m4 - m2^2) / S};
 *   <li>without replacement from N points: {@code Var q = (N - S)/(N - 1) (m4 - m2^2) / S}, the
 *       finite-population correction (the batch indices are exchangeable with pairwise covariance
 *       {@code -Var(x^2)/(N - 1)}, which is what sums of a random S-subset of a fixed list have; it is the
 *       same factor seed 004, 1.8.4, puts on the gradient-noise covariance).
 * </ul>
 *
 * @param m2 E[x^2], {@code > 0}
 * @param m4 E[x^4], {@code >= m2^2}
 * @param n the dataset size N, or {@link #INFINITE} for fresh i.i.d. draws each step
 * @param withReplacement whether a batch draws its S indices independently (always true for infinite n)
 */
public record DataMoments(double m2, double m4, long n, boolean withReplacement) {
  /** The value of {@code n} that means "no finite dataset: every x is a fresh draw". */
  public static final long INFINITE = 0;

  public DataMoments {
    if (!(m2 > 0) || !Double.isFinite(m2)) {
      throw new IllegalArgumentException("m2 must be finite and > 0: " + m2);
    }
    // m4 >= m2^2 by Cauchy-Schwarz; allow rounding when all |x| are equal.
    if (!(m4 >= m2 * m2 * (1 - 1e-14)) || !Double.isFinite(m4)) {
      throw new IllegalArgumentException("m4 must be finite and >= m2^2: m2 = " + m2 + ", m4 = " + m4);
    }
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 1, or INFINITE (0): " + n);
    }
    if (n == INFINITE && !withReplacement) {
      throw new IllegalArgumentException("sampling without replacement needs a finite dataset");
    }
  }

  /** Fresh draws from N(0, 1) every step: m2 = 1, m4 = 3. */
  public static DataMoments gaussian() {
    return gaussian(1.0);
  }

  /** Fresh draws from N(0, variance) every step: m2 = variance, m4 = 3 variance^2. */
  public static DataMoments gaussian(double variance) {
    return new DataMoments(variance, 3 * variance * variance, INFINITE, true);
  }

  /** The empirical moments of a finite dataset, with compensated sums. */
  public static DataMoments of(double[] x, boolean withReplacement) {
    if (x.length == 0) {
      throw new IllegalArgumentException("empty dataset");
    }
    double s2 = 0;
    double c2 = 0;
    double s4 = 0;
    double c4 = 0;
    for (double xi : x) {
      double x2 = xi * xi;
      // Neumaier summation of x^2 and x^4
      double t = s2 + x2;
      c2 += Math.abs(s2) >= x2 ? (s2 - t) + x2 : (x2 - t) + s2;
      s2 = t;
      double x4 = x2 * x2;
      t = s4 + x4;
      c4 += Math.abs(s4) >= x4 ? (s4 - t) + x4 : (x4 - t) + s4;
      s4 = t;
    }
    return new DataMoments((s2 + c2) / x.length, (s4 + c4) / x.length, x.length, withReplacement);
  }

  /** Whether every x is a fresh draw (no finite dataset). */
  public boolean isInfinite() {
    return n == INFINITE;
  }

  /** Var(x^2) = m4 - m2^2, clamped at 0 against rounding. */
  public double varianceOfSquare() {
    return Math.max(0.0, m4 - m2 * m2);
  }

  /** Var(q) for batch size S under this sampling scheme (see the class comment). */
  public double batchMeanVariance(int batch) {
    checkBatch(batch);
    double v = varianceOfSquare() / batch;
    if (withReplacement || isInfinite()) {
      return v;
    }
    return n == 1 ? 0.0 : v * (double) (n - batch) / (double) (n - 1);
  }

  /** E[q^2] = Var(q) + m2^2 for batch size S. */
  public double batchMeanSecondMoment(int batch) {
    return batchMeanVariance(batch) + m2 * m2;
  }

  void checkBatch(int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be >= 1: " + batch);
    }
    if (!withReplacement && batch > n) {
      throw new IllegalArgumentException("batch " + batch + " > dataset size " + n + " without replacement");
    }
  }
}
