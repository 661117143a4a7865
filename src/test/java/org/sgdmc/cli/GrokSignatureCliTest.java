package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sweep grok-signature}: bad input is one line and exit 2 with no file; a small grid runs and prints every
 * feature's AUROC.
 */
class GrokSignatureCliTest {
  @TempDir Path dir;

  @Test
  void badInputIsOneLineAndExitTwo() {
    String[][] bad = {
      {"--lr", "0.1", "--lambda", "0.01", "--window", "2"},
      {"--lr", "0.1", "--lambda", "0.01", "--window", "400", "--steps", "400"},
      {"--lr", "0.1", "--lambda", "0.01", "--model", "relu"},
      {"--lr", "0.1", "--lambda", "0.01,-1"},
      {"--lr", "0.05,-0.1", "--lambda", "0.01"},
      {"--lr", "0.1", "--lambda", "0.01", "--bootstrap", "0"},
      {"--lr", "1", "--lambda", "0.01"},
      {"--lr", "0.1", "--lambda", "0.01", "--model", "diag", "--k", "0"},
    };
    String[] says = {"--window", "--steps", "--model", "lambda", "--lr", "--bootstrap", "diverges", "--k"};
    Refusals.assertEachRefused(dir, new String[] {"sweep", "grok-signature"}, bad, says, "--trajectories", "64");
  }

  @Test
  void badFractionInputIsOneLineAndExitTwo() {
    String[][] bad = {
      {"--lr", "0.1", "--lambda", "0", "--n", "4,8"},
      {"--lr", "0.1", "--lambda", "0.01", "--n", "4,40"},
      {"--lr", "0.1", "--lambda", "0.01", "--n", "4,x"},
      {"--lr", "1", "--lambda", "0.01", "--n", "4,8"},
    };
    String[] says = {"--lambda", "--n", "--n", "diverges"};
    Refusals.assertEachRefused(dir, new String[] {"sweep", "grok-fraction"}, bad, says, "--trajectories", "64");
  }

  @Test
  void aSmallGridRunsAndReportsEveryFeature() {
    Path out = dir.resolve("sig.h5");
    InspectCommandTest.Run r = InspectCommandTest.run("sweep", "grok-signature", "--lr", "0.05,0.1", "--lambda",
        "0.01,0.05", "--trajectories", "64", "--window", "50", "--steps", "1500", "--bootstrap", "50", "-o",
        out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(Files.exists(out));
    for (String f : org.sgdmc.stats.SpectralSignature.NAMES) {
      assertTrue(r.out().contains("AUROC " + f), r.out());
    }
    assertTrue(r.out().contains("lead time T-K=1450"), r.out());
  }
}
