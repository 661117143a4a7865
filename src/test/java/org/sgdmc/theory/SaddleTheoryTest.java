package org.sgdmc.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdmc.models.Datasets;
import org.sgdmc.models.SaddleData;
import org.sgdmc.stats.PhaseClassifier;
import org.sgdmc.stats.SaddlePhase;

/**
 * {@link SaddleTheory}: the two-point closed form and binomial sum, the Gaussian quadrature against two
 * independent computations and Monte Carlo, finite data against brute force, the mean-square factors, and the
 * phases of seed 002's Fig. 1b for two-point data.
 */
class SaddleTheoryTest {

  // ---- two-point data ----

  @Test
  void twoPointBatchOneIsTheClosedFormOfEquations68And69() {
    for (double a : new double[] {-0.9, -0.5, 0.0, 0.3, 2.0, -3.0}) {
      for (double lr : new double[] {1e-4, 0.1, 0.5, 0.9, 1.3, 2.2, 3.0, 7.5}) {
        double plus = 0.5 * Math.log(Math.abs((1 + lr) * (1 + lr * a)));
        double minus = 0.5 * Math.log(Math.abs((1 - lr) * (1 - lr * a)));
        assertEquals(plus, SaddleTheory.lyapunovTwoPoint(lr, +1, a, 1), 1e-15 * (1 + Math.abs(plus)) + 1e-17);
        assertEquals(minus, SaddleTheory.lyapunovTwoPoint(lr, -1, a, 1), 1e-14 * (1 + Math.abs(minus)));
      }
    }
    // a factor exactly 0: the distance reaches 0 with probability 1
    assertEquals(Double.NEGATIVE_INFINITY, SaddleTheory.lyapunovTwoPoint(1.0, -1, -0.5, 1));
    assertEquals(Double.NEGATIVE_INFINITY, SaddleTheory.lyapunovTwoPoint(2.0, +1, -0.5, 1));
    Estimate e = SaddleTheory.lyapunov(0.5, +1, new SaddleData.TwoPoint(-0.5), 1);
    assertEquals(Estimate.METHOD_CLOSED_FORM, e.method());
  }

  /**
   * The binomial sum against all 2^S equally likely draw sequences, each batch mean summed in draw order and
   * {@code 1 +- lr chib} rounded once, as the kernels do (which decides whether a factor is exactly 0).
   */
  @Test
  void twoPointBinomialSumEqualsBruteForceOverAllSequences() {
    for (int s = 1; s <= 10; s++) {
      for (double a : new double[] {-0.5, 0.25, -2.0}) {
        for (double lr : new double[] {0.3, 1.2, 2.6}) {
          for (int sign : new int[] {1, -1}) {
            double brute = 0;
            for (int bits = 0; bits < 1 << s; bits++) {
              double sum = 0;
              for (int j = 0; j < s; j++) {
                sum += ((bits >> j) & 1) == 1 ? a : 1.0;
              }
              brute += Math.log(Math.abs(Math.fma(sign * lr, sum / s, 1.0)));
            }
            brute /= 1 << s;
            assertEquals(brute, SaddleTheory.lyapunovTwoPoint(lr, sign, a, s), 1e-13,
                "S = " + s + ", a = " + a + ", lr = " + lr + ", sign = " + sign);
          }
        }
      }
    }
    // a large batch costs S + 1 terms and tends to the GD value log|1 +- lr E[chi]|
    double gd = Math.log1p(0.5 * 0.25);
    assertEquals(gd, SaddleTheory.lyapunovTwoPoint(0.5, +1, -0.5, 100_000), 1e-5);
  }

  @Test
  void meanSquareFactorsAgreeWithBruteForce() {
    SaddleData.TwoPoint data = new SaddleData.TwoPoint(-0.5);
    int s = 3;
    for (int sign : new int[] {1, -1}) {
      double brute = 0;
      for (int bits = 0; bits < 8; bits++) {
        double chib = (Integer.bitCount(bits) * -0.5 + (3 - Integer.bitCount(bits))) / 3;
        brute += Math.pow(1 + sign * 0.9 * chib, 2) / 8;
      }
      assertEquals(brute, SaddleTheory.meanSquareFactor(0.9, sign, data, s, true), 1e-15);
    }
    // S = 1 with a = -0.5: E[(1 - lr chi)^2] < 1 exactly when lr < 2 E[chi] / E[chi^2] = 0.8
    assertEquals(1.0, SaddleTheory.meanSquareFactor(0.8, -1, data, 1, true), 1e-15);
    // finite data, both sampling schemes, against enumeration of ordered batches
    double[] chi = {0.4, -1.3, 2.2, 0.05, -0.6};
    SaddleData.Finite fin = new SaddleData.Finite(chi, new double[] {1, 1, 1, 1, 1}, "test");
    for (boolean rep : new boolean[] {true, false}) {
      double sum = 0;
      int count = 0;
      for (int i = 0; i < 5; i++) {
        for (int j = 0; j < 5; j++) {
          if (!rep && i == j) {
            continue;
          }
          sum += Math.pow(1 - 1.7 * (chi[i] + chi[j]) / 2, 2);
          count++;
        }
      }
      assertEquals(sum / count, SaddleTheory.meanSquareFactor(1.7, -1, fin, 2, rep), 1e-14, "with replacement " + rep);
    }
    // Gaussian: E[chi] = mu, Var(chi) = 2 mu^2 + 4 (1 - mu)^2
    double mu = 0.3;
    double var = 2 * mu * mu + 4 * (1 - mu) * (1 - mu);
    assertEquals(Math.pow(1 + 0.7 * mu, 2) + 0.49 * var / 5,
        SaddleTheory.meanSquareFactor(0.7, +1, new SaddleData.Gaussian(mu), 5, false), 1e-14);
  }

  /**
   * Seed 002, Fig. 1b, two-point data with a = -0.5, from the closed form: at lr = 0.5 both Ib conditions
   * hold (Lambda_- = log(0.625)/2, E(1 - lr chi)^2 = 0.906), 0.9 is I but not Ib (E(1 - lr chi)^2 = 1.056),
   * 1.2 is III (log(0.88)/2, log(0.32)/2), 2.2 is II (log(0.32)/2 &lt; 0 &lt; log(2.52)/2), 3 is IV.
   */
  @Test
  void twoPointPhasesOfFigure1b() {
    SaddleData data = new SaddleData.TwoPoint(-0.5);
    double[] lr = {0.5, 0.9, 1.2, 2.2, 3.0};
    SaddlePhase[] expected = {SaddlePhase.IB, SaddlePhase.I, SaddlePhase.III, SaddlePhase.II, SaddlePhase.IV};
    for (int i = 0; i < lr.length; i++) {
      Estimate plus = SaddleTheory.lyapunov(lr[i], +1, data, 1);
      Estimate minus = SaddleTheory.lyapunov(lr[i], -1, data, 1);
      PhaseClassifier.Classification c = PhaseClassifier.classify(plus.value(), plus.stderr(), minus.value(),
          minus.stderr(), SaddleTheory.meanSquareFactor(lr[i], -1, data, 1, true));
      assertEquals(expected[i], c.phase(), "lr = " + lr[i]);
      assertTrue(c.isCertain());
    }
  }

  // ---- Gaussian data ----

  @Test
  void gaussianBatchOneAgreesWithTheIndependentPolarForm() {
    double worst = 0;
    String where = "";
    for (double lr : new double[] {0.01, 0.3, 1.0, 2.5, 6.0}) {
      for (double mu : new double[] {-0.4, 0.0, 0.06, 0.3, 0.8, 0.999, 1.3}) {
        for (int sign : new int[] {1, -1}) {
          double diff = Math.abs(SaddleTheory.lyapunovGaussian(lr, sign, mu, 1)
              - SaddleReference.lambdaS1Polar(lr, sign, mu));
          if (diff > worst) {
            worst = diff;
            where = "lr " + lr + ", mu " + mu + ", sign " + sign;
          }
        }
      }
    }
    // observed 4e-15
    assertTrue(worst < 1e-12, "worst difference " + worst + " at " + where);
  }

  @Test
  void gaussianAgreesWithASecondQuadratureForSeveralBatchSizes() {
    double worst = 0;
    String where = "";
    for (int batch : new int[] {1, 3, 16, 100}) {
      for (double lr : new double[] {0.05, 0.7, 2.5, 10}) {
        for (double mu : new double[] {-0.5, 0.06, 0.5, 0.97}) {
          for (int sign : new int[] {1, -1}) {
            double diff = Math.abs(SaddleTheory.lyapunovGaussian(lr, sign, mu, batch)
                - SaddleReference.lambdaGaussLegendre(lr, sign, mu, batch));
            if (diff > worst) {
              worst = diff;
              where = "S " + batch + ", lr " + lr + ", mu " + mu + ", sign " + sign;
            }
          }
        }
      }
    }
    // observed 5e-15
    assertTrue(worst < 1e-12, "worst difference " + worst + " at " + where);
  }

  /** At mu = 1 there is no label noise: chi = x^2, and Lambda_- is linreg1d's exponent (its own quadrature). */
  @Test
  void gaussianWithoutNoiseIsLinreg1d() {
    for (int batch : new int[] {1, 2, 7, 64}) {
      for (double lr : new double[] {0.3, 1.7, 2.5, 4.0}) {
        assertEquals(Linreg1dTheory.lyapunovGaussian(lr, batch), SaddleTheory.lyapunovGaussian(lr, -1, 1.0, batch),
            1e-12);
        // and continuity as the noise vanishes: the slope in mu is O(1), so 1e-9 away moves it by ~1e-9
        assertEquals(SaddleTheory.lyapunovGaussian(lr, -1, 1.0, batch),
            SaddleTheory.lyapunovGaussian(lr, -1, 1 - 1e-9, batch), 5e-9);
      }
    }
  }

  /**
   * Plain Monte Carlo with 4e5 batches; |theory - MC| &lt; 4.5 stderr. For an unbiased, nearly Gaussian mean the
   * false-failure probability is 6.8e-6 per comparison, 5.4e-5 for the 8 here (fixed seeds).
   */
  @Test
  void gaussianAgreesWithMonteCarlo() {
    double[][] cases = {{1.2, 0.06, 1}, {0.5, 0.5, 1}, {1.0, 0.06, 16}, {2.0, 0.8, 4}};
    long seed = 11;
    for (double[] c : cases) {
      for (int sign : new int[] {1, -1}) {
        double[] mc = SaddleReference.monteCarlo(c[0], sign, c[1], (int) c[2], 400_000, seed++);
        double theory = SaddleTheory.lyapunovGaussian(c[0], sign, c[1], (int) c[2]);
        assertEquals(mc[0], theory, 4.5 * mc[1], "lr " + c[0] + ", mu " + c[1] + ", S " + c[2] + ", sign " + sign);
      }
    }
  }

  /** The sweep of Fig. 3 evaluates 200 x 200 x 2 of these; each must stay well under a millisecond. */
  @Test
  void gaussianIsFastEnoughForPhaseDiagrams() {
    for (int batch : new int[] {1, 16}) {
      double sink = 0;
      int n = 0;
      long t0 = 0;
      for (int round = 0; round < 2; round++) { // the first round warms up the JIT
        t0 = System.nanoTime();
        n = 0;
        for (int i = 0; i < 15; i++) {
          for (int j = 0; j < 15; j++) {
            double lr = 0.05 + 0.27 * i;
            double mu = j / 14.0;
            sink += SaddleTheory.lyapunovGaussian(lr, 1, mu, batch) + SaddleTheory.lyapunovGaussian(lr, -1, mu, batch);
            n += 2;
          }
        }
      }
      double ms = (System.nanoTime() - t0) * 1e-6 / n;
      System.out.printf("saddle Gaussian theory, S = %d: %.3f ms per value%n", batch, ms);
      // observed about 0.2 ms on a loaded 2-core machine; the bound leaves room for slower CI
      assertTrue(ms < 3, "S = " + batch + ": " + ms + " ms per value");
      assertTrue(Double.isFinite(sink));
    }
  }

  // ---- finite data ----

  @Test
  void finiteDataExactSumsAndEnumerationAgreeWithBruteForce() {
    SaddleData.Finite data = Datasets.saddleGaussian(5, 0.06, 3);
    double[] chi = data.chi();
    for (int sign : new int[] {1, -1}) {
      double lr = 1.7;
      double sum = 0;
      for (double c : chi) {
        sum += Math.log(Math.abs(1 + sign * lr * c));
      }
      Estimate one = SaddleTheory.lyapunov(lr, sign, data, 1);
      assertEquals(Estimate.METHOD_EXACT_SUM, one.method());
      assertEquals(sum / 5, one.value(), 1e-14);
      for (boolean rep : new boolean[] {true, false}) {
        double brute = 0;
        int count = 0;
        for (int i = 0; i < 5; i++) {
          for (int j = 0; j < 5; j++) {
            for (int k = 0; k < 5; k++) {
              if (!rep && (i == j || j == k || i == k)) {
                continue;
              }
              brute += Math.log(Math.abs(1 + sign * lr * (chi[i] + chi[j] + chi[k]) / 3));
              count++;
            }
          }
        }
        Estimate three = SaddleTheory.lyapunov(lr, sign, data, 3, rep);
        assertEquals(Estimate.METHOD_EXACT_ENUMERATION, three.method());
        assertEquals(brute / count, three.value(), 1e-14, "sign " + sign + ", with replacement " + rep);
      }
    }
  }

  /** Monte Carlo fallback vs exact enumeration: 4.5 stderr, false-failure probability 2.7e-5 for the 4. */
  @Test
  void finiteDataMonteCarloFallbackAgreesWithEnumeration() {
    double[] chi = Datasets.saddleGaussian(12, 0.06, 8).chi();
    for (boolean rep : new boolean[] {true, false}) {
      for (int sign : new int[] {1, -1}) {
        Estimate exact = SaddleTheory.lyapunovFinite(1.1, sign, chi, 4, rep);
        Estimate mc = SaddleTheory.lyapunovFinite(1.1, sign, chi, 4, rep, 10, 200_000, 5);
        assertEquals(Estimate.METHOD_EXACT_ENUMERATION, exact.method());
        assertEquals(Estimate.METHOD_MONTE_CARLO, mc.method());
        assertTrue(mc.stderr() > 0 && mc.stderr() < 2e-3, "stderr " + mc.stderr());
        assertEquals(exact.value(), mc.value(), 4.5 * mc.stderr(), "sign " + sign + ", with replacement " + rep);
      }
    }
  }

  /**
   * Issue 15, item 5: past the stored enumeration's limit the exponents are still exact, summed as the batches
   * are visited (here forced by a limit of 100 below the 495 and 1365 contents), where the old code used Monte
   * Carlo.
   */
  @Test
  void pastTheStoredLimitTheSumIsStillExact() {
    double[] chi = Datasets.saddleGaussian(12, 0.06, 8).chi();
    for (boolean rep : new boolean[] {true, false}) {
      for (int sign : new int[] {1, -1}) {
        Estimate exact = SaddleTheory.lyapunovFinite(1.1, sign, chi, 4, rep);
        Estimate streamed = SaddleTheory.lyapunovFinite(1.1, sign, chi, 4, rep, 100, 200_000, 5);
        assertEquals(Estimate.METHOD_EXACT_ENUMERATION, streamed.method());
        assertEquals(exact.value(), streamed.value(), 1e-13, "sign " + sign + ", with replacement " + rep);
      }
    }
  }

  @Test
  void badArgumentsAreRejectedWithOneLine() {
    SaddleData g = new SaddleData.Gaussian(0.06);
    for (Runnable r : new Runnable[] {
        () -> SaddleTheory.lyapunov(0.5, 0, g, 1),
        () -> SaddleTheory.lyapunov(-0.5, 1, g, 1),
        () -> SaddleTheory.lyapunov(0.5, 1, g, 0),
        () -> SaddleTheory.lyapunovGaussian(0.5, 1, Double.NaN, 1),
        () -> SaddleTheory.lyapunovTwoPoint(0.5, 1, Double.POSITIVE_INFINITY, 1),
        () -> SaddleTheory.lyapunovFinite(0.5, 1, new double[0], 1, false),
        () -> SaddleTheory.lyapunovFinite(0.5, 1, new double[] {1, 2}, 3, false)}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
      assertTrue(!e.getMessage().isBlank() && !e.getMessage().contains("\n"), e.getMessage());
    }
  }
}
