package org.sgdmc.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.sgdmc.rng.VectorShapes;

/**
 * The first-passage times the grok kernels keep per trajectory (t1: the training loss first at its level, t2:
 * the test loss), for one lane group: {@code +inf} until set, then the step. Shared by the grok vector blocks;
 * their scalar twins do the same sums lane by lane, in the same order. Every method takes arrays, so no vector
 * crosses a call (FastPathTest).
 */
final class VectorEventTimes {
  private VectorEventTimes() {}

  /** Whether some lane of group {@code j} has no time yet. */
  static boolean open(double[] times, int j) {
    return DoubleVector.fromArray(VectorShapes.DOUBLES, times, j).compare(VectorOperators.EQ, Double.POSITIVE_INFINITY)
        .anyTrue();
  }

  /**
   * t1 := t in the lanes of group j where it is unset and {@code halfOverN} times the sum of squares of the n
   * residual vectors at {@code r[m * lanes]} is at most {@code level}.
   */
  static void markTrain(double[] r, int n, double halfOverN, double level, double[] t1, int j, long t) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    DoubleVector sum = DoubleVector.zero(sp);
    for (int m = 0; m < n; m++) {
      DoubleVector p = DoubleVector.fromArray(sp, r, m * sp.length());
      sum = p.fma(p, sum);
    }
    DoubleVector first = DoubleVector.fromArray(sp, t1, j);
    VectorMask<Double> hit = sum.mul(halfOverN).compare(VectorOperators.LE, level)
        .and(first.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
    first.blend((double) t, hit).intoArray(t1, j);
  }

  /**
   * t2 := t in the lanes of group j where it is unset and |beta - star|^2 / 2 is at most {@code level}, with
   * coordinate c of beta at {@code beta[at + c * stride]}.
   */
  static void markTest(double[] beta, int at, int stride, double[] star, double level, double[] t2, int j, long t) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    DoubleVector second = DoubleVector.fromArray(sp, t2, j);
    VectorMask<Double> open = second.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY);
    if (!open.anyTrue()) {
      return;
    }
    DoubleVector sum = DoubleVector.zero(sp);
    for (int c = 0; c < star.length; c++) {
      DoubleVector e = DoubleVector.fromArray(sp, beta, at + c * stride).sub(star[c]);
      sum = e.fma(e, sum);
    }
    VectorMask<Double> hit = sum.mul(0.5).compare(VectorOperators.LE, level).and(open);
    second.blend((double) t, hit).intoArray(t2, j);
  }
}
