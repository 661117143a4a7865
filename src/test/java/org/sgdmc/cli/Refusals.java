package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/** The contract for bad input, asserted the same way everywhere: one line naming the problem, exit 2, no file. */
final class Refusals {
  private Refusals() {}

  /**
   * Runs {@code command + bad[i] + tail + -o FILE} in process for every i and asserts that each is refused in one
   * line containing {@code says[i]}, without a stack trace, with exit code 2 and no output file.
   */
  static void assertEachRefused(Path dir, String[] command, String[][] bad, String[] says, String... tail) {
    assertEquals(bad.length, says.length, "one expected message per bad input");
    for (int i = 0; i < bad.length; i++) {
      Path out = dir.resolve("refused" + i + ".h5");
      String[] args = Stream.of(command, bad[i], tail, new String[] {"-o", out.toString()})
          .flatMap(Arrays::stream).toArray(String[]::new);
      InspectCommandTest.Run r = InspectCommandTest.run(args);
      String what = String.join(" ", bad[i]) + ": " + r.err();
      assertEquals(2, r.exitCode(), what);
      assertEquals(1, r.err().strip().lines().count(), what);
      assertTrue(r.err().contains(says[i]), what);
      assertFalse(r.err().contains("Exception"), what);
      assertFalse(Files.exists(out), what);
    }
  }
}
