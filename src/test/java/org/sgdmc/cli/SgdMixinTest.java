package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The sampling option says what it does, and says so when it does nothing. */
class SgdMixinTest {
  /** Old help: "without, as in an epoch", but batches are drawn afresh every step; there is no epoch. */
  @Test
  void theHelpDoesNotPromiseEpochs() {
    assertFalse(SgdMixin.SAMPLING.contains("as in an epoch"), SgdMixin.SAMPLING);
    assertTrue(SgdMixin.SAMPLING.contains("no epochs"), SgdMixin.SAMPLING);
  }

  /** Old code: --with-replacement with N = infinity was accepted and silently ignored. */
  @Test
  void anIgnoredWithReplacementIsSaid() {
    assertNotNull(SgdMixin.ignoredReplacement(true, false));
    assertNull(SgdMixin.ignoredReplacement(true, true));
    assertNull(SgdMixin.ignoredReplacement(false, false));
    SgdMixin sgd = new SgdMixin();
    new CommandLine(new Holder(sgd)).parseArgs("--lr", "0.5", "--with-replacement");
    java.io.PrintStream err = System.err;
    var buffer = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(buffer, true));
    try {
      assertTrue(sgd.sampling(false).withReplacement());
    } finally {
      System.setErr(err);
    }
    assertTrue(buffer.toString().contains("--with-replacement has no effect"), buffer.toString());
  }

  /**
   * Issue 15, item 5: the sweeps and {@code tails linear-d} took {@code --with-replacement} for a Gaussian stream
   * or two-point law (N = infinity) and silently ignored it (the old code prints no note); now each says so, as
   * {@code simulate} does, and says nothing where the data are finite.
   */
  @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir;

  @Test
  void theSweepsAndTailsLinearDSayWhenWithReplacementIsIgnored() {
    String note = "--with-replacement has no effect";
    String[][] ignored = {
      {"sweep", "linreg1d", "--lr", "0.5,1", "--trajectories", "64", "--steps", "10"},
      {"sweep", "saddle", "--data", "two-point", "--a", "-0.5", "--lr", "0.5,1", "--trajectories", "64", "--steps", "10"},
      {"sweep", "saddle", "--mu", "0.06", "--lr", "0.5,1", "--trajectories", "64", "--steps", "10"},
      {"sweep", "tails-linreg1d", "--lr", "0.5", "--trajectories", "64"},
      {"tails", "linear-d", "--dim", "2", "--lr", "0.3", "--trajectories", "64"},
    };
    int i = 0;
    for (String[] args : ignored) {
      InspectCommandTest.Run run = InspectCommandTest.run(withReplacement(args, "ignored" + i++));
      org.junit.jupiter.api.Assertions.assertEquals(0, run.exitCode(), String.join(" ", args) + ": " + run.err());
      assertTrue(run.err().contains(note), String.join(" ", args) + ": " + run.err());
    }
    InspectCommandTest.Run finite = InspectCommandTest.run(withReplacement(
        new String[] {"sweep", "linreg1d", "--lr", "0.5,1", "--n", "10", "--trajectories", "64", "--steps", "10"}, "finite"));
    assertFalse(finite.err().contains(note), finite.err());
  }

  private String[] withReplacement(String[] args, String name) {
    java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
    all.addAll(java.util.List.of("--with-replacement", "--out", dir.resolve(name + ".h5").toString()));
    return all.toArray(String[]::new);
  }

  @CommandLine.Command(name = "holder")
  static final class Holder {
    @CommandLine.Mixin final SgdMixin sgd;

    Holder(SgdMixin sgd) {
      this.sgd = sgd;
    }
  }
}
