package org.sgdmc.rng;

/**
 * Uniform doubles from 64-bit draws, with exact contracts. All three use the top 52 bits of the draw, placed in
 * the mantissa of a double in [1, 2) and shifted down by one subtraction: the result is exact and needs no
 * integer-to-double conversion (which AVX2 lacks for 64-bit lanes, and which would drop the Vector API off
 * its fast path there).
 *
 * <ul>
 *   <li>{@link #closedOpen}: {@code k * 2^-52} for k uniform in {0, ..., 2^52 - 1}: values in [0, 1), smallest
 *       0, largest 1 - 2^-52, 52 random bits.
 *   <li>{@link #openClosed}: {@code 1 - closedOpen} = {@code (2^52 - k) * 2^-52}: values in (0, 1], smallest
 *       2^-52, 1.0 included, 52 random bits. Safe to take the logarithm of.
 *   <li>{@link #open}: {@code (k + 1/2) 2^-52}: values strictly inside (0, 1), smallest 2^-53, largest
 *       1 - 2^-53, 52 random bits; never 1/2, and symmetric: {@code open(~bits) = 1 - open(bits)} exactly.
 *       For formulas that must avoid both ends (an angle that may not reach a pole, an exponential that may
 *       be neither 0 nor infinite).
 * </ul>
 */
public final class Uniforms {
  /** Bits of 1.0: exponent field of [1, 2). */
  static final long ONE_BITS = 0x3FF0_0000_0000_0000L;
  /** The spacing of all three uniforms: 2^-52. */
  public static final double ULP = 0x1p-52;
  /** 1 - 2^-53: subtracted from 1 + k 2^-52 it leaves (k + 1/2) 2^-52, exactly (Sterbenz). */
  private static final double ONE_MINUS_HALF_ULP = 1.0 - 0x1p-53;

  private Uniforms() {}

  /** A uniform in [0, 1) from the top 52 bits of {@code bits}. */
  public static double closedOpen(long bits) {
    return Double.longBitsToDouble((bits >>> 12) | ONE_BITS) - 1.0;
  }

  /** A uniform in (0, 1] from the top 52 bits of {@code bits}. */
  public static double openClosed(long bits) {
    return 2.0 - Double.longBitsToDouble((bits >>> 12) | ONE_BITS);
  }

  /** A uniform strictly inside (0, 1), {@code (k + 1/2) 2^-52} with k the top 52 bits of {@code bits}. */
  public static double open(long bits) {
    return Double.longBitsToDouble((bits >>> 12) | ONE_BITS) - ONE_MINUS_HALF_ULP;
  }

}
