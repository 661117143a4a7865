package org.sgdmc.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Log-scale integrals of single-peaked integrands far outside the double range. */
class PeakQuadratureTest {
  @Test
  void gammaIntegralsInLogsForHugeExponents() {
    // int_0^inf x^a e^-x dx = Gamma(a + 1): the integrand peaks at x = a with width sqrt(a); for a = 1000 its
    // value there is e^5900, far beyond the largest double.
    for (double a : new double[] {0.5, 3, 40, 1000}) {
      PeakQuadrature.LogValue v = PeakQuadrature.integrate(x -> a * Math.log(x) - x, 0, Double.POSITIVE_INFINITY,
          new PeakQuadrature.Peak(a, Math.sqrt(a), Math.sqrt(a)), false, 1e-14);
      assertEquals(SpecialFunctions.logGamma(a + 1), v.log(), 1e-13 * Math.max(1, v.log()), "a = " + a);
      assertTrue(v.relativeError() < 1e-12, "a = " + a + ": " + v);
    }
  }

  @Test
  void endpointSingularityAndZero() {
    // int_0^1 x^(-1/2) (1 - x)^(1/3) dx = B(1/2, 4/3): singular at 0, a zero with infinite slope at 1
    double beta = SpecialFunctions.logGamma(0.5) + SpecialFunctions.logGamma(4.0 / 3) - SpecialFunctions.logGamma(
        0.5 + 4.0 / 3);
    PeakQuadrature.LogValue v = PeakQuadrature.integrate(x -> -0.5 * Math.log(x) + Math.log1p(-x) / 3, 0, 1,
        new PeakQuadrature.Peak(0, 0.2, 0.2), true, 1e-14);
    assertEquals(beta, v.log(), 1e-13);
  }

  @Test
  void locateFindsThePeakAndItsHalfWidths() {
    // phi = -(x - 3)^2 / 2: peak 3, phi = -1/2 at distance 1
    PeakQuadrature.Peak p = PeakQuadrature.locate(x -> -0.5 * (x - 3) * (x - 3), 0, Double.POSITIVE_INFINITY, 0.5,
        0.1);
    assertEquals(3.0, p.mode(), 1e-3);
    assertEquals(1.0, p.leftWidth(), 1e-2);
    assertEquals(1.0, p.rightWidth(), 1e-2);
    // the peak at the end of the interval
    PeakQuadrature.Peak end = PeakQuadrature.locate(x -> -x, 0, 10, 5, 1);
    assertEquals(0.0, end.mode(), 1e-3);
    assertTrue(end.rightWidth() > 0.4 && end.rightWidth() < 0.6);
  }

  @Test
  void productWithASignChangingFactor() {
    // E log(x) for x ~ Exp(1) = -gamma_E: weight e^-x, factor log x (singular at 0, negative then positive)
    Quadrature.Result r = PeakQuadrature.integrateProduct(x -> -x, Math::log, 0, Double.POSITIVE_INFINITY,
        new PeakQuadrature.Peak(0, 1, 1), false, 1e-14, 1);
    assertEquals(-0.57721566490153286, r.value(), 1e-13);
  }
}
