package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulate linreg1d --precision single}: the run says what its draws cost, in the file and on stdout; bad
 * values are one line and exit 2, with no file.
 */
class SinglePrecisionCliTest {
  @TempDir Path dir;

  @Test
  void badValuesAreOneLineAndExitTwo() {
    String[][] bad = {
      {"--precision", "half"},
      {"--precision", "single", "--n", "10"},
      {"--precision", "single", "--data-file", "/nonexistent/x.txt"},
    };
    String[] says = {"--precision must be double or single", "Gaussian data", "x.txt"};
    Refusals.assertEachRefused(dir, new String[] {"simulate", "linreg1d", "--lr", "0.5"}, bad, says, "--trajectories",
        "64", "--steps", "20");
  }

  @Test
  void aSingleRunStoresAndPrintsWhatItsDrawsCost() throws Exception {
    Path out = dir.resolve("single.h5");
    InspectCommandTest.Run r = InspectCommandTest.run(new String[] {"simulate", "linreg1d", "--lr", "0.5",
        "--precision", "single", "--trajectories", "512", "--steps", "200", "-o", out.toString()});
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("single draws: |x| <= 5.647"), r.out());
    try (var f = new io.jhdf.HdfFile(out)) {
      assertEquals("single", f.getByPath("/parameters").getAttribute("precision").getData());
      double diff = (double) ((io.jhdf.api.Dataset) f.getByPath("/precision/max_log_distance_difference")).getData();
      assertTrue(diff >= 0 && diff < 1e-2, "log-distance difference " + diff);
      double draw = (double) ((io.jhdf.api.Dataset) f.getByPath("/precision/max_draw_relative_error")).getData();
      assertTrue(draw > 0 && draw < 1e-6, "draw error " + draw);
    }
  }
}
