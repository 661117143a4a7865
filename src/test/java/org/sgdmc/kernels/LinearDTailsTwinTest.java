package org.sgdmc.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdmc.models.LinearDTails;
import org.sgdmc.models.PointData;
import org.sgdmc.models.Sampling;
import org.sgdmc.rng.VectorShapes;

/**
 * The linear-d tails vector kernel and its scalar twin perform the same IEEE operations in the same order,
 * so every trajectory's three channels (|u|, u_0, ln|v|) must agree bit for bit: for streams and finite
 * data (with and without replacement, and reshuffled each epoch), d = 1, 2, 5, 10, S = 1 and 3, unit and non-unit scales, diverging
 * trajectories included; and what a block reports must not depend on its width, its position, or how the
 * steps are split into {@code advance} calls (the {@link StateBlock} contract).
 */
class LinearDTailsTwinTest {
  static Stream<Arguments> models() {
    PointData.Gaussian diag = new PointData.Gaussian(new double[] {1.0, 0.5, 0.25, 0.1, 2.0});
    return Stream.of(
        Arguments.of(LinearDTails.isotropicStream(0.3, 1, 1, 0.5)),
        Arguments.of(LinearDTails.isotropicStream(0.2, 3, 2, 1.0)),
        Arguments.of(LinearDTails.isotropicStream(0.1, 1, 5, 1.0)),
        Arguments.of(LinearDTails.isotropicStream(0.05, 3, 10, 2.0)),
        Arguments.of(LinearDTails.isotropicStream(0.4, 1, 2, 0.0)),
        Arguments.of(LinearDTails.stream(0.1, 3, diag, 0.7)),
        Arguments.of(LinearDTails.isotropicStream(2.0, 1, 3, 1.0)), // diverges within ~100 steps
        Arguments.of(LinearDTails.generated(0.3, 1, 12, 1, 0.5, false, 7)),
        Arguments.of(LinearDTails.generated(0.1, 1, 40, 5, 1.0, false, 8)),
        Arguments.of(LinearDTails.generated(0.1, 3, 40, 5, 1.0, false, 9)),
        Arguments.of(LinearDTails.generated(0.1, 3, 40, 5, 1.0, true, 9)),
        Arguments.of(LinearDTails.generated(0.05, 3, 30, 10, 0.3, true, 10)),
        Arguments.of(LinearDTails.generated(0.2, 7, 7, 2, 1.0, false, 11)), // full batch: gradient descent
        Arguments.of(LinearDTails.generated(1.5, 1, 20, 2, 1.0, true, 12)), // diverges
        // reshuffled each epoch: K = 13 (one point left out), 12 and 2 (one left out), so the cuts and the
        // vector segments fall mid-epoch; d = 1 too
        Arguments.of(LinearDTails.generated(0.1, 3, 40, 5, 1.0, Sampling.RESHUFFLE, 9)),
        Arguments.of(LinearDTails.generated(0.3, 1, 12, 2, 0.5, Sampling.RESHUFFLE, 7)),
        Arguments.of(LinearDTails.generated(0.3, 3, 7, 2, 1.0, Sampling.RESHUFFLE, 11)),
        Arguments.of(LinearDTails.generated(0.3, 2, 9, 1, 0.5, Sampling.RESHUFFLE, 13)));
  }

  static void assertSameBits(double[] expected, double[] actual, String where) {
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
          where + ", entry " + i + ": " + expected[i] + " vs " + actual[i]);
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void vectorBlockEqualsScalarTwinBitForBit(LinearDTails model) {
    int width = 3 * VectorShapes.DOUBLES.length();
    long seed = 0x5eed_7a11_5L;
    long[] cuts = {0, 1, 2, 7, 40, 41, 64, 65, 100, 133, 250, 301};
    StateBlock vector = new LinearDTailsVectorBlock(model, seed, width);
    StateBlock scalar = new LinearDTailsScalarBlock(model, seed, width);
    assertEquals(3, vector.channels());
    assertEquals(3, scalar.channels());
    vector.start(1000);
    scalar.start(1000);
    double[] v = new double[3 * width];
    double[] s = new double[3 * width];
    for (int c = 1; c < cuts.length; c++) {
      vector.advance(cuts[c - 1], cuts[c]);
      scalar.advance(cuts[c - 1], cuts[c]);
      vector.snapshot(v);
      scalar.snapshot(s);
      assertSameBits(s, v, model.describe() + ", step " + cuts[c]);
      for (double x : v) {
        assertFalse(Double.isNaN(x), "step " + cuts[c] + ": NaN in a snapshot");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void resultsDoNotDependOnBlockWidthPositionOrHowStepsAreSplit(LinearDTails model) {
    int lanes = VectorShapes.DOUBLES.length();
    long seed = 99;
    StateBlock wide = new LinearDTailsVectorBlock(model, seed, 4 * lanes);
    wide.start(0);
    wide.advance(0, 150);
    double[] all = new double[3 * 4 * lanes];
    wide.snapshot(all);
    StateBlock narrow = new LinearDTailsVectorBlock(model, seed, lanes);
    double[] part = new double[3 * lanes];
    for (int b = 0; b < 4; b++) {
      narrow.start((long) b * lanes);
      narrow.advance(0, 13);
      narrow.snapshot(part); // asking in between must not change what follows
      narrow.advance(13, 64);
      narrow.advance(64, 99);
      narrow.advance(99, 150);
      narrow.snapshot(part);
      for (int ch = 0; ch < 3; ch++) {
        double[] expected = Arrays.copyOfRange(all, ch * 4 * lanes + b * lanes, ch * 4 * lanes + (b + 1) * lanes);
        assertSameBits(expected, Arrays.copyOfRange(part, ch * lanes, (ch + 1) * lanes), "block " + b + ", channel " + ch);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void everyTrajectoryStartsAtTheLeastSquaresSolutionWithTangentE1(LinearDTails model) {
    int width = VectorShapes.DOUBLES.length();
    for (StateBlock b : new StateBlock[] {
        new LinearDTailsVectorBlock(model, 3, width), new LinearDTailsScalarBlock(model, 3, width)}) {
      b.start(17);
      double[] out = new double[3 * width];
      Arrays.fill(out, Double.NaN);
      b.snapshot(out);
      for (double x : out) {
        assertEquals(0.0, x, "|u_0| = u_0[0] = ln|v_0| = 0");
      }
    }
  }

  /**
   * lr = 2 in d = 3: the top Lyapunov exponent is +0.69 a step (standard deviation of one step's log-stretch
   * 0.80), so |u| passes 1e150 (ln 1e150 = 345) after about 500 steps; from then on |u| and u_0 read +inf at
   * every later time (sticky), in both twins, while ln|v| goes on finite. A trajectory still below 1e150
   * after 1000 steps would lag its mean log-growth of 690 by 345, 14 standard deviations: never.
   */
  @Test
  void aDivergedTrajectoryReportsInfinityForEverAndItsTangentGoesOn() {
    LinearDTails model = LinearDTails.isotropicStream(2.0, 1, 3, 1.0);
    int width = 2 * VectorShapes.DOUBLES.length();
    StateBlock vector = new LinearDTailsVectorBlock(model, 5, width);
    StateBlock scalar = new LinearDTailsScalarBlock(model, 5, width);
    vector.start(0);
    scalar.start(0);
    double[] v = new double[3 * width];
    double[] s = new double[3 * width];
    long[] divergedAt = new long[width];
    Arrays.fill(divergedAt, -1);
    for (long t = 0; t < 1000; t++) {
      vector.advance(t, t + 1);
      scalar.advance(t, t + 1);
      vector.snapshot(v);
      scalar.snapshot(s);
      assertSameBits(s, v, "step " + (t + 1));
      for (int i = 0; i < width; i++) {
        boolean inf = v[i] == Double.POSITIVE_INFINITY;
        assertEquals(inf, v[width + i] == Double.POSITIVE_INFINITY, "|u| and u_0 diverge together");
        assertTrue(Double.isFinite(v[2 * width + i]), "ln|v| stays finite");
        if (divergedAt[i] >= 0) {
          assertTrue(inf, "trajectory " + i + " diverged at " + divergedAt[i] + " but reads " + v[i] + " at " + (t + 1));
        } else if (inf) {
          divergedAt[i] = t + 1;
        } else {
          assertTrue(v[i] <= LinearDTails.DIVERGED_NORM, "finite |u| is below the threshold: " + v[i]);
        }
      }
    }
    for (int i = 0; i < width; i++) {
      assertTrue(divergedAt[i] > 0, "trajectory " + i + " diverged at " + divergedAt[i]);
    }
  }

  /**
   * Divergence is sticky even where |u| would come back: two points with factors {@code 1 - lr x^2 = -3}
   * and {@code 0.327} make ln|u| a random walk with drift -0.01 and step 1.1 above the scale of the residuals
   * (1e140), so most trajectories wander past 1e150 (23 above) within a few thousand steps and fall back
   * below right after. Once a trajectory has read +inf it must read +inf at every later snapshot.
   */
  @Test
  void divergenceIsStickyEvenWhereTheWalkWouldComeBack() {
    double x2 = Math.sqrt(1 - Math.exp(-Math.log(3) - 0.02)); // ln 3 + ln(1 - x2^2) = -0.02
    LinearDTails model = LinearDTails.finite(1.0, 1, new double[][] {{2.0}, {x2}}, new double[] {1e140, -1e140}, true, "walk");
    int width = 8 * VectorShapes.DOUBLES.length();
    StateBlock vector = new LinearDTailsVectorBlock(model, 8, width);
    StateBlock scalar = new LinearDTailsScalarBlock(model, 8, width);
    vector.start(0);
    scalar.start(0);
    double[] v = new double[3 * width];
    double[] s = new double[3 * width];
    boolean[] gone = new boolean[width];
    int count = 0;
    for (long t = 0; t < 4000; t += 10) {
      vector.advance(t, t + 10);
      scalar.advance(t, t + 10);
      vector.snapshot(v);
      scalar.snapshot(s);
      assertSameBits(s, v, "step " + (t + 10));
      for (int i = 0; i < width; i++) {
        boolean inf = v[i] == Double.POSITIVE_INFINITY;
        assertTrue(inf || !gone[i], "trajectory " + i + " came back at step " + (t + 10));
        count += inf && !gone[i] ? 1 : 0;
        gone[i] |= inf;
      }
    }
    assertTrue(count >= width / 4, count + " of " + width + " diverged: the test needs several");
  }

  @Test
  void blockWidthMustBeAPositiveMultipleOfTheLanes() {
    LinearDTails model = LinearDTails.isotropicStream(0.1, 1, 2, 1.0);
    int lanes = VectorShapes.DOUBLES.length();
    for (int w : new int[] {0, -lanes, lanes + 1}) {
      if (w % lanes == 0 && w > 0) {
        continue;
      }
      IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
          IllegalArgumentException.class, () -> new LinearDTailsVectorBlock(model, 1, w));
      assertTrue(e.getMessage().contains("multiple of " + lanes), e.getMessage());
    }
  }
}
