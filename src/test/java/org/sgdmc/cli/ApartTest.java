package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The "stderr apart" beside an estimate is printed only where the standard error is not rounding. */
class ApartTest {
  @Test
  void aSamplingErrorGivesTheRatio() {
    assertEquals("   (2.0 stderr apart)", Apart.describe(-0.5, 0.001, -0.502, 0.0));
  }

  /** The case of the independent check: a standard error of 7e-17 turned a 2e-15 difference into "28.4 stderr". */
  @Test
  void aStandardErrorAtRoundingLevelGivesNoRatio() {
    String s = Apart.describe(-0.4054651081081644, 7e-17, -0.4054651081081624, 0.0);
    assertFalse(s.contains("stderr apart"), s);
    assertTrue(s.contains("equal up to rounding"), s);
    String far = Apart.describe(-0.40, 7e-17, -0.41, 0.0);
    assertTrue(far.contains("rounding level") && !far.contains("stderr apart"), far);
    assertEquals("", Apart.describe(Double.NEGATIVE_INFINITY, 0, -1, 0));
  }
}
