package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.io.ResultFileReader;

/**
 * {@code --sampling reshuffle} in the seed-001 grokking models (issue 15 item 2): {@code simulate} and {@code sweep}
 * of grok-linreg and grok-diag, fixed and per-trajectory datasets, and {@code sweep grok-signature}. Each run
 * reshuffles, says so with its epochs, what its theory keeps and what is GD's alone, and stores {@code
 * /parameters@sampling = reshuffle}; a batch larger than the data is one line and exit 2. On the old code these
 * commands refused {@code --sampling reshuffle}.
 */
class ReshuffleGrokCliTest {
  @TempDir Path dir;

  private static final String[] SMALL = {"--trajectories", "64", "--threads", "1"};

  @Test
  void simulateGrokLinregReshufflesOnAFixedDatasetAndOnOnePerTrajectory() {
    for (String dataset : new String[] {"fixed", "per-trajectory"}) {
      Path out = dir.resolve("linreg-" + dataset + ".h5");
      InspectCommandTest.Run r = run(out, "simulate", "grok-linreg", "--lr", "0.05", "--lambda", "0.05", "--batch",
          "3", "--sampling", "reshuffle", "--steps", "200", "--dataset", dataset);
      assertEquals(0, r.exitCode(), r.err());
      assertTrue(r.out().contains("SGD S=3 reshuffled each epoch"), r.out());
      assertTrue(r.out().contains("3 batch(es) an epoch, 1 point(s) left out of each"), r.out());
      assertTrue(r.out().contains("exact under any sampling: P_perp w_k = (1 - eta lambda)^k P_perp w_0"), r.out());
      assertTrue(r.out().contains("GD only"), r.out());
      assertEquals("reshuffle", sampling(out));
    }
  }

  @Test
  void simulateGrokDiagReshufflesAndStillReportsTheDistanceToTheMinimumL1Interpolant() {
    for (String dataset : new String[] {"fixed", "per-trajectory"}) {
      Path out = dir.resolve("diag-" + dataset + ".h5");
      InspectCommandTest.Run r = run(out, "simulate", "grok-diag", "--lr", "0.05", "--lambda", "0.05", "--batch", "3",
          "--sampling", "reshuffle", "--steps", "400", "--dataset", dataset); // n = 20 by default
      assertEquals(0, r.exitCode(), r.err());
      assertTrue(r.out().contains("SGD S=3 reshuffled each epoch"), r.out());
      assertTrue(r.out().contains("6 batch(es) an epoch, 2 point(s) left out of each"), r.out());
      assertTrue(r.out().contains("|beta_T - beta_l1|: median"), r.out());
      assertEquals("reshuffle", sampling(out));
    }
  }

  @Test
  void aReshuffledRunAtSEqualsNSaysItIsGradientDescentUpToTheOrderOfItsSums() {
    Path out = dir.resolve("n.h5");
    InspectCommandTest.Run r = run(out, "simulate", "grok-linreg", "--lr", "0.05", "--lambda", "0.05", "--batch", "10",
        "--sampling", "reshuffle", "--steps", "200");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("full batch S=10 reshuffled each epoch (GD up to the order of each step's sum)"),
        r.out());
    assertTrue(r.out().contains("1 batch(es) an epoch, 0 point(s) left out of each"), r.out());
  }

  @Test
  void theSweepsReshuffle() {
    Path linreg = dir.resolve("sl.h5"), own = dir.resolve("so.h5");
    InspectCommandTest.Run a = run(linreg, "sweep", "grok-linreg", "--lr", "0.05", "--lambda", "0.05,0.1",
        "--drift-multiples", "1", "--batch", "3", "--sampling", "reshuffle");
    assertEquals(0, a.exitCode(), a.err());
    assertTrue(a.out().contains("SGD S=3 reshuffled each epoch") && a.out().contains("theory kept"), a.out());
    assertEquals("reshuffle", sampling(linreg));
    // grok-diag with a dataset per trajectory (its fixed-data sweep shares the model and the file writer)
    InspectCommandTest.Run c = run(own, "sweep", "grok-diag", "--lr", "0.05", "--lambda", "0.05,0.1",
        "--drift-multiples", "1", "--batch", "4", "--sampling", "reshuffle", "--dataset", "per-trajectory");
    assertEquals(0, c.exitCode(), c.err());
    assertTrue(c.out().contains("SGD S=4 reshuffled each epoch") && c.out().contains("5 batch(es) an epoch"), c.out());
    assertEquals("reshuffle", sampling(own));
  }

  @Test
  void theSignatureSweepReshuffles() {
    Path out = dir.resolve("sig.h5");
    InspectCommandTest.Run r = run(out, "sweep", "grok-signature", "--lr", "0.05", "--lambda", "0.05", "--window",
        "20", "--steps", "300", "--bootstrap", "20", "--batch", "3", "--sampling", "reshuffle");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("3 batch(es) an epoch, 1 point(s) left out of each"), r.out());
    assertEquals("reshuffle", sampling(out));
  }

  @Test
  void aBatchLargerThanTheDataIsRefusedInOneLine() {
    String[] bad = {"--batch", "11", "--sampling", "reshuffle"}; // --n 10 by default (grok-diag: 20)
    String[] badDiag = {"--batch", "21", "--sampling", "reshuffle"};
    for (String dataset : new String[] {"fixed", "per-trajectory"}) {
      Refusals.assertEachRefused(dir, new String[] {"simulate", "grok-linreg", "--lr", "0.05", "--lambda", "0.05",
          "--dataset", dataset}, new String[][] {bad}, new String[] {"1..10 (reshuffling"}, "--trajectories", "16",
          "--steps", "5");
      Refusals.assertEachRefused(dir, new String[] {"simulate", "grok-diag", "--lr", "0.05", "--lambda", "0.05",
          "--dataset", dataset}, new String[][] {badDiag}, new String[] {"1..20 (reshuffling"}, "--trajectories", "16",
          "--steps", "5");
    }
    Refusals.assertEachRefused(dir, new String[] {"sweep", "grok-linreg", "--lr", "0.05", "--lambda", "0.05,0.1"},
        new String[][] {bad}, new String[] {"1..10 (reshuffling"}, "--trajectories", "16");
  }

  private InspectCommandTest.Run run(Path out, String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + SMALL.length + 2);
    System.arraycopy(SMALL, 0, all, args.length, SMALL.length);
    all[all.length - 2] = "-o";
    all[all.length - 1] = out.toString();
    return InspectCommandTest.run(all);
  }

  private static String sampling(Path file) {
    return ResultFileReader.read(file).group("/parameters").attribute("sampling").strings()[0];
  }
}
