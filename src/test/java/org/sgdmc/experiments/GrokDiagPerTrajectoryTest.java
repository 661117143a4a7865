package org.sgdmc.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdmc.engine.RecordTimes;
import org.sgdmc.engine.Simulation;
import org.sgdmc.kernels.GrokDiagDatasetsScalarBlock;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.models.GrokDatasets;
import org.sgdmc.models.GrokDiag;
import org.sgdmc.models.GrokDiagDatasets;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.GrokDiagResult;
import org.sgdmc.theory.MinL1Interpolant;

/**
 * grok-diag with {@code --dataset per-trajectory}: each of the first trajectories is measured against its own
 * dataset's minimum-l1 interpolant (a linear program per dataset), and the run keeps that endpoint distance
 * trajectory by trajectory, the same number the trajectory's own scalar kernel gives. Deterministic.
 */
class GrokDiagPerTrajectoryTest {
  @Test
  void theFirstTrajectoriesEachGetTheirOwnInterpolantsDistance() {
    GrokDatasets datasets = new GrokDatasets(GrokDatasets.Kind.SPARSE, 10, 20, 2, 0.0, 7, true);
    GrokDiagDatasets model = new GrokDiagDatasets(datasets, 0.05, 0.05, 0.5, 10, false, 1e-3, 0.01, 12);
    long steps = 600;
    EnsembleOptions options = new EnsembleOptions(40, RecordTimes.parse("log:10", steps), 5, 2, 8);
    GrokDiagResult r = GrokDiagExperiment.run(model, options, Kernel.VECTOR, Simulation.Progress.NONE);
    assertEquals("per-trajectory", r.dataset());
    assertEquals(12, r.targetDistances().length, "the first 12 trajectories, as the model says");
    assertEquals(12, r.observed()[3][0].count(), "the distance's summaries are over those 12 only");
    assertEquals(40, r.observed()[1][0].count(), "the test loss's over all 40");
    for (int i : new int[] {0, 5, 11}) {
      GrokDiag own = model.at(i);
      double[] target = MinL1Interpolant.of(own.data()).beta();
      GrokDiagDatasetsScalarBlock alone = new GrokDiagDatasetsScalarBlock(model, 5, 1);
      alone.start(i);
      alone.advance(0, steps);
      double[] beta = alone.beta(0);
      double dist = 0;
      for (int c = 0; c < beta.length; c++) {
        dist += (beta[c] - target[c]) * (beta[c] - target[c]);
        assertEquals(target[c], own.target()[c], 0.0, "the kernel's target is the trajectory's own interpolant");
      }
      assertEquals(Math.sqrt(dist), r.targetDistances()[i], 1e-12 * Math.max(1, Math.sqrt(dist)), "trajectory " + i);
      assertTrue(r.targetTestLosses()[i] < 1e-20, "basis pursuit recovers the 2-sparse teacher from 10 points");
    }
  }
}
