package org.sgdmc.stats.tails;

/**
 * A bootstrap of the whole tail fit (threshold search included) and its percentile interval.
 *
 * @param alpha each replicate's Hill estimate at its own KS-chosen threshold (NaN for a failed replicate)
 * @param k each replicate's chosen number of tail points (0 for a failed replicate)
 * @param level the interval's level
 * @param low lower end: the {@code (1 - level)/2} quantile of the valid replicates' alpha (linear
 *     interpolation between order statistics, NumPy's default); NaN without valid replicates
 * @param high upper end: the {@code (1 + level)/2} quantile
 * @param failed replicates whose tail had no two distinct values at any candidate k (possible only with
 *     few clusters); left out of the interval
 * @param edgeHits replicates that chose an end of their search range where that end was a restriction (the
 *     span around the fit's k, or the weight the replicate's region held) rather than kMin or kMax; a large
 *     fraction means the restriction cut the threshold's spread and the interval is too short
 * @param kLow smallest k a replicate could choose
 * @param kHigh largest k a replicate could choose
 */
public record BootstrapResult(
    double[] alpha, int[] k, double level, double low, double high, int failed, int edgeHits, int kLow,
    int kHigh) {

  /** Replicates run. */
  public int replicates() {
    return alpha.length;
  }

  /** Standard deviation of the valid replicates' alpha (NaN for fewer than two). */
  public double stddev() {
    double sum = 0;
    int count = 0;
    for (double a : alpha) {
      if (!Double.isNaN(a)) {
        sum += a;
        count++;
      }
    }
    if (count < 2) {
      return Double.NaN;
    }
    double mean = sum / count;
    double ss = 0;
    for (double a : alpha) {
      if (!Double.isNaN(a)) {
        ss += (a - mean) * (a - mean);
      }
    }
    return Math.sqrt(ss / (count - 1));
  }
}
