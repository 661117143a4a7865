package org.sgdmc.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdmc.models.FeatureData;

/**
 * The closed forms of seed 004's linear SDE (1-D regression off interpolation, Gaussian data: m2 = 1, A = Var x^2 =
 * 2, C = sigma^2) against the general zero-flux density computed by quadrature, and the SDE's own tail index
 * against the limit of the Euler-Maruyama recursions' Kesten indices. Deterministic: tolerances are quadrature and
 * root-finding accuracy.
 */
class LinearSdeTest {
  static final double M2 = 1;
  static final double A = 2;

  @Test
  void zeroFluxDensityIsTheClosedFormAndHasItsSecondMoment() {
    for (double lrF : new double[] {0.1, 0.3, 0.25}) {
      double c = 0.49;
      ZeroFluxDensity p = ZeroFluxDensity.of(u -> M2 * u, u -> A * u * u + c, lrF, -400, 400, 800_001);
      double power = -1 - M2 / (lrF * A);
      double[] x = p.nodes();
      double[] d = p.density();
      double norm = d[x.length / 2] / Math.pow(c, power); // p(0) fixes the constant
      for (double u : new double[] {-3, -0.5, 0.2, 1.7, 10}) {
        int i = (int) Math.round((u + 400) / (x[1] - x[0]));
        assertEquals(norm * Math.pow(A * x[i] * x[i] + c, power), d[i], 2e-5 * d[i], "lr f = " + lrF + ", u = " + u);
      }
      assertEquals(0.5, p.cdf(0), 1e-9);
      double m2 = p.expectation(u -> u * u);
      assertEquals(LinearSde.secondMoment(M2, lrF, A, c), m2, 2e-3 * m2, "lr f = " + lrF);
      assertTrue(p.massNearEnds() < 1e-6);
    }
  }

  @Test
  void theSdesOwnTailIndexIsTheLimitOfEulerMaruyamasKestenIndexAtTheSchemesRate() {
    double lr = 0.6;
    double f = 1;
    double alphaSde = LinearSde.tailIndex(M2, lr * f, A);
    assertEquals(1 + 1 / 0.6, alphaSde, 1e-12);
    double previous = Double.NaN;
    for (int l : new int[] {16, 64, 256, 1024}) {
      double h = lr / l;
      TailIndex em = TailIndexTheory.gaussianFactor(1 - h * M2, lr * Math.sqrt(f * A / l));
      double gap = Math.abs(em.index() - alphaSde);
      if (!Double.isNaN(previous)) {
        // weak order 1: the gap shrinks like h, by 4 for each 4-fold l (within 10%: O(h^2) and root accuracy)
        assertEquals(4, previous / gap, 0.4, "l = " + l);
      }
      previous = gap;
    }
    assertTrue(previous < 2e-3, "l = 1024: " + previous);
  }

  @Test
  void kestensIndexOfSgdIsNotTheSdesEvenAtSmallLearningRates() {
    // no small-lr expansion joins them: SGD's index is set by rare batches with |1 - lr q| > 1 (q > 2 / lr), a
    // large deviation the SDE's Gaussian noise does not have; measured here, not assumed
    for (double lr : new double[] {0.6, 0.3, 0.1}) {
      double kesten = TailIndexTheory.linreg1d(lr, 1, new FeatureData.Gaussian(), true).index();
      double sde = LinearSde.tailIndex(M2, lr, A);
      assertTrue(Math.abs(kesten / sde - 1) > 0.1, "lr = " + lr + ": Kesten " + kesten + ", SDE " + sde);
    }
  }

  @Test
  void seedEquation29IsNotTheZeroFluxLaw() {
    double lrF = 0.3;
    double c = 1;
    ZeroFluxDensity zf = ZeroFluxDensity.of(u -> M2 * u, u -> A * u * u + c, lrF, -400, 400, 400_001);
    ZeroFluxDensity eq29 = ZeroFluxDensity.seedEquation29(u -> M2 * u, u -> A * u * u + c, lrF, -400, 400, 400_001);
    double m2zf = zf.expectation(u -> u * u);
    double m229 = eq29.expectation(u -> u * u);
    assertTrue(Math.abs(m229 / m2zf - 1) > 0.3, "eq. (29) " + m229 + " vs zero flux " + m2zf);
    // and (29) has a Gaussian tail where the zero-flux law has a power tail
    assertTrue(1 - eq29.cdf(4) < 1e-12, "eq. (29) P(u > 4) = " + (1 - eq29.cdf(4)));
    assertTrue(1 - zf.cdf(4) > 1e-5, "zero flux P(u > 4) = " + (1 - zf.cdf(4)));
  }

  @Test
  void eulerMaruyamaAtDtEqualToTheLearningRateHasSgdsSecondMoment() {
    // E u^2 of SGD: E b^2 / (1 - E a^2), E a^2 = (1 - lr m2)^2 + lr^2 f A, E b^2 = lr^2 f C
    double lr = 0.4, f = 0.5, c = 0.64;
    double sgd = lr * lr * f * c / (1 - ((1 - lr * M2) * (1 - lr * M2) + lr * lr * f * A));
    assertEquals(sgd, LinearSde.eulerSecondMoment(M2, lr, f, A, c, lr), 1e-14);
    assertTrue(LinearSde.secondMoment(M2, lr * f, A, c) < 0.9 * sgd);
  }
}
