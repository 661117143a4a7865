package org.sgdmc.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdmc.models.FeatureData;
import org.sgdmc.models.PointData;

/** The tail index of 1-D linear regression off interpolation: Gaussian stream and finite data. */
class TailIndexLinreg1dTest {
  private static final double[] DATA = {0.3, -1.7, 0.9, 2.4, -0.05, 1.1};

  // ---------------------------------------------------------------------------------------------------
  // Gaussian stream

  @Test
  void gaussianIndexIsTwoExactlyAtTheMeanSquareThreshold() {
    for (int batch : new int[] {1, 2, 8, 64}) {
      double lr = Linreg1dTheory.lrMeanSquare(DataMoments.gaussian(), batch); // 2S / (S + 2)
      TailIndex t = TailIndexTheory.linreg1dGaussian(lr, batch);
      assertEquals(TailIndex.Regime.POWER_LAW, t.regime());
      assertEquals(2.0, t.index(), 1e-9, "S = " + batch);
      assertEquals(0.0, t.indexStderr());
      assertEquals(Estimate.METHOD_QUADRATURE, t.method());
      assertEquals(Linreg1dTheory.lyapunovGaussian(lr, batch), t.lyapunov().value());
    }
  }

  /** {@code E|1 - lr x^2|}, x ~ N(0, 1): {@code 1 - lr + 4 lr z phi(z) + 4 (lr - 1) Q(z)}, {@code z = lr^-1/2}. */
  private static double firstAbsoluteMomentS1(double lr) {
    double z = 1 / Math.sqrt(lr);
    double phi = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    return 1 - lr + 4 * lr * z * phi + 4 * (lr - 1) * upperNormalTail(z);
  }

  /**
   * {@code Q(z) = P(Z > z) = (1 - erf(z / sqrt 2)) / 2} for moderate z, with {@code erf(x) = (2/sqrt pi)
   * e^(-x^2) sum_n 2^n x^(2n+1) / (2n+1)!!}, a series of positive terms.
   */
  private static double upperNormalTail(double z) {
    double x = z / Math.sqrt(2);
    double term = x;
    double sum = x;
    for (int n = 1; n < 200 && term > 1e-18 * sum; n++) {
      term *= 2 * x * x / (2 * n + 1);
      sum += term;
    }
    return 0.5 * (1 - 2 / Math.sqrt(Math.PI) * Math.exp(-x * x) * sum);
  }

  @Test
  void gaussianIndexIsOneWhereTheFirstAbsoluteMomentIsOne() {
    // S = 1: the closed form through the normal tail, independent of the quadrature; bisection on it.
    for (double lr : new double[] {0.3, 1.0, 2.5}) {
      assertEquals(Math.log(firstAbsoluteMomentS1(lr)), GaussianFactorMoments.logMoment(lr, 1, 1.0), 1e-12);
    }
    double lo = 0.7;
    double hi = 1.5;
    assertTrue(firstAbsoluteMomentS1(lo) < 1 && firstAbsoluteMomentS1(hi) > 1);
    for (int i = 0; i < 100; i++) {
      double mid = 0.5 * (lo + hi);
      if (firstAbsoluteMomentS1(mid) < 1) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    assertEquals(1.0, TailIndexTheory.linreg1dGaussian(lo, 1).index(), 1e-9);
    // S = 2, q ~ Exp(1): E|1 - lr q| = 1 - lr + 2 lr e^(-1/lr), which is 1 at lr = 1 / log 2.
    assertEquals(1.0, TailIndexTheory.linreg1dGaussian(1 / Math.log(2), 2).index(), 1e-9);
  }

  @Test
  void evenMomentsOfTheFactorMatchTheirPolynomials() {
    // E q^j = prod_{i<j} (k + i) / k for q ~ Gamma(k, 1/k), k = S/2; E(1 - lr q)^n by the binomial theorem.
    for (int batch : new int[] {1, 2, 3, 8, 100, 4096}) {
      double k = 0.5 * batch;
      for (double lr : new double[] {0.05, 0.7, 1.9, 6.0}) {
        for (int n : new int[] {2, 4, 6}) {
          double exact = 0;
          double moment = 1;
          double binomial = 1;
          for (int j = 0; j <= n; j++) {
            exact += binomial * Math.pow(-lr, j) * moment;
            moment *= (k + j) / k;
            binomial = binomial * (n - j) / (j + 1);
          }
          assertEquals(Math.log(exact), GaussianFactorMoments.logMoment(lr, batch, n), 1e-11,
              "S = " + batch + ", lr = " + lr + ", s = " + n);
        }
      }
    }
  }

  @Test
  void largerLearningRateGivesAHeavierTailUpToTheProbabilisticEdge() {
    for (int batch : new int[] {1, 4}) {
      double edge = Linreg1dTheory.lrProbabilisticGaussian(batch);
      double previous = Double.POSITIVE_INFINITY;
      for (double f = 0.05; f < 1; f += 0.05) {
        TailIndex t = TailIndexTheory.linreg1dGaussian(f * edge, batch);
        assertEquals(TailIndex.Regime.POWER_LAW, t.regime(), "S = " + batch + ", lr = " + f * edge);
        assertTrue(t.index() < previous, "S = " + batch + ", lr = " + f * edge);
        previous = t.index();
      }
      assertTrue(previous < 0.1, "alpha -> 0 at the edge: " + previous); // at 0.95 of the edge
      TailIndex beyond = TailIndexTheory.linreg1dGaussian(1.01 * edge, batch);
      assertEquals(TailIndex.Regime.NO_STATIONARY_LAW, beyond.regime());
      assertTrue(Double.isNaN(beyond.index()) && beyond.lyapunov().value() >= 0);
    }
  }

  @Test
  void smallLearningRatesHaveIndicesBeyondTheCap() {
    // S = 1, lr = 0.005: |a| > 1 needs x^2 > 400, probability 1e-89; alpha is about 1.8/lr = 360 > 200.
    TailIndex t = TailIndexTheory.linreg1dGaussian(0.005, 1);
    assertEquals(TailIndex.Regime.INDEX_ABOVE_CAP, t.regime());
    assertEquals(KestenSolver.DEFAULT_CAP, t.index());
    assertEquals(178.888890, TailIndexTheory.linreg1dGaussian(0.01, 1).index(), 1e-5);
  }

  @Test
  void dataVarianceScalesTheLearningRate() {
    TailIndex scaled = TailIndexTheory.linreg1dGaussian(0.4, 2.5, 3);
    TailIndex unit = TailIndexTheory.linreg1dGaussian(1.0, 3);
    assertEquals(unit.index(), scaled.index(), 1e-12);
    assertEquals(unit, TailIndexTheory.linreg1d(1.0, 3, new FeatureData.Gaussian(), true));
  }

  // ---------------------------------------------------------------------------------------------------
  // Finite data

  @Test
  void finiteDataIndexIsTwoAtTheMeanSquareThresholdWithAndWithoutReplacement() {
    for (boolean withReplacement : new boolean[] {true, false}) {
      DataMoments moments = DataMoments.of(DATA, withReplacement);
      for (int batch = 1; batch < DATA.length; batch++) {
        double lr = Linreg1dTheory.lrMeanSquare(moments, batch);
        TailIndex t = TailIndexTheory.linreg1dFinite(lr, DATA, batch, withReplacement);
        assertEquals(TailIndex.Regime.POWER_LAW, t.regime());
        assertEquals(2.0, t.index(), 1e-9, "S = " + batch + ", with replacement " + withReplacement);
        assertEquals(batch == 1 ? Estimate.METHOD_EXACT_SUM : Estimate.METHOD_EXACT_ENUMERATION, t.method());
      }
    }
  }

  @Test
  void finiteDataIsLightTailedWhenNoBatchCanExpand() {
    // Every batch mean q is at most max x^2 = 5.76, so lr <= 2 / 5.76 keeps |1 - lr q| <= 1.
    double lr = 2 / (2.4 * 2.4);
    TailIndex light = TailIndexTheory.linreg1dFinite(lr, DATA, 1, true);
    assertEquals(TailIndex.Regime.LIGHT_TAIL, light.regime());
    assertEquals(Double.POSITIVE_INFINITY, light.index());
    // Just above, the single point x = 2.4 expands (|a| slightly above 1) with probability 1/6: a huge index.
    TailIndex heavy = TailIndexTheory.linreg1dFinite(lr * 1.01, DATA, 1, true);
    assertEquals(TailIndex.Regime.POWER_LAW, heavy.regime());
    assertTrue(heavy.index() > 50, "alpha = " + heavy.index());
    // Without replacement and S = 2, the largest batch mean is (5.76 + 2.89) / 2: lr up to 2 / 4.325.
    assertEquals(TailIndex.Regime.LIGHT_TAIL, TailIndexTheory.linreg1dFinite(2 / 4.325, DATA, 2, false).regime());
    // 0.1% above, that batch (probability 1/15) has |a| = 1.002: alpha ~ log 15 / log 1.002 = 1355, beyond the cap.
    assertEquals(TailIndex.Regime.INDEX_ABOVE_CAP,
        TailIndexTheory.linreg1dFinite(2 / 4.325 * 1.001, DATA, 2, false).regime());
    assertEquals(TailIndex.Regime.POWER_LAW,
        TailIndexTheory.linreg1dFinite(2 / 4.325 * 1.1, DATA, 2, false).regime());
  }

  @Test
  void finiteDataWithoutAStationaryLawReportsNoIndex() {
    // lr = 3: the factors 1 - 3 x^2 are 0.73, -7.67, -1.43, -16.28, 0.9925, -2.63: Lambda = 0.97 > 0.
    TailIndex t = TailIndexTheory.linreg1dFinite(3.0, DATA, 1, true);
    assertTrue(t.lyapunov().value() > 0);
    assertEquals(TailIndex.Regime.NO_STATIONARY_LAW, t.regime());
    assertTrue(Double.isNaN(t.index()));
  }

  @Test
  void criticalLearningRateOfTheSeedsAppendixA3() {
    // lr = 1/x_1^2 maps the iterate to 0 from point 1 (probability 1/N); if every other point has |a| = A,
    // E|a|^s = (1 - 1/N) A^s and alpha = log(N/(N-1)) / log A, about 1/(N log A) (seed 002, eq. (35)).
    double lr = 0.25; // x_1 = 2: lr x_1^2 = 1 exactly
    double[] x = {2, Math.sqrt(12), -Math.sqrt(12), Math.sqrt(12), -Math.sqrt(12)}; // a = 1 - 3 = -2
    TailIndex t = TailIndexTheory.linreg1dFinite(lr, x, 1, true);
    assertEquals(Double.NEGATIVE_INFINITY, t.lyapunov().value());
    assertEquals(Math.log(5.0 / 4) / Math.log(2), t.index(), 1e-9);
    // Other points spread out: the seed's bound alpha >= log(N/(N-1)) / log max|a| (its dominating process z).
    double[] spread = {2, 3.3, -2.9, 0.7, 1.5, -3.6, 0.2, 2.6};
    double maxA = Math.abs(1 - lr * 3.6 * 3.6);
    TailIndex s = TailIndexTheory.linreg1dFinite(lr, spread, 1, true);
    double bound = Math.log(8.0 / 7) / Math.log(maxA);
    assertTrue(s.index() >= bound && s.index() < 20 * bound, "alpha = " + s.index() + ", bound " + bound);
  }

  @Test
  void monteCarloFallbackAgreesWithTheExactSum() {
    // Force Monte Carlo (enumeration limit 10) where the exact sum is available: within 4 standard errors
    // (false-failure probability 6e-5 per comparison for a Gaussian estimate; fixed seed, so deterministic).
    double[] x = {0.3, -1.7, 0.9, 2.4, -0.05, 1.1, 0.6, -0.8, 1.4, 0.1};
    for (boolean withReplacement : new boolean[] {true, false}) {
      int batch = 3;
      double lr = 0.9 * Linreg1dTheory.lrMeanSquare(DataMoments.of(x, withReplacement), batch);
      TailIndex exact = TailIndexTheory.linreg1dFinite(lr, x, batch, withReplacement);
      TailIndex mc = TailIndexTheory.linreg1dFinite(lr, x, batch, withReplacement, 10, 200_000, 11);
      assertEquals(Estimate.METHOD_EXACT_ENUMERATION, exact.method());
      assertEquals(Estimate.METHOD_MONTE_CARLO_PLAIN, mc.method());
      assertTrue(mc.indexStderr() > 0 && mc.indexStderr() < 0.05, "stderr " + mc.indexStderr());
      assertEquals(exact.index(), mc.index(), 4 * mc.indexStderr(), "with replacement " + withReplacement);
      // the exponent itself is summed exactly as the batches are visited (no Monte Carlo below 5e7 of them): equal to
      // rounding, in another order
      assertEquals(exact.lyapunov().value(), mc.lyapunov().value(),
          4 * mc.lyapunov().stderr() + 1e-14 * Math.abs(exact.lyapunov().value()));
    }
  }

  @Test
  void oneDimensionalPointDataGoesToTheExactOneDimensionalMethods() {
    double[][] points = new double[DATA.length][];
    for (int i = 0; i < DATA.length; i++) {
      points[i] = new double[] {DATA[i]};
    }
    double lr = 0.2;
    assertEquals(TailIndexTheory.linreg1dFinite(lr, DATA, 2, false),
        TailIndexTheory.linearD(lr, 2, new PointData.Finite(points, "test"), false));
    assertEquals(TailIndexTheory.linreg1dGaussian(lr, 2.0, 3),
        TailIndexTheory.linearD(lr, 3, PointData.Gaussian.isotropic(1, 2.0), true));
    assertEquals(TailIndexTheory.linreg1dFinite(lr, DATA, 2, true),
        TailIndexTheory.linreg1d(lr, 2, new FeatureData.Finite(DATA, "test"), true));
  }
}
