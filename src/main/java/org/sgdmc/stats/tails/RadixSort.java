package org.sgdmc.stats.tails;

/**
 * Least-significant-digit radix sort of non-negative doubles by their bit patterns (which, for
 * {@code +0.0 <= x <= +inf}, order like the values), optionally carrying an int payload along. Six passes of
 * 11 bits; a pass whose digit is the same for every element (typically the top bits) is skipped.
 *
 * <p>Why not {@link java.util.Arrays#sort(double[])}: on 10^7 magnitudes this is about twice as fast (0.8 s
 * against 1.5 s on the 2-core development machine), it is stable, and it moves a payload (the trajectory of
 * each sample, for the cluster bootstrap) with the keys without boxing or an index sort. Cost: one scratch
 * array of each kind, i.e. peak memory twice the data.
 */
final class RadixSort {
  /** Bits per digit: 2048 counters per pass stay in the L1 cache. */
  private static final int BITS = 11;
  private static final int RADIX = 1 << BITS;
  private static final int PASSES = (64 + BITS - 1) / BITS;

  private RadixSort() {}

  /** Sorts {@code a} (all elements {@code >= +0.0}, no NaN, no -0.0) ascending. */
  static void sort(double[] a) {
    sort(a, null);
  }

  /**
   * Sorts {@code a} (all elements {@code >= +0.0}, no NaN, no -0.0) ascending and applies the same
   * permutation to {@code payload} (same length), if it is not null. Stable.
   */
  static void sort(double[] a, int[] payload) {
    int n = a.length;
    int[][] counts = histograms(a);
    double[] src = a;
    double[] dst = new double[n];
    int[] srcP = payload;
    int[] dstP = payload == null ? null : new int[n];
    for (int pass = 0; pass < PASSES; pass++) {
      int[] count = counts[pass];
      if (isTrivial(count, n)) {
        continue;
      }
      toOffsets(count);
      if (payload == null) {
        scatter(src, dst, count, pass * BITS);
      } else {
        scatter(src, dst, srcP, dstP, count, pass * BITS);
        int[] t = srcP;
        srcP = dstP;
        dstP = t;
      }
      double[] t = src;
      src = dst;
      dst = t;
    }
    if (src != a) {
      System.arraycopy(src, 0, a, 0, n);
      if (payload != null) {
        System.arraycopy(srcP, 0, payload, 0, n);
      }
    }
  }

  /** All digit histograms in one pass over the data. */
  private static int[][] histograms(double[] a) {
    int[][] counts = new int[PASSES][RADIX];
    for (double v : a) {
      long bits = Double.doubleToRawLongBits(v);
      for (int pass = 0; pass < PASSES; pass++) {
        counts[pass][(int) ((bits >>> (pass * BITS)) & (RADIX - 1))]++;
      }
    }
    return counts;
  }

  private static boolean isTrivial(int[] count, int n) {
    for (int c : count) {
      if (c == n) {
        return true;
      }
    }
    return n == 0;
  }

  private static void toOffsets(int[] count) {
    int sum = 0;
    for (int d = 0; d < RADIX; d++) {
      int c = count[d];
      count[d] = sum;
      sum += c;
    }
  }

  private static void scatter(double[] src, double[] dst, int[] offset, int shift) {
    for (double v : src) {
      int d = (int) ((Double.doubleToRawLongBits(v) >>> shift) & (RADIX - 1));
      dst[offset[d]++] = v;
    }
  }

  private static void scatter(double[] src, double[] dst, int[] srcP, int[] dstP, int[] offset, int shift) {
    for (int i = 0; i < src.length; i++) {
      double v = src[i];
      int d = (int) ((Double.doubleToRawLongBits(v) >>> shift) & (RADIX - 1));
      int to = offset[d]++;
      dst[to] = v;
      dstP[to] = srcP[i];
    }
  }
}
