package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.engine.RecordTimes;
import org.sgdmc.engine.Simulation;
import org.sgdmc.experiments.GrokLinregExperiment;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.models.GrokDatasets;
import org.sgdmc.models.GrokLinregDatasets;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.GrokLinregResult;

/**
 * {@code --dataset per-trajectory} for grok-linreg (and grok-diag's refusals) end to end: bad input is one line and exit 2 with no file (an
 * unknown mode, a step that diverges on one of the first datasets, datasets a block cannot hold, a command that has
 * only the fixed dataset); with a dataset per trajectory, the simulated t2 of full-batch GD is its own closed form
 * trajectory by trajectory, and the result does not depend on the threads or the block width.
 */
class GrokLinregPerTrajectoryCliTest {
  @TempDir Path dir;

  @Test
  void badInputIsOneLineAndExitTwo() {
    String[] own = {"--dataset", "per-trajectory"};
    String[][] bad = {
      {"simulate", "grok-linreg", "--lr", "0.1", "--lambda", "0.01", "--dataset", "sometimes"},
      cat(new String[] {"simulate", "grok-linreg", "--lr", "0.3", "--lambda", "0.01"}, own),
      cat(new String[] {"simulate", "grok-linreg", "--lr", "0.01", "--lambda", "0.01", "--dim", "300", "--n", "150",
          "--block", "65536"}, own),
      cat(new String[] {"simulate", "grok-linreg", "--lr", "0.01", "--lambda", "0.01", "--dim", "200", "--n", "100",
          "--block", "16384", "--threads", "2"}, own),
      cat(new String[] {"simulate", "grok-linreg", "--lr", "0.1", "--lambda", "-0.01"}, own),
      cat(new String[] {"sweep", "grok-linreg", "--lr", "0.3", "--lambda", "0.01,0.02"}, own),
      cat(new String[] {"sweep", "grok-signature", "--lr", "0.1", "--lambda", "0.05"}, own),
      cat(new String[] {"simulate", "grok-diag", "--lr", "0.05", "--lambda", "0.01", "--k", "41"}, own),
      cat(new String[] {"simulate", "grok-diag", "--lr", "0.05", "--lambda", "0.01", "--data", "fourier", "--dim",
          "41"}, own),
      cat(new String[] {"sweep", "grok-diag", "--lr", "0.05", "--lambda", "0.01,-0.02"}, own),
    };
    String[] says = {"--dataset: fixed or per-trajectory", "diverges on trajectory 0's dataset",
        "too many for one array", "of heap", "lambda", "diverges on trajectory", "one fixed dataset only", "--k", "even",
        "lambda"};
    Refusals.assertEachRefused(dir, new String[0], bad, says, "--trajectories", "64");
  }

  @Test
  void simulatedT2IsEachTrajectorysOwnClosedFormWhateverTheThreadsAndBlock() {
    GrokDatasets datasets = new GrokDatasets(GrokDatasets.Kind.DENSE, 8, 30, 0, 0.05, 11, true);
    GrokLinregDatasets model = new GrokLinregDatasets(datasets, 0.08, 0.04, 4.0, 8, false, 1e-3, 0.02);
    long[] times = RecordTimes.parse("log:20", 3500);
    GrokLinregResult a = GrokLinregExperiment.run(model, new EnsembleOptions(96, times, 3, 2, 16), Kernel.VECTOR,
        Simulation.Progress.NONE);
    assertEquals("per-trajectory", a.dataset());
    assertEquals(0.0, a.t1().fractionNever());
    assertEquals(0.0, a.t2().fractionNever());
    assertEquals(0, a.unstableDatasets());
    assertTrue(a.t2Agreeing() >= 0.99, "t2 = its own closed form within a step for " + a.t2Agreeing());
    assertTrue(a.t2().median() > 20 * a.t1().median(), "the two time scales separate");
    GrokLinregResult b = GrokLinregExperiment.run(model, new EnsembleOptions(96, times, 3, 1, 32), Kernel.VECTOR,
        Simulation.Progress.NONE);
    assertArrayEquals(a.t2().quantiles(), b.t2().quantiles(), "one thread, another block width, the same t2");
    assertArrayEquals(a.test()[times.length - 1].quantiles(), b.test()[times.length - 1].quantiles());
    assertEquals(a.theory().endpointTestLoss(), b.theory().endpointTestLoss(), 1e-12);
  }

  private static String[] cat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
