package org.sgdmc.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The two quadrature rules on integrals with known values, singular ones included. */
class QuadratureTest {
  @Test
  void tanhSinhHandlesEndpointSingularitiesThroughTheDistancesItPasses() {
    Quadrature.Result inverseSqrt = Quadrature.tanhSinh((l, r) -> 1 / Math.sqrt(l), 0, 1, 1e-16, 1e-15);
    assertEquals(2.0, inverseSqrt.value(), 1e-14);
    assertEquals(-1.0, Quadrature.tanhSinh((l, r) -> Math.log(l), 0, 1, 1e-16, 1e-15).value(), 1e-14);
    // log singularities at both ends: int_0^2 log x + log(2 - x) dx = 4 log 2 - 4
    double both = Quadrature.tanhSinh((l, r) -> Math.log(l) + Math.log(r), 0, 2, 1e-16, 1e-15).value();
    assertEquals(4 * Math.log(2) - 4, both, 1e-14);
    // the singular end can be the right one
    assertEquals(2.0, Quadrature.tanhSinh((l, r) -> 1 / Math.sqrt(r), 5, 6, 1e-16, 1e-15).value(), 1e-14);
  }

  @Test
  void tanhSinhIntegratesSmoothFunctionsToRoundingAndReportsItsWork() {
    Quadrature.Result r = Quadrature.tanhSinh((l, rr) -> Math.exp(l), 0, 1, 1e-16, 1e-15);
    assertEquals(Math.E - 1, r.value(), 1e-15);
    assertTrue(r.errorEstimate() < 1e-14 && r.evaluations() > 0);
    assertEquals(0.0, Quadrature.tanhSinh((l, rr) -> 1, 3, 3, 1e-16, 1e-15).value());
    assertThrows(IllegalArgumentException.class, () -> Quadrature.tanhSinh((l, rr) -> 1, 1, 0, 1e-16, 0));
  }

  @Test
  void gaussLegendreRuleIsExactForPolynomialsUpToDegree39() {
    for (int degree = 0; degree <= 39; degree++) {
      int d = degree;
      double exact = 1.0 / (d + 1);
      assertEquals(exact, Quadrature.gaussLegendre(x -> Math.pow(x, d), 0, 1), 2e-16 * 40, "degree " + d);
    }
    // ... and not for an integrand with a kink: |x - 1/3| misses by far more than rounding.
    assertTrue(Math.abs(Quadrature.gaussLegendre(x -> Math.abs(x - 1.0 / 3), 0, 1) - 5.0 / 18) > 1e-6);
  }

  @Test
  void adaptiveGaussLegendreConvergesOnSingularIntegrandsBySubdivision() {
    assertEquals(2.0 / 3, Quadrature.adaptiveGaussLegendre(Math::sqrt, 0, 1, 1e-14, 10_000).value(), 1e-13);
    assertEquals(-1.0, Quadrature.adaptiveGaussLegendre(Math::log, 0, 1, 1e-14, 10_000).value(), 1e-13);
    Quadrature.Result r = Quadrature.adaptiveGaussLegendre(Math::cos, 0, 10, 1e-14, 10_000);
    assertEquals(Math.sin(10), r.value(), 1e-14);
    assertTrue(r.errorEstimate() <= 1e-14 && r.evaluations() > 0);
  }
}
