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

/**
 * {@code --sampling with|without|reshuffle}: {@code simulate linreg1d} reshuffles, says so, prints the epoch's
 * theory and stores the mode; every file stores its mode; {@code --with-replacement} still means
 * {@code --sampling with}; a command that cannot reshuffle, an unknown mode and a contradiction are one line
 * and exit 2, with no file written.
 */
class ReshuffleCliTest {
  @TempDir Path dir;

  @Test
  void linreg1dReshufflesAndStoresTheMode() {
    Path out = dir.resolve("r.h5");
    InspectCommandTest.Run r = InspectCommandTest.run("simulate", "linreg1d", "--lr", "0.8", "--batch", "3", "--n", "7",
        "--sampling", "reshuffle", "--trajectories", "256", "--steps", "40", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("reshuffled each epoch"), r.out());
    assertTrue(r.out().contains("2 batches an epoch, 1 point(s) left out of each"), r.out());
    assertTrue(r.out().contains("simulated"), r.out());
    assertTrue(r.out().contains("(over an epoch)"), r.out());
    HdfNode.Group f = ResultFileReader.read(out);
    assertEquals("reshuffle", f.group("/parameters").attribute("sampling").strings()[0]);
    assertTrue(f.dataset("/theory/log_variance_rate").value().isFloat());
    for (String[] mode : List.of(new String[] {"--with-replacement", "with_replacement"},
        new String[] {"--sampling=with", "with_replacement"}, new String[] {"--sampling=without", "without_replacement"})) {
      Path o = dir.resolve(mode[1] + mode[0].length() + ".h5");
      InspectCommandTest.Run w = InspectCommandTest.run("simulate", "linreg1d", "--lr", "0.8", "--batch", "3", "--n", "7",
          mode[0], "--trajectories", "64", "--steps", "10", "--out", o.toString());
      assertEquals(0, w.exitCode(), w.err());
      HdfNode.Group g = ResultFileReader.read(o);
      assertEquals(mode[1], g.group("/parameters").attribute("sampling").strings()[0], mode[0]);
    }
  }

  @Test
  void theSaddleReshufflesToo() {
    Path out = dir.resolve("sr.h5");
    InspectCommandTest.Run r = InspectCommandTest.run("simulate", "saddle", "--lr", "2.5", "--mu", "0.06", "--n", "8",
        "--batch", "2", "--sampling", "reshuffle", "--trajectories", "64", "--steps", "12", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("reshuffled each epoch") && r.out().contains("over whole epochs"), r.out());
    assertEquals("reshuffle", ResultFileReader.read(out).group("/parameters").attribute("sampling").strings()[0]);
  }

  /**
   * linear-d reshuffled: log|det| of an epoch's product is the sum of its batches' log|det M|, each batch alone
   * a uniform S-subset, so the sum of the exponents is E log|det M| without replacement (exact enumeration) by
   * linearity. N = 6, S = 2 (three batches an epoch), 8000 trajectories, T = 150: within 4 standard errors
   * (false failure 6e-5).
   */
  @Test
  void linearDReshufflesAndItsSumMatchesTheDeterminant() {
    Path out = dir.resolve("ld.h5");
    InspectCommandTest.Run r = InspectCommandTest.run("simulate", "linear-d", "--d", "2", "--k", "2", "--n", "6",
        "--lr", "0.5", "--batch", "2", "--sampling", "reshuffle", "--trajectories", "8000", "--steps", "150",
        "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("reshuffled each epoch"), r.out());
    HdfNode.Group f = ResultFileReader.read(out);
    assertEquals("reshuffle", f.group("/parameters").attribute("sampling").strings()[0]);
    double sum = f.dataset("/estimates/lyapunov_sum").value().doubles()[0];
    double se = f.dataset("/estimates/lyapunov_sum_stderr").value().doubles()[0];
    double det = f.dataset("/theory/log_det_mean").value().doubles()[0];
    assertEquals(det, sum, 4 * se, r.out());
  }

  @Test
  void anotherModelStoresItsModeToo() {
    Path out = dir.resolve("s.h5");
    InspectCommandTest.Run r = InspectCommandTest.run("simulate", "saddle", "--lr", "2.5", "--mu", "0.06", "--n", "4",
        "--batch", "2", "--sampling", "with", "--trajectories", "64", "--steps", "10", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("with_replacement", ResultFileReader.read(out).group("/parameters").attribute("sampling").strings()[0]);
  }

  @Test
  void badSamplingIsOneLineAndExitCodeTwo() {
    Path out = dir.resolve("bad.h5");
    for (String[] bad : List.of(
        new String[] {"simulate", "linreg1d", "--lr", "0.5", "--n", "7", "--sampling", "sideways"},
        new String[] {"simulate", "linreg1d", "--lr", "0.5", "--n", "7", "--sampling", "reshuffle", "--with-replacement"},
        new String[] {"simulate", "linreg1d", "--lr", "0.5", "--n", "3", "--batch", "4", "--sampling", "reshuffle"},
        new String[] {"simulate", "linear-d", "--lr", "0.3", "--d", "2", "--n", "4", "--batch", "5", "--sampling",
            "reshuffle"})) {
      List<String> args = new java.util.ArrayList<>(List.of(bad));
      args.addAll(List.of("--trajectories", "64", "--steps", "10", "--out", out.toString()));
      InspectCommandTest.Run r = InspectCommandTest.run(args.toArray(String[]::new));
      assertEquals(Cli.USAGE_ERROR, r.exitCode(), String.join(" ", bad) + "\n" + r.out() + r.err());
      assertEquals(1, r.err().lines().filter(l -> !l.isBlank()).count(), r.err());
      assertTrue(r.err().startsWith("sgdmc: "), r.err());
      assertFalse(r.err().contains("Exception"), r.err());
      assertFalse(Files.exists(out), String.join(" ", bad));
    }
  }

  /** Old code: the help promised no epochs and offered only --with-replacement. */
  @Test
  void theHelpOffersReshuffling() {
    InspectCommandTest.Run r = InspectCommandTest.run("simulate", "linreg1d", "--help");
    assertTrue(r.out().contains("--sampling=MODE"), r.out());
    assertTrue(r.out().replaceAll("\\s+", " ").contains("a random permutation per epoch"), r.out());
  }
}
