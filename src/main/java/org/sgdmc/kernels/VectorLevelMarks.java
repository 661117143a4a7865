package org.sgdmc.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.sgdmc.rng.VectorShapes;

/**
 * Event times of grok-mc and grok-relu, whose blocks accumulate their sums of squares themselves and leave them in
 * an array (so that no vector crosses a call: FastPathTest). The scalar twins compare {@code sum * scale <= level}
 * with the same rounded scale.
 */
final class VectorLevelMarks {
  private VectorLevelMarks() {}

  /**
   * times := t in the lanes of group j where it is unset and {@code sums[at .. at + lanes) * scale} is at most
   * {@code level}.
   */
  static void mark(double[] sums, int at, double scale, double level, double[] times, int j, long t) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    DoubleVector first = DoubleVector.fromArray(sp, times, j);
    VectorMask<Double> hit = DoubleVector.fromArray(sp, sums, at).mul(scale).compare(VectorOperators.LE, level)
        .and(first.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
    first.blend((double) t, hit).intoArray(times, j);
  }

  /**
   * Whether some lane of group j whose event {@code times} is unset may be at its level now: its RMS error at the
   * last evaluation ({@code rms}) less a bound on how far the model has moved since ({@code moved}) is at most
   * {@code level} (the triangle inequality on the points' errors). Where no lane may, a block can skip forming
   * the sum and its event times stay exact.
   */
  static boolean mayReach(double[] times, double[] rms, double[] moved, double level, int j) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    VectorMask<Double> unset = DoubleVector.fromArray(sp, times, j).compare(VectorOperators.EQ, Double.POSITIVE_INFINITY);
    DoubleVector lowest = DoubleVector.fromArray(sp, rms, j).sub(DoubleVector.fromArray(sp, moved, j));
    return lowest.compare(VectorOperators.LE, level).and(unset).anyTrue();
  }
}
