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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdmc.io.ExternalTools;

/**
 * {@code sgdmc simulate tanh2|swish2} and {@code sgdmc scan}, through {@link Main#execute}: the files follow
 * data/SCHEMA.md (read back with h5py), the plot script draws a scan, and bad input gets one line and exit 2.
 */
class TwoLayerCliTest {
  @TempDir Path dir;

  @Test
  void simulateSwish2PrintsThePointsAndEndStatesAndWritesTheSchema() {
    Path file = dir.resolve("run.h5");
    InspectCommandTest.Run r = InspectCommandTest.run("simulate", "swish2", "--lr", "0.3", "--start", "B",
        "--trajectories", "64", "--steps", "300", "--threads", "1", "--n-test", "500", "-o", file.toString());
    assertEquals(0, r.exitCode(), r.err());
    for (String s : List.of("stationary points", "C     saddle", "A     minimum", "Lambda+", "end states at step 300",
        "diverged", "wrote " + file)) {
      assertTrue(r.out().contains(s), "stdout lacks '" + s + "':\n" + r.out());
    }
    String script = String.join("\n",
        "import h5py, sys",
        "f = h5py.File(sys.argv[1], 'r')",
        "print('model', f.attrs['model'])",
        "p = f['parameters'].attrs",
        "print('params', p['lr'], p['batch'], p['n'], p['n_test'], p['start'], p['data_seed'])",
        "print('labels', [str(s) for s in f['stationary_points'].attrs['labels']])",
        "print('kinds', [str(s) for s in f['stationary_points'].attrs['kinds']])",
        "print('sp', f['stationary_points/u'].shape, f['stationary_points/gradient_norm'][()].max() < 1e-10)",
        "print('classes', [str(s) for s in f['observables'].attrs['classes']])",
        "print('fraction', f['observables/fraction'].shape, f['observables/time'].shape)",
        "print('rows sum to one', bool(abs(f['observables/fraction'][()].sum(1) - 1).max() < 1e-12))",
        "print('end', f['estimates/end_fraction'].shape, f['estimates/test_loss'].shape)",
        "print('theory', float(f['theory/lyapunov_plus'][()]) < 0, f['theory/saddle_attractive'].shape[1])",
        "print('final', f['final/u'].shape, f['final/diverged_at'].dtype, f['final/class'].dtype)");
    ExternalTools.Result py = ExternalTools.python(script, file.toString());
    assertEquals(0, py.exitCode(), py.stderr());
    String out = py.stdout();
    assertTrue(out.contains("model swish2"), out);
    assertTrue(out.contains("params 0.3 1 100 500 B 85"), out);
    assertTrue(out.contains("labels ['A', 'B', 'C', 'S1']"), out);
    assertTrue(out.contains("kinds ['minimum', 'minimum', 'saddle', 'saddle']"), out);
    assertTrue(out.contains("sp (4,) True"), out);
    assertTrue(out.contains("classes ['A', 'B', 'C', 'diverged', 'other']"), out);
    assertTrue(out.contains("rows sum to one True"), out);
    assertTrue(out.contains("end (5,) (5,)"), out);
    assertTrue(out.contains("theory True 2"), out);
    assertTrue(out.contains("final (64,) int64 int32"), out);
  }

  @Test
  void scanWritesOneRowPerLearningRateAndThePlotScriptDrawsIt() {
    Path file = dir.resolve("scan.h5");
    InspectCommandTest.Run r = InspectCommandTest.run("scan", "tanh2", "--lr", "0.2:2:3", "--trajectories", "32",
        "--steps", "200", "--threads", "2", "--n-test", "300", "--record-times", "log:5", "-o", file.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("C attracts in probability for lr in"), r.out());
    String script = String.join("\n",
        "import h5py, sys",
        "f = h5py.File(sys.argv[1], 'r')",
        "print('model', f.attrs['model'], list(f['grid/lr'][()]))",
        "print('end', f['estimates/end_fraction'].shape, f['estimates/mean_test_loss'].shape)",
        "print('obs', f['observables/fraction'].shape, f['observables/time'].shape)",
        "print('minexp', f['theory/minimum_lyapunov'].shape, f['theory/lyapunov_plus'].shape, f['theory/fine_lr'].shape)");
    ExternalTools.Result py = ExternalTools.python(script, file.toString());
    assertEquals(0, py.exitCode(), py.stderr());
    assertTrue(py.stdout().contains("model tanh2-scan [0.2, 1.1, 2.0]"), py.stdout());
    assertTrue(py.stdout().contains("end (3, 5) (3,)"), py.stdout());
    assertTrue(py.stdout().contains("obs (18, 5) (6,)"), py.stdout());
    assertTrue(py.stdout().contains("minexp (2, 3) (3,) (400,)"), py.stdout());
    Path png = dir.resolve("scan.png");
    Path plot = Path.of(System.getProperty("sgdmc.project.dir", ".")).resolve("scripts/plot_swish.py");
    ExternalTools.Result p = ExternalTools.python(
        "import runpy, sys\np = sys.argv[1]\nsys.argv = [p] + sys.argv[2:]\nrunpy.run_path(p, run_name='__main__')",
        plot.toString(), file.toString(), "-o", png.toString());
    assertEquals(0, p.exitCode(), p.stderr());
    assertTrue(Files.exists(png), "the plot was not written");
  }

  static Stream<Arguments> badInput() {
    return Stream.of(
        Arguments.of((Object) new String[] {"simulate", "swish2"}),
        Arguments.of((Object) new String[] {"simulate", "swish2", "--lr", "-1"}),
        Arguments.of((Object) new String[] {"simulate", "swish2", "--lr", "nope"}),
        Arguments.of((Object) new String[] {"simulate", "swish2", "--lr", "0.1", "--start", "Q"}),
        Arguments.of((Object) new String[] {"simulate", "tanh2", "--lr", "0.1", "--u0", "1"}),
        Arguments.of((Object) new String[] {"simulate", "tanh2", "--lr", "0.1", "--u0", "1", "--w0", "1", "--start", "A"}),
        Arguments.of((Object) new String[] {"simulate", "swish2", "--lr", "0.1", "--batch", "0"}),
        Arguments.of((Object) new String[] {"simulate", "swish2", "--lr", "0.1", "--batch", "101"}),
        Arguments.of((Object) new String[] {"simulate", "swish2", "--lr", "0.1", "--saddle-eps", "0"}),
        Arguments.of((Object) new String[] {"simulate", "swish2", "--lr", "0.1", "--n", "0"}),
        Arguments.of((Object) new String[] {"simulate", "swish2", "--lr", "0.1", "--init-noise", "-1"}),
        Arguments.of((Object) new String[] {"simulate", "swish2", "--lr", "0.1", "--u0", "1e9", "--w0", "0"}),
        Arguments.of((Object) new String[] {"simulate", "swish2", "--lr", "0.1", "--trajectories", "0"}),
        Arguments.of((Object) new String[] {"simulate", "relu2", "--lr", "0.1"}),
        Arguments.of((Object) new String[] {"scan"}),
        Arguments.of((Object) new String[] {"scan", "swish2", "--lr", "1:2"}),
        Arguments.of((Object) new String[] {"scan", "swish2", "--lr", "0:1:5"}),
        Arguments.of((Object) new String[] {"scan", "swish2", "--lr", "1:1:5"}),
        Arguments.of((Object) new String[] {"scan", "swish2", "--lr", "0.1:1:5", "--lr-spacing", "cubic"}));
  }

  @ParameterizedTest
  @MethodSource("badInput")
  void badInputGetsOneLineAndExitCode2(String[] args) {
    InspectCommandTest.Run r = InspectCommandTest.run(args);
    assertEquals(2, r.exitCode(), String.join(" ", args) + "\n" + r.out() + r.err());
    List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
    assertEquals(1, lines.size(), String.join(" ", args) + ": " + r.err());
    assertTrue(lines.get(0).startsWith("sgdmc: "), lines.get(0));
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void anExistingOutputIsNotOverwrittenWithoutForce() throws Exception {
    Path file = Files.writeString(dir.resolve("taken.h5"), "x");
    InspectCommandTest.Run r = InspectCommandTest.run("simulate", "swish2", "--lr", "0.1", "--trajectories", "8",
        "--steps", "5", "-o", file.toString());
    assertEquals(2, r.exitCode());
    assertEquals("x", Files.readString(file));
  }
}
