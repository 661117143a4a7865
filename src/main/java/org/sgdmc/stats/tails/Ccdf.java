package org.sgdmc.stats.tails;

import java.util.Arrays;

/**
 * The empirical survival function {@code P(|X| >= x)} at log-spaced x, the plot on which a power-law tail is
 * a straight line: exact counts from the sorted sample (no binning error, no histogram density), at
 * {@code x_j = 10^(j / perDecade)} (as computed by {@link Math#pow}) for the integers j from the first
 * grid point at or below the smallest positive magnitude to the first at or above the largest. A point is
 * left out when no sample lies between it and the previous point kept (the curve is flat there, e.g. in
 * the gaps of the far tail) and when nothing reaches it.
 *
 * @param x the points
 * @param survival {@code P(|X| >= x)} over the finite samples (zeros and the other side included in the
 *     denominator): the fraction of finite samples at or above x
 * @param count the number of finite samples at or above x (the binomial error of {@code survival} is
 *     {@code sqrt(p (1 - p) / finite)})
 */
public record Ccdf(double[] x, double[] survival, int[] count) {

  /** The survival function of {@code sample} with {@code perDecade} points per decade of x. */
  public static Ccdf of(TailSample sample, int perDecade) {
    if (perDecade < 1) {
      throw new IllegalArgumentException("need at least one point per decade: " + perDecade);
    }
    if (sample.positive() == 0) {
      return new Ccdf(new double[0], new double[0], new int[0]);
    }
    int jMin = (int) Math.floor(perDecade * Math.log10(sample.smallestPositive()));
    int jMax = (int) Math.ceil(perDecade * Math.log10(sample.largest(0)));
    int points = jMax - jMin + 1;
    double[] x = new double[points];
    double[] survival = new double[points];
    int[] count = new int[points];
    int kept = 0;
    int previous = -1;
    double n = sample.finite();
    for (int j = jMin; j <= jMax; j++) {
      double xj = Math.pow(10, (double) j / perDecade);
      int c = sample.countAtLeast(xj);
      if (c == 0) {
        break;
      }
      if (c == previous) {
        continue;
      }
      x[kept] = xj;
      count[kept] = c;
      survival[kept] = c / n;
      kept++;
      previous = c;
    }
    return new Ccdf(Arrays.copyOf(x, kept), Arrays.copyOf(survival, kept), Arrays.copyOf(count, kept));
  }
}
