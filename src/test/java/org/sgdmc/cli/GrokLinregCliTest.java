package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.experiments.GrokLinregExperiment;
import org.sgdmc.engine.RecordTimes;
import org.sgdmc.engine.Simulation;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.models.GrokData;
import org.sgdmc.models.GrokLinreg;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.GrokLinregResult;
import org.sgdmc.theory.GrokLinregTheory;

/**
 * The grokking linear regression end to end: bad input is one line and exit 2, with no file; the simulated t2 of
 * full-batch GD is its closed form, trajectory by trajectory; and the fitted exponent of t2 against lambda covers -1
 * (t1's covers 0) on a cell the defaults were not tuned to (d = 30, n = 8, alpha = 4, another seed).
 */
class GrokLinregCliTest {
  @TempDir Path dir;

  @Test
  void badInputIsOneLineAndExitTwo() {
    String[][] bad = {
      {"simulate", "grok-linreg", "--lr", "0.1", "--lambda", "-0.01"},
      {"simulate", "grok-linreg", "--lr", "0.1", "--lambda", "0.01", "--dim", "10", "--n", "10"},
      {"simulate", "grok-linreg", "--lr", "0.1", "--lambda", "0.01", "--dim", "5", "--n", "10"},
      {"simulate", "grok-linreg", "--lr", "1", "--lambda", "0.01"},
      {"simulate", "grok-linreg", "--lr", "0.1", "--lambda", "0.01", "--batch", "11"},
      {"sweep", "grok-linreg", "--lr", "0.1", "--lambda", "0.01,-1"},
      {"sweep", "grok-linreg", "--lr", "0.05,-0.1", "--lambda", "0.01"},
      {"sweep", "grok-linreg", "--lr", "log:0:0.1:3", "--lambda", "0.01"},
      {"sweep", "grok-linreg", "--lr", "0.05,1", "--lambda", "0.01"},
      {"simulate", "grok-diag", "--lr", "0.05", "--lambda", "0.01", "--k", "41"},
      {"simulate", "grok-diag", "--lr", "0.05", "--lambda", "-1"},
      {"simulate", "grok-diag", "--lr", "0.05", "--lambda", "0.01", "--dim", "20", "--n", "20"},
      {"simulate", "grok-diag", "--lr", "0.05", "--lambda", "0.01", "--data", "fourier", "--dim", "41"},
      {"simulate", "grok-diag", "--lr", "0.05", "--lambda", "0.01", "--data", "sobol"},
      {"simulate", "grok-relu", "--lr", "0.01", "--lambda", "-0.1"},
      {"simulate", "grok-relu", "--lr", "0.01", "--lambda", "0.01", "--width", "0"},
      {"simulate", "grok-mc", "--lr", "0.5", "--lambda", "0.001", "--dim", "5", "--rank", "6"},
      {"simulate", "grok-mc", "--lr", "0.5", "--lambda", "-0.001"},
    };
    String[] says = {"lambda", "d > n", "d > n", "diverges", "batch size", "lambda", "--lr", "--lr", "diverges", "--k", "lambda", "d > n",
        "even", "--data", "lambda", "width", "rank", "lambda"};
    Refusals.assertEachRefused(dir, new String[0], bad, says, "--trajectories", "64");
  }

  @Test
  void simulatedT2OfGradientDescentIsItsClosedForm() {
    GrokData data = GrokData.generate(8, 30, 0.05, 11);
    GrokLinreg probe = new GrokLinreg(data, 0.08, 0.02, 4.0, 8, false, 1e-3, 1.0);
    double delta = 0.02;
    GrokLinreg model = new GrokLinreg(data, 0.08, 0.02, 4.0, 8, false, 1e-3,
        new GrokLinregTheory(probe).endpointTestLoss() + delta);
    EnsembleOptions options = new EnsembleOptions(512, RecordTimes.parse("log:20", 8000), 3, 2, 64);
    GrokLinregResult r = GrokLinregExperiment.run(model, delta, options, Kernel.VECTOR, Simulation.Progress.NONE);
    assertEquals(0.0, r.t1().fractionNever());
    assertEquals(0.0, r.t2().fractionNever());
    assertTrue(r.t2Agreeing() >= 0.99, "t2 = closed form within a step for " + r.t2Agreeing());
    assertTrue(r.t2().median() > 20 * r.t1().median(), "the two time scales separate");
    // the ensemble ends at the ridge endpoint: median |w - beta*|^2 / 2 within 1% of its test loss
    int last = r.test().length - 1;
    double test = Math.exp(2 * r.test()[last].quantiles()[3]) / 2;
    assertEquals(r.theory().endpointTestLoss(), test, 0.01 * r.theory().endpointTestLoss());
  }

  @Test
  void fittedExponentOfT2CoversMinusOneAndT1sCoversZero() throws Exception {
    Path out = dir.resolve("sweep.h5");
    InspectCommandTest.Run r = InspectCommandTest.run("sweep", "grok-linreg", "--lr", "0.08", "--dim", "30", "--n",
        "8", "--alpha", "4", "--seed", "5", "--lambda", "log:0.004:0.04:3", "--trajectories", "256", "-o",
        out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("covers -1"), r.out());
    assertTrue(r.out().contains("covers 0"), r.out());
    assertTrue(Files.exists(out));
  }

  /**
   * An --lr axis: t2 collapses on 1/(eta lambda), so the exponent of the mean t2 against eta lambda, fitted over
   * a 2 x 2 grid of (eta, lambda) whose eta lambda take three values, covers -1 (a 95% interval, 2 degrees of freedom;
   * full-batch GD, a cell the defaults were not tuned to; measured -1.0003, interval [-1.128, -0.873]); the file has it, with
   * one learning rate per cell, and no fit against lambda alone (it would mix step sizes).
   */
  @Test
  void anEtaAxisCollapsesT2OnEtaLambda() {
    Path out = dir.resolve("eta.h5");
    InspectCommandTest.Run r = InspectCommandTest.run("sweep", "grok-linreg", "--lr", "0.04,0.08", "--dim", "30",
        "--n", "8", "--alpha", "4", "--seed", "7", "--lambda", "0.01,0.02", "--trajectories", "128", "-o",
        out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("fit t2 ~ (eta lambda)^p"), r.out());
    assertFalse(r.out().contains("fit t1"), r.out());
    org.sgdmc.io.HdfNode.Group f = org.sgdmc.io.ResultFileReader.read(out);
    assertArrayEquals(new double[] {0.04, 0.04, 0.08, 0.08}, f.dataset("/grid/cell_lr").value().doubles());
    assertArrayEquals(new double[] {0.01, 0.02, 0.01, 0.02}, f.dataset("/grid/lambda").value().doubles());
    assertArrayEquals(new long[] {1, 1, 1, 1}, f.dataset("/cells/fitted").value().longs());
    double p = f.dataset("/estimates/t2_exponent_eta_lambda").value().doubles()[0];
    double[] ci = f.dataset("/estimates/t2_exponent_eta_lambda_ci95").value().doubles();
    assertTrue(ci[0] <= -1 && -1 <= ci[1], "95% interval " + ci[0] + " .. " + ci[1] + " of p = " + p);
    assertTrue(ci[1] - ci[0] < 0.3, "a tight interval: " + ci[0] + " .. " + ci[1]);
    // the collapse cell by cell: (0.04, 0.02) and (0.08, 0.01) share eta lambda, so their median t2 agree (to the
    // fast phase's few steps: measured 3760 both)
    double[] q = f.dataset("/cells/t2_quantiles").value().doubles();
    int levels = q.length / 4, median = 3; // quantile levels 0.01, 0.1, 0.25, 0.5, ...
    assertEquals(q[levels + median], q[2 * levels + median], 0.01 * q[levels + median]);
    assertFalse(f.group("/estimates").children().stream().anyMatch(c -> c.name().equals("t2_exponent")),
        "no fit against lambda alone");
  }

  @Test
  void tooLargeALambdaIsReportedAndLeftOutOfTheFit() {
    InspectCommandTest.Run r = InspectCommandTest.run("sweep", "grok-linreg", "--lr", "0.1", "--lambda",
        "0.01,0.02,1", "--trajectories", "64", "--drift-multiples", "6", "-o", dir.resolve("s.h5").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("lambda too large"), r.out());
    assertTrue(r.out().contains("over 2 cells"), r.out());
  }
}
