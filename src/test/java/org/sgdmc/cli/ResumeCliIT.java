package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs that survive what clusters do to them, through the real launcher: killed with -9 part way (the node
 * lost), then rerun, they finish the rest and write the uninterrupted run's file, bit for bit; stopped with
 * SIGTERM (preemption, a time limit), they save their checkpoint and exit 75, and the rerun resumes; two
 * processes asked for the same output at once: the second refuses in one line.
 */
class ResumeCliIT {
  @TempDir Path dir;

  static Stream<Arguments> runs() {
    return Stream.of(
        // sized so that, saving after every block, they run a few seconds: long enough to be caught part way
        Arguments.of("simulate", new String[] {"simulate", "linreg1d", "--lr", "0.5", "--trajectories", "100000",
            "--steps", "2000", "--threads", "2"}),
        Arguments.of("tails", new String[] {"tails", "linreg1d", "--lr", "0.5", "--trajectories", "100000",
            "--burn-in", "2000", "--threads", "2"}),
        Arguments.of("sweep", new String[] {"sweep", "linreg1d", "--lr", "0.1:2.5:24", "--batch", "1,2", "--trajectories",
            "10000", "--steps", "400", "--threads", "2"}));
  }

  private static String[] with(String[] base, String... more) {
    return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
  }

  /** The checkpoint beside {@code out}: a folder of parts (simulate, tails) or a file of cells (sweeps). */
  private Path checkpoint(String out, boolean sweep) {
    return dir.resolve("." + out + (sweep ? ".sweep-checkpoint" : ".checkpoint"));
  }

  /** Whether something was checkpointed: a part saved, or a cell line beyond the header. */
  private static boolean saved(Path checkpoint, boolean sweep) {
    try {
      if (sweep) {
        return Files.exists(checkpoint) && Files.readAllLines(checkpoint).size() >= 3;
      }
      try (Stream<Path> parts = Files.list(checkpoint)) {
        return parts.anyMatch(p -> p.getFileName().toString().startsWith("part-"));
      }
    } catch (IOException e) {
      return false;
    }
  }

  /** Starts the launcher with checkpoints saved after every block. */
  private Process start(String[] args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("env", "SGDMC_JAVA_OPTS=-Dsgdmc.checkpoint.seconds=0",
        Launcher.SCRIPT.toString()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("interrupted.log").toFile()).start();
  }

  /** Waits until {@code ready} holds, while the process still runs; fails if it ends first. */
  private static void await(Process p, Predicate<Void> ready, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (ready.test(null)) {
        return;
      }
      if (!p.isAlive()) {
        fail("the run ended before " + what + " (exit " + p.exitValue() + "): make it longer");
      }
      Thread.sleep(20);
    }
    fail("timed out waiting for " + what);
  }

  /** The JVM the launcher started (the signals go to it, as Slurm's reach every process of the job). */
  private static ProcessHandle jvm(Process launcher) {
    return launcher.descendants().filter(h -> h.info().command().orElse("").endsWith("java")).findFirst()
        .orElseThrow(() -> new AssertionError("no java process under the launcher"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runs")
  void killedWithMinus9AndRerunItWritesTheUninterruptedFile(String name, String[] run) throws Exception {
    boolean sweep = name.equals("sweep");
    Launcher.Run whole = Launcher.sgdmc(dir, with(run, "-o", "whole.h5"));
    assertEquals(0, whole.exitCode(), whole.stderr());

    Process p = start(with(run, "-o", "run.h5"));
    await(p, x -> saved(checkpoint("run.h5", sweep), sweep), "a checkpoint");
    ProcessHandle java = jvm(p);
    java.destroyForcibly(); // SIGKILL: nothing runs after it
    p.waitFor(60, TimeUnit.SECONDS);
    assertFalse(Files.exists(dir.resolve("run.h5")), "killed before it finished");
    assertTrue(Files.exists(checkpoint("run.h5", sweep)));

    Launcher.Run rerun = Launcher.sgdmc(dir, with(run, "-o", "run.h5"));
    assertEquals(0, rerun.exitCode(), rerun.stderr());
    assertTrue(rerun.stderr().contains("resuming"), rerun.stderr());
    ShardMergeCliIT.assertSame(dir.resolve("whole.h5"), dir.resolve("run.h5"));
    assertFalse(Files.exists(checkpoint("run.h5", sweep)), "the checkpoint is gone once the file is written");
    try (Stream<Path> left = Files.list(dir)) {
      List<String> hidden = left.map(f -> f.getFileName().toString()).filter(f -> f.startsWith(".")).toList();
      assertEquals(List.of(), hidden, "no temporary, lock or checkpoint file is left");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runs")
  void sigtermSavesTheCheckpointAndExits75ThenTheRerunFinishes(String name, String[] run) throws Exception {
    boolean sweep = name.equals("sweep");
    Process p = start(with(run, "-o", "run.h5"));
    await(p, x -> saved(checkpoint("run.h5", sweep), sweep), "a checkpoint");
    jvm(p).destroy(); // SIGTERM
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String log = Files.readString(dir.resolve("interrupted.log"));
    assertEquals(75, p.exitValue(), log);
    assertTrue(log.lines().anyMatch(l -> l.startsWith("sgdmc: stopped by") && l.contains("rerun the same command")), log);
    assertFalse(log.contains("\tat "), "no stack trace: " + log);
    Launcher.Run rerun = Launcher.sgdmc(dir, with(run, "-o", "run.h5"));
    assertEquals(0, rerun.exitCode(), rerun.stderr());
    assertTrue(rerun.stderr().contains("resuming"), rerun.stderr());
  }

  @Test
  void aSecondProcessWritingTheSameOutputRefusesInOneLine() throws Exception {
    String[] run = {"simulate", "linreg1d", "--lr", "0.5", "--trajectories", "400000", "--steps", "3000", "-o", "same.h5"};
    Process first = start(run);
    await(first, x -> Files.exists(dir.resolve(".same.h5.lock")), "the lock");
    Launcher.Run second = Launcher.sgdmc(dir, run);
    assertEquals(2, second.exitCode(), second.stderr());
    assertEquals(1, second.errorLines().size(), second.stderr());
    assertTrue(second.errorLines().get(0).matches("sgdmc: another sgdmc process \\(pid \\d+\\) is writing same\\.h5: .*"),
        second.errorLines().get(0));
    jvm(first).destroyForcibly();
    first.waitFor(60, TimeUnit.SECONDS);
    // the dead holder's lock is gone with it: a new run proceeds (another run: --force discards the checkpoint)
    Launcher.Run third = Launcher.sgdmc(dir, "simulate", "linreg1d", "--lr", "0.5", "--trajectories", "1000", "--steps",
        "3000", "-o", "same.h5", "--force");
    assertEquals(0, third.exitCode(), third.stderr());
    assertTrue(third.stderr().contains("discarded"), third.stderr());
  }
}
