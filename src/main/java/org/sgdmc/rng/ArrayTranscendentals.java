package org.sgdmc.rng;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Array passes over {@link VectorTranscendentals}, for kernels whose step needs a transcendental function of
 * its state: the kernel calls a pass with arrays, so no vector ever crosses a call whether or not C2 inlines
 * it. scripts/jvm.options keeps every method here out of line, so each compiles on its own, small, with the
 * whole polynomial inlined (see FastPathTest).
 */
public final class ArrayTranscendentals {
  private ArrayTranscendentals() {}

  /** {@code out[i] = exp(x[i] * a)} for i in 0 .. n-1, n a multiple of the lane count; the same bits as the scalar form. */
  public static void expOfProduct(double[] x, double a, double[] out, int n) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    for (int i = 0; i < n; i += sp.length()) {
      VectorTranscendentals.exp(DoubleVector.fromArray(sp, x, i).mul(a)).intoArray(out, i);
    }
  }
}
