package org.sgdmc.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link OffsetPowerLawFit} recovers a known law: exactly from exact data, and within its profile interval from
 * noisy data. The noisy check uses the 4-sigma profile threshold (q = 16), so its false-failure probability is about
 * 6e-5 for a random seed.
 */
class OffsetPowerLawFitTest {
  static final double[] R = {0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.65, 0.8};

  @Test
  void exactDataGiveTheLawBack() {
    double[] y = new double[R.length], e = new double[R.length];
    for (int i = 0; i < R.length; i++) {
      y[i] = 30 * Math.pow(R[i], -1.7) + 200;
      e[i] = 1;
    }
    OffsetPowerLawFit f = OffsetPowerLawFit.fit(R, y, e);
    assertEquals(1.7, f.gamma(), 1e-6);
    assertEquals(30, f.a(), 1e-4);
    assertEquals(200, f.b(), 1e-3);
    assertEquals(0, f.chi2(), 1e-6);
  }

  @Test
  void noisyDataLieWithinTheProfileInterval() {
    SplittableRandom rng = new SplittableRandom(3);
    double[] y = new double[R.length], e = new double[R.length];
    for (int i = 0; i < R.length; i++) {
      double truth = 30 * Math.pow(R[i], -1.7) + 200;
      e[i] = 0.02 * truth;
      y[i] = truth + e[i] * AurocTest.gaussian(rng);
    }
    OffsetPowerLawFit f = OffsetPowerLawFit.fit(R, y, e);
    double[] four = f.interval(16);
    assertTrue(four[0] <= 1.7 && 1.7 <= four[1], f.gamma() + " in " + four[0] + ".." + four[1]);
    double[] ci = f.interval95();
    assertTrue(ci[0] < f.gamma() && f.gamma() < ci[1] && ci[1] - ci[0] < four[1] - four[0]);
    assertThrows(IllegalArgumentException.class, () -> OffsetPowerLawFit.fit(new double[] {1, 2}, new double[] {1, 2},
        new double[] {1, 1}));
  }
}
