package org.sgdmc.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdmc.engine.Records;
import org.sgdmc.engine.Simulation;
import org.sgdmc.models.LinearDTails;
import org.sgdmc.models.PointData;
import org.sgdmc.stats.SampleMean;
import org.sgdmc.theory.Estimate;
import org.sgdmc.theory.LinearDTailsTheory;
import org.sgdmc.theory.Linreg1dTheory;

/**
 * Ensembles of the linear-d tails kernel, run through the engine ({@link Simulation#runStates}) as the CLI
 * runs them, against exact theory ({@link LinearDTailsTheory}):
 *
 * <ul>
 *   <li>{@code E|u_t|^2} and {@code E u_0(t)^2} from {@code u_0 = 0}: the closed form for isotropic streams,
 *       the exact recursion for a diagonal stream and for finite data (with and without replacement);
 *   <li>{@code E u_0(t) = 0} (for finite data because the residuals are orthogonal to the design);
 *   <li>{@code mean_i ln|v_i(T)| / T = Lambda_1}, the top Lyapunov exponent, which for isotropic data has no
 *       transient (i.i.d. log-stretches), so the ensemble mean is unbiased at every T; both signs of it.
 * </ul>
 *
 * Each comparison passes when the difference is within 4 standard errors (the simulation's, combined with
 * the reference's where that is Monte Carlo): false-failure probability 6.3e-5 each, 24 comparisons, so
 * below 1.6e-3 in all, and the fixed seeds make the outcome deterministic. The standard errors of mean
 * squares are honest only when |u|^4 has a finite mean (tail index alpha > 4); every case here has
 * {@code E|M e_1|^8 < 1} (alpha > 8) or a bounded contraction ({@code lr max|x_i|^2 < 2}, finite data).
 */
class LinearDTailsTheoryAgreementTest {
  private static final double Z = 4.0;
  private static final long SEED = 0x7a115L;
  private static final int TRAJECTORIES = 16384;

  private static Records run(LinearDTails m, long[] times) {
    Simulation.Settings settings = new Simulation.Settings(TRAJECTORIES, times, 1, 64);
    return Simulation.keepAllStates(w -> new LinearDTailsVectorBlock(m, SEED, w), 3, settings,
        Simulation.Progress.NONE, "");
  }

  private static double[] squares(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] * x[i];
    }
    return y;
  }

  private static double[] divided(double[] x, double by) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] / by;
    }
    return y;
  }

  private static void assertAgrees(double expected, double expectedStderr, double[] sample, String what) {
    SampleMean s = SampleMean.of(sample);
    double tolerance = Z * Math.hypot(s.stderr(), expectedStderr);
    assertTrue(Double.isFinite(s.value()), what + ": " + s);
    assertEquals(expected, s.value(), tolerance, what + String.format(" (z = %.2f)",
        (s.value() - expected) / Math.hypot(s.stderr(), expectedStderr)));
  }

  @Test
  void isotropicStreamMeanSquareMeanAndTopExponent() {
    LinearDTails m = LinearDTails.isotropicStream(0.1, 1, 5, 1.0);
    long[] times = {0, 10, 40, 300};
    try (Records r = run(m, times)) {
      for (int k = 1; k < times.length; k++) {
        assertAgrees(LinearDTailsTheory.meanSquareIsotropic(m, times[k]), 0, squares(r.at(0, k)), "E|u|^2 at " + times[k]);
      }
      double stationary = LinearDTailsTheory.meanSquareIsotropic(m, 300);
      assertEquals(LinearDTailsTheory.stationaryMeanSquareIsotropic(m), stationary, 1e-9 * stationary, "burnt in");
      assertAgrees(stationary / 5, 0, squares(r.at(1, 3)), "E u_0^2 at 300");
      assertAgrees(0, 0, r.at(1, 3), "E u_0 at 300");
      Estimate lambda = LinearDTailsTheory.topExponentIsotropic(m, 400_000, 1);
      assertAgrees(lambda.value(), lambda.stderr(), divided(r.at(2, 3), 300), "Lambda_1");
    }
  }

  @Test
  void isotropicStreamInTenDimensionsWithBatchThree() {
    LinearDTails m = LinearDTails.isotropicStream(0.05, 3, 10, 0.5);
    long[] times = {0, 300};
    try (Records r = run(m, times)) {
      assertAgrees(LinearDTailsTheory.meanSquareIsotropic(m, 300), 0, squares(r.at(0, 1)), "E|u|^2");
      Estimate lambda = LinearDTailsTheory.topExponentIsotropic(m, 400_000, 2);
      assertAgrees(lambda.value(), lambda.stderr(), divided(r.at(2, 1), 300), "Lambda_1");
    }
  }

  /** d = 1: the 1-D recursion {@code u <- (1 - lr x^2) u + lr x e}, whose exponent is exact by quadrature. */
  @Test
  void oneDimensionalStream() {
    LinearDTails m = LinearDTails.isotropicStream(0.2, 1, 1, 1.0);
    long[] times = {0, 300};
    try (Records r = run(m, times)) {
      double closed = 0.04 / (0.4 - 0.04 * 3); // lr^2 sigma^2 / (2 lr - 3 lr^2), S = 1
      assertEquals(closed, LinearDTailsTheory.meanSquareIsotropic(m, 300), 1e-12);
      assertAgrees(closed, 0, squares(r.at(1, 1)), "E u^2");
      assertAgrees(Linreg1dTheory.lyapunovGaussian(0.2, 1), 0, divided(r.at(2, 1), 300), "E ln|1 - lr x^2|");
    }
  }

  /** Above the stability edge (Lambda_1 = +0.25 at lr = 1.5, d = 2) u diverges, and the tangent still measures it. */
  @Test
  void aPositiveTopExponentIsMeasuredToo() {
    LinearDTails m = LinearDTails.isotropicStream(1.5, 1, 2, 1.0);
    long[] times = {0, 300};
    try (Records r = run(m, times)) {
      Estimate lambda = LinearDTailsTheory.topExponentIsotropic(m, 400_000, 3);
      assertTrue(lambda.value() > 0.2, "" + lambda);
      assertAgrees(lambda.value(), lambda.stderr(), divided(r.at(2, 1), 300), "Lambda_1");
    }
  }

  @Test
  void diagonalStreamAgainstTheExactRecursion() {
    LinearDTails m = LinearDTails.stream(0.15, 2, new PointData.Gaussian(new double[] {1.0, 0.5, 0.2}), 0.7);
    long[] times = {0, 25, 200};
    try (Records r = run(m, times)) {
      for (int k = 1; k < times.length; k++) {
        double[][] p = LinearDTailsTheory.secondMoment(m, times[k]);
        assertAgrees(p[0][0] + p[1][1] + p[2][2], 0, squares(r.at(0, k)), "E|u|^2 at " + times[k]);
        assertAgrees(p[0][0], 0, squares(r.at(1, k)), "E u_0^2 at " + times[k]);
      }
    }
  }

  @Test
  void finiteDataMeanIsZeroAndSecondMomentFollowsTheRecursion() {
    for (Object[] c : new Object[][] {{1, false}, {3, true}, {3, false}}) {
      LinearDTails m = LinearDTails.generated(0.1, (int) c[0], 30, 3, 1.0, (boolean) c[1], 77);
      assertTrue(m.lr() * m.data().maxSquareNorm() < 2, "a contraction on every batch: light tails");
      long[] times = {0, 200};
      try (Records r = run(m, times)) {
        double[][] p = LinearDTailsTheory.secondMoment(m, 200);
        String what = m.describe();
        assertAgrees(p[0][0] + p[1][1] + p[2][2], 0, squares(r.at(0, 1)), what + ": E|u|^2");
        assertAgrees(p[0][0], 0, squares(r.at(1, 1)), what + ": E u_0^2");
        assertAgrees(0, 0, r.at(1, 1), what + ": E u_0");
      }
    }
  }
}
