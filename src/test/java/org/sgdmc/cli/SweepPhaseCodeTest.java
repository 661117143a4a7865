package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.io.HdfNode;
import org.sgdmc.io.ResultFileReader;

/**
 * Issue 15, item 5: a sweep stores a simulated cell whose less certain exponent lies within 4 standard errors of 0
 * as phase code 0, which the file must say (the old file described code 0 only as "an exponent is NaN or exactly
 * 0", through the schema, and had no description on the dataset).
 */
class SweepPhaseCodeTest {
  @TempDir Path dir;

  @Test
  void theSweepFileSaysWhatPhaseCodeZeroMeans() {
    Path out = dir.resolve("s.h5");
    InspectCommandTest.Run run = InspectCommandTest.run("sweep", "saddle", "--lr", "0.1:1:2", "--mu", "0.06",
        "--trajectories", "64", "--steps", "20", "--out", out.toString());
    assertEquals(0, run.exitCode(), run.err());
    HdfNode.Group f = ResultFileReader.read(out);
    String estimates = f.dataset("/estimates/phase").attribute("description").strings()[0];
    assertTrue(estimates.contains("within 4 standard errors of 0"), estimates);
    String theory = f.dataset("/theory/phase").attribute("description").strings()[0];
    assertTrue(theory.contains("exact exponents"), theory);
  }
}
