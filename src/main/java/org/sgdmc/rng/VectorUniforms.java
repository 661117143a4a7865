package org.sgdmc.rng;

import static org.sgdmc.rng.Uniforms.ONE_BITS;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The lane-wise twins of {@link Uniforms}, bit for bit; a class of its own so that the scalar conversions load
 * without the incubator module.
 */
public final class VectorUniforms {
  private static final double ONE_MINUS_HALF_ULP = 1.0 - 0x1p-53;

  private VectorUniforms() {}

  /** Lane-wise {@link Uniforms#closedOpen(long)}. */
  public static DoubleVector closedOpen(LongVector bits) {
    return bits.lanewise(VectorOperators.LSHR, 12).or(ONE_BITS).viewAsFloatingLanes().sub(1.0);
  }

  /** Lane-wise {@link Uniforms#openClosed(long)}. */
  public static DoubleVector openClosed(LongVector bits) {
    DoubleVector oneToTwo = bits.lanewise(VectorOperators.LSHR, 12).or(ONE_BITS).viewAsFloatingLanes();
    return DoubleVector.broadcast(oneToTwo.species(), 2.0).sub(oneToTwo);
  }

  /** Lane-wise {@link Uniforms#open(long)}. */
  public static DoubleVector open(LongVector bits) {
    return bits.lanewise(VectorOperators.LSHR, 12).or(ONE_BITS).viewAsFloatingLanes().sub(ONE_MINUS_HALF_ULP);
  }
}
