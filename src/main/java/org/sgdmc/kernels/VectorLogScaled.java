package org.sgdmc.kernels;

import static org.sgdmc.kernels.LogScaled.EXPONENT_FIELD;
import static org.sgdmc.kernels.LogScaled.ONE_EXPONENT;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.sgdmc.rng.VectorShapes;
import org.sgdmc.rng.VectorTranscendentals;

/**
 * The lane-wise twin of {@link LogScaled#renormalise(double[], long[], int)}, bit for bit; a class of its own so
 * that {@link LogScaled} loads without the incubator module (the scalar twins need it).
 */
public final class VectorLogScaled {
  private VectorLogScaled() {}

  /**
   * Lane-wise {@link LogScaled#renormalise(double[], long[], int)} of the lane-vector at {@code mant[at ..]},
   * its exponents at {@code exp[expAt ..]}, in place. It takes arrays, not a vector, on purpose: kernels call it
   * from their hottest loops, and a vector argument would be boxed whenever C2, at its inlining node limit,
   * leaves the call in place (FastPathTest). The store and load cost a few cycles every renormalisation
   * interval.
   */
  public static void renormalise(double[] mant, int at, long[] exp, int expAt) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    LongVector bits = DoubleVector.fromArray(sp, mant, at).viewAsIntegralLanes();
    LongVector field = bits.and(EXPONENT_FIELD).lanewise(VectorOperators.LSHR, 52);
    VectorMask<Long> zero = field.compare(VectorOperators.EQ, 0L);
    LongVector e = LongVector.fromArray(bits.species(), exp, expAt);
    e.add(field.sub(1023L), zero.not()).intoArray(exp, expAt);
    bits.and(~EXPONENT_FIELD).or(ONE_EXPONENT).blend(bits, zero).viewAsFloatingLanes().intoArray(mant, at);
  }

  /**
   * Lane-wise {@link LogScaled#log(double, long)} of {@code mant[0 .. n-1]}, {@code exp[0 .. n-1]} into {@code
   * out}: the same operations bit for bit ({@code exp} becomes a double exactly through the rounder, as the
   * scalar conversion does for |exp| < 2^51), then the scalar form for a tail. Vectorised because a run logs
   * every trajectory at every recording time, which in scalar code cost as much as a tenth of the steps.
   */
  public static void logs(double[] mant, long[] exp, double[] out, int n) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    int i = 0;
    for (int bound = sp.loopBound(n); i < bound; i += sp.length()) {
      DoubleVector m = DoubleVector.fromArray(sp, mant, i);
      DoubleVector e = LongVector.fromArray(VectorShapes.LONGS, exp, i).add(ROUNDER_BITS).viewAsFloatingLanes()
          .sub(ROUNDER);
      DoubleVector l = e.mul(LogScaled.LN2).add(VectorTranscendentals.log(m.abs()));
      l.blend(Double.NEGATIVE_INFINITY, m.compare(VectorOperators.EQ, 0.0)).intoArray(out, i);
    }
    // scalar tail
    for (; i < n; i++) {
      out[i] = LogScaled.log(mant[i], exp[i]);
    }
  }

  private static final double ROUNDER = 0x1.8p52;
  private static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
}
