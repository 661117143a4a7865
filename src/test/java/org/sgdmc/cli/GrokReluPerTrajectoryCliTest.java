package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.io.HdfNode;
import org.sgdmc.io.ResultFileReader;

/**
 * {@code simulate grok-relu --dataset per-trajectory} (issue 12): the file says which mode ran ({@code
 * /parameters@dataset}) and keeps no single set of points; the results do not depend on threads or block width
 * (each trajectory's points come from (data seed, trajectory)); they differ from the fixed dataset's; bad input is
 * one line.
 */
class GrokReluPerTrajectoryCliTest {
  @TempDir Path dir;

  private static final String[] RUN = {"simulate", "grok-relu", "--lr", "0.05", "--lambda", "0.01", "--width", "6",
      "--n", "8", "--trajectories", "24", "--steps", "600", "--test-threshold", "0.02", "--train-threshold", "0.01"};

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

  private static double[] events(HdfNode.Group f) {
    double[] t1 = f.dataset("/events/t1/quantiles").value().doubles();
    double[] t2 = f.dataset("/events/t2/quantiles").value().doubles();
    double[] out = java.util.Arrays.copyOf(t1, t1.length + t2.length + 2);
    System.arraycopy(t2, 0, out, t1.length, t2.length);
    out[out.length - 2] = f.dataset("/events/t1/mean").value().doubles()[0];
    out[out.length - 1] = f.dataset("/events/t2/mean").value().doubles()[0];
    return out;
  }

  @Test
  void eachTrajectoryHasItsOwnDatasetWhateverTheThreadsAndBlock() {
    HdfNode.Group a = run("a.h5", "--dataset", "per-trajectory", "--threads", "1", "--block", "8");
    HdfNode.Group b = run("b.h5", "--dataset", "per-trajectory", "--threads", "2", "--block", "16");
    HdfNode.Group fixed = run("fixed.h5");
    assertEquals("per-trajectory", a.group("/parameters").attribute("dataset").strings()[0]);
    assertEquals("fixed", fixed.group("/parameters").attribute("dataset").strings()[0]);
    assertThrows(NoSuchElementException.class, () -> a.dataset("/data/x"), "no one set of points");
    assertArrayEquals(events(a), events(b), "threads and block width change nothing");
    assertArrayEquals(a.dataset("/observables/log_test_mean").value().doubles(),
        b.dataset("/observables/log_test_mean").value().doubles());
    double[] pt = a.dataset("/observables/log_train_mean").value().doubles();
    double[] fx = fixed.dataset("/observables/log_train_mean").value().doubles();
    org.junit.jupiter.api.Assertions.assertNotEquals(fx[fx.length - 1], pt[pt.length - 1], "other datasets");
  }

  /**
   * {@code sweep grok-relu --dataset per-trajectory}: each cell is the {@code simulate} run at its (eta, lambda) and
   * horizon, to the step (t1 and t2 are exact, so the recording times do not matter), on the same per-trajectory
   * datasets in every cell; the fixed-dataset sweep gives other times.
   */
  @Test
  void aSweepOverDatasetsIsTheSimulateRunInEachCell() {
    String[] sweep = {"sweep", "grok-relu", "--lr", "0.05", "--lambda", "0.01,0.02", "--width", "6", "--n", "8",
        "--trajectories", "24", "--drift-multiples", "2", "--test-threshold", "0.02", "--train-threshold", "0.01"};
    Path own = dir.resolve("sweep_own.h5");
    Path fixed = dir.resolve("sweep_fixed.h5");
    InspectCommandTest.Run r = InspectCommandTest.run(concat(sweep, "--dataset", "per-trajectory", "-o", own.toString()));
    assertEquals(0, r.exitCode(), r.err());
    org.junit.jupiter.api.Assertions.assertTrue(r.out().contains("a dataset per trajectory"), r.out());
    assertEquals(0, InspectCommandTest.run(concat(sweep, "-o", fixed.toString())).exitCode());
    HdfNode.Group s = ResultFileReader.read(own);
    assertEquals("per-trajectory", s.group("/parameters").attribute("dataset").strings()[0]);
    assertThrows(NoSuchElementException.class, () -> s.dataset("/data/x"), "no one set of points");
    long[] steps = s.dataset("/grid/steps").value().longs();
    double[] lambdas = s.dataset("/grid/lambda").value().doubles();
    for (int i = 0; i < steps.length; i++) {
      Path one = dir.resolve("cell" + i + ".h5");
      InspectCommandTest.Run c = InspectCommandTest.run("simulate", "grok-relu", "--lr", "0.05", "--lambda",
          Double.toString(lambdas[i]), "--width", "6", "--n", "8", "--trajectories", "24", "--steps",
          Long.toString(steps[i]), "--test-threshold", "0.02", "--train-threshold", "0.01", "--dataset",
          "per-trajectory", "-o", one.toString());
      assertEquals(0, c.exitCode(), c.err());
      HdfNode.Group f = ResultFileReader.read(one);
      SweepCells.assertCellIsTheRun(s, i, f);
    }
    org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(
        s.dataset("/cells/t2_mean").value().doubles(),
        ResultFileReader.read(fixed).dataset("/cells/t2_mean").value().doubles()), "other datasets, other times");
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void badInputIsOneLine() {
    String[][] bad = {
      {"simulate", "grok-relu", "--lr", "0.05", "--lambda", "0.01", "--dataset", "sometimes"},
      {"sweep", "grok-relu", "--lr", "0.05", "--lambda", "0.01,0.02", "--dataset", "always"},
      {"simulate", "grok-relu", "--lr", "0.05", "--lambda", "0.01", "--dataset", "per-trajectory", "--n", "0"},
    };
    Refusals.assertEachRefused(dir, new String[0], bad, new String[] {"--dataset", "--dataset", "n"},
        "--trajectories", "16");
  }
}
