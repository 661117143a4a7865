package org.sgdmc.results;

import java.util.Arrays;

/**
 * The first-exit times of one ensemble of {@link org.sgdmc.models.DoubleWell} trajectories, in SDE time
 * (substeps x dt), censored at {@code budget}, with their survival estimates.
 *
 * <p>The mean: without censoring, the sample mean and its standard error. With censoring, the exponential
 * survival estimate {@code (sum of min(T, budget)) / exits} (the maximum-likelihood mean of an exponential law
 * under fixed censoring, the law Kramers and Imkeller-Pavlyukevich exits approach), with standard error
 * mean / sqrt(exits); {@link #restrictedMean} (the mean of min(T, budget), a lower bound) is kept beside it.
 *
 * @param times the exit time of each trajectory, +infinity where censored
 * @param budget the censoring time
 * @param mean the mean exit time (see above)
 * @param stderr its standard error
 * @param censoredFraction fraction of trajectories still inside at the budget
 * @param leftFraction fraction that left through the left exit
 * @param restrictedMean mean of min(T, budget)
 * @param q10 the 10% quantile of T (+infinity if beyond the budget)
 * @param median the median of T
 * @param q90 the 90% quantile
 * @param cv standard deviation over mean of the exits seen (1 for an exponential law; meaningful uncensored)
 * @param kernelSeconds wall time of the simulation
 */
public record ExitTimes(double[] times, double budget, double mean, double stderr, double censoredFraction,
    double leftFraction, double restrictedMean, double q10, double median, double q90, double cv,
    double kernelSeconds) {

  /** The statistics of {@code times} (+infinity = censored at budget); {@code left} exits went left. */
  public static ExitTimes of(double[] times, double budget, long left, double kernelSeconds) {
    int n = times.length;
    double[] sorted = times.clone();
    Arrays.sort(sorted);
    int exits = 0;
    double sum = 0;
    double sumSq = 0;
    double restricted = 0;
    for (double t : times) {
      if (t <= budget) {
        exits++;
        sum += t;
        sumSq += t * t;
      }
      restricted += Math.min(t, budget);
    }
    double censored = (n - exits) / (double) n;
    double mean;
    double se;
    double cv = Double.NaN;
    if (exits == n) {
      mean = sum / n;
      double var = Math.max(sumSq / n - mean * mean, 0) * n / (n - 1.0);
      se = Math.sqrt(var / n);
      cv = Math.sqrt(var) / mean;
    } else if (exits > 0) {
      mean = restricted / exits;
      se = mean / Math.sqrt(exits);
      double m = sum / exits;
      cv = exits > 1 ? Math.sqrt(Math.max(sumSq / exits - m * m, 0) * exits / (exits - 1.0)) / m : Double.NaN;
    } else {
      mean = Double.POSITIVE_INFINITY;
      se = Double.NaN;
    }
    return new ExitTimes(times, budget, mean, se, censored, left / (double) n, restricted / n, quantile(sorted, 0.1),
        quantile(sorted, 0.5), quantile(sorted, 0.9), cv, kernelSeconds);
  }

  private static double quantile(double[] sorted, double p) {
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /** The empirical survival function P(T > t) at each of {@code at}. */
  public double[] survival(double[] at) {
    double[] s = new double[at.length];
    for (int k = 0; k < at.length; k++) {
      int above = 0;
      for (double t : times) {
        if (t > at[k]) {
          above++;
        }
      }
      s[k] = above / (double) times.length;
    }
    return s;
  }

  /** The standard error of ln(mean): stderr / mean. */
  public double logStderr() {
    return stderr / mean;
  }
}
