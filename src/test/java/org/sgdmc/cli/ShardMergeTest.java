package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The promise of {@code --shard I/K} and {@code sgdmc merge}: for every kind of ensemble command and K = 1, 2,
 * 3, 7, shards run with different thread counts and block widths, merged in a shuffled order, give the file of
 * the unsharded run, every dataset and attribute bit for bit but provenance (checked with h5py by
 * scripts/h5same.py). The CLI runs in this JVM (Main.execute, the launcher's entry point) to keep 60 runs fast;
 * ShardMergeCliIT runs the launcher itself.
 */
class ShardMergeTest {
  @TempDir Path dir;

  private static final String[][] RUNS = {
    // 1000 trajectories: not a multiple of 64, so the last shard is a short one
    {"simulate", "linreg1d", "--lr", "0.7", "--batch", "2", "--n", "50", "--trajectories", "1000", "--steps", "300"},
    {"simulate", "saddle", "--lr", "0.4", "--mu", "0.5", "--trajectories", "700", "--steps", "200", "--keep-trajectories"},
    {"simulate", "linear-d", "--dim", "3", "--lr", "0.2", "--trajectories", "700", "--steps", "100"},
    {"simulate", "swish2", "--lr", "0.3", "--start", "B", "--trajectories", "500", "--steps", "300"},
    {"tails", "linreg1d", "--lr", "0.5", "--batch", "1", "--trajectories", "3000"},
    {"tails", "linear-d", "--dim", "3", "--lr", "0.3", "--batch", "2", "--trajectories", "1000"},
    {"sweep", "linreg1d", "--lr", "0.1:2.5:5", "--batch", "1,2", "--trajectories", "300", "--steps", "100"},
    {"sweep", "tails-linreg1d", "--lr", "0.3:0.9:8", "--batch", "1", "--trajectories", "1024"},
  };

  static Stream<Arguments> runs() {
    return Stream.of(RUNS).map(r -> Arguments.of(String.join(" ", r.length > 2 ? List.of(r[0], r[1]) : List.of(r)),
        (Object) r));
  }

  private static String[] with(String[] base, String... more) {
    return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
  }

  private void sgdmc(String... args) {
    assertEquals(0, Main.execute(args), String.join(" ", args));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runs")
  void shardsMergeToTheUnshardedFileForEveryK(String name, String[] run) {
    String whole = dir.resolve("whole.h5").toString();
    sgdmc(with(run, "-o", whole));
    int lanes = org.sgdmc.kernels.VectorizationProvider.lookup().lanes();
    for (int k : new int[] {1, 2, 3, 7}) {
      List<String> files = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        String f = dir.resolve("k" + k + "-s" + i + ".h5").toString();
        sgdmc(with(run, "--shard", i + "/" + k, "--threads", String.valueOf(1 + i % 2), "--block",
            String.valueOf(lanes * (1 + i % 3)), "-o", f));
        files.add(f);
      }
      Collections.shuffle(files, new Random(k));
      String merged = dir.resolve("merged-" + k + ".h5").toString();
      List<String> merge = new ArrayList<>(List.of("merge", merged));
      merge.addAll(files);
      sgdmc(merge.toArray(String[]::new));
      ShardMergeCliIT.assertSame(Path.of(whole), Path.of(merged));
    }
  }
}
