package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.io.ExternalTools;
import org.sgdmc.io.LiveFile;

/**
 * {@code simulate MODEL --live} in process: the file it ends with is the plain run's, bit for bit, plus the root
 * attribute {@code complete} = 1 and without {@code /live}, for every model that offers it; bad uses are refused
 * in one line before any work. (A reader watching a live run, and a killed one, are in LiveSimulateIT.)
 */
class SimulateLiveTest {
  @TempDir Path dir;

  private static void requireLibrary() {
    Assumptions.assumeTrue(LiveFile.available(), "libhdf5 is absent (scripts/install-deps.sh installs it): "
        + LiveFile.unavailableReason());
  }

  private static String[] with(String[] base, String... more) {
    return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
  }

  @Test
  void aLiveRunEndsWithThePlainRunsFileMarkedComplete() throws Exception {
    requireLibrary();
    List<String[]> runs = List.of(
        new String[] {"simulate", "linreg1d", "--lr", "1.2", "--trajectories", "1000", "--steps", "100"},
        new String[] {"simulate", "saddle", "--lr", "1", "--mu", "0.1", "--trajectories", "1000", "--steps", "100"},
        new String[] {"simulate", "linear-d", "--d", "3", "--lr", "0.4", "--trajectories", "200", "--steps", "50"});
    for (int i = 0; i < runs.size(); i++) {
      Path plain = dir.resolve("plain" + i + ".h5"), live = dir.resolve("live" + i + ".h5");
      InspectCommandTest.Run p = InspectCommandTest.run(with(runs.get(i), "-o", plain.toString()));
      assertEquals(0, p.exitCode(), p.err());
      InspectCommandTest.Run l = InspectCommandTest.run(with(runs.get(i), "--live", "-o", live.toString()));
      assertEquals(0, l.exitCode(), l.err());
      assertTrue(l.err().contains("sgdmc: live file " + live), l.err());
      ShardMergeCliIT.assertSame(plain, live);
    }
    ExternalTools.Result root = ExternalTools.python("""
        import h5py, sys
        for i in range(3):
            with h5py.File(sys.argv[1] + f'/live{i}.h5', 'r') as f, h5py.File(sys.argv[1] + f'/plain{i}.h5', 'r') as g:
                print(int(f.attrs['complete']), 'live' in f, 'complete' in g.attrs)
        """, dir.toString());
    assertEquals("1 False False\n1 False False\n1 False False", root.stdout().strip(), root.stderr());
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(), left.map(f -> f.getFileName().toString()).filter(f -> f.startsWith(".") && !f.endsWith(".lock")).toList(), "no temporary or checkpoint file is "
          + "left (the output locks go with the process)");
    }
  }

  @Test
  void badUsesOfLiveAreRefusedInOneLine() throws Exception {
    requireLibrary();
    String[] run = {"simulate", "linreg1d", "--lr", "0.5", "--trajectories", "64", "--steps", "10", "--live"};
    Refusals.assertEachRefused(dir, run,
        new String[][] {{"--shard", "0/2"}, {"--keep-trajectories"}},
        new String[] {"--live writes one file as the run goes: it does not combine with --shard",
          "--live shows the streamed statistics: it does not combine with --keep-trajectories"});
    InspectCommandTest.Run noOutput = InspectCommandTest.run(run);
    assertEquals(2, noOutput.exitCode(), noOutput.err());
    assertEquals("sgdmc: --live writes the output file while the run goes: give it with -o FILE.h5",
        noOutput.err().strip());
    Path text = Files.writeString(dir.resolve("text.h5"), "not hdf5\n");
    InspectCommandTest.Run exists = InspectCommandTest.run(with(run, "-o", text.toString()));
    assertEquals(2, exists.exitCode(), exists.err());
    assertEquals("sgdmc: output file " + text + " exists (use --force to overwrite)", exists.err().strip());
    assertEquals("not hdf5\n", Files.readString(text));
    InspectCommandTest.Run other = InspectCommandTest.run("simulate", "two-timescale", "--lr", "0.1", "--eps", "0.1", "--live", "-o",
        dir.resolve("x.h5").toString());
    assertEquals(2, other.exitCode(), other.err());
    assertTrue(other.err().contains("Unknown option: '--live'"), other.err());
    assertFalse(Files.exists(dir.resolve("x.h5")));
  }
}
