package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdmc.io.ExternalTools;
import org.sgdmc.io.HdfNode;
import org.sgdmc.io.ResultFileReader;

/** {@code sgdmc sweep} through the real launcher: files, thread independence, resuming, bad grids. */
class SweepCliIT {
  @TempDir Path dir;

  private static final String[] SWEEP = {
    "sweep", "linreg1d", "--lr", "0.05:3.5:12", "--outlier", "0:12:9", "--n", "10", "--trajectories", "600", "--steps", "200"
  };

  private static String[] with(String[] base, String... more) {
    return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
  }

  private static Map<String, String> numbers(Path file) {
    Map<String, String> all = new TreeMap<>();
    for (String group : List.of("/grid", "/estimates", "/theory")) {
      for (HdfNode n : ResultFileReader.read(file).group(group).children()) {
        if (n instanceof HdfNode.Dataset d) {
          StringBuilder sb = new StringBuilder();
          for (double v : d.value().doubles()) {
            sb.append(Long.toHexString(Double.doubleToRawLongBits(v))).append(' ');
          }
          all.put(d.path(), sb.toString());
        }
      }
    }
    return all;
  }

  @Test
  void aSweepFileHasTheGridAndIsTheSameForAnyThreadCount() throws Exception {
    Launcher.Run one = Launcher.sgdmc(dir, with(SWEEP, "--threads", "1", "--out", "one.h5"));
    assertEquals(0, one.exitCode(), one.stderr());
    assertTrue(one.stdout().contains("same sign as theory"), one.stdout());
    Launcher.Run two = Launcher.sgdmc(dir, with(SWEEP, "--threads", "2", "--block", "8", "--out", "two.h5"));
    assertEquals(0, two.exitCode(), two.stderr());
    assertEquals(numbers(dir.resolve("one.h5")), numbers(dir.resolve("two.h5")));
    ExternalTools.Result py = ExternalTools.python(String.join("\n",
        "import h5py, sys",
        "f = h5py.File(sys.argv[1], 'r')",
        "print(f['grid/lr'].shape, f['grid/outlier'].shape, f['estimates/lyapunov'].shape,",
        "      f['estimates/lyapunov_stderr'].shape, f['theory/lyapunov'].shape, f['theory/lr_gd'].shape)",
        "print([a.decode() for a in f['parameters'].attrs['axes']])"), dir.resolve("one.h5").toString());
    assertEquals(0, py.exitCode(), py.stderr());
    assertTrue(py.stdout().contains("(12,) (9,) (12, 9) (12, 9) (12, 9) (12, 9)"), py.stdout());
    assertTrue(py.stdout().contains("['lr', 'outlier']"), py.stdout());
    try (Stream<Path> files = Files.list(dir)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("checkpoint")), "checkpoint left behind");
    }
  }

  @Test
  void anInterruptedSweepResumesAndEndsWithTheSameNumbers() throws Exception {
    String[] big = {
      "sweep", "linreg1d", "--lr", "0.05:3.5:40", "--batch", "1:4:4", "--trajectories", "3000", "--steps", "400"
    };
    Launcher.Run full = Launcher.sgdmc(dir, with(big, "--out", "full.h5"));
    assertEquals(0, full.exitCode(), full.stderr());
    // start again, kill it once some cells are checkpointed, then rerun
    List<String> cmd = new ArrayList<>(List.of(Launcher.SCRIPT.toString()));
    cmd.addAll(List.of(with(big, "--out", "resumed.h5", "--threads", "1")));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("killed.log").toFile()).start();
    Path checkpoint = dir.resolve(".resumed.h5.sweep-checkpoint");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && p.isAlive()
        && (!Files.exists(checkpoint) || Files.readAllLines(checkpoint).size() < 4)) {
      Thread.sleep(50);
    }
    assertTrue(p.isAlive(), "the sweep finished before it could be interrupted");
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    p.waitFor();
    assertFalse(Files.exists(dir.resolve("resumed.h5")), "an interrupted sweep must not leave an output file");
    Launcher.Run resumed = Launcher.sgdmc(dir, with(big, "--out", "resumed.h5"));
    assertEquals(0, resumed.exitCode(), resumed.stderr());
    assertTrue(resumed.stderr().contains("resuming"), resumed.stderr());
    assertEquals(numbers(dir.resolve("full.h5")), numbers(dir.resolve("resumed.h5")));
    assertFalse(Files.exists(checkpoint), "the checkpoint is removed once the file is written");
  }

  static Stream<Arguments> badGrids() {
    return Stream.of(
        Arguments.of("count 0", new String[] {"--lr", "0.1:1:0"}, "COUNT"),
        Arguments.of("start above stop", new String[] {"--lr", "2:1:5"}, "START"),
        Arguments.of("unknown axis", new String[] {"--lr", "0.1:1:5", "--mu", "0:1:3"}, "--mu"),
        Arguments.of("three axes", new String[] {"--lr", "0.1:1:5", "--batch", "1,2", "--n", "3,4"}, "two axes"),
        Arguments.of("no axis", new String[] {"--lr", "0.5"}, "axis"),
        Arguments.of("fractional batch", new String[] {"--lr", "0.1:1:5", "--batch", "1.5"}, "batch"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badGrids")
  void badGridsGetOneLine(String what, String[] args, String mentions) {
    String[] cmd = Stream.concat(Stream.of("sweep", "linreg1d", "--out", "bad.h5"), Stream.of(args)).toArray(String[]::new);
    Launcher.Run r = Launcher.sgdmc(dir, cmd);
    assertEquals(2, r.exitCode(), what + ": " + r.stdout() + r.stderr());
    assertEquals(1, r.errorLines().size(), what + ": " + r.stderr());
    assertTrue(r.stderr().contains(mentions), what + ": " + r.stderr());
    assertFalse(Files.exists(dir.resolve("bad.h5")));
  }
}
