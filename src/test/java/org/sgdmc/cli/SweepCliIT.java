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

/**
 * {@code sgdmc sweep} through the real launcher: files, thread independence, resuming (Lyapunov and tails
 * sweeps), stale checkpoints, bad grids.
 */
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
        "print([str(a) for a in f['parameters'].attrs['axes']])"), dir.resolve("one.h5").toString());
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

  private static final String[] TAILS = {
    "sweep", "tails-linreg1d", "--lr", "0.5:1.0:3", "--batch", "1,2", "--trajectories", "2048",
    "--samples-per-trajectory", "4", "--bootstrap", "50"
  };

  /** Every dataset's bytes and every attribute of a file, provenance (created, command, /performance) aside. */
  private static String contents(Path file) {
    ExternalTools.Result py = ExternalTools.python(String.join("\n",
        "import h5py, sys, hashlib",
        "f = h5py.File(sys.argv[1], 'r')",
        "out = []",
        "def attrs(o):",
        "    for k in sorted(o.attrs):",
        "        if o.name == '/' and k in ('created', 'command', 'threads'):",
        "            continue",
        "        out.append('%s @%s = %r' % (o.name, k, o.attrs[k]))",
        "def visit(name, o):",
        "    if name.startswith('performance'):",
        "        return",
        "    attrs(o)",
        "    if isinstance(o, h5py.Dataset):",
        "        v = o[()]",
        "        b = v.tobytes() if hasattr(v, 'tobytes') else repr(v).encode()",
        "        out.append('%s %s %s %s' % (name, o.dtype, o.shape, hashlib.sha256(b).hexdigest()))",
        "attrs(f)",
        "f.visititems(visit)",
        "print('\\n'.join(out))"), file.toString());
    assertEquals(0, py.exitCode(), py.stderr());
    return py.stdout();
  }

  /** The printed table, without the line with the time. */
  private static String table(String stdout) {
    return stdout.lines().filter(l -> !l.contains("cells in") && !l.startsWith("wrote")).reduce("", (a, b) -> a + b + "\n");
  }

  @Test
  void anInterruptedTailsSweepResumesToTheSameFileAndRefusesAStaleCheckpoint() throws Exception {
    Launcher.Run full = Launcher.sgdmc(dir, with(TAILS, "--out", "full.h5"));
    assertEquals(0, full.exitCode(), full.stderr());
    // start again on one thread, kill it once two cells are checkpointed
    List<String> cmd = new ArrayList<>(List.of(Launcher.SCRIPT.toString()));
    cmd.addAll(List.of(with(TAILS, "--out", "resumed.h5", "--threads", "1")));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("killed.log").toFile()).start();
    Path checkpoint = dir.resolve(".resumed.h5.sweep-checkpoint");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && p.isAlive()
        && (!Files.exists(checkpoint) || Files.readAllLines(checkpoint).size() < 3)) {
      Thread.sleep(10);
    }
    assertTrue(p.isAlive(), "the sweep finished before it could be interrupted");
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    p.waitFor();
    assertFalse(Files.exists(dir.resolve("resumed.h5")), "an interrupted sweep must not leave an output file");
    List<String> cells = Files.readAllLines(checkpoint);
    assertTrue(cells.size() >= 3 && cells.size() < 7, "checkpointed cells: " + (cells.size() - 1));
    // other arguments against that checkpoint: one line, exit 2, the checkpoint untouched
    String before = Files.readString(checkpoint);
    for (String[] other : new String[][] {{"--bootstrap", "60"}, {"--lr", "0.5:1.0:4"}, {"--seed", "2"}}) {
      String[] args = with(TAILS, "--out", "resumed.h5");
      for (int i = 0; i < args.length - 1; i++) {
        if (args[i].equals(other[0])) {
          args[i + 1] = other[1];
        }
      }
      if (!List.of(args).contains(other[0])) {
        args = with(args, other);
      }
      Launcher.Run stale = Launcher.sgdmc(dir, args);
      assertEquals(2, stale.exitCode(), String.join(" ", other) + ": " + stale.stdout() + stale.stderr());
      assertEquals(1, stale.errorLines().size(), stale.stderr());
      assertTrue(stale.stderr().contains("other arguments"), stale.stderr());
      assertEquals(before, Files.readString(checkpoint), "a refused run must leave the checkpoint alone");
      assertFalse(Files.exists(dir.resolve("resumed.h5")));
    }
    // the same arguments (another thread count): the checkpointed cells are skipped, the file is the same
    Launcher.Run resumed = Launcher.sgdmc(dir, with(TAILS, "--out", "resumed.h5"));
    assertEquals(0, resumed.exitCode(), resumed.stderr());
    assertTrue(resumed.stderr().contains("resuming: " + (cells.size() - 1) + " of 6 cells"), resumed.stderr());
    assertTrue(resumed.stdout().contains("(" + (cells.size() - 1) + " cells resumed)"), resumed.stdout());
    assertFalse(Files.exists(checkpoint), "the checkpoint is removed once the file is written");
    assertEquals(table(full.stdout()), table(resumed.stdout()));
    String reference = contents(dir.resolve("full.h5"));
    assertTrue(reference.contains("estimates/tail_index float64 (3, 2)"), reference);
    assertEquals(reference, contents(dir.resolve("resumed.h5")));
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

  @Test
  void aSweepRefusedBeforeAnyCellLeavesNoCheckpointAndForceDiscardsAStaleOne() throws Exception {
    // refused after the checkpoint is opened (the group is too large): nothing may be left to block a rerun
    Launcher.Run huge = Launcher.sgdmc(dir, "sweep", "saddle", "--lr", "0.5:1:3", "--mu", "0:1:3",
        "--trajectories", "100000000000", "--steps", "50", "--out", "s.h5");
    assertEquals(2, huge.exitCode(), huge.stderr());
    assertEquals(1, huge.stderr().strip().lines().count(), huge.stderr());
    assertFalse(Files.exists(dir.resolve(".s.h5.sweep-checkpoint")), "a refused sweep left its checkpoint");

    // a checkpoint of other arguments: refused without --force, discarded (and said so) with it
    Files.writeString(dir.resolve(".s.h5.sweep-checkpoint"), "sgdmc-sweep-checkpoint-v2 of-another-sweep\n");
    String[] small = {"sweep", "saddle", "--lr", "0.5:1:3", "--mu", "0:1:3", "--trajectories", "200", "--steps", "50",
        "--out", "s.h5"};
    Launcher.Run refused = Launcher.sgdmc(dir, small);
    assertEquals(2, refused.exitCode(), refused.stderr());
    assertTrue(refused.stderr().contains("other arguments"), refused.stderr());
    Launcher.Run forced = Launcher.sgdmc(dir, with(small, "--force"));
    assertEquals(0, forced.exitCode(), forced.stderr());
    assertTrue(forced.stderr().contains("--force: discarded"), forced.stderr());
    assertTrue(Files.exists(dir.resolve("s.h5")));
    assertFalse(Files.exists(dir.resolve(".s.h5.sweep-checkpoint")));
  }
}
