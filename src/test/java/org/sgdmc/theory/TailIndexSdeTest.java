package org.sgdmc.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Gaussian factor c + d xi of the SDE model, and the additive-noise helpers. */
class TailIndexSdeTest {
  @Test
  void closedFormAgreesWithQuadratureInBothBranches() {
    // x = c^2 / (2 d^2) from 0 to 5e5: the Poisson mixture below max(50, p^2), the asymptotic series above.
    double[] cs = {0.0, 0.3, -0.9, 1.0, 2.5, -7.0};
    double[] ds = {0.001, 0.01, 0.2, 1.0, 3.0};
    double[] ps = {1e-3, 0.5, 1.0, 2.0, 3.7, 12.0, 60.0, 150.0};
    for (double c : cs) {
      for (double d : ds) {
        for (double p : ps) {
          double closed = NormalAbsMoments.logMoment(c, d, p);
          double quadrature = NormalAbsMoments.logMomentQuadrature(c, d, p);
          assertEquals(quadrature, closed, 1e-11 * Math.max(1, Math.abs(quadrature)),
              "c = " + c + ", d = " + d + ", p = " + p);
        }
      }
    }
  }

  @Test
  void closedFormReproducesTheKnownMoments() {
    for (double c : new double[] {0.0, 0.4, -1.3, 20.0}) {
      for (double d : new double[] {0.05, 0.7, 2.0}) {
        // E(c + dZ)^2 = c^2 + d^2; E(c + dZ)^4 = c^4 + 6 c^2 d^2 + 3 d^4 (both branches, whatever x is)
        assertEquals(Math.log(c * c + d * d), NormalAbsMoments.logMoment(c, d, 2), 1e-13);
        assertEquals(Math.log(c * c * c * c + 6 * c * c * d * d + 3 * d * d * d * d),
            NormalAbsMoments.logMoment(c, d, 4), 1e-13);
      }
    }
    // c = 0: E|dZ|^p = d^p 2^(p/2) Gamma((p+1)/2) / sqrt(pi); E|Z| = sqrt(2/pi)
    assertEquals(0.5 * Math.log(2 / Math.PI), NormalAbsMoments.logMoment(0, 1, 1), 1e-14);
    double p = 7.3;
    assertEquals(p * Math.log(0.6) + 0.5 * p * Math.log(2) + SpecialFunctions.logGamma(0.5 * (p + 1))
        - 0.5 * Math.log(Math.PI), NormalAbsMoments.logMoment(0, 0.6, p), 1e-13);
    assertEquals(3 * Math.log(0.5), NormalAbsMoments.logMoment(-0.5, 0, 3), 1e-15); // d = 0: |c|^p
    assertThrows(IllegalArgumentException.class, () -> NormalAbsMoments.logMoment(1, -1, 2));
  }

  @Test
  void sdeIndexIsTwoAtTheMeanSquareThresholdOfSgd() {
    // The SDE matches the mean and variance of SGD's factor, so E a^2 = (1 - lr m2)^2 + lr^2 Var q is SGD's:
    // alpha = 2 at the same lr_MS, for a stream and for finite data with or without replacement.
    double[] x = {0.3, -1.7, 0.9, 2.4, -0.05, 1.1};
    for (DataMoments data : new DataMoments[] {DataMoments.gaussian(), DataMoments.of(x, true),
        DataMoments.of(x, false)}) {
      for (int batch : new int[] {1, 2, 5}) {
        double lr = Linreg1dTheory.lrMeanSquare(data, batch);
        TailIndex t = TailIndexTheory.gaussianNoiseSde(lr, data, batch);
        assertEquals(2.0, t.index(), 1e-9, data + ", S = " + batch);
        assertEquals(Estimate.METHOD_CLOSED_FORM, t.method());
      }
    }
  }

  @Test
  void sdeIndexIsFourWhereTheFourthMomentIsOne() {
    double c = 0.6;
    // c^4 + 6 c^2 d^2 + 3 d^4 = 1, a quadratic in d^2
    double a = 3;
    double b = 6 * c * c;
    double cc = c * c * c * c - 1;
    double d2 = (-b + Math.sqrt(b * b - 4 * a * cc)) / (2 * a);
    TailIndex t = TailIndexTheory.gaussianFactor(c, Math.sqrt(d2));
    assertEquals(TailIndex.Regime.POWER_LAW, t.regime());
    assertEquals(4.0, t.index(), 1e-9);
    assertEquals(NormalLogAbs.expectedLogAbs(c, Math.sqrt(d2)), t.lyapunov().value());
  }

  @Test
  void sdeIsNotSgdAwayFromTheThreshold() {
    // Gaussian data, S = 1, lr = 1.2: SGD's factor 1 - lr x^2 is skewed, the SDE's is Gaussian with the same
    // two moments; their indices differ (both below 2, since lr > lr_MS = 2/3).
    DataMoments g = DataMoments.gaussian();
    double sgd = TailIndexTheory.linreg1dGaussian(1.2, 1).index();
    double sde = TailIndexTheory.gaussianNoiseSde(1.2, g, 1).index();
    assertTrue(sgd < 2 && sde < 2 && Math.abs(sgd - sde) > 0.05, "SGD " + sgd + ", SDE " + sde);
  }

  @Test
  void sdeRegimes() {
    // d = 0: a constant factor, light tail inside the unit interval, no stationary law outside
    assertEquals(TailIndex.Regime.LIGHT_TAIL, TailIndexTheory.gaussianFactor(0.5, 0).regime());
    assertEquals(TailIndex.Regime.NO_STATIONARY_LAW, TailIndexTheory.gaussianFactor(-1.5, 0).regime());
    // E log|c + d xi| >= 0 for large d
    TailIndex wide = TailIndexTheory.gaussianFactor(0.5, 3.0);
    assertTrue(wide.lyapunov().value() > 0);
    assertEquals(TailIndex.Regime.NO_STATIONARY_LAW, wide.regime());
    // the index falls as the noise grows
    double previous = Double.POSITIVE_INFINITY;
    for (double d = 0.05; d < 1.0; d += 0.1) {
      double alpha = TailIndexTheory.gaussianFactor(0.5, d).index();
      assertTrue(alpha < previous, "d = " + d);
      previous = alpha;
    }
  }

  @Test
  void additiveNoiseKeepsItsOwnTail() {
    // c = 1 - lr m2 = 0.5: a stable law's index passes through; Gaussian noise is light-tailed
    TailIndex stable = TailIndexTheory.stableAdditive(0.25, 2.0, 1.5);
    assertEquals(TailIndex.Regime.POWER_LAW, stable.regime());
    assertEquals(1.5, stable.index());
    assertEquals(Math.log(0.5), stable.lyapunov().value(), 1e-15);
    assertEquals(TailIndex.Regime.LIGHT_TAIL, TailIndexTheory.gaussianAdditive(0.25, 2.0).regime());
    // |c| >= 1: no stationary law, whatever the noise (lr m2 = 2 gives c = -1, Lambda = 0)
    assertEquals(TailIndex.Regime.NO_STATIONARY_LAW, TailIndexTheory.stableAdditive(1.0, 2.0, 1.5).regime());
    assertEquals(TailIndex.Regime.NO_STATIONARY_LAW, TailIndexTheory.gaussianAdditive(1.5, 2.0).regime());
    assertThrows(IllegalArgumentException.class, () -> TailIndexTheory.stableAdditive(0.1, 1.0, 2.5));
  }
}
