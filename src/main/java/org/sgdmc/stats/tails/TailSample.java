package org.sgdmc.stats.tails;

import java.util.Arrays;

/**
 * A sample made ready for tail fitting, once: the magnitudes of the finite samples sorted, and the top
 * {@code kMax + 1} of them (the region any threshold can reach) with their logarithms and the cluster each
 * belongs to. Everything after this (threshold search, bootstrap, plots) reads it and never sorts again.
 *
 * <p>Conventions: {@code y_0 >= y_1 >= ... >= y_kMax} are the largest magnitudes, {@code y_0} the maximum;
 * a threshold at k means {@code xmin = y_k} with the k points {@code y_0 .. y_(k-1)} above it. Logarithms are
 * stored as {@code l_i = ln y_i - ln y_kMax >= 0}: differences {@code l_i - l_k} are all any estimator uses,
 * and shifting the origin to the region's bottom keeps the prefix sums of logs small (less cancellation).
 *
 * <p>Non-finite samples: NaN is rejected (it means a bug upstream); +-infinity means a diverged trajectory
 * and is counted in {@link #diverged()} and left out (the caller decides what a diverged fraction means).
 * Zeros are kept: they count in the sample size but never reach the tail.
 *
 * <p>Clusters: sample {@code i} belongs to cluster {@code i % clusters}, which is the engine's layout (K
 * record times times M trajectories, row-major by time, so {@code clusters = M}). The bootstrap resamples
 * whole clusters; {@code clusters = n} is the ordinary i.i.d. bootstrap. Only the clusters met in the region
 * matter, so they are numbered densely there ("slots", in order of first appearance from the top).
 */
public final class TailSample {
  private final int n;
  private final int finite;
  private final int positive;
  private final int clusters;
  private final double[] sorted;
  private final int kMax;
  private final double logOrigin;
  private final double[] logs;
  private final int[] slots;
  private final int slotCount;

  private TailSample(int n, int finite, int positive, int clusters, double[] sorted, int kMax, int[] slots,
      int slotCount) {
    this.n = n;
    this.finite = finite;
    this.positive = positive;
    this.clusters = clusters;
    this.sorted = sorted;
    this.kMax = kMax;
    this.slots = slots;
    this.slotCount = slotCount;
    this.logOrigin = Math.log(sorted[finite - 1 - kMax]);
    this.logs = new double[kMax + 1];
    for (int i = 0; i <= kMax; i++) {
      logs[i] = Math.log(sorted[finite - 1 - i]) - logOrigin;
    }
  }

  /**
   * Prepares {@code samples} (not modified) for fitting the tail {@code options.side()} with threshold
   * candidates up to {@code options.kMax()}.
   *
   * @param clusters the number of independent trajectories the samples come from (sample i belongs to
   *     cluster {@code i % clusters}); pass {@code samples.length} for independent samples
   * @throws IllegalArgumentException if a sample is NaN, clusters is out of [1, n], or fewer than
   *     {@code kMin + 1} samples are finite and positive
   */
  public static TailSample prepare(double[] samples, int clusters, TailFitOptions options) {
    return prepare(samples, clusters, options, false);
  }

  /** As above; {@code mapClusters} forces the general cluster path even for i.i.d. samples (for the tests). */
  static TailSample prepare(double[] samples, int clusters, TailFitOptions options, boolean mapClusters) {
    int n = samples.length;
    if (n == 0) {
      throw new IllegalArgumentException("no samples to fit a tail to");
    }
    if (clusters < 1 || clusters > n) {
      throw new IllegalArgumentException("clusters must lie in [1, " + n + "]: " + clusters);
    }
    boolean identity = clusters == n && !mapClusters;
    if (!identity && (long) n + clusters > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("the cluster bootstrap handles at most 2^30 samples: " + n);
    }
    int finite = countFinite(samples);
    double[] values = new double[finite];
    int[] cluster = identity ? null : new int[finite];
    TailSide side = options.side();
    int j = 0;
    for (int i = 0; i < n; i++) {
      double x = samples[i];
      if (Double.isFinite(x)) {
        values[j] = side.magnitude(x);
        if (cluster != null) {
          cluster[j] = i % clusters;
        }
        j++;
      }
    }
    RadixSort.sort(values, cluster);
    int positive = finite - firstPositive(values);
    int kMax = options.kMax() == 0 ? finite / 2 : options.kMax();
    kMax = Math.min(kMax, positive - 1);
    if (kMax < options.kMin()) {
      throw new IllegalArgumentException(String.format(
          "%d of %d samples are finite and positive on the %s side (%d diverged); the fit needs at least kMin + 1"
              + " = %d, and kMax (%d by default: half the finite samples) must reach kMin",
          positive, n, side.name().toLowerCase(), n - finite, options.kMin() + 1, finite / 2));
    }
    if (identity) {
      return new TailSample(n, finite, positive, clusters, values, kMax, null, kMax + 1);
    }
    int[] slotOfCluster = new int[clusters];
    Arrays.fill(slotOfCluster, -1);
    int[] slots = new int[kMax + 1];
    int slotCount = 0;
    for (int i = 0; i <= kMax; i++) {
      int c = cluster[finite - 1 - i];
      if (slotOfCluster[c] < 0) {
        slotOfCluster[c] = slotCount++;
      }
      slots[i] = slotOfCluster[c];
    }
    return new TailSample(n, finite, positive, clusters, values, kMax, slots, slotCount);
  }

  private static int countFinite(double[] samples) {
    int finite = 0;
    for (int i = 0; i < samples.length; i++) {
      double x = samples[i];
      if (Double.isNaN(x)) {
        throw new IllegalArgumentException("sample " + i + " is NaN: a tail fit needs numbers (infinities count"
            + " as diverged)");
      }
      if (!Double.isInfinite(x)) {
        finite++;
      }
    }
    return finite;
  }

  /** Index of the first value > 0 in ascending {@code values}. */
  private static int firstPositive(double[] values) {
    int lo = 0;
    int hi = values.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (values[mid] > 0) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** All samples given, finite or not. */
  public int n() {
    return n;
  }

  /** Finite samples: the sample size of every probability reported. */
  public int finite() {
    return finite;
  }

  /** Samples that were +-infinity (diverged trajectories), left out. */
  public int diverged() {
    return n - finite;
  }

  /** Finite samples whose magnitude on the fitted side is positive. */
  public int positive() {
    return positive;
  }

  /** The number of independent clusters (trajectories) the samples come from. */
  public int clusters() {
    return clusters;
  }

  /** The largest k a threshold may leave above it: the region holds {@code y_0 .. y_kMax}. */
  public int kMax() {
    return kMax;
  }

  /** {@code y_i}, the (i+1)-th largest magnitude, for {@code 0 <= i < finite()}. */
  public double largest(int i) {
    return sorted[finite - 1 - i];
  }

  /** How many finite samples have magnitude {@code >= x}. */
  public int countAtLeast(double x) {
    int lo = 0;
    int hi = finite;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] >= x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return finite - lo;
  }

  /** The smallest positive magnitude. */
  double smallestPositive() {
    return sorted[finite - positive];
  }

  /** {@code l_i = ln y_i - ln y_kMax} for {@code 0 <= i <= kMax}; shared, never to be written. */
  double[] logs() {
    return logs;
  }

  /** {@code ln y_kMax}, the origin of {@link #logs()}. */
  double logOrigin() {
    return logOrigin;
  }

  /** The dense cluster number ("slot") of {@code y_i} for i in the region; null when each sample is its own. */
  int[] slots() {
    return slots;
  }

  /** Distinct clusters met in the region. */
  int slotCount() {
    return slotCount;
  }
}
