package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.io.ResultFileReader;

/**
 * {@code --sampling reshuffle} in the two-layer nets ({@code simulate tanh2 | swish2}, {@code scan}), in two-timescale SGD
 * (simulate and sweep) and in logistic1d ({@code sde stationary --model logistic1d}):
 * each run reshuffles, says so with what its theory keeps and what it does not, and stores
 * {@code /parameters@sampling = reshuffle}; a batch larger than the data is one line and exit 2. On the old code
 * these commands refused {@code --sampling reshuffle}.
 */
class ReshuffleMoreModelsCliTest {
  @TempDir Path dir;

  @Test
  void theNetsReshuffleAndStoreTheMode() {
    for (String net : new String[] {"tanh2", "swish2"}) {
      Path out = dir.resolve(net + ".h5");
      InspectCommandTest.Run r = InspectCommandTest.run("simulate", net, "--lr", "0.3", "--n", "9", "--batch", "2",
          "--sampling", "reshuffle", "--trajectories", "64", "--steps", "40", "--threads", "1", "--n-test", "50",
          "-o", out.toString());
      assertEquals(0, r.exitCode(), r.err());
      assertTrue(r.out().contains("S=2 reshuffled each epoch"), r.out());
      assertTrue(r.out().contains("the saddle exponents and intervals are those without replacement"), r.out());
      assertEquals("reshuffle", ResultFileReader.read(out).group("/parameters").attribute("sampling").strings()[0]);
    }
  }

  /** A scan's point is the simulate run at its learning rate, reshuffled with the same permutations. */
  @Test
  void aScanPointIsTheReshuffledSimulateRun() {
    String[] common = {"--n", "9", "--batch", "2", "--sampling", "reshuffle", "--trajectories", "64", "--steps", "40",
        "--threads", "1", "--n-test", "50"};
    Path scan = dir.resolve("scan.h5"), one = dir.resolve("one.h5");
    InspectCommandTest.Run r = InspectCommandTest.run(cat(new String[] {"scan", "tanh2", "--lr", "0.2:0.3:2", "-o",
        scan.toString()}, common));
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("reshuffled each epoch: the saddle exponents and intervals are those without"), r.out());
    assertEquals("reshuffle", ResultFileReader.read(scan).group("/parameters").attribute("sampling").strings()[0]);
    InspectCommandTest.Run s = InspectCommandTest.run(cat(new String[] {"simulate", "tanh2", "--lr", "0.3", "-o",
        one.toString()}, common));
    assertEquals(0, s.exitCode(), s.err());
    double[] scanned = ResultFileReader.read(scan).dataset("/estimates/mean_test_loss").value().doubles();
    double simulated = ResultFileReader.read(one).dataset("/estimates/mean_test_loss").value().doubles()[0];
    assertEquals(simulated, scanned[1], 0.0, "the scan's lr = 0.3 point against simulate tanh2 --lr 0.3");
    assertTrue(scanned[0] != scanned[1], "the two learning rates gave the same test loss");
  }

  private static String[] cat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void twoTimescaleSimulateAndSweepReshuffle() {
    Path one = dir.resolve("tt.h5");
    InspectCommandTest.Run r = InspectCommandTest.run("simulate", "two-timescale", "--lr", "0.05", "--eps", "0.5",
        "--n", "20", "--fast-dim", "4", "--slow-dim", "2", "--batch", "3", "--sampling", "reshuffle",
        "--trajectories", "64", "--steps", "200", "-o", one.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("SGD S=3 reshuffled each epoch"), r.out());
    assertTrue(r.out().contains("6 batches an epoch, 2 point(s) left out of each"), r.out());
    assertEquals("reshuffle", ResultFileReader.read(one).group("/parameters").attribute("sampling").strings()[0]);

    Path sweep = dir.resolve("tts.h5");
    InspectCommandTest.Run s = InspectCommandTest.run("sweep", "two-timescale", "--lr", "0.05,0.1", "--eps", "0.5,1",
        "--n", "20", "--fast-dim", "4", "--slow-dim", "2", "--batch", "4", "--sampling", "reshuffle", "--multiples", "2",
        "--trajectories", "64", "-o", sweep.toString());
    assertEquals(0, s.exitCode(), s.err());
    assertTrue(s.out().contains("5 batches an epoch, 0 point(s) left out of each"), s.out());
    assertEquals("reshuffle", ResultFileReader.read(sweep).group("/parameters").attribute("sampling").strings()[0]);
  }

  @Test
  void logisticRegressionReshufflesAndSaysTheSdeIsNotItsTheory() {
    Path out = dir.resolve("l.h5");
    InspectCommandTest.Run r = InspectCommandTest.run("sde", "stationary", "--model", "logistic1d", "--n", "20",
        "--lr", "0.5", "--batch", "3", "--l", "1", "--sampling", "reshuffle", "--trajectories", "2048",
        "--samples-per-trajectory", "4", "--bootstrap", "20", "-o", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("batches reshuffled each epoch"), r.out());
    assertTrue(r.out().contains("no theory here models SGD reshuffled each epoch"), r.out());
    assertEquals("reshuffle", ResultFileReader.read(out).group("/parameters").attribute("sampling").strings()[0]);
  }

  /** Old code: sde stationary had no --sampling; the nets' and two-timescale's help offers the shared text. */
  @Test
  void theHelpOffersReshuffling() {
    for (String[] cmd : new String[][] {{"sde", "stationary", "--help"}, {"simulate", "tanh2", "--help"},
        {"simulate", "two-timescale", "--help"}, {"sweep", "two-timescale", "--help"}, {"scan", "tanh2", "--help"}}) {
      String help = InspectCommandTest.run(cmd).out().replaceAll("\\s+", " ");
      assertTrue(help.contains("--sampling=MODE") && help.contains("a random permutation per epoch"),
          String.join(" ", cmd) + ":\n" + help);
    }
  }

  @Test
  void aBatchLargerThanTheDataIsRefused() {
    Refusals.assertEachRefused(dir, new String[] {"simulate", "tanh2", "--lr", "0.3", "--n", "5"},
        new String[][] {{"--batch", "6", "--sampling", "reshuffle"}},
        new String[] {"batch size 6 exceeds the 5 data points (reshuffling)"}, "--trajectories", "16", "--steps", "5");
    Refusals.assertEachRefused(dir, new String[] {"simulate", "two-timescale", "--lr", "0.02", "--eps", "0.1"},
        new String[][] {{"--batch", "101", "--sampling", "reshuffle"}}, new String[] {"(reshuffling)"},
        "--trajectories", "16", "--steps", "5");
    Refusals.assertEachRefused(dir, new String[] {"sde", "stationary", "--lr", "0.5"},
        new String[][] {{"--model", "logistic1d", "--n", "5", "--batch", "6", "--sampling", "reshuffle"},
            {"--model", "logistic1d", "--n", "5", "--sampling", "sideways"}, {"--sampling", "reshuffle"}},
        new String[] {"batch size 6 exceeds the 5 data points (reshuffling)", "is none of", "N = infinity"},
        "--trajectories", "2048", "--samples-per-trajectory", "4");
  }
}
