package org.sgdmc.rng;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Uniform doubles from 64-bit draws, with exact contracts. Both use the top 52 bits of the draw, placed in
 * the mantissa of a double in [1, 2) and shifted down by one subtraction: the result is exact and needs no
 * integer-to-double conversion (which AVX2 lacks for 64-bit lanes, and which would drop the Vector API off
 * its fast path there).
 *
 * <ul>
 *   <li>{@link #closedOpen}: {@code k * 2^-52} for k uniform in {0, ..., 2^52 - 1}: values in [0, 1), smallest
 *       0, largest 1 - 2^-52, 52 random bits.
 *   <li>{@link #openClosed}: {@code 1 - closedOpen} = {@code (2^52 - k) * 2^-52}: values in (0, 1], smallest
 *       2^-52, 1.0 included, 52 random bits. Safe to take the logarithm of.
 * </ul>
 */
public final class Uniforms {
  /** Bits of 1.0: exponent field of [1, 2). */
  static final long ONE_BITS = 0x3FF0_0000_0000_0000L;
  /** The spacing of both uniforms: 2^-52. */
  public static final double ULP = 0x1p-52;

  private Uniforms() {}

  /** A uniform in [0, 1) from the top 52 bits of {@code bits}. */
  public static double closedOpen(long bits) {
    return Double.longBitsToDouble((bits >>> 12) | ONE_BITS) - 1.0;
  }

  /** A uniform in (0, 1] from the top 52 bits of {@code bits}. */
  public static double openClosed(long bits) {
    return 2.0 - Double.longBitsToDouble((bits >>> 12) | ONE_BITS);
  }

  /** Lane-wise {@link #closedOpen(long)}. */
  public static DoubleVector closedOpen(LongVector bits) {
    return bits.lanewise(VectorOperators.LSHR, 12).or(ONE_BITS).viewAsFloatingLanes().sub(1.0);
  }

  /** Lane-wise {@link #openClosed(long)}. */
  public static DoubleVector openClosed(LongVector bits) {
    DoubleVector oneToTwo = bits.lanewise(VectorOperators.LSHR, 12).or(ONE_BITS).viewAsFloatingLanes();
    return DoubleVector.broadcast(oneToTwo.species(), 2.0).sub(oneToTwo);
  }
}
