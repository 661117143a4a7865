package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --shard I/K} and {@code sgdmc merge} through the real launcher: shards merged in a shuffled order give
 * the unsharded run's file, bit for bit (scripts/h5same.py, with h5py, ignoring only provenance); bad merges exit
 * 2 with one line and write nothing; a Slurm array task supplies the shard. (Every command and K = 1, 2, 3, 7:
 * {@link ShardMergeTest}, in one JVM.)
 */
class ShardMergeCliIT {
  @TempDir Path dir;

  private static String[] with(String[] base, String... more) {
    return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
  }

  @Test
  void shardsRunByTheLauncherMergeToTheUnshardedFile() {
    Launcher.Run whole = Launcher.sgdmc(dir, with(SIM, "-o", "whole.h5"));
    assertEquals(0, whole.exitCode(), whole.stderr());
    shards(SIM, 3, 2, 0, 1);
    Launcher.Run merged = Launcher.sgdmc(dir, "merge", "merged.h5", "s1-3.h5", "s2-3.h5", "s0-3.h5");
    assertEquals(0, merged.exitCode(), merged.stderr());
    assertSame(dir.resolve("whole.h5"), dir.resolve("merged.h5"));
  }

  /** scripts/h5same.py: every dataset and attribute equal bit for bit, provenance aside. */
  static void assertSame(Path a, Path b) {
    Launcher.Run same = Launcher.exec(a.getParent(),
        List.of(Launcher.PROJECT.resolve("scripts/h5same.py").toString(), a.toString(), b.toString()));
    assertEquals(0, same.exitCode(), same.stdout() + same.stderr());
    assertTrue(same.stdout().startsWith("same results"), same.stdout());
  }

  private static final String[] SIM = {"simulate", "linreg1d", "--lr", "0.5", "--trajectories", "640", "--steps", "50"};

  private void shards(String[] run, int k, int... which) {
    for (int i : which) {
      Launcher.Run r = Launcher.sgdmc(dir, with(run, "--shard", i + "/" + k, "-o", "s" + i + "-" + k + ".h5"));
      assertEquals(0, r.exitCode(), r.stderr());
    }
  }

  private void assertRefused(String expected, String... mergeArgs) {
    Launcher.Run r = Launcher.sgdmc(dir, with(new String[] {"merge", "out.h5"}, mergeArgs));
    assertEquals(2, r.exitCode(), r.stdout() + r.stderr());
    assertEquals(1, r.errorLines().size(), r.stderr());
    assertTrue(r.errorLines().get(0).contains(expected), r.errorLines().get(0));
    assertFalse(Files.exists(dir.resolve("out.h5")), "a refused merge writes nothing");
  }

  @Test
  void badMergesAreRefusedInOneLineAndWriteNothing() throws Exception {
    shards(SIM, 3, 0, 1, 2);
    shards(SIM, 2, 0);
    shards(with(SIM, "--seed", "9"), 4, 3);
    Launcher.Run tails = Launcher.sgdmc(dir, "tails", "linreg1d", "--lr", "0.5", "--trajectories", "640", "--shard", "1/3",
        "-o", "t1.h5");
    assertEquals(0, tails.exitCode(), tails.stderr());

    assertRefused("missing shard 1/3 (trajectories 192..384)", "s0-3.h5", "s2-3.h5");
    assertRefused("shard 2/3 given twice", "s0-3.h5", "s2-3.h5", "s1-3.h5", "s2-3.h5");
    assertRefused("shards of different splits", "s0-3.h5", "s0-2.h5");
    assertRefused("shards of different runs: 'simulate linreg1d' and 'tails linreg1d'", "s0-3.h5", "t1.h5", "s2-3.h5");
    assertRefused("shards of different runs: --seed 1 and 9", "s0-3.h5", "s3-4.h5");
    // a truncated shard (a copy cut short, as by a full disk)
    byte[] bytes = Files.readAllBytes(dir.resolve("s1-3.h5"));
    Files.write(dir.resolve("cut.h5"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertRefused("cut.h5", "s0-3.h5", "cut.h5", "s2-3.h5");
    assertRefused("no such file", "s0-3.h5", "nothere.h5");
    // and the complete set merges
    Launcher.Run ok = Launcher.sgdmc(dir, "merge", "out.h5", "s2-3.h5", "s0-3.h5", "s1-3.h5");
    assertEquals(0, ok.exitCode(), ok.stderr());
  }

  @Test
  void aDataFileChangedBetweenTheShardsAndTheMergeIsCaught() throws Exception {
    Files.writeString(dir.resolve("x.csv"), "x\n0.5\n-1.2\n2.0\n0.7\n1.1\n");
    String[] run = {"simulate", "linreg1d", "--lr", "0.5", "--data-file", "x.csv", "--trajectories", "640", "--steps",
      "50"};
    shards(run, 2, 0, 1);
    Files.writeString(dir.resolve("x.csv"), "x\n0.5\n-1.2\n2.0\n0.7\n1.2\n"); // one value changed
    assertRefused("merge where the shards ran, with the same input files", "s0-2.h5", "s1-2.h5");
  }

  @Test
  void tooManyShardsAndAShardWithoutAnOutputAreRefusedUpFront() {
    Launcher.Run many = Launcher.sgdmc(dir, with(SIM, "--shard", "0/11", "-o", "x.h5"));
    assertEquals(2, many.exitCode(), many.stderr());
    assertTrue(many.stderr().contains("at most 10 shards"), many.stderr());
    Launcher.Run noOut = Launcher.sgdmc(dir, with(SIM, "--shard", "0/2"));
    assertEquals(2, noOut.exitCode(), noOut.stderr());
    assertTrue(noOut.stderr().contains("give it with -o"), noOut.stderr());
    Launcher.Run bad = Launcher.sgdmc(dir, with(SIM, "--shard", "3/3", "-o", "x.h5"));
    assertEquals(2, bad.exitCode(), bad.stderr());
    assertEquals(List.of("sgdmc: a shard is I/K with 0 <= I < K, not 3/3"), bad.errorLines());
  }

  @Test
  void aSlurmArrayTaskSuppliesTheShardAndSaysSo() {
    List<String> cmd = new ArrayList<>(List.of("env", "SLURM_ARRAY_TASK_ID=1", "SLURM_ARRAY_TASK_COUNT=2",
        "SLURM_ARRAY_TASK_MIN=0", Launcher.SCRIPT.toString()));
    cmd.addAll(List.of(with(SIM, "-o", "slurm1.h5")));
    Launcher.Run r = Launcher.exec(dir, cmd);
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains("--shard 1/2 from the Slurm job array"), r.stderr());
    assertTrue(r.stdout().contains("shard 1/2 (trajectories 320..640 of 640)"), r.stdout());
  }
}
