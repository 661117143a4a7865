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
 * {@code sweep tails-linreg1d --live}: the file it leaves at the end is the sweep's ordinary file, bit for bit but
 * {@code complete = 1} (scripts/h5same.py counts that as provenance); with {@code --shard} it is refused in one
 * line; scripts/watch.py reads it. LiveTailsSweepFileTest has the file of a sweep stopped part way.
 */
class LiveTailsSweepIT {
  @TempDir Path dir;

  private static final String[] SWEEP = {"sweep", "tails-linreg1d", "--lr", "0.3,0.6", "--batch", "1,2",
    "--trajectories", "256", "--samples-per-trajectory", "2", "--kmin", "20", "--burn-in", "50", "--thin", "5",
    "--bootstrap", "10"};

  private static String[] with(String... more) {
    return Stream.concat(Stream.of(SWEEP), Stream.of(more)).toArray(String[]::new);
  }

  @Test
  void aLiveTailsSweepEndsAsTheOrdinarySweepFile() {
    Path plain = dir.resolve("plain.h5"), live = dir.resolve("live.h5");
    InspectCommandTest.Run a = InspectCommandTest.run(with("-o", plain.toString()));
    assertEquals(0, a.exitCode(), a.err());
    InspectCommandTest.Run b = InspectCommandTest.run(with("--live", "-o", live.toString()));
    assertEquals(0, b.exitCode(), b.err());
    assertTrue(b.err().contains("sgdmc: live file " + live), b.err());
    ShardMergeCliIT.assertSame(plain, live);
    ExternalTools.Result watched = ExternalTools.run(List.of(ExternalTools.PYTHON,
        Launcher.PROJECT.resolve("scripts/watch.py").toString(), live.toString(), "--once"));
    assertEquals(0, watched.exitCode(), watched.stderr());
    assertTrue(watched.stdout().startsWith(live + ": 4/4 cells finished, complete; tail_index in ["), watched.stdout());
  }

  @Test
  void liveWithAShardIsRefusedInOneLine() {
    Path out = dir.resolve("x.h5");
    InspectCommandTest.Run r = InspectCommandTest.run(with("--live", "--shard", "0/2", "-o", out.toString()));
    assertEquals(2, r.exitCode(), r.err());
    assertEquals("sgdmc: --live writes one file as the sweep runs: it does not combine with --shard or --merge",
        r.err().strip());
    assertFalse(Files.exists(out));
  }
}
