package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.io.HdfNode;
import org.sgdmc.io.ResultFileReader;
import org.sgdmc.models.Datasets;
import org.sgdmc.theory.ReshuffleEpochs;

/**
 * {@code sweep linreg1d} and {@code sweep saddle} with {@code --sampling reshuffle} (the old code refused it in
 * one line): the file says {@code /parameters@sampling = reshuffle}, linreg1d's {@code /theory/lr_mean_square}
 * is the epoch's threshold, and a sweep of data drawn fresh each step says the option has no effect.
 */
class ReshuffleSweepCliTest {
  @TempDir Path dir;

  @Test
  void linreg1dSweepReshufflesWithTheEpochThreshold() {
    Path out = dir.resolve("l.h5");
    InspectCommandTest.Run r = InspectCommandTest.run("sweep", "linreg1d", "--lr", "0.4:1.6:3", "--batch", "2",
        "--n", "7", "--sampling", "reshuffle", "--trajectories", "256", "--steps", "30", "--seed", "5",
        "-o", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    HdfNode.Group f = ResultFileReader.read(out);
    assertEquals("reshuffle", f.group("/parameters").attribute("sampling").strings()[0]);
    double edge = ReshuffleEpochs.meanSquareThreshold(Datasets.gaussian(7, null, 5).x(), 2, ReshuffleEpochs.DEFAULT_LIMIT);
    for (double v : f.dataset("/theory/lr_mean_square").value().doubles()) {
      assertEquals(edge, v, 0.0);
    }
    Path plain = dir.resolve("p.h5");
    InspectCommandTest.Run w = InspectCommandTest.run("sweep", "linreg1d", "--lr", "0.4:1.6:3", "--batch", "2",
        "--n", "7", "--trajectories", "64", "--steps", "10", "-o", plain.toString());
    assertEquals(0, w.exitCode(), w.err());
    assertEquals("without_replacement", ResultFileReader.read(plain).group("/parameters").attribute("sampling").strings()[0]);
  }

  @Test
  void saddleSweepReshuffles() {
    Path out = dir.resolve("s.h5");
    InspectCommandTest.Run r = InspectCommandTest.run("sweep", "saddle", "--lr", "0.5:2.5:3", "--mu", "0.06",
        "--n", "6", "--batch", "2", "--sampling", "reshuffle", "--trajectories", "128", "--steps", "30",
        "-o", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("reshuffle", ResultFileReader.read(out).group("/parameters").attribute("sampling").strings()[0]);
  }

  @Test
  void freshDataSaysReshufflingHasNoEffect() {
    Path out = dir.resolve("g.h5");
    InspectCommandTest.Run r = InspectCommandTest.run("sweep", "linreg1d", "--lr", "0.4:1.6:2",
        "--sampling", "reshuffle", "--trajectories", "64", "--steps", "10", "-o", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.err().contains("--sampling reshuffle has no effect"), r.err());
  }
}
