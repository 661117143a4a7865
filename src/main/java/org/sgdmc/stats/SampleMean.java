package org.sgdmc.stats;

/**
 * The mean of independent per-trajectory values with its standard error (sample standard deviation /
 * sqrt(n)), summed in the order given, so the same values give the same bits.
 *
 * <p>Non-finite values: if any is NaN the result is NaN (stderr NaN); otherwise if any is -inf (a tangent
 * vector or distance that reached 0 exactly) the mean is -inf with stderr 0, as for {@link LyapunovEstimate}.
 *
 * @param value the mean
 * @param stderr its standard error; +inf for a single value
 */
public record SampleMean(double value, double stderr) {

  /** Mean and standard error of {@code x}. */
  public static SampleMean of(double[] x) {
    int n = x.length;
    if (n == 0) {
      throw new IllegalArgumentException("no values");
    }
    boolean minusInf = false;
    double sum = 0;
    for (double v : x) {
      if (Double.isNaN(v) || v == Double.POSITIVE_INFINITY) {
        return new SampleMean(Double.NaN, Double.NaN);
      }
      minusInf |= v == Double.NEGATIVE_INFINITY;
      sum += v;
    }
    if (minusInf) {
      return new SampleMean(Double.NEGATIVE_INFINITY, 0.0);
    }
    double mean = sum / n;
    double ss = 0;
    for (double v : x) {
      double dv = v - mean;
      ss += dv * dv;
    }
    return new SampleMean(mean, n > 1 ? Math.sqrt(ss / (n - 1) / n) : Double.POSITIVE_INFINITY);
  }

  /** {@code |value| / stderr}: how many standard errors the mean lies from 0. */
  public double z() {
    return Math.abs(value) / stderr;
  }
}
