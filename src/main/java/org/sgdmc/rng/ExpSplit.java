package org.sgdmc.rng;

/**
 * Splits {@code e^(2 l)} into {@code m 2^k}, m a double near 1 and k a long, for log-distances l far outside
 * the double range (|w - w*|^2 for a trajectory that has collapsed or exploded): {@code y = 2 l / ln 2},
 * {@code k = rint(y)}, {@code m = exp((y - k) ln 2)} with sgdmc's own {@link Transcendentals#exp}. The
 * streaming mean square sums these terms exactly. Written twice with the same IEEE operations, so the
 * vector pass and the scalar one give the same bits (what keeps the sum independent of the path that
 * computed it); valid for |l| < 2^49. The vector pass is {@link ExpSplitVector}; this class loads without the
 * vector module.
 */
public final class ExpSplit {
  static final double TWO_LOG2E = 2 * 1.4426950408889634; // exact: a power of two times log2(e)
  static final double LN2 = 0.6931471805599453;
  static final double ROUNDER = Transcendentals.ROUNDER;
  static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);

  private ExpSplit() {}

  /** The scalar twin: fills {@code m[i]} and {@code k[i]} for i < n. -inf gives garbage (callers skip it). */
  public static void scalar(double[] l, int n, double[] m, long[] k) {
    scalar(l, 0, n, m, k);
  }

  /** The same for entries {@code from .. n-1} only (the vector pass's scalar tail). */
  static void scalar(double[] l, int from, int n, double[] m, long[] k) {
    for (int i = from; i < n; i++) {
      double y = l[i] * TWO_LOG2E;
      double kr = y + ROUNDER;
      k[i] = Double.doubleToRawLongBits(kr) - ROUNDER_BITS;
      m[i] = Transcendentals.exp((y - (kr - ROUNDER)) * LN2);
    }
  }
}
