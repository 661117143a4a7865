package org.sgdmc.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdmc.models.DoubleWell;
import org.sgdmc.models.NoiseModel;

/** {@link EscapeTheory} against closed forms, against itself at finer quadrature, and Kramers' law as the noise shrinks. */
class EscapeTheoryTest {

  @Test
  void theQuadratureIsExactForFreeDiffusion() {
    // U' = 0, constant D: T(x) = ((b - a)^2 - (x - a)^2) / (2 D), reflecting at a, absorbing at b
    double d = 0.37;
    double t = EscapeTheory.exactMeanExitTime(x -> 0.0, x -> d, -2.0, 0.5, 1.5, 20_001);
    assertEquals((3.5 * 3.5 - 2.5 * 2.5) / (2 * d), t, 1e-9 * t);
  }

  @Test
  void theQuadratureIsExactForConstantDrift() {
    // U' = c > 0 (a slope pushing left, towards the reflecting end), constant D:
    // T(x) = int_x^b dy e^{c y/D} int_a^y e^{-c z/D} / D dz = int_x^b (e^{c (y - a)/D} - 1) / c dy
    double c = 0.8;
    double d = 0.5;
    double a = -1;
    double x = 0;
    double b = 2;
    double exact = d / (c * c) * (Math.exp(c * (b - a) / d) - Math.exp(c * (x - a) / d)) - (b - x) / c;
    double t = EscapeTheory.exactMeanExitTime(y -> c, y -> d, a, x, b, 20_001);
    assertEquals(exact, t, 1e-7 * exact);
  }

  @Test
  void theDoubleWellQuadratureHasConverged() {
    DoubleWell m = DoubleWell.of(1.0, 1.0, DoubleWell.dataset(64, 1.0, 0.5, 7), 0.5, 1, NoiseModel.GAUSSIAN, 1,
        Double.NaN);
    double fine = EscapeTheory.exactMeanExitTime(m);
    double coarse = EscapeTheory.exactMeanExitTime(m::gradient, m::diffusion, m.exitLeft(), m.start(), m.exitRight(),
        (EscapeTheory.NODES - 1) / 4 + 1);
    assertEquals(fine, coarse, 1e-6 * fine); // trapezoid error ~ h^2: 16x smaller on the fine grid
    assertTrue(EscapeTheory.leftExitWeight(m) > 100, "the left exit must be out of the Gaussian SDE's reach");
  }

  /**
   * Kramers' law with the state-dependent diffusion is the leading term of the exact mean first passage time:
   * ratio - 1 = O(1 / barrier), here (ratio - 1) x barrier tends to about -0.44. The textbook law with the noise
   * frozen at the minimum gets the exponent wrong when Sigma depends on theta: its ratio to the exact time goes to
   * 0 (or infinity) exponentially. With constant noise (sigma_b = 0) the two laws coincide.
   */
  @Test
  void kramersIsTheSmallNoiseLimitWithTheQuasiPotential() {
    double previous = Double.POSITIVE_INFINITY;
    for (double s : new double[] {1, 0.5, 0.25, 0.125}) {
      DoubleWell m = DoubleWell.of(1.0, 1.0, DoubleWell.dataset(64, s, s / 2, 7), 0.5, 1, NoiseModel.GAUSSIAN, 1,
          Double.NaN);
      double exact = EscapeTheory.exactMeanExitTime(m);
      double barrier = EscapeTheory.quasiPotentialBarrier(m);
      double err = Math.abs(EscapeTheory.kramers(m) / exact - 1);
      assertTrue(err < previous, "Kramers' error must shrink with the noise: " + err + " at barrier " + barrier);
      assertTrue(err * barrier < 0.6, "error " + err + " is not O(1/barrier) at barrier " + barrier);
      previous = err;
      if (s <= 0.5) {
        assertTrue(EscapeTheory.kramersFrozen(m) / exact < 0.2, "frozen-noise Kramers should miss the exponent");
      }
    }
    assertTrue(previous < 0.01, "Kramers at barrier 237 within 1%, not " + previous);
    DoubleWell constant = DoubleWell.of(1.0, 1.0, DoubleWell.dataset(64, 0.5, 0.0, 7), 0.5, 1, NoiseModel.GAUSSIAN, 1,
        Double.NaN);
    assertEquals(EscapeTheory.kramers(constant), EscapeTheory.kramersFrozen(constant),
        1e-9 * EscapeTheory.kramers(constant));
    assertEquals(constant.height() / constant.diffusion(-1), EscapeTheory.quasiPotentialBarrier(constant), 1e-9);
  }

  @Test
  void theStableTailConstantIsCauchysAtAlphaOne() {
    assertEquals(1 / Math.PI, EscapeTheory.stableTailConstant(1.0), 1e-15); // P(Z > r) ~ 1/(pi r)
    // alpha = 1/2: Gamma(1/2) sin(pi/4) / pi = sqrt(pi) / (sqrt 2 pi)
    assertEquals(Math.sqrt(Math.PI) / (Math.sqrt(2) * Math.PI), EscapeTheory.stableTailConstant(0.5), 1e-13);
    // the law is a power of the width and does not depend on the height
    double t1 = EscapeTheory.stableMeanExitTime(1.5, 0.1, 1, 2);
    double t2 = EscapeTheory.stableMeanExitTime(1.5, 0.1, 2, 4);
    assertEquals(Math.pow(2, 1.5), t2 / t1, 1e-12);
  }

  @Test
  void theDatasetHasTheStatedMoments() {
    double[][] ab = DoubleWell.dataset(50, 1.5, 0.7, 3);
    DoubleWell m = DoubleWell.of(1.0, 1.0, ab, 0.1, 1, NoiseModel.MINIBATCH, 1, Double.NaN);
    double[] s = m.sigmaCoefficients();
    assertEquals(1.5 * 1.5, s[0], 1e-12);
    assertEquals(0, s[1], 1e-12);
    assertEquals(0.7 * 0.7, s[2], 1e-12);
    double sa = 0;
    double sb = 0;
    for (int i = 0; i < 50; i++) {
      sa += ab[0][i];
      sb += ab[1][i];
    }
    assertEquals(0, sa / 50, 1e-15); // so the empirical loss is the landscape
    assertEquals(0, sb / 50, 1e-15);
  }

  /**
   * SGD's large-deviation barrier: on a two-point dataset (a = +-sigma, b = 0, B = 1) the Hamiltonian is
   * -p U' + ln cosh(p sigma), whose root is found here independently by Newton's method; and as the barrier shrinks
   * (p* sigma -> 0) the barrier tends to the Gaussian SDE's, since only the variance of the noise is then seen.
   */
  @Test
  void sgdLargeDeviationsHaveTheDatasetsCumulants() {
    double sigma = 2.0;
    double[][] ab = {{sigma, -sigma}, {0, 0}};
    DoubleWell m = DoubleWell.of(1.0, 1.0, ab, 0.1, 1, NoiseModel.MINIBATCH, 1, Double.NaN);
    for (double theta : new double[] {-0.9, -0.5, -0.1}) {
      double g = m.gradient(theta);
      double p = 2 * g / (sigma * sigma); // Newton from the Gaussian root, which lies below (ln cosh x < x^2/2)
      for (int k = 0; k < 100; k++) {
        p -= (Math.log(Math.cosh(p * sigma)) - p * g) / (sigma * Math.tanh(p * sigma) - g);
      }
      assertEquals(p, EscapeTheory.momentum(m, theta), 1e-10 * p, "theta " + theta);
      assertTrue(p > 2 * g / (sigma * sigma), "two-point noise is lighter than Gaussian: a larger momentum");
    }
    double[][] data = DoubleWell.dataset(64, 2, 1, 1);
    double previous = Double.POSITIVE_INFINITY;
    for (double h : new double[] {1, 0.1, 0.01, 0.001}) {
      DoubleWell w = DoubleWell.of(h, 1.0, data, 0.05, 1, NoiseModel.MINIBATCH, 1, Double.NaN);
      double gap = Math.abs(EscapeTheory.sgdLargeDeviationBarrier(w) / EscapeTheory.quasiPotentialBarrier(w) - 1);
      assertTrue(gap < previous, "the gap to the Gaussian barrier must shrink with the height: " + gap);
      previous = gap;
    }
    assertTrue(previous < 1e-3, "at height 0.001 the barriers agree to 0.1%, not " + previous);
  }
}
