package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.io.HdfNode;
import org.sgdmc.io.ResultFileReader;
import org.sgdmc.models.LabelledData;
import org.sgdmc.theory.EpochTailIndex;
import org.sgdmc.theory.TailIndexTheory;

/**
 * {@code tails linreg1d --sampling reshuffle} (the old code refused it): observed at epoch ends, its fitted
 * tail index matches the epoch's Kesten index, not the one of batches drawn afresh; burn-in and spacing that
 * are not whole epochs (tails linreg1d and linear-d), reshuffling under an SDE noise, and a batch larger than
 * the data, are one line and exit 2. ({@link ReshuffleTailsLinearDIT} runs tails linear-d reshuffled.)
 */
class ReshuffleTailsIT {
  @TempDir Path dir;

  /**
   * N = 8, S = 2 (4 batches an epoch), lr 2.2: the epoch's index is 1.422, batches drawn afresh without
   * replacement give 0.18. 16384 trajectories x 8 observations at epoch ends. The fit must lie within 25% of
   * the epoch's index. The bootstrap interval is not used for the assertion: at these sizes it is about
   * +-0.07 and undercovers by about a factor 2 (issue 15 item 1), so a real spread of about 0.1 makes the
   * 0.36 tolerance about 3.5 standard deviations (false failure about 5e-4 for a Gaussian error, plus the
   * Hill fit's bias, +0.05 in the runs made while writing this), while the index of fresh batches, 1.24
   * away, fails it by far.
   */
  @Test
  void theFittedIndexIsTheEpochsKestenIndex() {
    Path out = dir.resolve("t.h5");
    InspectCommandTest.Run r = InspectCommandTest.run("tails", "linreg1d", "--lr", "2.2", "--n", "8", "--batch", "2",
        "--sampling", "reshuffle", "--trajectories", "16384", "--burn-in", "400", "--thin", "40", "--seed", "1",
        "-o", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("reshuffled each epoch"), r.out());
    double[] x = LabelledData.Finite.generated(8, 1.0, 1.0, 1).features().x();
    double epoch = EpochTailIndex.linreg1d(2.2, x, 2).index();
    double fresh = TailIndexTheory.linreg1dFinite(2.2, x, 2, false).index();
    HdfNode.Group f = ResultFileReader.read(out);
    assertEquals("reshuffle", f.group("/parameters").attribute("sampling").strings()[0]);
    assertEquals(4L, f.group("/parameters").attribute("steps_per_epoch").longs()[0]);
    assertEquals(epoch, f.dataset("/theory/tail_index").value().doubles()[0], 1e-12);
    double fitted = f.dataset("/estimates/tail_index").value().doubles()[0];
    assertEquals(epoch, fitted, 0.25 * epoch, r.out());
    assertTrue(Math.abs(fitted - fresh) > 0.5 * epoch, "fresh " + fresh + ", fitted " + fitted);
  }

  @Test
  void whatCannotBeDoneReshuffledIsOneLine() {
    Path out = dir.resolve("bad.h5");
    for (String[] bad : List.of(
        new String[] {"tails", "linreg1d", "--lr", "2.2", "--n", "8", "--batch", "2", "--sampling", "reshuffle",
            "--burn-in", "401"},
        new String[] {"tails", "linreg1d", "--lr", "2.2", "--n", "8", "--batch", "2", "--sampling", "reshuffle",
            "--thin", "10"},
        new String[] {"tails", "linreg1d", "--lr", "0.5", "--n", "8", "--noise", "gaussian", "--sampling", "reshuffle"},
        new String[] {"sweep", "tails-linreg1d", "--lr", "1,2", "--batch", "2,3", "--n", "9", "--sampling", "reshuffle",
            "--thin", "8"},
        new String[] {"tails", "linear-d", "--lr", "0.3", "--dim", "2", "--n", "8", "--batch", "2", "--sampling",
            "reshuffle", "--burn-in", "401"},
        new String[] {"tails", "linear-d", "--lr", "0.3", "--dim", "2", "--n", "8", "--batch", "2", "--sampling",
            "reshuffle", "--thin", "6"},
        new String[] {"tails", "linear-d", "--lr", "0.3", "--dim", "2", "--n", "8", "--batch", "9", "--sampling",
            "reshuffle"})) {
      List<String> args = new java.util.ArrayList<>(List.of(bad));
      args.addAll(List.of("--trajectories", "4096", "-o", out.toString()));
      InspectCommandTest.Run r = InspectCommandTest.run(args.toArray(String[]::new));
      assertEquals(Cli.USAGE_ERROR, r.exitCode(), String.join(" ", bad) + "\n" + r.out() + r.err());
      assertEquals(1, r.err().lines().filter(l -> !l.isBlank()).count(), r.err());
      assertTrue(r.err().startsWith("sgdmc: ") && r.err().contains("reshuffl"), r.err());
      assertFalse(r.err().contains("Exception"), r.err());
      assertFalse(Files.exists(out), String.join(" ", bad));
    }
  }
}
