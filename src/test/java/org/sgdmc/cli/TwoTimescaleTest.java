package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.engine.RecordTimes;
import org.sgdmc.engine.Simulation;
import org.sgdmc.experiments.TwoTimescaleExperiment;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.models.TwoTimescale;
import org.sgdmc.models.TwoTimescaleData;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.TwoTimescaleResult;
import org.sgdmc.stats.PowerLawFit;
import org.sgdmc.theory.TwoTimescaleTheory;

/**
 * Two-timescale SGD (seed 000) end to end: bad input is one line and exit 2, with no file; the GD ensemble's mean
 * test loss is the exact recursion of theory.TwoTimescaleTheory at every recording time (each within 4 standard
 * errors: a false failure at most 20 x 6.3e-5 = 1.3e-3 over the 20 times, by the union bound); gradient flow and GD
 * agree to O(a); and the seed's claim, checked: the middle regime (t3 - t1) lengthens as eps falls, as eps^-2 (the
 * coordinate u = eps y moves with step a eps^2), not as eps^-1 (the step a eps the seed gives y).
 */
class TwoTimescaleTest {
  @TempDir Path dir;

  @Test
  void badInputIsOneLineAndExitTwo() {
    String[][] bad = {
      {"--lr", "0.02", "--eps", "0.1", "--f", "cubic"},
      {"--lr", "0.02", "--eps", "0"},
      {"--lr", "0.02", "--eps", "1.5"},
      {"--lr", "0.02", "--eps", "0.1", "--n", "30"},
      {"--lr", "1", "--eps", "0.1", "--batch", "100"},
      {"--lr", "0.02", "--eps", "0.1", "--band", "1"},
      {"--lr", "0.02", "--eps", "0.1", "--batch", "101"},
      {"--lr", "0.02", "--eps", "0.1", "--slow-signal", "0"},
      {"--lr", "-0.02", "--eps", "0.1"},
      {"sweep", "--lr", "0.05", "--eps", "0.1,0"},
      {"sweep", "--lr", "0.05,-1", "--eps", "0.1"},
      {"sweep", "--lr", "0.05", "--eps", "log:0:1:3"},
      {"sweep", "--lr", "0.05", "--eps", "0.1", "--multiples", "0"},
    };
    String[] says = {"--f", "--eps", "--eps", "--fast-dim", "diverges", "band", "batch size", "slow signal", "--lr",
        "--eps", "--lr", "--eps", "--multiples"};
    for (int i = 0; i < bad.length; i++) {
      Path out = dir.resolve("bad" + i + ".h5");
      boolean sweep = bad[i][0].equals("sweep");
      String[] rest = sweep ? java.util.Arrays.copyOfRange(bad[i], 1, bad[i].length) : bad[i];
      String[] args = java.util.stream.Stream.of(new String[] {sweep ? "sweep" : "simulate", "two-timescale"}, rest,
          new String[] {"--trajectories", "64", "--steps", "10", "-o", out.toString()})
          .flatMap(java.util.Arrays::stream).toArray(String[]::new);
      InspectCommandTest.Run r = InspectCommandTest.run(args);
      String what = String.join(" ", bad[i]) + ": " + r.err();
      assertEquals(2, r.exitCode(), what);
      assertEquals(1, r.err().strip().lines().count(), what);
      assertTrue(r.err().contains(says[i]), what);
      assertFalse(r.err().contains("Exception"), what);
      assertFalse(Files.exists(out), what);
    }
  }

  @Test
  void helpNamesTheSeedPaper() {
    String help = InspectCommandTest.run("simulate", "two-timescale", "--help").out();
    assertTrue(help.contains("seed 000: Vivek S. Borkar"), help);
  }

  private static TwoTimescaleData small(TwoTimescale.Coupling c, long seed) {
    return TwoTimescaleData.generate(c, 30, 10, 3, 4.0, 1.5, 0.3, seed);
  }

  @Test
  void gradientDescentEnsembleMeanIsTheExactRecursion() {
    TwoTimescale model = new TwoTimescale(small(TwoTimescale.Coupling.LINEAR, 21), 0.2, 0.05, 30, false, 1.0, 0.5, 2);
    EnsembleOptions options = new EnsembleOptions(2048, RecordTimes.parse("log:20", 4000), 5, 2, 64);
    TwoTimescaleResult r = TwoTimescaleExperiment.run(model, options, Kernel.VECTOR, Simulation.Progress.NONE);
    long[] times = options.recordTimes();
    for (int k = 0; k < times.length; k++) {
      double exact = r.theory().gdMeanTestLoss()[k];
      double mean = r.meanTestLoss()[k].value(), se = r.meanTestLoss()[k].stderr();
      assertTrue(Math.abs(mean - exact) <= 4 * se, "step " + times[k] + ": mean test loss " + mean + " +- " + se
          + " against the exact " + exact);
    }
    assertEquals(0.0, r.t3().fractionNever(), "every trajectory reached the terminal descent");
  }

  @Test
  void gradientFlowIsTheLimitOfGradientDescent() {
    TwoTimescaleData data = small(TwoTimescale.Coupling.LINEAR, 22);
    for (double a : new double[] {0.02, 0.002}) {
      TwoTimescaleTheory th = new TwoTimescaleTheory(new TwoTimescale(data, 0.2, a, 30, false, 1.0, 0.5, 2));
      double worst = 0;
      for (double t : new double[] {0.5, 5, 50, 500, 5000}) {
        long k = Math.round(t / a);
        worst = Math.max(worst, Math.abs(th.gdMeanTestLoss(k) / th.flowMeanTestLoss(a * k) - 1));
      }
      assertTrue(worst < 5 * a, "a = " + a + ": GD and the flow differ by " + worst + " (relative), not O(a)");
    }
  }

  @Test
  void theMiddleRegimeLengthensAsEpsToTheMinusTwo() {
    TwoTimescaleData data = small(TwoTimescale.Coupling.LINEAR, 23);
    double a = 0.05;
    double[] eps = {0.2, 0.1, 0.05};
    double[] mean = new double[eps.length], err = new double[eps.length];
    for (int e = 0; e < eps.length; e++) {
      TwoTimescale model = new TwoTimescale(data, eps[e], a, 4, false, 1.0, 0.05, 2);
      long steps = (long) Math.ceil(20 / model.slowStep());
      EnsembleOptions options = new EnsembleOptions(64, RecordTimes.parse("log:4", steps), 7, 2, 64);
      TwoTimescaleResult r = TwoTimescaleExperiment.run(model, options, Kernel.VECTOR, Simulation.Progress.NONE);
      assertEquals(0.0, r.middle().fractionNever(), "eps " + eps[e] + ": every trajectory left the plateau");
      mean[e] = r.middle().mean().value();
      err[e] = r.middle().mean().stderr();
      if (e > 0) {
        assertTrue(mean[e] - mean[e - 1] > 4 * Math.hypot(err[e], err[e - 1]), "the middle regime lengthens as eps "
            + "falls: " + mean[e - 1] + " at eps " + eps[e - 1] + ", " + mean[e] + " at " + eps[e]);
      }
    }
    PowerLawFit fit = PowerLawFit.fit(eps, mean, err);
    assertTrue(fit.low() < -1.5 && fit.high() > -2.5 && fit.high() < -1.2, "exponent " + fit.exponent() + " in ["
        + fit.low() + ", " + fit.high() + "]: -2 (step a eps^2), not -1 (step a eps)");
  }
}
