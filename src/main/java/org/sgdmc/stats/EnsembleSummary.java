package org.sgdmc.stats;

import java.util.Arrays;

/**
 * Statistics of one observable {@code l_i = log |w_i - w*|} over an ensemble at one time, computed in
 * trajectory order from the stored values (so the same inputs give the same bits, whatever produced them).
 *
 * <p>Trajectories that sit exactly at the minimum have {@code l = -inf}. They are counted in
 * {@link #fractionExact}, in the quantiles, the fractions within epsilon and the mean square (where they
 * contribute 0); {@link #mean} and {@link #stderr} are over the others, the only ones with a finite log.
 *
 * @param count trajectories
 * @param fractionExact fraction with {@code l = -inf} (distance exactly 0)
 * @param mean mean of the finite {@code l} (NaN only if there are none)
 * @param stderr standard error of that mean: sample standard deviation / sqrt(count)
 * @param logMeanSquare {@code log E|w - w*|^2 = log mean exp(2 l)}, computed without overflow
 * @param quantiles quantiles of {@code l} at the requested levels (linear interpolation, as NumPy's default)
 * @param fractionWithin fraction with distance {@code < eps} for each requested eps
 * @param fractionDiverged fraction with distance {@code > divergedAbove}
 */
public record EnsembleSummary(
    long count,
    double fractionExact,
    double mean,
    double stderr,
    double logMeanSquare,
    double[] quantiles,
    double[] fractionWithin,
    double fractionDiverged) {

  /** Summarises {@code logs} (not modified). */
  public static EnsembleSummary of(double[] logs, double[] quantileLevels, double[] epsilons, double divergedAbove) {
    int n = logs.length;
    long exact = 0;
    double sum = 0;
    double max = Double.NEGATIVE_INFINITY;
    for (double l : logs) {
      if (l == Double.NEGATIVE_INFINITY) {
        exact++;
      } else {
        sum += l;
        max = Math.max(max, l);
      }
    }
    long finite = n - exact;
    double mean = finite == 0 ? Double.NaN : sum / finite;
    double ss = 0;
    double expSum = 0; // sum of exp(2 (l - max)), each term in (0, 1]
    for (double l : logs) {
      if (l != Double.NEGATIVE_INFINITY) {
        double d = l - mean;
        ss += d * d;
        expSum += Math.exp(2 * (l - max));
      }
    }
    double stderr = finite > 1 ? Math.sqrt(ss / (finite - 1) / finite) : 0.0;
    double logMeanSquare = finite == 0 ? Double.NEGATIVE_INFINITY : 2 * max + Math.log(expSum / n);

    double[] sorted = logs.clone();
    Arrays.sort(sorted);
    double[] quantiles = new double[quantileLevels.length];
    for (int i = 0; i < quantiles.length; i++) {
      quantiles[i] = quantile(sorted, quantileLevels[i]);
    }
    double[] within = new double[epsilons.length];
    for (int i = 0; i < epsilons.length; i++) {
      double logEps = Math.log(epsilons[i]);
      within[i] = countBelow(sorted, logEps) / (double) n;
    }
    double logDiverged = Math.log(divergedAbove);
    double diverged = (n - countAtOrBelow(sorted, logDiverged)) / (double) n;
    return new EnsembleSummary(n, exact / (double) n, mean, stderr, logMeanSquare, quantiles, within, diverged);
  }

  /** Quantile of sorted values at level p by linear interpolation between order statistics. */
  static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    double a = sorted[lo], b = sorted[hi];
    if (a == b) {
      return a; // also keeps -inf and +inf out of inf - inf
    }
    return a + (h - lo) * (b - a);
  }

  private static int countBelow(double[] sorted, double x) {
    int lo = 0, hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int countAtOrBelow(double[] sorted, double x) {
    return countBelow(sorted, Math.nextUp(x));
  }
}
