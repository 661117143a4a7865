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
      assertTrue(sgd.withReplacement(false));
    } finally {
      System.setErr(err);
    }
    assertTrue(buffer.toString().contains("--with-replacement has no effect"), buffer.toString());
  }

  @CommandLine.Command(name = "holder")
  static final class Holder {
    @CommandLine.Mixin final SgdMixin sgd;

    Holder(SgdMixin sgd) {
      this.sgd = sgd;
    }
  }
}
