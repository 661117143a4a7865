package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.io.HdfNode;
import org.sgdmc.io.ResultFileReader;

/**
 * Issue 15, item 5: {@code --noise gaussian-constant} gives a light-tailed stationary law (|a| <= 1 almost surely):
 * there is no tail index, so none may be printed or stored. The old code printed and stored Hill's number with a
 * confidence interval; now it says "light tail: no index", stores NaN, and still stores the survival function.
 */
class TailsLightTailTest {
  @TempDir Path dir;

  @Test
  void aLightTailGetsNoIndex() {
    Path out = dir.resolve("gc.h5");
    InspectCommandTest.Run run = InspectCommandTest.run("tails", "linreg1d", "--lr", "0.6", "--noise",
        "gaussian-constant", "--trajectories", "2048", "--seed", "3", "--out", out.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("tail index         light tail: no index"), run.out());
    assertFalse(run.out().contains("CI ["), run.out());
    HdfNode.Group f = ResultFileReader.read(out);
    assertEquals(0L, f.group("/estimates").attribute("index_reported").longs()[0]);
    assertTrue(Double.isNaN(f.dataset("/estimates/tail_index").value().doubles()[0]));
    assertTrue(f.dataset("/observables/ccdf").value().doubles().length > 0);
    assertEquals("light-tail", f.group("/theory").attribute("regime").strings()[0]);
  }
}
