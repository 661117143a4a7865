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
        new Case("watch.py", linreg1d, "is an sgdmc 'linreg1d' file; this script watches live sweeps"),
        new Case("watch.py", text, "is not an HDF5 file"),
        new Case("plot_two_timescale.py", linreg1d, "is an sgdmc 'linreg1d' file; this script plots two-timescale files"),
        new Case("plot_two_timescale.py", missing, ": no such file"));
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
}
