package org.sgdmc.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link EventTimes}: counts, the never-reached fraction, the mean of the reached, quantiles that fall among the
 * never-reached as +inf, histograms that add exactly on merge. {@link PowerLawFit}: an exact power law gives its
 * exponent; noisy points give an interval that covers the true exponent (checked over 200 fits at the 95% level:
 * the count of misses is Binomial(200, 0.05), and more than 22 misses has probability below 1e-3).
 */
class EventTimesAndPowerLawFitTest {

  @Test
  void eventTimesSummariseReachedAndNeverReached() {
    EventTimes a = new EventTimes(), b = new EventTimes();
    double[] times = {0, 1, 10, 10, 100, 1000, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    for (int i = 0; i < times.length; i++) {
      (i % 2 == 0 ? a : b).add(times[i]);
    }
    a.merge(b);
    EventTimes.Summary s = a.summary(new double[] {0.0, 0.5, 0.9});
    assertEquals(8, s.count());
    assertEquals(0.25, s.fractionNever());
    assertEquals((0 + 1 + 10 + 10 + 100 + 1000) / 6.0, s.mean().value(), 1e-12);
    assertEquals(0.0, s.quantiles()[0], 1.0 / LogHistogram.SUB_BINS, "within the histogram's resolution");
    assertEquals(Double.POSITIVE_INFINITY, s.quantiles()[2], "the 90% level lies among the never-reached");
    long total = 0;
    for (long c : s.histogram()) {
      total += c;
    }
    assertEquals(6, total, "the histogram holds the reached ones");
    assertEquals(1, s.histogram()[0], "t = 0 in bin 0");
    assertEquals(2, s.histogram()[1 + EventTimes.BINS_PER_DECADE], "t = 10 at the start of the second decade");
    assertThrows(IllegalArgumentException.class, () -> a.add(-1));
    assertThrows(IllegalArgumentException.class, () -> a.add(Double.NaN));
  }

  @Test
  void anExactPowerLawGivesItsExponent() {
    double[] x = {1e-3, 1e-2, 1e-1, 1}, y = new double[4], err = new double[4];
    for (int i = 0; i < 4; i++) {
      y[i] = 2.5 * Math.pow(x[i], -1.0);
      err[i] = 0.01 * y[i];
    }
    PowerLawFit f = PowerLawFit.fit(x, y, err);
    assertEquals(-1.0, f.exponent(), 1e-12);
    assertEquals(2.5, f.prefactor(), 1e-9);
    assertTrue(f.covers(-1));
    assertArrayEquals(new double[] {4}, new double[] {f.points()});
  }

  @Test
  void intervalsOfNoisyFitsCoverTheTrueExponentAtTheirLevel() {
    SplittableRandom rng = new SplittableRandom(12);
    int misses = 0;
    for (int trial = 0; trial < 200; trial++) {
      double[] x = {0.01, 0.03, 0.1, 0.3, 1}, y = new double[5], err = new double[5];
      for (int i = 0; i < 5; i++) {
        double rel = 0.05;
        y[i] = 3 * Math.pow(x[i], 0.7) * Math.exp(rel * rng.nextGaussian());
        err[i] = rel * y[i];
      }
      misses += PowerLawFit.fit(x, y, err).covers(0.7) ? 0 : 1;
    }
    assertTrue(misses <= 22, misses + " of 200 intervals missed");
  }
}
