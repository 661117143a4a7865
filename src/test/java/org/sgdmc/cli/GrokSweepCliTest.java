package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.io.HdfNode;
import org.sgdmc.io.ResultFileReader;

/**
 * {@code sweep grok-diag|grok-mc|grok-relu}, the shared sweep of issue 12 beside {@code sweep grok-linreg}: bad input
 * is one line and exit 2 with no file; the fitted exponent of t2 against lambda covers -1 (t1's covers 0) on cells
 * the defaults were not tuned to, where theory says it should (lambda small enough that the endpoint's own shift,
 * O(lambda), is well below the level's margin, and t1 much shorter than 1/(eta lambda)); and the failures are shown:
 * lambda = 0 (no drift), lambda too large (the levels are not reached, or not separated).
 *
 * <p>False-failure probability of the exponent checks: each is a 95% Student-t interval, so 5% for a pure power law
 * of independent cells; the cells share their random numbers (common initialisations), which makes the per-cell
 * standard errors overstate the scatter (chi2/dof well below 1), and the finite-lambda correction moves the point
 * estimate to about -0.96 (measured below), inside the interval. The runs are bit-reproducible, so the outcome is
 * fixed by the seed; the seeds were not chosen after looking.
 */
class GrokSweepCliTest {
  @TempDir Path dir;

  @Test
  void badInputIsOneLineAndExitTwo() {
    String[][] bad = {
      {"sweep", "grok-diag", "--lr", "0.05", "--lambda", "0.01,-1"},
      {"sweep", "grok-diag", "--lr", "0.05", "--lambda", "0.01", "--dim", "20", "--n", "20"},
      {"sweep", "grok-diag", "--lr", "0.05", "--lambda", "0.01", "--batch", "21"},
      {"simulate", "grok-diag", "--lr", "0.05", "--lambda", "0.01", "--batch", "21"},
      {"sweep", "grok-diag", "--lr", "0.05,-1", "--lambda", "0.01"},
      {"sweep", "grok-mc", "--lr", "0.5", "--lambda", "0.001", "--dim", "6", "--rank", "7"},
      {"sweep", "grok-mc", "--lr", "0.5", "--lambda", "log:0.001:0.01:3,-1"},
      {"sweep", "grok-mc", "--lr", "0.5", "--lambda", "-0.001"},
      {"sweep", "grok-relu", "--lr", "0.05", "--lambda", "0.01,-0.1"},
      {"sweep", "grok-relu", "--lr", "0.05", "--lambda", "0.01", "--width", "0"},
      {"sweep", "grok-relu", "--lr", "0", "--lambda", "0.01"},
      {"simulate", "grok-mc", "--lr", "0.5", "--lambda", "0.01", "--dim", "6", "--rank", "1", "--batch", "37"},
      {"sweep", "grok-mc", "--lr", "0.5", "--lambda", "0.01", "--dim", "6", "--rank", "1", "--batch", "0"},
      {"simulate", "grok-relu", "--lr", "0.05", "--lambda", "0.01", "--n", "8", "--batch", "9"},
      {"sweep", "grok-relu", "--lr", "0.05", "--lambda", "0.01", "--batch", "0", "--with-replacement"},
    };
    String[] says = {"lambda", "d > n", "batch", "batch", "--lr", "rank", "--lambda", "lambda", "lambda", "width",
        "--lr", "--batch", "--batch", "--batch", "--batch"};
    Refusals.assertEachRefused(dir, new String[0], bad, says, "--trajectories", "64");
  }

  /**
   * The diagonal network, d = 30, n = 12, a 2-sparse teacher, seed 11, four cells from lambda = 0.004 to 0.016
   * (measured: t2 exponent -0.96, t1's near 0): both intervals cover, and the t2 interval is narrower than 0.5.
   */
  @Test
  void diagonalNetworkT2ExponentCoversMinusOne() {
    Path out = dir.resolve("diag.h5");
    InspectCommandTest.Run r = InspectCommandTest.run("sweep", "grok-diag", "--lr", "0.05", "--dim", "30", "--n",
        "12", "--k", "2", "--seed", "11", "--lambda", "log:0.004:0.016:4", "--trajectories", "128", "-o",
        out.toString());
    assertEquals(0, r.exitCode(), r.err());
    HdfNode.Group f = ResultFileReader.read(out);
    assertEquals(4, f.dataset("/estimates/t2_exponent").attributes().get("cells").longs()[0], r.out());
    double[] ci = f.dataset("/estimates/t2_exponent_ci95").value().doubles();
    assertTrue(ci[0] <= -1 && -1 <= ci[1], "t2 exponent interval " + ci[0] + " .. " + ci[1] + "\n" + r.out());
    assertTrue(ci[1] - ci[0] < 0.5, "a tight interval: " + ci[0] + " .. " + ci[1]);
    double[] c1 = f.dataset("/estimates/t1_exponent_ci95").value().doubles();
    assertTrue(c1[0] <= 0 && 0 <= c1[1], "t1 exponent interval " + c1[0] + " .. " + c1[1] + "\n" + r.out());
    double[] dist = f.dataset("/cells/endpoint_distance_median").value().doubles();
    assertTrue(dist[0] < dist[3], "the endpoint nears the minimum-l1 interpolant as lambda falls: " + r.out());
  }

  /**
   * The failures, shown: at lambda = 0 there is no drift (t2 is never reached in as many steps as the smallest
   * positive lambda took); at lambda = 1 (eta lambda = 0.05) the decay keeps the network from fitting, and the cells
   * outside the fit are marked in the file; two cells remain, so there is a fit over exactly them.
   */
  @Test
  void diagonalNetworkShowsWhereTheLawFails() {
    Path out = dir.resolve("fail.h5");
    InspectCommandTest.Run r = InspectCommandTest.run("sweep", "grok-diag", "--lr", "0.05", "--dim", "30", "--n",
        "12", "--k", "2", "--seed", "12", "--lambda", "0,0.01,0.02,1", "--drift-multiples", "6", "--trajectories",
        "64", "-o", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("lambda = 0: no drift"), r.out());
    assertTrue(r.out().contains("lambda too large"), r.out());
    assertTrue(r.out().contains("over 2 cells"), r.out());
    HdfNode.Group f = ResultFileReader.read(out);
    assertEquals(java.util.List.of(0L, 1L, 1L, 0L),
        java.util.Arrays.stream(f.dataset("/cells/fitted").value().longs()).boxed().toList());
    long[] steps = f.dataset("/grid/steps").value().longs();
    assertEquals(steps[1], steps[0], "lambda = 0 runs as long as the smallest positive lambda");
    assertEquals(1.0, f.dataset("/cells/t2_fraction_never").value().doubles()[0], r.out());
  }

  /**
   * Matrix completion, d = 6, rank 1, 70% observed, t2's level 0.02, seed 3, three cells from lambda = 8e-4 to 2e-3
   * (measured with 64 trajectories and four cells from 5e-4: -0.955, interval [-1.14, -0.77]; t1 about 108 steps in
   * every cell): the t2 interval covers -1 and t1's covers 0. t1 and t2 are exact to the step (they were read at the
   * recording times, log:200, when this was measured).
   */
  @Test
  void matrixCompletionT2ExponentCoversMinusOne() {
    Path out = dir.resolve("mc.h5");
    InspectCommandTest.Run r = InspectCommandTest.run("sweep", "grok-mc", "--lr", "0.5", "--dim", "6", "--rank", "1",
        "--observed", "0.7", "--test-threshold", "0.02", "--seed", "3", "--lambda", "log:0.0008:0.002:3",
        "--trajectories", "32", "-o", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    HdfNode.Group f = ResultFileReader.read(out);
    double[] ci = f.dataset("/estimates/t2_exponent_ci95").value().doubles();
    assertTrue(ci[0] <= -1 && -1 <= ci[1], "t2 exponent interval " + ci[0] + " .. " + ci[1] + "\n" + r.out());
    double[] c1 = f.dataset("/estimates/t1_exponent_ci95").value().doubles();
    assertTrue(c1[0] <= 0 && 0 <= c1[1], "t1 exponent interval " + c1[0] + " .. " + c1[1] + "\n" + r.out());
    assertTrue(r.out().contains("over 3 cells"), r.out());
  }

  /**
   * The ReLU net where the law fails: with weight decay this strong (eta lambda = 2.5e-3 and 5e-3 for m = 10 units on
   * 8 points) the decay wins over the fit, the train level is never reached, and no cell is fitted; the file still
   * has every cell, with the mean number of kinks at the end.
   */
  @Test
  void reluNetWithTooLargeALambdaIsMarkedAndNotFitted() {
    Path out = dir.resolve("relu.h5");
    InspectCommandTest.Run r = InspectCommandTest.run("sweep", "grok-relu", "--lr", "0.05", "--width", "10", "--n",
        "8", "--lambda", "0.05,0.1", "--drift-multiples", "3", "--trajectories", "32", "-o", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("lambda too large"), r.out());
    assertTrue(r.out().contains("no fit"), r.out());
    HdfNode.Group f = ResultFileReader.read(out);
    assertEquals(2, f.dataset("/cells/endpoint_kinks_mean").value().doubles().length);
    assertTrue(f.children().stream().noneMatch(c -> c.name().equals("estimates"))
        || f.group("/estimates").children().stream().noneMatch(c -> c.name().startsWith("t2_exponent")));
  }
}
