package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.io.ExternalTools;

/**
 * The plot scripts given a file they do not plot (another command's result, a text file named .h5, a missing
 * file) say so in one line naming the file and exit 2; no Python traceback reaches the user.
 */
class PlotScriptsTest {
  @TempDir Path dir;

  @Test
  void aPlotScriptGivenTheWrongFileSaysSoInOneLine() throws Exception {
    Path linreg1d = dir.resolve("run.h5");
    Path saddle = dir.resolve("saddle.h5");
    assertEquals(0, InspectCommandTest.run("simulate", "linreg1d", "--lr", "0.5", "--trajectories", "64", "--steps",
        "10", "-o", linreg1d.toString()).exitCode());
    assertEquals(0, InspectCommandTest.run("simulate", "saddle", "--lr", "1", "--mu", "0.1", "--trajectories", "64",
        "--steps", "10", "-o", saddle.toString()).exitCode());
    Path text = Files.writeString(dir.resolve("text.h5"), "x\n1\n2\n");
    Path missing = dir.resolve("missing.h5");
    record Case(String script, Path file, String says) {}
    List<Case> cases = List.of(
        new Case("plot_lyapunov.py", saddle, "is an sgdmc 'saddle' file; this script plots linreg1d files"),
        new Case("plot_lyapunov.py", text, "is not an HDF5 file"),
        new Case("plot_phase.py", linreg1d, "is an sgdmc 'linreg1d' file; this script plots Lyapunov sweeps"),
        new Case("plot_phase.py", missing, ": no such file"),
        new Case("plot_swish.py", linreg1d, "is an sgdmc 'linreg1d' file; this script plots scans"),
        new Case("plot_swish.py", text, "is not an HDF5 file"),
        new Case("plot_tails.py", linreg1d, "is an sgdmc 'linreg1d' file; this script plots tails files"),
        new Case("plot_tails.py", missing, ": no such file"),
        new Case("plot_noise_covariance.py", linreg1d, "is an sgdmc 'linreg1d' file; this script plots sde covariance"),
        new Case("plot_noise_covariance.py", text, "is not an HDF5 file"),
        new Case("plot_stationary.py", linreg1d, "is an sgdmc 'linreg1d' file; this script plots sde stationary"),
        new Case("plot_stationary.py", missing, ": no such file"),
        new Case("plot_escape.py", linreg1d, "is an sgdmc 'linreg1d' file; this script plots sde escape"),
        new Case("plot_escape.py", text, "is not an HDF5 file"),
        new Case("plot_grok.py", linreg1d, "is an sgdmc 'linreg1d' file; this script plots grok-linreg files"),
        new Case("plot_grok.py", text, "is not an HDF5 file"),
        new Case("plot_grok_signature.py", linreg1d, "is an sgdmc 'linreg1d' file; this script plots sweep "
            + "grok-signature and grok-fraction files"),
        new Case("plot_grok_signature.py", text, "is not an HDF5 file"),
        new Case("watch.py", text, "is not an HDF5 file"),
        new Case("plot_two_timescale.py", linreg1d, "is an sgdmc 'linreg1d' file; this script plots two-timescale files"),
        new Case("plot_two_timescale.py", missing, ": no such file"));
    cases = new java.util.ArrayList<>(cases);
    cases.add(new Case("watch.py", noRun(), "is an sgdmc 'bench' file; this script watches live sweeps and runs"));
    for (Case c : cases) {
      Path script = Launcher.PROJECT.resolve("scripts").resolve(c.script());
      ExternalTools.Result r = ExternalTools.run(List.of(ExternalTools.PYTHON, script.toString(), c.file().toString(),
          "-o", dir.resolve("out.png").toString()));
      String what = c.script() + " " + c.file().getFileName() + ": " + r.stderr();
      assertEquals(2, r.exitCode(), what);
      assertFalse(r.stderr().contains("Traceback"), what);
      assertEquals(1, r.stderr().strip().lines().count(), what);
      assertTrue(r.stderr().startsWith(c.script() + ": " + c.file()), what);
      assertTrue(r.stderr().contains(c.says()), what);
      assertFalse(Files.exists(dir.resolve("out.png")), what);
    }
  }

  /** An sgdmc file that is neither a sweep nor a run (a bench file's root, no /parameters). */
  private Path noRun() {
    Path bench = dir.resolve("bench.h5");
    ExternalTools.Result r = ExternalTools.python("""
        import h5py, sys
        with h5py.File(sys.argv[1], 'w') as f:
            f.attrs['model'] = 'bench'
        """, bench.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    return bench;
  }

  /** A live file as a killed {@code simulate linreg1d --live} leaves it: one update over 32 of 64 trajectories. */
  private Path killedLiveRun(String name, double lr, org.sgdmc.models.FeatureData data) {
    Path live = dir.resolve(name);
    org.sgdmc.models.Linreg1d model = new org.sgdmc.models.Linreg1d(lr, 1, data, true, 1.0);
    org.sgdmc.results.EnsembleOptions options = new org.sgdmc.results.EnsembleOptions(64,
        org.sgdmc.engine.RecordTimes.parse("log:6", 40), 3, 1, org.sgdmc.rng.VectorShapes.DOUBLES.length());
    org.sgdmc.results.EnsembleOptions half = new org.sgdmc.results.EnsembleOptions(32,
        org.sgdmc.engine.RecordTimes.parse("log:6", 40), 3, 1, org.sgdmc.rng.VectorShapes.DOUBLES.length());
    org.sgdmc.results.Linreg1dResult partial = org.sgdmc.experiments.Linreg1dExperiment.run(model, half,
        org.sgdmc.kernels.Kernel.VECTOR, org.sgdmc.engine.Simulation.Progress.NONE);
    org.sgdmc.results.Linreg1dResult shown = new org.sgdmc.results.Linreg1dResult(model, options, partial.summaries(),
        partial.lyapunov(), partial.lyapunovLate(), Double.NaN, null);
    org.sgdmc.io.RunMetadata meta = org.sgdmc.io.RunMetadata.now("test", "sgdmc simulate linreg1d --live", 3);
    org.sgdmc.io.LiveRunFile file = new org.sgdmc.io.LiveRunFile();
    file.update(() -> org.sgdmc.io.Linreg1dFile.write(live, true, meta, "test", 3, shown,
        org.sgdmc.results.Linreg1dTheoryValues.of(model)), 32);
    file.close();
    return live;
  }

  @Test
  void watchShowsALiveRunsFinishedTrajectoriesAndDrawsItsObservables() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(org.sgdmc.io.LiveFile.available(), "libhdf5 is absent");
    Path gaussian = killedLiveRun("live.h5", 1.2, new org.sgdmc.models.FeatureData.Gaussian());
    // degenerate: lr = 1 on the one point x = 1 lands every trajectory exactly on w* (log distance -inf, means NaN)
    Path exact = killedLiveRun("exact.h5", 1.0, new org.sgdmc.models.FeatureData.Finite(new double[] {1.0}, "test"));
    Path finished = dir.resolve("final.h5");
    assertEquals(0, InspectCommandTest.run("simulate", "linreg1d", "--lr", "0.5", "--trajectories", "64", "--steps",
        "10", "-o", finished.toString()).exitCode());
    record Look(Path file, String says) {}
    for (Look l : List.of(new Look(gaussian, ": 32/64 trajectories finished, running (complete = 0); lyapunov = "),
        new Look(exact, ": 32/64 trajectories finished, running (complete = 0)"),
        new Look(finished, ": 64/64 trajectories finished, complete; lyapunov = "))) {
      Path png = dir.resolve(l.file().getFileName() + ".png");
      ExternalTools.Result r = ExternalTools.run(List.of(ExternalTools.PYTHON,
          Launcher.PROJECT.resolve("scripts/watch.py").toString(), l.file().toString(), "--once", "-o", png.toString()));
      assertEquals(0, r.exitCode(), l.file() + ": " + r.stderr());
      assertEquals("", r.stderr(), l.file() + ": no warning");
      assertEquals(1, r.stdout().lines().count(), r.stdout());
      assertTrue(r.stdout().startsWith(l.file() + l.says()), r.stdout());
      assertTrue(Files.size(png) > 1000, "drew " + png);
    }
  }
}
