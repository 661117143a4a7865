package org.sgdmc.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdmc.engine.RecordTimes;
import org.sgdmc.models.GrokData;
import org.sgdmc.models.GrokLinreg;
import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;
import org.sgdmc.theory.GrokLinregTheory;

/**
 * Full-batch GD of the grokking linear regression is a linear recursion with a known solution ({@link
 * GrokLinregTheory#gdAt}, from commons-math3's eigendecomposition of X^T X / n): the kernel's w, and its observed
 * losses, agree with it to rounding at every recording time, log-spaced up to 10 / (eta lambda) steps, for every
 * trajectory of a block. Deterministic: no tolerance for chance, only for rounding (10^-9 relative, from about
 * 10^4 steps of contractive recursion and the eigendecomposition's own rounding).
 */
class GrokLinregExactSolutionTest {
  private static final long SEED = 99;

  @Test
  void scalarKernelFollowsTheExactGdSolutionAtEveryRecordingTime() {
    GrokData data = GrokData.generate(10, 40, 0.1, 5);
    GrokLinreg model = new GrokLinreg(data, 0.1, 0.01, 3.0, 10, false, 1e-3, 0.4);
    GrokLinregTheory theory = new GrokLinregTheory(model);
    assertTrue(theory.stable());
    long[] times = RecordTimes.parse("log:30", 10_000);
    int width = 8;
    GrokLinregScalarBlock block = new GrokLinregScalarBlock(model, SEED, width);
    block.start(17);
    double[][] w0 = new double[width][];
    for (int i = 0; i < width; i++) {
      w0[i] = block.weights(i);
      double[] expected = new double[model.dim()];
      for (int c = 0; c < model.dim(); c++) {
        expected[c] = model.initScale() * Draws.normal(SEED, Stream.INIT, 17 + i, c);
      }
      assertArrayClose(expected, w0[i], 0, "w_0 of trajectory " + (17 + i));
    }
    double[] snapshot = new double[GrokLinregScalarBlock.CHANNELS * width];
    double worst = 0;
    for (int r = 1; r < times.length; r++) {
      block.advance(times[r - 1], times[r]);
      block.snapshot(snapshot);
      for (int i = 0; i < width; i++) {
        double[] exact = theory.gdAt(w0[i], times[r]);
        double[] w = block.weights(i);
        worst = Math.max(worst, assertArrayClose(exact, w, 1e-9, "step " + times[r] + ", trajectory " + i));
        assertEquals(Math.log(2 * theory.testLoss(exact)) / 2, snapshot[width + i], 1e-9,
            "log|w - beta*| at step " + times[r]);
        double train = theory.trainLoss(exact);
        assertEquals(train, Math.exp(2 * snapshot[i]) / 2, 1e-9 * Math.max(train, 1e-6),
            "train loss at step " + times[r]);
      }
    }
    // the drift ends at the ridge solution: what is left is the null-space part, (1 - eta lambda)^T P_perp w_0
    double left = Math.pow(model.decay(), times[times.length - 1]);
    for (int i = 0; i < width; i++) {
      double[] w = block.weights(i), ridge = theory.ridge(), a = theory.nullPart(w0[i]);
      double dist = 0, na = 0;
      for (int c = 0; c < w.length; c++) {
        dist += (w[c] - ridge[c]) * (w[c] - ridge[c]);
        na += a[c] * a[c];
      }
      assertEquals(left * Math.sqrt(na), Math.sqrt(dist), 1e-6 * Math.sqrt(na), "distance to the ridge solution");
    }
    assertTrue(worst < 1e-9, "worst relative deviation " + worst);
  }

  @Test
  void theNullSpacePartDecaysByExactlyOneMinusEtaLambdaPerStep() {
    GrokData data = GrokData.generate(6, 20, 0.0, 8);
    GrokLinreg model = new GrokLinreg(data, 0.05, 0.02, 2.0, 6, false, 1e-3, 0.4);
    GrokLinregTheory theory = new GrokLinregTheory(model);
    assertEquals(6, theory.rank());
    GrokLinregScalarBlock block = new GrokLinregScalarBlock(model, SEED, 1);
    block.start(0);
    double[] a0 = theory.nullPart(block.weights(0));
    block.advance(0, 500);
    double[] a = theory.nullPart(block.weights(0));
    double factor = Math.pow(1 - model.eta() * model.lambda(), 500);
    for (int c = 0; c < a.length; c++) {
      a0[c] *= factor;
    }
    assertArrayClose(a0, a, 1e-9, "P_perp w_500 = (1 - eta lambda)^500 P_perp w_0");
  }

  /** Asserts |expected - actual| <= tol * max(1, |expected|) componentwise; returns the largest such ratio. */
  private static double assertArrayClose(double[] expected, double[] actual, double tol, String what) {
    double scale = 0;
    for (double v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    scale = Math.max(scale, 1);
    double worst = 0;
    for (int c = 0; c < expected.length; c++) {
      double dev = Math.abs(expected[c] - actual[c]) / scale;
      worst = Math.max(worst, dev);
      assertTrue(dev <= tol, what + ": coordinate " + c + " expected " + expected[c] + " got " + actual[c]);
    }
    return worst;
  }
}
