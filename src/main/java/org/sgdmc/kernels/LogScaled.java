package org.sgdmc.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.sgdmc.rng.Transcendentals;

/**
 * A distance kept as {@code mantissa * 2^exponent}, so that 10^6 steps of growth or decay never overflow
 * or underflow: kernels multiply the mantissa by a few factors, then {@link #renormalise} moves its binary
 * exponent into a 64-bit integer. Renormalising is exact (a power-of-two scaling of a normal double), so
 * when it happens changes no bit of the result; kernels only bound how many steps may pass between two.
 * A mantissa that became exactly 0 stays 0: the trajectory reached the minimum exactly.
 */
public final class LogScaled {
  private static final long EXPONENT_FIELD = 0x7FF0_0000_0000_0000L;
  private static final long ONE_EXPONENT = 0x3FF0_0000_0000_0000L;
  private static final double LN2 = 0.6931471805599453;
  private static final double ROUNDER = 0x1.8p52;
  private static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);

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

  /** Lane-wise {@link #renormalise(double[], long[], int)} of the vectors at {@code mant[j..]}, {@code exp[j..]}. */
  public static DoubleVector renormalise(DoubleVector mant, long[] exp, int j) {
    LongVector bits = mant.viewAsIntegralLanes();
    LongVector field = bits.and(EXPONENT_FIELD).lanewise(VectorOperators.LSHR, 52);
    VectorMask<Long> zero = field.compare(VectorOperators.EQ, 0L);
    LongVector e = LongVector.fromArray(bits.species(), exp, j);
    e.add(field.sub(1023L), zero.not()).intoArray(exp, j);
    return bits.and(~EXPONENT_FIELD).or(ONE_EXPONENT).blend(bits, zero).viewAsFloatingLanes();
  }

  /**
   * Lane-wise {@link #log(double, long)} of {@code mant[0 .. n-1]}, {@code exp[0 .. n-1]} into {@code out}: the
   * same operations bit for bit ({@code exp} becomes a double exactly through the rounder, as the scalar
   * conversion does for |exp| < 2^51), then the scalar form for a tail. Vectorised because a run logs every
   * trajectory at every recording time, which in scalar code cost as much as a tenth of the steps.
   */
  public static void logs(double[] mant, long[] exp, double[] out, int n) {
    jdk.incubator.vector.VectorSpecies<Double> sp = org.sgdmc.rng.VectorShapes.DOUBLES;
    int i = 0;
    for (int bound = sp.loopBound(n); i < bound; i += sp.length()) {
      DoubleVector m = DoubleVector.fromArray(sp, mant, i);
      DoubleVector e = LongVector.fromArray(org.sgdmc.rng.VectorShapes.LONGS, exp, i).add(ROUNDER_BITS)
          .viewAsFloatingLanes().sub(ROUNDER);
      DoubleVector l = e.mul(LN2).add(Transcendentals.log(m.abs()));
      l.blend(Double.NEGATIVE_INFINITY, m.compare(VectorOperators.EQ, 0.0)).intoArray(out, i);
    }
    // scalar tail
    for (; i < n; i++) {
      out[i] = log(mant[i], exp[i]);
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
