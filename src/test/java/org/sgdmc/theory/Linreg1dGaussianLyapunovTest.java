package org.sgdmc.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Lambda(lr, S) = E log|1 - lr q| for q = chi^2_S / S: accuracy of {@link Linreg1dTheory#lyapunovGaussian}. */
class Linreg1dGaussianLyapunovTest {
  /** The accuracy promised for lr in (0, 50] and S in 1..4096. */
  private static final double TARGET = 1e-10;
  private static final int[] BATCHES = {1, 2, 3, 4, 5, 7, 8, 16, 31, 64, 157, 158, 159, 500, 1024, 4096};

  /** Learning rates for batch S: a fixed list plus poles c = 1/lr placed on, near and between breakpoints. */
  private static List<Double> learningRates(int batch) {
    List<Double> lrs = new ArrayList<>(List.of(1e-6, 1e-3, 0.05, 0.1, 0.5855, 0.5, 1.0, 1.5, 2.0, 2.05, 2.42,
        2.6845, 3.0, 5.0, 7.3, 10.0, 20.0, 50.0));
    double sigma = Math.sqrt(2.0 / batch);
    for (int j = 1; j <= 3; j++) {
      for (double eps : new double[] {0, 1e-9, -1e-9, 0.2, -0.2, 0.26, -0.26}) {
        for (double c : new double[] {1 + j * sigma * (1 + eps), 1 - j * sigma * (1 + eps)}) {
          if (c > 0.02) {
            lrs.add(1 / c);
          }
        }
      }
    }
    return lrs;
  }

  @Test
  void tanhSinhAgreesWithAdaptiveGaussLegendreOnAGridOfLearningRatesAndBatchSizes() {
    double worst = 0;
    String where = "";
    for (int batch : BATCHES) {
      for (double lr : learningRates(batch)) {
        double diff = Math.abs(Linreg1dTheory.lyapunovGaussian(lr, batch)
            - Reference.lambdaGaussLegendre(lr, batch));
        if (diff > worst) {
          worst = diff;
          where = "S = " + batch + ", lr = " + lr;
        }
      }
    }
    // Observed worst 3.6e-13 (S = 4096, where the reference's own rounding dominates).
    assertTrue(worst < TARGET, "worst difference " + worst + " at " + where);
  }

  @Test
  void quadratureErrorEstimatesAreTinyAndTheDensityHasUnitMass() {
    for (int batch : BATCHES) {
      Quadrature.Result mass = GaussianLyapunov.mass(batch);
      assertEquals(1.0, mass.value(), 1e-13, "mass for S = " + batch);
      for (double lr : learningRates(batch)) {
        Quadrature.Result r = GaussianLyapunov.integrate(lr, batch);
        assertTrue(r.errorEstimate() < 1e-12, "S = " + batch + ", lr = " + lr + ": " + r);
      }
    }
  }

  @Test
  void batchTwoMatchesTheExponentialIntegralClosedForm() {
    // q ~ Exp(1): Lambda = -exp(-1/lr) Ei(1/lr) (derivation in Reference).
    for (double lr = 0.05; lr <= 50; lr *= 1.07) {
      assertEquals(Reference.lambdaS2(lr), Linreg1dTheory.lyapunovGaussian(lr, 2), 1e-13, "lr = " + lr);
    }
  }

  @Test
  void batchOneMatchesTheDawsonFunctionClosedForm() {
    for (double lr = 0.125; lr <= 50; lr *= 1.07) {
      assertEquals(Reference.lambdaS1(lr), Linreg1dTheory.lyapunovGaussian(lr, 1), 1e-13, "lr = " + lr);
    }
  }

  @Test
  void smallLearningRatesFollowTheMomentExpansion() {
    // log(1 - y) = -y - y^2/2 - y^3/3 - ..., E q^n = prod_{j<n} (1 + 2j/S): asymptotic in lr, the part
    // beyond the pole being exponentially small. At lr = 1e-3 the first omitted term, lr^6 E q^6 / 6, is
    // below 2e-15 (S = 1: E q^6 = 10395).
    double lr = 1e-3;
    for (int batch : new int[] {1, 2, 3, 8, 64, 4096}) {
      double expected = 0;
      double moment = 1;
      for (int n = 1; n <= 5; n++) {
        moment *= 1.0 + 2.0 * (n - 1) / batch;
        expected -= Math.pow(lr, n) * moment / n;
      }
      assertEquals(expected, Linreg1dTheory.lyapunovGaussian(lr, batch), 2e-14, "S = " + batch);
    }
    // lr -> 0: Lambda / lr -> -E[q] = -1 with relative accuracy, not just absolute.
    for (int batch : new int[] {1, 16, 4096}) {
      assertEquals(-1.0, Linreg1dTheory.lyapunovGaussian(1e-12, batch) / 1e-12, 1e-9);
    }
  }

  @Test
  void lambdaIsAtMostHalfTheMeanSquareGrowthRate() {
    // Jensen: E log|a| = E log a^2 / 2 <= log E[a^2] / 2.
    for (int batch : new int[] {1, 2, 4, 16, 256}) {
      for (double lr = 0.01; lr <= 50; lr *= 1.3) {
        double bound = 0.5 * Linreg1dTheory.meanSquareGrowthRate(lr, DataMoments.gaussian(), batch);
        assertTrue(Linreg1dTheory.lyapunovGaussian(lr, batch) < bound, "S = " + batch + ", lr = " + lr);
      }
    }
  }

  @Test
  void agreesWithMonteCarloOnBothSidesOfTheEdge() {
    // 2e6 samples of log|1 - lr q| with q = (1/S) sum of S squared SplittableRandom normals; the sample
    // mean must lie within 5 standard errors of the quadrature. For a correct quadrature each comparison
    // fails with probability P(|Z| > 5) = 5.7e-7 (normal limit; log|1 - lr q| has all moments), so the
    // 12 comparisons here together with probability below 7e-6.
    int samples = 2_000_000;
    SplittableRandom rng = new SplittableRandom(20260123L);
    int[] batches = {1, 4, 8};
    double[][] lrsPerBatch = {{0.5, 2.0, 2.42, 4.0}, {1.0, 2.5, 2.8, 6.0}, {1.0, 2.3, 2.6, 10.0}};
    for (int b = 0; b < batches.length; b++) {
      int batch = batches[b];
      double[] lrs = lrsPerBatch[b];
      double[] sum = new double[lrs.length];
      double[] sumSq = new double[lrs.length];
      for (int s = 0; s < samples; s++) {
        double q = 0;
        for (int j = 0; j < batch; j++) {
          double z = rng.nextGaussian();
          q += z * z;
        }
        q /= batch;
        for (int i = 0; i < lrs.length; i++) {
          double y = Math.log(Math.abs(1.0 - lrs[i] * q));
          sum[i] += y;
          sumSq[i] += y * y;
        }
      }
      for (int i = 0; i < lrs.length; i++) {
        double mean = sum[i] / samples;
        double stderr = Math.sqrt((sumSq[i] / samples - mean * mean) / (samples - 1));
        double exact = Linreg1dTheory.lyapunovGaussian(lrs[i], batch);
        assertTrue(Math.abs(mean - exact) < 5 * stderr,
            "S = " + batch + ", lr = " + lrs[i] + ": MC " + mean + " +- " + stderr + " vs " + exact);
      }
    }
  }

  @Test
  void rejectsLearningRatesThatAreNotPositiveAndFinite() {
    for (double lr : new double[] {0.0, -0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThrows(IllegalArgumentException.class, () -> Linreg1dTheory.lyapunovGaussian(lr, 1), "lr " + lr);
    }
    assertThrows(IllegalArgumentException.class, () -> Linreg1dTheory.lyapunovGaussian(1.0, 0));
  }
}
