package org.sgdmc.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sgdmc.engine.RecordTimes;
import org.sgdmc.models.GrokData;
import org.sgdmc.models.GrokDatasets;
import org.sgdmc.models.GrokLinreg;
import org.sgdmc.models.GrokLinregDatasets;
import org.sgdmc.theory.GrokLinregTheory;

/**
 * grok-linreg with {@code --dataset per-trajectory}: each trajectory draws its own X, y, beta* from (data seed,
 * trajectory), and the kernel is, trajectory by trajectory, the exact GD solution on that trajectory's own data
 * (its own eigendecomposition, {@link GrokLinregTheory#gdAt}) to rounding at every recording time. Deterministic:
 * the tolerances are for rounding only, as in {@link GrokLinregExactSolutionTest}.
 */
class GrokLinregPerTrajectoryDataTest {
  private static final long SEED = 99;
  private static final GrokDatasets OWN = new GrokDatasets(GrokDatasets.Kind.DENSE, 10, 40, 0, 0.1, 5, true);

  @Test
  void everyTrajectoryFollowsTheExactGdSolutionOnItsOwnData() {
    GrokLinregDatasets model = new GrokLinregDatasets(OWN, 0.05, 0.01, 3.0, 10, false, 1e-3, 0.01);
    long[] times = RecordTimes.parse("log:20", 10_000);
    int width = 6;
    long traj0 = 17;
    GrokLinregDatasetsScalarBlock block = new GrokLinregDatasetsScalarBlock(model, SEED, width);
    block.start(traj0);
    GrokLinregTheory[] theory = new GrokLinregTheory[width];
    double[][] w0 = new double[width][];
    for (int i = 0; i < width; i++) {
      theory[i] = new GrokLinregTheory(model.at(traj0 + i));
      assertTrue(theory[i].stable(), "GD is stable on trajectory " + i + "'s data");
      w0[i] = block.weights(i);
    }
    double[] snapshot = new double[GrokLinregScalarBlock.CHANNELS * width];
    for (int r = 1; r < times.length; r++) {
      block.advance(times[r - 1], times[r]);
      block.snapshot(snapshot);
      for (int i = 0; i < width; i++) {
        double[] exact = theory[i].gdAt(w0[i], times[r]);
        double[] w = block.weights(i);
        double scale = 1;
        for (double v : exact) {
          scale = Math.max(scale, Math.abs(v));
        }
        for (int c = 0; c < w.length; c++) {
          assertEquals(exact[c], w[c], 1e-9 * scale, "step " + times[r] + ", trajectory " + i + ", coordinate " + c);
        }
        assertEquals(Math.log(2 * theory[i].testLoss(exact)) / 2, snapshot[width + i], 1e-9,
            "log|w - beta*| of trajectory " + i + " (its own teacher) at step " + times[r]);
      }
    }
    // the test level is each trajectory's own: its ridge endpoint's test loss + delta, and t2 is its closed form
    for (int i = 0; i < width; i++) {
      assertEquals(theory[i].endpointTestLoss() + 0.01, model.at(traj0 + i).testThreshold(), 1e-12);
      double closed = theory[i].t2ClosedForm(w0[i], 0.01);
      assertTrue(Math.abs(snapshot[4 * width + i] - closed) <= 1, "t2 " + snapshot[4 * width + i]
          + " against its closed form " + closed + ", trajectory " + i);
    }
  }

  @Test
  void aTrajectorysDatasetDependsOnTheDataSeedAndTheTrajectoryAlone() {
    GrokData a = OWN.of(3), again = OWN.of(3), other = OWN.of(4);
    assertArrayEquals(a.x(), again.x());
    assertArrayEquals(a.y(), again.y());
    assertArrayEquals(a.betaStar(), again.betaStar());
    assertFalse(Arrays.equals(a.x(), other.x()), "two trajectories draw different inputs");
    assertFalse(Arrays.equals(a.betaStar(), other.betaStar()), "and different teachers");
    assertFalse(Arrays.equals(a.x(), OWN.fixed().x()), "and neither is the fixed path's dataset");
    GrokDatasets otherSeed = new GrokDatasets(GrokDatasets.Kind.DENSE, 10, 40, 0, 0.1, 6, true);
    assertFalse(Arrays.equals(a.x(), otherSeed.of(3).x()), "another data seed, other data");
    GrokDatasets fixed = new GrokDatasets(GrokDatasets.Kind.DENSE, 10, 40, 0, 0.1, 5, false);
    assertArrayEquals(GrokData.generate(10, 40, 0.1, 5).x(), fixed.of(3).x(), "fixed: every trajectory, one dataset");
    assertEquals(1.0, norm(a.betaStar()), 1e-12);
    GrokData sparse = new GrokDatasets(GrokDatasets.Kind.SPARSE, 10, 40, 3, 0.0, 5, true).of(3);
    assertEquals(3, sparse.support());
    assertArrayEquals(a.x(), sparse.x(), "the sparse teacher keeps the trajectory's inputs");
  }

  @Test
  void theCheapRidgeLevelIsTheEigenbasisEndpoint() {
    for (double lambda : new double[] {0.0, 0.01, 0.3}) {
      for (long i : new long[] {0, 1, 1L << 33}) {
        GrokLinreg m = new GrokLinregDatasets(OWN, 0.05, lambda, 3.0, 10, false, 1e-3, 0.01).at(i);
        double eig = new GrokLinregTheory(m).endpointTestLoss();
        assertEquals(eig, GrokLinregDatasets.ridgeTestLoss(m.data(), lambda), 1e-10 * Math.max(1, eig),
            "lambda " + lambda + ", trajectory " + i);
      }
    }
  }

  @Test
  void theKernelsAllocationFreeFillDrawsTheGeneratorsDatasetBitForBit() {
    int width = 3, lane = 1;
    for (GrokDatasets.Kind kind : GrokDatasets.Kind.values()) {
      GrokDatasets own = new GrokDatasets(kind, 6, 12, 3, 0.2, 9, true);
      double[] x = new double[6 * 12 * width], y = new double[6 * width], beta = new double[12 * width];
      own.fill(41, x, y, beta, lane, width, new org.sgdmc.rng.DrawBuffer());
      GrokData data = own.of(41);
      for (int k = 0; k < 6 * 12; k++) {
        assertEquals(data.x()[k], x[k * width + lane], 0.0, kind + " x[" + k + "]");
      }
      for (int m = 0; m < 6; m++) {
        assertEquals(data.y()[m], y[m * width + lane], 0.0, kind + " y[" + m + "]");
      }
      for (int c = 0; c < 12; c++) {
        assertEquals(data.betaStar()[c], beta[c * width + lane], 0.0, kind + " beta*[" + c + "]");
      }
      assertEquals(GrokLinregDatasets.ridgeTestLoss(data, 0.01),
          GrokLinregDatasets.ridgeTestLoss(x, y, beta, lane, width, 6, 12, 0.01, new double[6 * 6 + 6]), 0.0);
    }
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
