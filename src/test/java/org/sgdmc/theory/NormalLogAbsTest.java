package org.sgdmc.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code g(r) = E log|r + Z|} and {@code E log|c + d Z|}: the inner integral of the saddle's Gaussian theory. */
class NormalLogAbsTest {

  /** Direct quadrature of {@code phi(z) log|r + z|}, split at the singular point z = -r. */
  private static double gByQuadrature(double r) {
    java.util.function.DoubleUnaryOperator f =
        z -> Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) * Math.log(Math.abs(r + z));
    double sum = 0;
    java.util.TreeSet<Double> set = new java.util.TreeSet<>(java.util.List.of(-40.0, -4.0, 0.0, 4.0, 40.0));
    for (double c : new double[] {-r - 1, -r, -r + 1}) {
      if (c > -40 && c < 40) {
        set.add(c + 0.0); // -0.0 + 0.0 is 0.0: no empty piece between -0.0 and 0.0
      }
    }
    Double[] cuts = set.toArray(new Double[0]);
    for (int i = 0; i + 1 < cuts.length; i++) {
      Quadrature.Result q = Quadrature.adaptiveGaussLegendre(f, cuts[i], cuts[i + 1], 1e-15, 20000);
      assertTrue(q.errorEstimate() < 1e-13, "reference quadrature at r = " + r + ": " + q);
      sum += q.value();
    }
    return sum;
  }

  @Test
  void tableSeriesAndAsymptoticsAgreeWithDirectQuadrature() {
    double worst = 0;
    for (double r = 0; r <= 14; r += 0.173) {
      double direct = gByQuadrature(r);
      worst = Math.max(worst, Math.abs(NormalLogAbs.g(r) - direct));
      if (r < NormalLogAbs.ASYMPTOTIC_FROM) {
        assertEquals(direct, NormalLogAbs.gSeries(r), 2e-14, "series at r = " + r);
      }
    }
    // observed 1.3e-14 (the table's rounding)
    assertTrue(worst < 5e-14, "worst |g - quadrature| = " + worst);
  }

  @Test
  void knownValuesAndSymmetry() {
    // E log|Z| = -(gamma_E + log 2) / 2
    assertEquals(-0.5 * (Reference.EULER_GAMMA + Math.log(2)), NormalLogAbs.gSeries(0), 1e-16);
    assertEquals(-0.5 * (Reference.EULER_GAMMA + Math.log(2)), NormalLogAbs.g(0), 5e-15);
    for (double r : new double[] {0.3, 2.2, 9.99, 10.01, 33}) {
      assertEquals(NormalLogAbs.g(r), NormalLogAbs.g(-r), 0.0);
    }
    // far out, log r - 1/(2 r^2) - 3/(4 r^4) - 15/(6 r^6) - 105/(8 r^8) (next term 1e-15)
    double r = 50;
    double u = 1 / (r * r);
    assertEquals(Math.log(r) - u * (0.5 + u * (0.75 + u * (2.5 + u * 105.0 / 8))), NormalLogAbs.g(r), 2e-15);
  }

  /** g'(r) = sqrt(2) F(r / sqrt 2), F Dawson's function: an independent closed form for the slope. */
  @Test
  void derivativeIsTheScaledDawsonFunction() {
    for (double r = 0.05; r <= 2.8; r += 0.25) {
      double step = 1e-4;
      // fourth-order central difference: error ~ step^4 g^(5) ~ 1e-16, rounding ~ 1e-14 / step
      double slope = (-NormalLogAbs.g(r + 2 * step) + 8 * NormalLogAbs.g(r + step) - 8 * NormalLogAbs.g(r - step)
          + NormalLogAbs.g(r - 2 * step)) / (12 * step);
      assertEquals(Math.sqrt(2) * Reference.dawson(r / Math.sqrt(2)), slope, 1e-9, "r = " + r);
    }
  }

  @Test
  void expectedLogAbsOfCPlusDZ() {
    assertEquals(Math.log(3), NormalLogAbs.expectedLogAbs(-3, 0), 0.0);
    assertEquals(Double.NEGATIVE_INFINITY, NormalLogAbs.expectedLogAbs(0, 0));
    for (double c : new double[] {-4, -1, 0, 0.3, 1, 7}) {
      for (double d : new double[] {1e-3, 0.09, 0.5, 1, 3, 100}) {
        double expected = Math.log(d) + gByQuadrature(Math.abs(c) / d);
        assertEquals(expected, NormalLogAbs.expectedLogAbs(c, d), 5e-14 + 1e-15 * Math.abs(expected),
            "c = " + c + ", d = " + d);
        assertEquals(NormalLogAbs.expectedLogAbs(c, d), NormalLogAbs.expectedLogAbsOnePlus(c - 1, d), 1e-14);
      }
    }
    // relative accuracy for small offsets: log(1 + e) - d^2 / 2 (1 + e)^-2 - ...
    double e = 1e-9;
    double d = 1e-6;
    double expected = Math.log1p(e) - 0.5 * d * d / ((1 + e) * (1 + e));
    assertEquals(expected, NormalLogAbs.expectedLogAbsOnePlus(e, d), 1e-15 * Math.abs(expected));
  }
}
