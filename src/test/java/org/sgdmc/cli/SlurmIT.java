package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sharded runs on a real Slurm: a one-node cluster started here (Debian's slurm-wlm and munge, by
 * scripts/slurm/local-cluster), a 4-task job array plus the merge job submitted by scripts/slurm/submit as the
 * README shows, and the merged file compared with the unsharded run's, bit for bit. If the daemons cannot start,
 * the test fails and says why; it never skips.
 */
class SlurmIT {
  @TempDir Path dir;

  private static final String[] SWEEP = {"sweep", "linreg1d", "--lr", "0.1:2.5:12", "--batch", "1,2",
    "--trajectories", "2000", "--steps", "200"};

  private Launcher.Run slurm(Path conf, String... cmd) {
    List<String> all = new ArrayList<>(List.of("env", "SLURM_CONF=" + conf));
    all.addAll(List.of(cmd));
    return Launcher.exec(dir, all);
  }

  @Test
  void aJobArrayOfFourShardsAndItsMergeGiveTheUnshardedFile() throws Exception {
    Path cluster = dir.resolve("cluster");
    Path tool = Launcher.PROJECT.resolve("scripts/slurm/local-cluster");
    Launcher.Run up = Launcher.exec(dir, List.of(tool.toString(), "start", cluster.toString()));
    assertEquals(0, up.exitCode(), "the local Slurm did not start: " + up.stderr() + up.stdout());
    Path conf = cluster.resolve("slurm.conf");
    try {
      Launcher.Run whole = Launcher.sgdmc(dir, Stream.concat(Stream.of(SWEEP), Stream.of("-o", "whole.h5"))
          .toArray(String[]::new));
      assertEquals(0, whole.exitCode(), whole.stderr());

      List<String> submit = new ArrayList<>(List.of(Launcher.PROJECT.resolve("scripts/slurm/submit").toString(),
          "--shards", "4", "--sbatch", "--cpus-per-task=1", dir.resolve("merged.h5").toString(), "--"));
      submit.addAll(List.of(SWEEP));
      Launcher.Run submitted = slurm(conf, submit.toArray(String[]::new));
      assertEquals(0, submitted.exitCode(), submitted.stderr());
      Matcher array = Pattern.compile("array job (\\d+): 4 tasks").matcher(submitted.stdout());
      Matcher merge = Pattern.compile("merge job (\\d+):").matcher(submitted.stdout());
      assertTrue(array.find() && merge.find(), submitted.stdout());

      long deadline = System.nanoTime() + 240_000_000_000L;
      while (true) {
        Launcher.Run queue = slurm(conf, "squeue", "-h", "-o", "%i %T");
        assertEquals(0, queue.exitCode(), queue.stderr());
        if (queue.stdout().isBlank()) {
          break;
        }
        if (System.nanoTime() > deadline) {
          fail("the jobs did not finish in 4 minutes: " + queue.stdout() + logs());
        }
        Thread.sleep(500);
      }
      Launcher.Run job = slurm(conf, "scontrol", "show", "job", merge.group(1));
      assertTrue(Files.exists(dir.resolve("merged.h5")), "the merge job wrote nothing: " + job.stdout() + logs());
      try (Stream<Path> shards = Files.list(dir.resolve("merged.h5.shards"))) {
        assertEquals(4, shards.filter(p -> p.getFileName().toString().matches("shard-\\d\\.h5")).count());
      }
      ShardMergeCliIT.assertSame(dir.resolve("whole.h5"), dir.resolve("merged.h5"));
    } finally {
      Launcher.exec(dir, List.of(tool.toString(), "stop", cluster.toString()));
    }
  }

  private String logs() throws IOException {
    StringBuilder sb = new StringBuilder();
    Path shards = dir.resolve("merged.h5.shards");
    if (Files.isDirectory(shards)) {
      try (Stream<Path> files = Files.list(shards)) {
        for (Path p : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
          sb.append("\n--- ").append(p.getFileName()).append(":\n").append(Files.readString(p));
        }
      }
    }
    return sb.toString();
  }
}
