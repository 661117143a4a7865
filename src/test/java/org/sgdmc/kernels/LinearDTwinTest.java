package org.sgdmc.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdmc.models.LinearD;
import org.sgdmc.models.PointData;
import org.sgdmc.rng.VectorShapes;

/**
 * The linear-d vector kernel and its scalar twin perform the same IEEE operations in the same order, so
 * every trajectory's k observables must agree bit for bit, for every data kind, dimension, batch size,
 * number of exponents and re-orthonormalisation interval, however the steps are split into calls and
 * whatever the block width and position.
 */
class LinearDTwinTest {
  static final double[][] POINTS = {
    {0.3, -1.2, 2.5}, {0.05, -0.7, 1.9}, {-3.1, 0.4, 0.0}, {1.1, 1.1, -0.6}, {0.0, 0.2, 0.9}, {-0.8, 2.0, 0.3},
    {1.7, -0.1, -1.4}
  };
  /** (1, 0) is an eigenvector of M with eigenvalue 1 - lr: at lr = 1 it is mapped exactly to 0 (Prop. 3 in 2-D). */
  static final double[][] AXIS_POINTS = {{1.0, 0.0}, {0.6, -1.3}, {-0.4, 0.9}};

  static Stream<Arguments> models() {
    PointData diag = new PointData.Gaussian(new double[] {1.0, 0.5, 0.25, 0.1});
    PointData corr = PointData.CorrelatedGaussian.of(new double[][] {{1.0, 0.3, -0.2}, {0.3, 0.8, 0.1}, {-0.2, 0.1, 0.5}});
    PointData finite = new PointData.Finite(POINTS, "test");
    PointData axis = new PointData.Finite(AXIS_POINTS, "axis");
    return Stream.of(
        Arguments.of(new LinearD(0.4, 1, PointData.Gaussian.isotropic(3, 1.0), false, 3, 4)),
        Arguments.of(new LinearD(0.3, 3, PointData.Gaussian.isotropic(5, 0.7), false, 2, 7)),
        Arguments.of(new LinearD(0.9, 2, diag, false, 4, 3)),
        Arguments.of(new LinearD(1.5, 1, diag, false, 1, 1)),
        Arguments.of(new LinearD(0.6, 2, corr, false, 3, 5)),
        Arguments.of(new LinearD(2.2, 1, PointData.Gaussian.isotropic(1, 1.0), false, 1, 10)),
        Arguments.of(new LinearD(0.3, 7, PointData.Gaussian.isotropic(2, 2.0), false, 2, 10)),
        Arguments.of(new LinearD(0.5, 1, finite, false, 3, 4)),
        Arguments.of(new LinearD(0.5, 3, finite, false, 2, 6)),
        Arguments.of(new LinearD(0.5, 4, finite, true, 3, 2)),
        Arguments.of(new LinearD(1.0, 1, axis, false, 2, 3)));
  }

  private static void assertSameBits(double[] expected, double[] actual, String where) {
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
          where + ", lane " + i + ": " + expected[i] + " vs " + actual[i]);
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void vectorBlockEqualsScalarTwinBitForBit(LinearD model) {
    int width = 3 * VectorShapes.DOUBLES.length();
    long seed = 0x5eed_1234_abcdL;
    long traj0 = 1000;
    long[] cuts = {0, 1, 2, 7, 40, 41, 100, 133};
    TrajectoryBlock vector = new LinearDVectorBlock(model, seed, width);
    TrajectoryBlock scalar = new LinearDScalarBlock(model, seed, width);
    assertEquals(model.exponents(), vector.observables());
    assertEquals(model.exponents(), scalar.observables());
    vector.start(traj0);
    scalar.start(traj0);
    double[] v = new double[width], s = new double[width];
    for (int c = 1; c < cuts.length; c++) {
      vector.advance(cuts[c - 1], cuts[c]);
      scalar.advance(cuts[c - 1], cuts[c]);
      for (int a = 0; a < model.exponents(); a++) {
        vector.logDistance(a, v);
        scalar.logDistance(a, s);
        assertSameBits(s, v, "step " + cuts[c] + ", exponent " + (a + 1));
        for (double x : v) {
          assertTrue(!Double.isNaN(x) && x != Double.POSITIVE_INFINITY, "step " + cuts[c] + ": " + x);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void resultsDoNotDependOnBlockWidthPositionOrHowStepsAreSplit(LinearD model) {
    int lanes = VectorShapes.DOUBLES.length();
    long seed = 99;
    int k = model.exponents();
    TrajectoryBlock wide = new LinearDVectorBlock(model, seed, 4 * lanes);
    wide.start(0);
    wide.advance(0, 150);
    double[][] all = new double[k][4 * lanes];
    for (int a = 0; a < k; a++) {
      wide.logDistance(a, all[a]);
    }
    TrajectoryBlock narrow = new LinearDVectorBlock(model, seed, lanes);
    double[] part = new double[lanes];
    for (int b = 0; b < 4; b++) {
      narrow.start((long) b * lanes);
      narrow.advance(0, 13);
      narrow.logDistance(0, part); // asking in between must not change what follows
      narrow.advance(13, 99);
      narrow.advance(99, 150);
      for (int a = 0; a < k; a++) {
        narrow.logDistance(a, part);
        double[] expected = java.util.Arrays.copyOfRange(all[a], b * lanes, (b + 1) * lanes);
        assertSameBits(expected, part, "block " + b + ", exponent " + (a + 1));
      }
    }
  }

  /**
   * With lr = 1 the point (1, 0) gives M = diag(0, 1), computed exactly. A trajectory whose first batch is
   * that point has e_1 mapped to 0: its top tangent vector is lost for good (L_1 = -inf); every trajectory
   * that ever draws it has a singular product, so its area L_1 + L_2 is -inf. Never NaN. With 48
   * trajectories and 50 steps: P(no trajectory, or every one, loses e_1 at once) = (2/3)^48 + (1/3)^48 < 4e-9;
   * P(some trajectory never draws (1, 0)) <= 48 (2/3)^50 < 1e-7.
   */
  @org.junit.jupiter.api.Test
  void aTangentVectorMappedExactlyToZeroStaysCollapsed() {
    LinearD model = new LinearD(1.0, 1, new PointData.Finite(AXIS_POINTS, "axis"), false, 2, 3);
    int width = 48;
    TrajectoryBlock block = new LinearDVectorBlock(model, 5, width);
    block.start(0);
    block.advance(0, 50);
    double[] top = new double[width], second = new double[width];
    block.logDistance(0, top);
    block.logDistance(1, second);
    int collapsed = 0;
    for (int i = 0; i < width; i++) {
      assertTrue(!Double.isNaN(top[i]) && !Double.isNaN(second[i]) && top[i] < Double.POSITIVE_INFINITY
          && second[i] < Double.POSITIVE_INFINITY, "lane " + i + ": " + top[i] + ", " + second[i]);
      assertEquals(Double.NEGATIVE_INFINITY, top[i] + second[i], "the area of lane " + i);
      collapsed += top[i] == Double.NEGATIVE_INFINITY ? 1 : 0;
    }
    assertTrue(collapsed > 0 && collapsed < width, collapsed + " of " + width + " lost e_1");
  }
}
