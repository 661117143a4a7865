package org.sgdmc.stats.tails;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The log-binned survival function. */
class CcdfTest {
  private static final TailFitOptions OPTIONS = TailFitOptions.defaults();

  @Test
  void matchesTheParetoSurvivalFunctionWithinBinomialError() {
    // P(|X| >= x) = x^-1.5 for x >= 1. Each point is a binomial proportion of n; within 5 of its standard
    // errors (two-sided normal tail 5.7e-7) at each of about 90 points: false failure below 6e-5. Points
    // with fewer than 30 samples above are left out of the comparison (the normal approximation).
    int n = 200_000;
    TailSample s = TailSample.prepare(Samples.pareto(n, 1.5, 61, true), n, OPTIONS);
    Ccdf ccdf = Ccdf.of(s, 20);
    assertTrue(ccdf.x().length > 60, "" + ccdf.x().length);
    for (int j = 0; j < ccdf.x().length; j++) {
      double p = Math.min(1, Math.pow(ccdf.x()[j], -1.5));
      if (p * n < 30) {
        continue;
      }
      double se = Math.sqrt(p * (1 - p) / n);
      assertEquals(p, ccdf.survival()[j], 5 * se + 1e-12, "x = " + ccdf.x()[j]);
      assertEquals(s.countAtLeast(ccdf.x()[j]) / (double) n, ccdf.survival()[j], 0);
    }
  }

  @Test
  void isStrictlyDecreasingOnLogSpacedPointsAndSkipsEmptyStretches() {
    int n = 50_000;
    TailSample s = TailSample.prepare(Samples.cauchy(n, 9), n, OPTIONS);
    Ccdf ccdf = Ccdf.of(s, 20);
    for (int j = 1; j < ccdf.x().length; j++) {
      assertTrue(ccdf.x()[j] > ccdf.x()[j - 1]);
      assertTrue(ccdf.survival()[j] < ccdf.survival()[j - 1]);
      double decades = 20 * Math.log10(ccdf.x()[j]);
      assertEquals(Math.rint(decades), decades, 1e-9, "x on the grid 10^(j/20)");
    }
    assertTrue(ccdf.count()[ccdf.count().length - 1] >= 1);
    // a gap: values 1 and 1000 only; points between 1 and 1000 carry no new information and are left out
    double[] gap = new double[100];
    for (int i = 0; i < 100; i++) {
      gap[i] = i < 60 ? 1.0 : 1000.0;
    }
    Ccdf g = Ccdf.of(TailSample.prepare(gap, 100, OPTIONS.withKRange(2, 0)), 10);
    assertArrayEquals(new double[] {1.0, 1.2589254117941673}, new double[] {g.x()[0], g.x()[1]});
    assertArrayEquals(new double[] {1.0, 0.4}, g.survival());
    assertArrayEquals(new int[] {100, 40}, g.count());
  }
}
