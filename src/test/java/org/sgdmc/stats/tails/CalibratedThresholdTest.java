package org.sgdmc.stats.tails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The calibrated threshold and its interval on laws with known tails: the cap, the clustered error, the refusal.
 * Tolerances are stated per check; seeds are fixed.
 */
class CalibratedThresholdTest {
  private static final TailFitOptions OPTIONS = TailFitOptions.defaults().withThreads(1).withBootstrap(0, 0.95, 1);

  @Test
  void theCapGrowsLikeTheSquareRootOfTheSampleAndFallsWithAlpha() {
    assertEquals(Math.pow(2, 14 - 1.5 * 2), CalibratedThreshold.cap(1 << 20, 2), 1);
    assertEquals(2 * CalibratedThreshold.cap(1 << 20, 3), CalibratedThreshold.cap(1 << 22, 3), 1);
    assertTrue(CalibratedThreshold.cap(1 << 20, 4) < CalibratedThreshold.cap(1 << 20, 3));
    // the sample size it takes for 64 points at the cautious alpha e^(2/8) alpha
    double n = CalibratedThreshold.samplesFor(4.45);
    assertEquals(64, CalibratedThreshold.cap((long) Math.ceil(n), 4.45 * Math.exp(0.25)), 1);
  }

  @Test
  void theNormalQuantileIsRight() {
    assertEquals(1.959963985, NormalQuantile.of(0.975), 1e-8);
    assertEquals(-2.575829304, NormalQuantile.of(0.005), 1e-8);
    assertEquals(0.0, NormalQuantile.of(0.5), 1e-15);
  }

  @Test
  void aParetoIndexIsCoveredAtTheCappedThreshold() {
    // a pure power law has no bias: the cap only costs precision. 40 samples of 2^16 at alpha 2: the interval covers
    // in 36..40 of them unless the 95% level is wrong (P(Bin(40, 0.05) > 4) = 0.05); measured on these seeds: 39
    int covered = 0;
    for (int seed = 0; seed < 40; seed++) {
      double[] x = Samples.pareto(1 << 16, 2, 500 + seed, true);
      TailInterval c = TailFitter.fit(x, x.length, OPTIONS).interval();
      assertTrue(c.given(), c.toString());
      assertTrue(c.k() <= c.kCap(), c.toString());
      // i.i.d.: alpha / sqrt(k) to first order; the sandwich's own relative spread is about sqrt(2/k) (the
      // fourth moment of an exponential), 7% at k = 400: allowed 25%
      double asymptotic = c.alpha() / Math.sqrt(c.k());
      assertEquals(asymptotic, c.stderr(), 0.25 * asymptotic, "i.i.d.: alpha / sqrt(k)");
      covered += c.contains(2) ? 1 : 0;
    }
    assertTrue(covered >= 36, covered + " of 40");
  }

  @Test
  void samplesOfOneTrajectoryCountOnceInTheError() {
    // every sample twice, the copies in one cluster: the same estimate, but half the information, so the error
    // is sqrt 2 times that of the samples taken as independent (to first order: exactly, as each cluster's
    // influence doubles and the log-excess sum doubles)
    double[] x = Samples.pareto(1 << 15, 1.5, 9, true);
    double[] twice = new double[2 * x.length];
    for (int i = 0; i < x.length; i++) {
      twice[i] = x[i];
      twice[x.length + i] = x[i];
    }
    TailSample independent = TailSample.prepare(twice, twice.length, OPTIONS);
    TailSample clustered = TailSample.prepare(twice, x.length, OPTIONS);
    int k = 400;
    double alpha = 1.5;
    double ratio = CalibratedThreshold.clusteredStderr(clustered, k, alpha)
        / CalibratedThreshold.clusteredStderr(independent, k, alpha);
    assertEquals(Math.sqrt(2), ratio, 1e-9);
  }

  @Test
  void aSampleTooSmallForItsIndexGetsNoIntervalAndSaysWhy() {
    // alpha 5 on 2^14 samples: the cap at the cautious alpha is far below 64 points
    double[] x = Samples.pareto(1 << 14, 5, 3, true);
    TailFit fit = TailFitter.fit(x, x.length, OPTIONS);
    TailInterval c = fit.interval();
    assertFalse(c.given());
    assertTrue(Double.isNaN(c.low()) && Double.isNaN(c.high()) && Double.isNaN(c.stderr()), c.toString());
    assertTrue(c.refusal().startsWith("no interval") && c.refusal().contains("samples"), c.refusal());
    assertFalse(c.contains(5));
    assertTrue(Double.isFinite(c.alpha()), "the estimate is still given: " + c);
  }
}
