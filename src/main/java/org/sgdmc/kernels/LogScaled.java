package org.sgdmc.kernels;

import org.sgdmc.rng.Transcendentals;

/**
 * A distance kept as {@code mantissa * 2^exponent}, so that 10^6 steps of growth or decay never overflow
 * or underflow: kernels multiply the mantissa by a few factors, then {@link #renormalise} moves its binary
 * exponent into a 64-bit integer. Renormalising is exact (a power-of-two scaling of a normal double), so
 * when it happens changes no bit of the result; kernels only bound how many steps may pass between two.
 * A mantissa that became exactly 0 stays 0: the trajectory reached the minimum exactly.
 */
public final class LogScaled {
  static final long EXPONENT_FIELD = 0x7FF0_0000_0000_0000L;
  static final long ONE_EXPONENT = 0x3FF0_0000_0000_0000L;
  static final double LN2 = 0.6931471805599453;

  private LogScaled() {}

  /** Scalar renormalisation of {@code mant[i]}, {@code exp[i]}: afterwards |mant[i]| is in [1, 2) or 0. */
  public static void renormalise(double[] mant, long[] exp, int i) {
    renormalise(mant, i, exp, i);
  }

  /** As {@link #renormalise(double[], long[], int)} with the exponent at its own index {@code k}. */
  public static void renormalise(double[] mant, int i, long[] exp, int k) {
    long bits = Double.doubleToRawLongBits(mant[i]);
    long field = (bits & EXPONENT_FIELD) >>> 52;
    if (field != 0) { // never subnormal by the kernels' step bound; 0 means the mantissa is exactly 0
      mant[i] = Double.longBitsToDouble((bits & ~EXPONENT_FIELD) | ONE_EXPONENT);
      exp[k] += field - 1023;
    }
  }

  /** {@code log |mant * 2^exp|} of a renormalised pair; {@code -inf} when the mantissa is 0. */
  public static double log(double mant, long exp) {
    if (mant == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    return exp * LN2 + Transcendentals.log(Math.abs(mant));
  }

  /** Puts {@code value} (finite, non-zero) into renormalised form at index i. */
  public static void set(double value, double[] mant, long[] exp, int i) {
    mant[i] = value;
    exp[i] = 0;
    renormalise(mant, exp, i);
  }
}
