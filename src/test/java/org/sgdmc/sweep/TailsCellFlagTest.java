package org.sgdmc.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdmc.theory.TailIndex;

/** A tails sweep flags the cells whose interval excludes the theory (old sweeps printed no such flag). */
class TailsCellFlagTest {
  static TailsCell cell(double lo, double hi, double theory, TailIndex.Regime regime, String refusal) {
    return new TailsCell((lo + hi) / 2, lo, hi, 0.95, 1.0, 2.0, -0.4, 1e-4, 0.0, theory, 0.0, -0.4, regime, 1000, 10,
        4096, 8, refusal);
  }

  @Test
  void theTheoryOutsideTheIntervalIsFlagged() {
    // The independent check's case: lr 0.5, S 1, theory 2.904, an interval [2.60, 2.85] below it.
    TailsCell below = cell(2.60, 2.85, 2.904, TailIndex.Regime.POWER_LAW, null);
    assertTrue(below.theoryOutsideInterval());
    assertEquals("theory OUTSIDE the interval", org.sgdmc.cli.SweepTailsCommand.status(below));
    assertTrue(cell(3.0, 3.2, 2.904, TailIndex.Regime.POWER_LAW, null).theoryOutsideInterval());
    TailsCell inside = cell(2.80, 3.00, 2.904, TailIndex.Regime.POWER_LAW, null);
    assertFalse(inside.theoryOutsideInterval());
    assertEquals("", org.sgdmc.cli.SweepTailsCommand.status(inside));
  }

  @Test
  void noFlagWithoutAnIntervalOrAPowerLaw() {
    assertFalse(cell(Double.NaN, Double.NaN, 2.9, TailIndex.Regime.POWER_LAW, null).theoryOutsideInterval());
    assertFalse(cell(2.0, 2.5, 2.9, TailIndex.Regime.POWER_LAW, "no stationary law").theoryOutsideInterval());
    assertFalse(cell(2.0, 2.5, Double.POSITIVE_INFINITY, TailIndex.Regime.LIGHT_TAIL, null).theoryOutsideInterval());
  }

  @Test
  void aRefusedIntervalIsSaidSoAndNeverFlagged() {
    // an index is reported (stationary law) but the sample is too small for an honest interval at this alpha
    TailsCell refused = new TailsCell(4.3, Double.NaN, Double.NaN, 0.95, 1.0, 3.9, -0.43, 1e-4, 0.0, 4.449, 0.0, -0.43,
        TailIndex.Regime.POWER_LAW, 1000, 10, 8192, 8, null);
    assertTrue(refused.reported());
    assertFalse(refused.intervalGiven());
    assertFalse(refused.theoryOutsideInterval());
    assertTrue(org.sgdmc.cli.SweepTailsCommand.status(refused).startsWith("no interval"),
        org.sgdmc.cli.SweepTailsCommand.status(refused));
    assertTrue(cell(2.80, 3.00, 2.904, TailIndex.Regime.POWER_LAW, null).intervalGiven());
  }
}
