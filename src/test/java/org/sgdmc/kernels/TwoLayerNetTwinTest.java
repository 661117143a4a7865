package org.sgdmc.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdmc.models.Activation;
import org.sgdmc.models.Datasets;
import org.sgdmc.models.RegressionData;
import org.sgdmc.models.TwoLayerNet;
import org.sgdmc.rng.VectorShapes;

/**
 * The vector two-layer kernel and its scalar twin agree bit for bit on every trajectory's (u, w) and
 * divergence step, for both activations, batch sizes, both sampling schemes, learning rates from stable to
 * divergent, with and without initial noise, however the steps are split and whatever the block width;
 * the test-loss twins agree too.
 */
class TwoLayerNetTwinTest {
  private static final int LANES = VectorShapes.DOUBLES.length();

  static Stream<Arguments> models() {
    RegressionData swish = Datasets.teacher(Activation.SWISH, 23, 0.1, 5, false);
    RegressionData tanh = Datasets.teacher(Activation.TANH, 17, 0.1, 6, false);
    double big = TwoLayerNet.DEFAULT_DIVERGED_ABOVE;
    return Stream.of(
        Arguments.of(new TwoLayerNet(Activation.SWISH, swish, 0.3, 1, false, 1.1, -0.3, 0.0, big)),
        Arguments.of(new TwoLayerNet(Activation.SWISH, swish, 2.0, 1, false, 1.1, -0.3, 0.05, big)),
        Arguments.of(new TwoLayerNet(Activation.SWISH, swish, 9.0, 1, false, 0.5, 0.5, 0.1, 50.0)),
        Arguments.of(new TwoLayerNet(Activation.SWISH, swish, 1.5, 3, false, 0.2, 0.7, 0.01, big)),
        Arguments.of(new TwoLayerNet(Activation.SWISH, swish, 1.5, 4, true, 0.2, 0.7, 0.01, big)),
        Arguments.of(new TwoLayerNet(Activation.TANH, tanh, 0.7, 1, false, 0.4, 0.4, 0.0, big)),
        Arguments.of(new TwoLayerNet(Activation.TANH, tanh, 3.0, 2, false, 0.4, -0.4, 0.2, big)),
        Arguments.of(new TwoLayerNet(Activation.TANH, tanh, 30.0, 1, true, 1.0, 1.0, 0.0, 1e3)),
        Arguments.of(new TwoLayerNet(Activation.TANH, tanh, 1.0, 17, false, 0.3, 0.3, 0.0, big)));
  }

  @ParameterizedTest
  @MethodSource("models")
  void vectorBlockEqualsScalarTwinBitForBit(TwoLayerNet model) {
    int width = 3 * LANES;
    long seed = 0x5eed_2002L, traj0 = 4000;
    long[] cuts = {0, 1, 2, 7, 40, 41, 100, 333};
    StateBlock vector = new TwoLayerNetVectorBlock(model, seed, width);
    StateBlock scalar = new TwoLayerNetScalarBlock(model, seed, width);
    vector.start(traj0);
    scalar.start(traj0);
    double[] v = new double[3 * width], s = new double[3 * width];
    vector.snapshot(v);
    scalar.snapshot(s);
    assertSame(s, v, traj0, width, 0);
    for (int c = 1; c < cuts.length; c++) {
      vector.advance(cuts[c - 1], cuts[c]);
      scalar.advance(cuts[c - 1], cuts[c]);
      vector.snapshot(v);
      scalar.snapshot(s);
      assertSame(s, v, traj0, width, cuts[c]);
      for (double value : v) {
        assertFalse(Double.isNaN(value), "NaN in a snapshot");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void resultsDoNotDependOnBlockWidthOrPosition(TwoLayerNet model) {
    long seed = 99;
    StateBlock wide = new TwoLayerNetVectorBlock(model, seed, 4 * LANES);
    wide.start(0);
    wide.advance(0, 150);
    double[] all = new double[3 * 4 * LANES];
    wide.snapshot(all);
    StateBlock narrow = new TwoLayerNetVectorBlock(model, seed, LANES);
    double[] part = new double[3 * LANES];
    for (int b = 0; b < 4; b++) {
      narrow.start((long) b * LANES);
      narrow.advance(0, 99);
      narrow.advance(99, 150);
      narrow.snapshot(part);
      for (int c = 0; c < 3; c++) {
        for (int i = 0; i < LANES; i++) {
          assertEquals(Double.doubleToRawLongBits(all[c * 4 * LANES + b * LANES + i]),
              Double.doubleToRawLongBits(part[c * LANES + i]), "channel " + c + " trajectory " + (b * LANES + i));
        }
      }
    }
  }

  @Test
  void divergentTrajectoriesAreMarkedAtTheirFirstBadStepAndFrozen() {
    RegressionData d = Datasets.teacher(Activation.SWISH, 50, 0.1, 3, false);
    TwoLayerNet model = new TwoLayerNet(Activation.SWISH, d, 40.0, 1, false, 1.0, 1.0, 0.0, 100.0);
    StateBlock block = new TwoLayerNetVectorBlock(model, 1, 2 * LANES);
    block.start(0);
    block.advance(0, 200);
    double[] snap = new double[6 * LANES];
    block.snapshot(snap);
    int diverged = 0;
    for (int i = 0; i < 2 * LANES; i++) {
      double at = snap[4 * LANES + i];
      if (at >= 0) {
        diverged++;
        // the frozen state is the last good one: re-running to just before the bad step gives it
        StateBlock again = new TwoLayerNetScalarBlock(model, 1, 2 * LANES);
        again.start(0);
        again.advance(0, (long) at - 1);
        double[] before = new double[6 * LANES];
        again.snapshot(before);
        assertEquals(before[i], snap[i], "u of trajectory " + i);
        assertEquals(before[2 * LANES + i], snap[2 * LANES + i], "w of trajectory " + i);
        assertEquals(-1.0, before[4 * LANES + i], "not yet diverged one step earlier");
      }
      assertTrue(Math.abs(snap[i]) <= 100 && Math.abs(snap[2 * LANES + i]) <= 100, "state inside the bound");
    }
    assertTrue(diverged > 0, "lr = 40 should diverge");
  }

  @Test
  void testLossTwinsAgree() {
    for (Activation act : Activation.values()) {
      RegressionData d = Datasets.teacher(act, 301, 0.1, 8, true);
      SplittableRandom random = new SplittableRandom(3);
      int n = 13 * LANES + 3;
      double[] u = new double[n], w = new double[n], v = new double[n], s = new double[n];
      for (int i = 0; i < n; i++) {
        u[i] = random.nextDouble(-3, 3);
        w[i] = i % 7 == 0 ? random.nextDouble(-1e5, 1e5) : random.nextDouble(-5, 5);
      }
      TwoLayerLosses.compute(act, d, u, w, v, 1, n);
      TwoLayerLosses.scalar(act, d, u, w, s, 1, n);
      for (int i = 1; i < n; i++) {
        assertEquals(Double.doubleToRawLongBits(s[i]), Double.doubleToRawLongBits(v[i]), act + " pair " + i);
      }
      assertEquals(TwoLayerNet.loss(act, d, u[5], w[5]), v[5], 1e-12 * v[5], "the loss the theory computes");
    }
  }

  private static void assertSame(double[] s, double[] v, long traj0, int width, long step) {
    for (int i = 0; i < s.length; i++) {
      assertEquals(Double.doubleToRawLongBits(s[i]), Double.doubleToRawLongBits(v[i]),
          "channel " + i / width + " of trajectory " + (traj0 + i % width) + " at step " + step + ": scalar " + s[i]
              + " vector " + v[i]);
    }
  }
}
