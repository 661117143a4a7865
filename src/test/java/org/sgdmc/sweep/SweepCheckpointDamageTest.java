package org.sgdmc.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint that was damaged after it was written is never read as results: a line with a flipped bit
 * fails its checksum and its cell runs again (and the user is told which line), and a file that is no
 * checkpoint at all is named for what it is, not taken for one of other arguments.
 */
class SweepCheckpointDamageTest {
  @TempDir Path dir;

  private static SweepRunner.CellResult cell(double lambda) {
    return new SweepRunner.CellResult(new double[] {lambda}, new double[] {0.01});
  }

  private Path threeCells() {
    Path cp = dir.resolve("cp");
    try (SweepCheckpoint<SweepRunner.CellResult> c = SweepCheckpoint.open(cp, "fp", 1, new HashMap<>())) {
      for (int i = 0; i < 3; i++) {
        c.append(i, cell(-0.5 - i));
      }
    }
    return cp;
  }

  @Test
  void aLineWithAFlippedDigitIsNotReadAndItsCellRunsAgain() throws Exception {
    Path cp = threeCells();
    List<String> lines = Files.readAllLines(cp);
    String line = lines.get(2); // cell 1: "1 <lambda hex> <stderr hex> <crc>"
    int at = line.indexOf(' ') + 3;
    char flipped = line.charAt(at) == '0' ? '1' : '0'; // still a valid hex number, a different double
    lines.set(2, line.substring(0, at) + flipped + line.substring(at + 1));
    Files.write(cp, lines);

    Map<Integer, SweepRunner.CellResult> done = new HashMap<>();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    SweepCheckpoint.open(cp, "fp", SweepCheckpoint.exponents(1), done, false,
        new PrintStream(err, true, StandardCharsets.UTF_8)).close();
    assertEquals(Set.of(0, 2), done.keySet(), "the damaged cell must not be taken as a result");
    assertEquals(-2.5, done.get(2).lambda()[0]);
    String said = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, said.lines().count(), said);
    assertTrue(said.contains(cp + ": line 3 is damaged"), said);
  }

  @Test
  void randomBytesAreNotACheckpointAndForceDiscardsThem() throws Exception {
    Path cp = dir.resolve("cp");
    byte[] junk = new byte[500];
    new java.util.Random(5).nextBytes(junk);
    Files.write(cp, junk);
    SweepCheckpoint.Unusable e = assertThrows(SweepCheckpoint.Unusable.class,
        () -> SweepCheckpoint.read(cp, "fp", 1));
    assertTrue(e.getMessage().contains(cp + " is not a sweep checkpoint"), e.getMessage());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    SweepCheckpoint.open(cp, "fp", SweepCheckpoint.exponents(1), new HashMap<>(), true,
        new PrintStream(err, true, StandardCharsets.UTF_8)).close();
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--force: discarded " + cp + ", not a sweep checkpoint"),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aCheckpointOfTheFormerFormatIsNamedAsSuch() throws Exception {
    Path cp = dir.resolve("cp");
    Files.writeString(cp, "sgdmc-sweep-checkpoint-v1 fp\n0 bfe0000000000000 3f847ae147ae147b\n");
    SweepCheckpoint.Unusable e = assertThrows(SweepCheckpoint.Unusable.class,
        () -> SweepCheckpoint.read(cp, "fp", 1));
    assertTrue(e.getMessage().contains("another sgdmc version's format"), e.getMessage());
  }
}
