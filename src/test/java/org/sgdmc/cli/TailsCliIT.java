package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.io.ExternalTools;

/**
 * {@code sgdmc tails} and {@code sgdmc sweep tails-linreg1d} through the real launcher: the files carry the
 * paths the schema promises and real clients read them; a run without a stationary law carries no index;
 * bad input gets one line and exit code 2.
 */
class TailsCliIT {
  @TempDir Path dir;

  private static String[] with(String[] base, String... more) {
    return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
  }

  private static final String[] SMALL = {"--trajectories", "4096", "--samples-per-trajectory", "4", "--bootstrap", "50"};

  @Test
  void aTailsFileHasTheEstimatesTheTheoryAndThePlotData() {
    Launcher.Run run = Launcher.sgdmc(dir, with(with(new String[] {"tails", "linreg1d", "--lr", "1.0"}, SMALL), "-o", "t.h5"));
    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.stdout().contains("tail index |u|"), run.stdout());
    assertTrue(run.stdout().contains("theory             1.09"), run.stdout());
    ExternalTools.Result py = ExternalTools.python(String.join("\n",
        "import h5py, sys, math",
        "f = h5py.File(sys.argv[1], 'r')",
        "e, t, o = f['estimates'], f['theory'], f['observables']",
        "print('ci', e['tail_index_ci'].shape, e['tail_index_ci'][0] < e['tail_index'][()] < e['tail_index_ci'][1])",
        "print('xmin', e['tail_xmin'][()] > 0, 'lyap', e['lyapunov'][()] < 0, t['lyapunov'][()] < 0)",
        "print('theory', round(float(t['tail_index'][()]), 4), t.attrs['regime'])",
        "print('ccdf', o['ccdf_x'].shape == o['ccdf'].shape, bool((o['ccdf'][1:] <= o['ccdf'][:-1]).all()))",
        "print('hill', o['hill_k'].shape == o['hill_alpha'].shape, len(o['hill_k']) > 10)",
        "print('reported', bool(e.attrs['index_reported']))",
        "print('given', int(e['interval_given'][()]), e['tail_index_ci'].attrs['status'], e['tail_k'][()] <= e['ks_tail_k'][()])"),
        dir.resolve("t.h5").toString());
    assertEquals(0, py.exitCode(), py.stderr());
    assertTrue(py.stdout().contains("ci (2,) True"), py.stdout());
    assertTrue(py.stdout().contains("xmin True lyap True True"), py.stdout());
    assertTrue(py.stdout().contains("theory 1.0908 power-law"), py.stdout());
    assertTrue(py.stdout().contains("ccdf True True"), py.stdout());
    assertTrue(py.stdout().contains("hill True True"), py.stdout());
    assertTrue(py.stdout().contains("reported True"), py.stdout());
    assertTrue(py.stdout().contains("given 1 given True"), py.stdout());
    ExternalTools.Result dump = ExternalTools.h5dump("-H", dir.resolve("t.h5").toString());
    assertEquals(0, dump.exitCode(), dump.stderr());
    for (String name : new String[] {"tail_index", "tail_index_ci", "tail_xmin", "lyapunov", "ccdf_x", "ccdf", "hill_alpha"}) {
      assertTrue(dump.stdout().contains("DATASET \"" + name + "\""), name + " missing from h5dump -H");
    }
  }

  @Test
  void aSampleTooSmallForItsIndexGetsNoIntervalAndTheFileSaysWhy() {
    // alpha = 5.31 at lr 0.3: 16,384 samples allow far fewer than 64 bias-free tail points
    Launcher.Run run = Launcher.sgdmc(dir, with(with(new String[] {"tails", "linreg1d", "--lr", "0.3"}, SMALL), "-o", "n.h5"));
    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.stdout().contains("(no interval)"), run.stdout());
    assertTrue(run.stdout().contains("interval           no interval: at alpha about"), run.stdout());
    assertFalse(run.stdout().contains("theory OUTSIDE"), run.stdout());
    ExternalTools.Result py = ExternalTools.python(String.join("\n",
        "import h5py, sys, math",
        "e = h5py.File(sys.argv[1], 'r')['estimates']",
        "ci = e['tail_index_ci']",
        "print('nan', math.isnan(ci[0]) and math.isnan(ci[1]), int(e['interval_given'][()]),",
        "      ci.attrs['status'].startswith('no interval'), e['tail_index'][()] > 0, e['ks_tail_index'][()] > 0)"),
        dir.resolve("n.h5").toString());
    assertEquals(0, py.exitCode(), py.stderr());
    assertTrue(py.stdout().contains("nan True 0 True True True"), py.stdout());
  }

  @Test
  void withoutAStationaryLawThereIsNoIndex() {
    Launcher.Run run = Launcher.sgdmc(dir, with(with(new String[] {"tails", "linreg1d", "--lr", "2.7"}, SMALL), "-o", "u.h5"));
    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.stdout().contains("not estimated: no stationary law"), run.stdout());
    assertFalse(run.stdout().contains("tail index |u|"), run.stdout());
    ExternalTools.Result py = ExternalTools.python(String.join("\n",
        "import h5py, sys, math",
        "f = h5py.File(sys.argv[1], 'r')",
        "print(math.isnan(f['estimates/tail_index'][()]), bool(f['estimates'].attrs['index_reported']),",
        "      f['theory'].attrs['regime'], f['estimates/lyapunov'][()] > 0)"), dir.resolve("u.h5").toString());
    assertEquals(0, py.exitCode(), py.stderr());
    assertTrue(py.stdout().contains("True False no-stationary-law True"), py.stdout());
  }

  @Test
  void theLinearDModelFitsTheNormAndACoordinate() {
    Launcher.Run run = Launcher.sgdmc(dir, with(with(new String[] {"tails", "linear-d", "--lr", "0.3", "--dim", "3"}, SMALL),
        "-o", "d.h5"));
    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.stdout().contains("tail index u_1"), run.stdout());
    ExternalTools.Result py = ExternalTools.python(String.join("\n",
        "import h5py, sys",
        "f = h5py.File(sys.argv[1], 'r')",
        "print(f['estimates/coordinate/tail_index'][()] > 0, f['observables/coordinate/ccdf'].shape[0] > 5,",
        "      f['theory/tail_index'].attrs['method'])"),
        dir.resolve("d.h5").toString());
    assertEquals(0, py.exitCode(), py.stderr());
    assertTrue(py.stdout().contains("True True quadrature"), py.stdout());
  }

  @Test
  void aTailSweepIsAGridWithTheoryAndPlots() throws Exception {
    Launcher.Run run = Launcher.sgdmc(dir, "sweep", "tails-linreg1d", "--lr", "0.6:2.6:3", "--batch", "1,2",
        "--trajectories", "2048", "--samples-per-trajectory", "4", "--bootstrap", "20", "-o", "s.h5");
    assertEquals(0, run.exitCode(), run.stderr());
    ExternalTools.Result py = ExternalTools.python(String.join("\n",
        "import h5py, sys, math",
        "f = h5py.File(sys.argv[1], 'r')",
        "a, t = f['estimates/tail_index'][()], f['theory/tail_index'][()]",
        "print(a.shape, t.shape, f['estimates/index_reported'][()].tolist())",
        "print(math.isnan(t[2][0]), t[0][0] > t[1][0])"), dir.resolve("s.h5").toString());
    assertEquals(0, py.exitCode(), py.stderr());
    // lr = 2.6 at S = 1 is beyond the edge (no stationary law); S = 2 still has one (alpha 0.08)
    assertTrue(py.stdout().contains("(3, 2) (3, 2) [[1, 1], [1, 1], [0, 1]]"), py.stdout());
    assertTrue(py.stdout().contains("True True"), py.stdout());
    ExternalTools.Result plot = ExternalTools.run(List.of(ExternalTools.PYTHON,
        Launcher.PROJECT.resolve("scripts/plot_tails.py").toString(), dir.resolve("s.h5").toString(), "-o",
        dir.resolve("s.png").toString()));
    assertEquals(0, plot.exitCode(), plot.stderr());
    assertTrue(Files.size(dir.resolve("s.png")) > 10_000);
  }

  @Test
  void badInputGetsOneLineAndExitCode2() {
    String[][] bad = {
      {"tails", "linreg1d", "--lr", "-1"},
      {"tails", "linreg1d", "--lr", "0.5", "--noise", "levy"},
      {"tails", "linreg1d", "--lr", "0.5", "--noise", "stable"},
      {"tails", "linreg1d", "--lr", "0.5", "--noise", "stable", "--stable-alpha", "2.5"},
      {"tails", "linreg1d", "--lr", "0.5", "--noise-sigma", "0"},
      {"tails", "linreg1d", "--lr", "0.5", "--n", "10", "--batch", "20"},
      {"tails", "linreg1d", "--lr", "0.5", "--burn-in", "0"},
      {"tails", "linear-d", "--lr", "0.5", "--n", "2", "--dim", "5"},
      {"sweep", "tails-linreg1d", "--lr", "0.5:0.1:3", "-o", "x.h5"},
    };
    for (String[] args : bad) {
      Launcher.Run run = Launcher.sgdmc(dir, args);
      assertEquals(2, run.exitCode(), String.join(" ", args) + ": " + run.stderr());
      assertEquals(1, run.stderr().strip().lines().count(), String.join(" ", args) + ": " + run.stderr());
      assertFalse(run.stderr().contains("Exception"), run.stderr());
    }
  }
}
