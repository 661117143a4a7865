package org.sgdmc.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdmc.engine.RecordTimes;
import org.sgdmc.engine.Simulation;
import org.sgdmc.kernels.GrokMcScalarBlock;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.Kernels;
import org.sgdmc.kernels.StateBlock;
import org.sgdmc.models.GrokMc;
import org.sgdmc.models.GrokMcDatasets;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.GrokMcResult;
import org.sgdmc.rng.DrawBuffer;
import org.sgdmc.rng.VectorShapes;
import org.sgdmc.theory.MinNuclearCompletion;

/**
 * grok-mc with a dataset per trajectory (issue 12): trajectory i's truth and mask depend on (data seed, i) alone;
 * trajectory i of the per-trajectory kernel is the fixed-dataset kernel run on its data; the experiment does not
 * depend on threads or block width, and keeps, for the first K trajectories only, each one's distance to its own
 * minimum-nuclear-norm completion.
 */
class GrokMcPerTrajectoryTest {
  private static final int LANES = VectorShapes.DOUBLES.length();
  private static final int K = 6;
  private static final long SEED = 41;

  private static final GrokMcDatasets DATASETS = build();

  private static GrokMcDatasets datasets() {
    return DATASETS;
  }

  private static GrokMcDatasets build() {
    double[][] tm = GrokMc.truthAndMask(5, 1, 0.7, 8);
    boolean[] mask = new boolean[25];
    for (int k = 0; k < 25; k++) {
      mask[k] = tm[1][k] == 1;
    }
    GrokMc base = new GrokMc(5, 1, tm[0], mask, 0.3, 0.01, 0.8, new double[25]).withThresholds(0.02, 0.05);
    return GrokMcDatasets.of(base, 0.7, 8, K);
  }

  @Test
  void aTrajectorysDataDependOnTheDataSeedAndItselfOnly() {
    GrokMcDatasets ds = datasets();
    GrokMc three = ds.at(3);
    int width = 7;
    double[] truth = new double[25 * width], mask = new double[25 * width];
    int count = ds.fill(3, new DrawBuffer(), new double[10], truth, mask, 5, width); // another block's lane 5
    for (int k = 0; k < 25; k++) {
      assertEquals(three.truth()[k], truth[k * width + 5]);
      assertEquals(three.mask()[k] ? 1.0 : 0.0, mask[k * width + 5]);
    }
    assertEquals(three.observedCount(), count);
    assertFalse(java.util.Arrays.equals(three.truth(), ds.at(4).truth()), "trajectory 4 draws its own truth");
    assertFalse(java.util.Arrays.equals(three.truth(), datasets().base().truth()), "not the fixed dataset");
    assertFalse(java.util.Arrays.equals(three.truth(),
        GrokMcDatasets.of(ds.base(), 0.7, 9, 0).at(3).truth()), "another data seed, another truth");
  }

  @Test
  void trajectoryIIsTheFixedDatasetKernelOnItsOwnData() {
    GrokMcDatasets ds = datasets();
    int width = 2 * LANES, channels = GrokMcScalarBlock.CHANNELS;
    long traj0 = 3;
    StateBlock own = Kernels.GROK_MC_DATASETS.blocks(ds, SEED, Kernel.VECTOR).apply(width);
    double[] out = new double[channels * width], one = new double[channels * LANES];
    own.start(traj0);
    own.advance(0, 60);
    own.snapshot(out);
    for (int i = 0; i < width; i++) {
      StateBlock fixed = Kernels.GROK_MC.blocks(ds.at(traj0 + i), SEED, Kernel.VECTOR).apply(LANES);
      fixed.start(traj0 + i); // lane 0 is trajectory traj0 + i: its initialisation
      fixed.advance(0, 60);
      fixed.snapshot(one);
      for (int c = 0; c < channels; c++) {
        assertEquals(Double.doubleToRawLongBits(one[c * LANES]), Double.doubleToRawLongBits(out[c * width + i]),
            "trajectory " + (traj0 + i) + ", channel " + c);
      }
    }
  }

  private static GrokMcResult run(int threads, int block) {
    long steps = 300;
    EnsembleOptions options = new EnsembleOptions(40, RecordTimes.parse("30," + steps, steps), SEED, threads, block);
    return GrokMcExperiment.run(datasets(), 0.02, 0.05, options, Kernel.VECTOR, Simulation.Progress.NONE);
  }

  @Test
  void theEnsembleIsTheSameWhateverTheThreadsAndBlockAndKeepsTheFirstTrajectoriesOwnDistances() {
    GrokMcResult a = run(1, LANES), b = run(2, 2 * LANES);
    GrokMcDatasets ds = datasets();
    for (int k = 0; k < GrokMcExperiment.LOGS; k++) {
      for (int t = 0; t < a.observed()[k].length; t++) {
        assertArrayEquals(a.observed()[k][t].quantiles(), b.observed()[k][t].quantiles(), "log " + k + ", time " + t);
        assertEquals(k == GrokMcExperiment.TARGET ? K : 40, a.observed()[k][t].count(), "log " + k);
      }
    }
    assertArrayEquals(a.t2().quantiles(), b.t2().quantiles());
    assertArrayEquals(a.perTrajectory().distances(), b.perTrajectory().distances());
    assertEquals(K, a.perTrajectory().distances().length);
    double[] one = new double[GrokMcScalarBlock.CHANNELS];
    for (int i = 0; i < K; i++) {
      GrokMc own = ds.at(i);
      MinNuclearCompletion x = MinNuclearCompletion.of(5, own.truth(), own.mask());
      assertArrayEquals(x.x(), own.target(), "trajectory " + i + "'s target is its own completion");
      for (int k = 0; k < 25; k++) {
        if (own.mask()[k]) {
          assertEquals(own.truth()[k], x.x()[k], 1e-6, "a completion of trajectory " + i + "'s observed entries");
        }
      }
      StateBlock alone = Kernels.GROK_MC.blocks(own, SEED, Kernel.SCALAR).apply(1);
      alone.start(i);
      alone.advance(0, 300);
      alone.snapshot(one);
      double dist = Math.exp(one[GrokMcExperiment.TARGET]);
      assertEquals(dist, a.perTrajectory().distances()[i], 1e-12 * dist, "trajectory " + i);
      double test = 0;
      for (int k = 0; k < 25; k++) {
        test += (x.x()[k] - own.truth()[k]) * (x.x()[k] - own.truth()[k]);
      }
      assertEquals(test / 50, a.perTrajectory().completionTestLosses()[i], 1e-15);
    }
    assertTrue(a.perTrajectory().distances()[0] != a.perTrajectory().distances()[1], "own references");
  }
}
