package org.sgdmc.sweep;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.sgdmc.kernels.LogScaled;
import org.sgdmc.kernels.VectorLogScaled;
import org.sgdmc.rng.VectorShapes;

/**
 * One cell of a sweep on one block of trajectories: multiplies each trajectory's distance by
 * {@code 1 + c1 A_t + c2 B_t} for every step and returns each trajectory's exponent
 * {@code log|D_T| / T} (D_0 = 1). Up to two exponents run in one pass over the coefficients, since the
 * loads are the shared cost. {@link #scalar} is the twin, with the same operations in the same order.
 */
final class SweepKernel {
  private static final double LN2 = 0.6931471805599453;

  private SweepKernel() {}

  /**
   * Vector kernel. {@code a}, {@code b}: coefficients {@code [off + t*width + j]}; {@code out[e][j]}: exponent e of
   * trajectory j. {@code exp} is scratch of length {@code 2*width}.
   */
  static void vector(double[] a, double[] b, int off, int width, int steps, double[] c1, double[] c2, int interval,
      double[][] out, long[] exp) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    boolean two = c1.length == 2;
    DoubleVector c10 = DoubleVector.broadcast(sp, c1[0]);
    DoubleVector c11 = DoubleVector.broadcast(sp, two ? c1[1] : 0.0);
    double c20 = c2[0], c21 = two ? c2[1] : 0.0;
    java.util.Arrays.fill(exp, 0L);
    double[] m0 = out[0], m1 = two ? out[1] : null;
    for (int j = 0; j < width; j += sp.length()) {
      DoubleVector d0 = DoubleVector.broadcast(sp, 1.0);
      DoubleVector d1 = d0;
      int t = 0;
      while (t < steps) {
        int stop = Math.min(steps, t + interval);
        if (two) {
          for (; t < stop; t++) {
            DoubleVector at = DoubleVector.fromArray(sp, a, off + t * width + j);
            DoubleVector bt = DoubleVector.fromArray(sp, b, off + t * width + j);
            d0 = d0.mul(at.fma(c10, bt.fma(c20, 1.0)));
            d1 = d1.mul(at.fma(c11, bt.fma(c21, 1.0)));
          }
          d1.intoArray(m1, j);
          VectorLogScaled.renormalise(m1, j, exp, width + j);
          d1 = DoubleVector.fromArray(sp, m1, j);
        } else if (j + 2 * sp.length() <= width) {
          // two lane-vectors at once: the product is a chain of dependent multiplies, two chains overlap
          int k = j + sp.length();
          for (; t < stop; t++) {
            DoubleVector at = DoubleVector.fromArray(sp, a, off + t * width + j);
            DoubleVector bt = DoubleVector.fromArray(sp, b, off + t * width + j);
            DoubleVector ak = DoubleVector.fromArray(sp, a, off + t * width + k);
            DoubleVector bk = DoubleVector.fromArray(sp, b, off + t * width + k);
            d0 = d0.mul(at.fma(c10, bt.fma(c20, 1.0)));
            d1 = d1.mul(ak.fma(c10, bk.fma(c20, 1.0)));
          }
          d1.intoArray(m0, k);
          VectorLogScaled.renormalise(m0, k, exp, k);
          d1 = DoubleVector.fromArray(sp, m0, k);
        } else {
          for (; t < stop; t++) {
            DoubleVector at = DoubleVector.fromArray(sp, a, off + t * width + j);
            DoubleVector bt = DoubleVector.fromArray(sp, b, off + t * width + j);
            d0 = d0.mul(at.fma(c10, bt.fma(c20, 1.0)));
          }
        }
        d0.intoArray(m0, j);
        VectorLogScaled.renormalise(m0, j, exp, j);
        d0 = DoubleVector.fromArray(sp, m0, j);
      }
      d0.intoArray(m0, j);
      if (two) {
        d1.intoArray(m1, j);
      } else if (j + 2 * sp.length() <= width) {
        d1.intoArray(m0, j + sp.length());
        j += sp.length(); // the pair is done
      }
    }
    finish(out, exp, width, steps, c1.length);
  }

  /** Scalar twin of {@link #vector}: one trajectory, one step at a time. */
  static void scalar(double[] a, double[] b, int off, int width, int steps, double[] c1, double[] c2, int interval,
      double[][] out, long[] exp) {
    java.util.Arrays.fill(exp, 0L);
    for (int e = 0; e < c1.length; e++) {
      double[] d = out[e];
      for (int j = 0; j < width; j++) {
        d[j] = 1.0;
        for (int t = 0; t < steps; t++) {
          d[j] *= Math.fma(a[off + t * width + j], c1[e], Math.fma(b[off + t * width + j], c2[e], 1.0));
          if ((t + 1) % interval == 0) {
            LogScaled.renormalise(d, j, exp, e * width + j);
          }
        }
        LogScaled.renormalise(d, j, exp, e * width + j);
      }
    }
    finish(out, exp, width, steps, c1.length);
  }

  /** Turns renormalised (mantissa, exponent) pairs into exponents per step. */
  private static void finish(double[][] out, long[] exp, int width, int steps, int exponents) {
    for (int e = 0; e < exponents; e++) {
      for (int j = 0; j < width; j++) {
        out[e][j] = LogScaled.log(out[e][j], exp[e * width + j]) / steps;
      }
    }
  }
}
