package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.io.HdfNode;
import org.sgdmc.io.ResultFileReader;
import org.sgdmc.models.GrokMcDatasets;

/**
 * {@code simulate grok-mc --dataset per-trajectory} (issue 12): the file says which mode ran ({@code
 * /parameters@dataset}), keeps no one truth and mask, and keeps the first trajectories' distances to their own
 * completions; the results do not depend on threads or block width; bad input is one line.
 */
class GrokMcPerTrajectoryCliTest {
  // d = 5, 80% observed, data seed 1: the first 16 trajectories' ADMM solves take at most 0.3 s each (measured);
  // some masks make ADMM run to its iteration limit (11 s at d = 5, 70%, data seed 8)
  @TempDir Path dir;

  private static final String[] RUN = {"simulate", "grok-mc", "--lr", "0.3", "--lambda", "0.01", "--dim", "5",
      "--rank", "1", "--observed", "0.8", "--trajectories", "24", "--steps", "200", "--test-threshold", "0.05"};

  private HdfNode.Group run(String name, String... extra) {
    Path out = dir.resolve(name);
    String[] args = java.util.Arrays.copyOf(RUN, RUN.length + extra.length + 2);
    System.arraycopy(extra, 0, args, RUN.length, extra.length);
    args[args.length - 2] = "-o";
    args[args.length - 1] = out.toString();
    InspectCommandTest.Run r = InspectCommandTest.run(args);
    assertEquals(0, r.exitCode(), r.err());
    return ResultFileReader.read(out);
  }

  @Test
  void eachTrajectoryHasItsOwnDatasetWhateverTheThreadsAndBlock() {
    HdfNode.Group a = run("a.h5", "--dataset", "per-trajectory", "--threads", "1", "--block", "8");
    HdfNode.Group b = run("b.h5", "--dataset", "per-trajectory", "--threads", "2", "--block", "16");
    HdfNode.Group fixed = run("fixed.h5");
    assertEquals("per-trajectory", a.group("/parameters").attribute("dataset").strings()[0]);
    assertEquals("fixed", fixed.group("/parameters").attribute("dataset").strings()[0]);
    assertThrows(NoSuchElementException.class, () -> a.dataset("/data/truth"), "no one truth");
    assertThrows(NoSuchElementException.class, () -> a.dataset("/theory/min_nuclear_completion"));
    double[] distances = a.dataset("/theory/min_nuclear_distances").value().doubles();
    assertEquals(GrokMcDatasets.REFERENCED, distances.length);
    assertArrayEquals(distances, b.dataset("/theory/min_nuclear_distances").value().doubles());
    assertArrayEquals(a.dataset("/events/t2/quantiles").value().doubles(),
        b.dataset("/events/t2/quantiles").value().doubles(), "threads and block width change nothing");
    assertArrayEquals(a.dataset("/observables/log_test_mean").value().doubles(),
        b.dataset("/observables/log_test_mean").value().doubles());
    double[] pt = a.dataset("/observables/log_train_mean").value().doubles();
    double[] fx = fixed.dataset("/observables/log_train_mean").value().doubles();
    assertNotEquals(fx[fx.length - 1], pt[pt.length - 1], "other datasets");
  }

  /**
   * Minibatch SGD over each trajectory's own observed entries (their number differs from trajectory to trajectory),
   * without and with replacement: the vector kernel's events and observables equal the scalar twin's (which runs each
   * trajectory's own fixed-dataset model) and do not depend on threads or block width.
   */
  @Test
  void sgdDrawsEachTrajectorysBatchesFromItsOwnEntries() {
    for (String sampling : new String[] {"without", "with"}) {
      HdfNode.Group vector = run(sampling + "_v.h5", "--dataset", "per-trajectory", "--batch", "3", "--sampling",
          sampling, "--threads", "2", "--block", "16");
      HdfNode.Group scalar = run(sampling + "_s.h5", "--dataset", "per-trajectory", "--batch", "3", "--sampling",
          sampling, "--kernel", "scalar", "--threads", "1", "--block", "8");
      for (String path : new String[] {"/events/t1/quantiles", "/events/t2/quantiles", "/observables/log_test_mean",
          "/observables/log_train_mean"}) {
        assertArrayEquals(vector.dataset(path).value().doubles(), scalar.dataset(path).value().doubles(),
            sampling + ": " + path);
      }
      assertEquals(3L, vector.group("/parameters").attribute("batch").longs()[0]);
    }
  }

  @Test
  void badInputIsOneLine() {
    String[] mc = {"simulate", "grok-mc", "--lr", "0.3", "--lambda", "0.01"};
    String[][] bad = {
      {"--dataset", "sometimes"},
      {"--dataset", "per-trajectory", "--batch", "4", "--sampling", "reshuffle"},
      {"--dataset", "per-trajectory", "--dim", "6", "--observed", "0.5", "--batch", "10"},
      {"--dataset", "per-trajectory", "--dim", "2", "--observed", "0.05"},
      {"--dataset", "per-trajectory", "--dim", "300", "--block", "8192"},
    };
    Refusals.assertEachRefused(dir, mc, bad, new String[] {"--dataset", "own length", "no more than 10 entries",
        "observe no entry", "--dataset per-trajectory"}, "--trajectories", "16");
    Refusals.assertEachRefused(dir, new String[0], new String[][] {{"sweep", "grok-mc", "--lr", "0.3", "--lambda",
        "0.01,0.02", "--dataset", "per-trajectory", "--batch", "4", "--sampling", "reshuffle"}},
        new String[] {"own length"}, "--trajectories", "16");
  }

  /**
   * {@code sweep grok-mc --dataset per-trajectory}: every cell is the {@code simulate} run at its (eta, lambda) and
   * horizon, to the step (t1, t2 exact), on the same datasets, and the per-trajectory completions are those of the
   * simulate runs (solved once for the sweep).
   */
  @Test
  void aSweepOverDatasetsIsTheSimulateRunInEachCell() {
    Path out = dir.resolve("sweep.h5");
    InspectCommandTest.Run r = InspectCommandTest.run("sweep", "grok-mc", "--lr", "0.3", "--lambda", "0.02,0.04",
        "--dim", "5", "--rank", "1", "--observed", "0.8", "--trajectories", "24", "--drift-multiples", "2",
        "--test-threshold", "0.05", "--dataset", "per-trajectory", "-o", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    org.junit.jupiter.api.Assertions.assertTrue(r.out().contains("a dataset per trajectory"), r.out());
    HdfNode.Group s = ResultFileReader.read(out);
    assertEquals("per-trajectory", s.group("/parameters").attribute("dataset").strings()[0]);
    long[] steps = s.dataset("/grid/steps").value().longs();
    double[] lambdas = s.dataset("/grid/lambda").value().doubles();
    for (int i = 0; i < steps.length; i++) {
      Path one = dir.resolve("cell" + i + ".h5");
      InspectCommandTest.Run c = InspectCommandTest.run("simulate", "grok-mc", "--lr", "0.3", "--lambda",
          Double.toString(lambdas[i]), "--dim", "5", "--rank", "1", "--observed", "0.8", "--trajectories", "24",
          "--steps", Long.toString(steps[i]), "--test-threshold", "0.05", "--dataset", "per-trajectory", "-o",
          one.toString());
      assertEquals(0, c.exitCode(), c.err());
      HdfNode.Group f = ResultFileReader.read(one);
      SweepCells.assertCellIsTheRun(s, i, f);
    }
  }
}
