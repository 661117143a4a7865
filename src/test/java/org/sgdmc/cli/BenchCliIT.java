package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.io.ExternalTools;

/**
 * {@code sgdmc bench} through the real launcher: one row per kernel, width and thread count, measured in a JVM
 * that really ran at that width; the native C reference computes the same model; the report is read back by
 * h5py and plotted; bad input is one line. Speeds are not asserted (they belong to benchmarks, not tests),
 * only that each is a positive number and that a one-thread row's efficiency is 1 by definition.
 */
class BenchCliIT {
  @TempDir Path dir;

  @Test
  void aShortBenchWritesEveryRowAndTheNativeReference() {
    Launcher.Run run = Launcher.sgdmc(dir, "bench", "--kernels", "linreg1d-gaussian,saddle-gaussian", "--threads",
        "1,2", "--bits", "128", "--seconds", "0.05", "--repeats", "2", "-o", "b.h5");
    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.stdout().startsWith("host: "), run.stdout());
    assertTrue(run.stdout().contains("linreg1d-gaussian"), run.stdout());
    boolean compiler = run.stdout().contains("native C reference compiled with");
    assertTrue(compiler || run.stdout().contains("native C reference: not run: no C compiler"), run.stdout());
    ExternalTools.Result py = ExternalTools.python(String.join("\n",
        "import h5py, sys, numpy as np",
        "f = h5py.File(sys.argv[1], 'r')",
        "r = f['results']",
        "print('kernels', [k for k in r.attrs['kernels']])",
        "print('rows', len(r['rate']), sorted(set(r['threads'][()].tolist())), set(r['bits'][()].tolist()),"
            + " set(r['lanes'][()].tolist()))",
        "print('positive', bool((r['rate'][()] > 0).all()), r['rates'].shape)",
        "one = r['threads'][()] == 1",
        "print('efficiency', bool(np.allclose(r['efficiency'][()][one], 1.0)))",
        "print('host', f['host'].attrs['cores'] >= 1, len(f['host'].attrs['cpu']) > 0)",
        "if 'rate' in f['native']:",
        "    print('native', bool(np.all(np.abs(f['native/lyapunov'][()] + 0.48463) < 0.01)), len(f['native/rate']))",
        "if 'in_process_rate' in f['native']:",
        "    same = bool(np.allclose(f['native/in_process_lyapunov'][()], f['native/lyapunov'][()], atol=1e-6))",
        "    print('in process', same, len(f['native/in_process_rate']), 0 < f['native/downcall_seconds'][()] < 1e-5)"),
        dir.resolve("b.h5").toString());
    assertEquals(0, py.exitCode(), py.stderr());
    assertTrue(py.stdout().contains("kernels ['linreg1d-gaussian', 'saddle-gaussian']"), py.stdout());
    assertTrue(py.stdout().contains("rows 4 [1, 2] {128} {2}"), py.stdout()); // 128 bits: 2 lanes, really
    assertTrue(py.stdout().contains("positive True (4, 2)"), py.stdout());
    assertTrue(py.stdout().contains("efficiency True"), py.stdout());
    assertTrue(py.stdout().contains("host True True"), py.stdout());
    if (compiler) {
      // 4 x 256 steps x >= 2^14 trajectories: within 0.01 of the theory is more than 15 standard errors
      assertTrue(py.stdout().contains("native True 2"), py.stdout());
      // the same C in this process through java.lang.foreign: the same numbers, and the price of a call
      assertTrue(run.stdout().contains("native C reference, in process (FFM)"), run.stdout());
      assertTrue(py.stdout().contains("in process True 2 True"), py.stdout());
    }
    ExternalTools.Result plot = ExternalTools.run(java.util.List.of(ExternalTools.PYTHON,
        Launcher.PROJECT.resolve("scripts/plot_bench.py").toString(), dir.resolve("b.h5").toString(), "-o",
        dir.resolve("b.png").toString()));
    assertEquals(0, plot.exitCode(), plot.stderr());
    assertTrue(Files.isRegularFile(dir.resolve("b.png")));
  }

  @Test
  void badInputIsOneLineAndNoFile() {
    String[][] cases = {
        {"--bits", "1024"}, {"--kernels", "no-such-kernel"}, {"--threads", "0"}, {"--repeats", "0"},
        {"--seconds", "-1"}, {"--kernels", "all,saddle-gaussian"},
        {"--kernels", "linreg1d-gaussian", "--threads", "1", "--jvm-option", "-XX:NoSuchFlag"}};
    for (String[] c : cases) {
      String[] args = new String[c.length + 3];
      args[0] = "bench";
      System.arraycopy(c, 0, args, 1, c.length);
      args[c.length + 1] = "-o";
      args[c.length + 2] = "bad.h5";
      Launcher.Run run = Launcher.sgdmc(dir, args);
      assertEquals(2, run.exitCode(), String.join(" ", c) + ": " + run.stderr());
      assertEquals(1, run.stderr().strip().lines().count(), String.join(" ", c) + ": " + run.stderr());
      assertFalse(run.stderr().contains("Exception"), run.stderr());
      assertFalse(Files.exists(dir.resolve("bad.h5")), String.join(" ", c));
      if (c[c.length - 1].equals("-XX:NoSuchFlag")) {
        assertTrue(run.stderr().contains("Unrecognized VM option"), "the measuring JVM says why: " + run.stderr());
      }
    }
  }
}
