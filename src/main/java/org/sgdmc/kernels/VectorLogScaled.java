package org.sgdmc.kernels;

import static org.sgdmc.kernels.LogScaled.EXPONENT_FIELD;
import static org.sgdmc.kernels.LogScaled.ONE_EXPONENT;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The lane-wise twin of {@link LogScaled#renormalise(double[], long[], int)}, bit for bit; a class of its own so
 * that {@link LogScaled} loads without the incubator module (the scalar twins need it).
 */
public final class VectorLogScaled {
  private VectorLogScaled() {}

  /** Lane-wise {@link LogScaled#renormalise(double[], long[], int)} of the vectors at {@code mant[j..]}, {@code exp[j..]}. */
  public static DoubleVector renormalise(DoubleVector mant, long[] exp, int j) {
    LongVector bits = mant.viewAsIntegralLanes();
    LongVector field = bits.and(EXPONENT_FIELD).lanewise(VectorOperators.LSHR, 52);
    VectorMask<Long> zero = field.compare(VectorOperators.EQ, 0L);
    LongVector e = LongVector.fromArray(bits.species(), exp, j);
    e.add(field.sub(1023L), zero.not()).intoArray(exp, j);
    return bits.and(~EXPONENT_FIELD).or(ONE_EXPONENT).blend(bits, zero).viewAsFloatingLanes();
  }
}
