package org.sgdmc.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdmc.models.FeatureData;
import org.sgdmc.models.Linreg1d;
import org.sgdmc.rng.VectorShapes;

/**
 * The vector kernel and its scalar twin perform the same IEEE operations in the same order, so every
 * trajectory's log-distance must agree bit for bit, for every data kind, batch size and sampling scheme,
 * however the steps are split into calls and whatever the block width.
 */
class Linreg1dTwinTest {
  private static final double[] SMALL_DATA = {0.3, -1.2, 2.5, 0.05, -0.7, 1.9, -3.1};

  static Stream<Arguments> models() {
    FeatureData gauss = new FeatureData.Gaussian();
    FeatureData finite = new FeatureData.Finite(SMALL_DATA, "test");
    return Stream.of(
        Arguments.of(new Linreg1d(0.5, 1, gauss, false, 1.0)),
        Arguments.of(new Linreg1d(2.9, 1, gauss, false, 3.0)),
        Arguments.of(new Linreg1d(1.3, 2, gauss, false, 1.0)),
        Arguments.of(new Linreg1d(1.7, 5, gauss, false, 1.0)),
        Arguments.of(new Linreg1d(0.4, 33, gauss, false, 1.0)),
        Arguments.of(new Linreg1d(0.8, 1, finite, false, 1.0)),
        Arguments.of(new Linreg1d(0.8, 3, finite, false, 1.0)),
        Arguments.of(new Linreg1d(0.8, 3, finite, true, 1.0)),
        Arguments.of(new Linreg1d(0.8, 7, finite, false, 1.0)),
        Arguments.of(new Linreg1d(0.8, 9, finite, true, 1.0)));
  }

  @ParameterizedTest
  @MethodSource("models")
  void vectorBlockEqualsScalarTwinBitForBit(Linreg1d model) {
    int lanes = VectorShapes.DOUBLES.length();
    int width = 3 * lanes;
    long seed = 0x5eed_1234_abcdL;
    long traj0 = 1000;
    long[] cuts = {0, 1, 2, 7, 40, 41, 100, 333};

    TrajectoryBlock vector = new Linreg1dVectorBlock(model, seed, width);
    TrajectoryBlock scalar = new Linreg1dScalarBlock(model, seed, width);
    vector.start(traj0);
    scalar.start(traj0);
    double[] v = new double[width], s = new double[width];
    for (int c = 1; c < cuts.length; c++) {
      vector.advance(cuts[c - 1], cuts[c]);
      scalar.advance(cuts[c - 1], cuts[c]);
      vector.logDistance(v);
      scalar.logDistance(s);
      for (int i = 0; i < width; i++) {
        assertEquals(
            Double.doubleToRawLongBits(s[i]), Double.doubleToRawLongBits(v[i]),
            "trajectory " + (traj0 + i) + " at step " + cuts[c] + ": scalar " + s[i] + " vector " + v[i]);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void resultsDoNotDependOnBlockWidthOrPosition(Linreg1d model) {
    int lanes = VectorShapes.DOUBLES.length();
    long seed = 99;
    // one wide block from trajectory 0 vs narrower blocks that tile the same trajectories
    TrajectoryBlock wide = new Linreg1dVectorBlock(model, seed, 4 * lanes);
    wide.start(0);
    wide.advance(0, 150);
    double[] all = new double[4 * lanes];
    wide.logDistance(all);
    TrajectoryBlock narrow = new Linreg1dVectorBlock(model, seed, lanes);
    double[] part = new double[lanes];
    for (int b = 0; b < 4; b++) {
      narrow.start((long) b * lanes);
      narrow.advance(0, 99);
      narrow.advance(99, 150);
      narrow.logDistance(part);
      for (int i = 0; i < lanes; i++) {
        assertEquals(Double.doubleToRawLongBits(all[b * lanes + i]), Double.doubleToRawLongBits(part[i]));
      }
    }
  }
}
