package org.sgdmc.stats.tails;

/**
 * Which tail of a sample is fitted. SGD's stationary law in one dimension is symmetric only for symmetric
 * data, so the two one-sided tails may have different constants (and, for some models, different indices);
 * {@link #ABSOLUTE} pools them, which is right when only the index is wanted and both tails share it.
 */
public enum TailSide {
  /** {@code |x|}: both tails pooled. */
  ABSOLUTE,
  /** {@code max(x, 0)}: the right tail {@code P(X > s)}; non-positive samples count as 0. */
  POSITIVE,
  /** {@code max(-x, 0)}: the left tail {@code P(X < -s)}; non-negative samples count as 0. */
  NEGATIVE;

  /**
   * The magnitude this side looks at, always {@code >= 0} (+0.0, never -0.0, so that the bit patterns of the
   * results sort like their values). Samples of the other side map to 0: they are part of the sample (the
   * denominator of the tail probability) but can never reach the tail.
   */
  public double magnitude(double x) {
    return switch (this) {
      case ABSOLUTE -> Math.abs(x);
      case POSITIVE -> x > 0 ? x : 0.0;
      case NEGATIVE -> x < 0 ? -x : 0.0;
    };
  }
}
