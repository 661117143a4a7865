package org.sgdmc.stats;

/**
 * The Lyapunov exponent of an ensemble from each trajectory's log-distance at two times:
 * {@code lambda_i = (l_i(t1) - l_i(t0)) / (t1 - t0)}, averaged over trajectories, with the standard error
 * of that average. Trajectories are independent, so the error bar is honest whatever the correlations in
 * time; for models whose log-increments are stationary (linreg1d with i.i.d. batches) every step carries
 * the same information, so the whole run (t0 = 0) gives the smallest error, while a late window (t0 = T/2)
 * guards against transients in models that have them.
 *
 * <p>If any trajectory reaches the minimum exactly by t1 (finite data, seed 002 Prop. 3), its exponent is
 * -inf, and so is the ensemble's: the distance is 0 with positive probability. The estimate is then -inf
 * with standard error 0.
 *
 * @param value the estimate
 * @param stderr its standard error
 * @param t0 window start
 * @param t1 window end
 */
public record LyapunovEstimate(double value, double stderr, long t0, long t1) {

  /** Estimate from the logs at t0 and t1 (same trajectory order). */
  public static LyapunovEstimate of(double[] logsAtT0, double[] logsAtT1, long t0, long t1) {
    if (t1 <= t0) {
      throw new IllegalArgumentException("the window must have positive length");
    }
    int n = logsAtT0.length;
    double span = t1 - t0;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      if (logsAtT1[i] == Double.NEGATIVE_INFINITY) {
        return new LyapunovEstimate(Double.NEGATIVE_INFINITY, 0.0, t0, t1);
      }
      sum += (logsAtT1[i] - logsAtT0[i]) / span;
    }
    double mean = sum / n;
    double ss = 0;
    for (int i = 0; i < n; i++) {
      double d = (logsAtT1[i] - logsAtT0[i]) / span - mean;
      ss += d * d;
    }
    double stderr = n > 1 ? Math.sqrt(ss / (n - 1) / n) : Double.POSITIVE_INFINITY;
    return new LyapunovEstimate(mean, stderr, t0, t1);
  }
}
