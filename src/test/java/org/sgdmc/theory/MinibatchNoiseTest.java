package org.sgdmc.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdmc.models.PointGradients;

/**
 * The two covariance formulas against the exact covariance of a batch mean, by enumerating every batch of a small
 * dataset: all n^B ordered draws with replacement, all C(n, B) subsets without. No sampling: agreement to
 * rounding.
 */
class MinibatchNoiseTest {
  @Test
  void formulasEqualTheEnumeratedCovarianceForEveryBatchSizeAndBothSchemes() {
    for (PointGradients.Loss loss : PointGradients.Loss.values()) {
      PointGradients data = PointGradients.generated(loss, 6, 2, 0.7, 11);
      double[][] g = data.gradients(new double[] {0.3, -0.8});
      MinibatchNoise exact = new MinibatchNoise(g);
      for (int batch = 1; batch <= g.length; batch++) {
        double[][] with = enumerate(g, batch, true);
        double[][] without = enumerate(g, batch, false);
        for (int j = 0; j < 2; j++) {
          for (int k = 0; k < 2; k++) {
            double scale = Math.sqrt(exact.sigma()[j][j] * exact.sigma()[k][k]);
            assertEquals(exact.covariance(batch, true, j, k), with[j][k], 1e-12 * scale, loss + " with B=" + batch);
            assertEquals(exact.covariance(batch, false, j, k), without[j][k], 1e-12 * scale,
                loss + " without B=" + batch);
          }
        }
      }
    }
  }

  @Test
  void theSeedsPairingOfTheFinitePopulationFactorWithReplacementIsWrong() {
    // seed 004 sec. 6: Cov = Sigma (n-B)/(B(n-1)) "for mini-batch sampling with replacement"; at B = n that is 0,
    // but a with-replacement batch of n points still varies
    PointGradients data = PointGradients.generated(PointGradients.Loss.LINREG, 5, 1, 0.5, 3);
    double[][] g = data.gradients(new double[] {0.2});
    MinibatchNoise exact = new MinibatchNoise(g);
    double with = enumerate(g, 5, true)[0][0];
    assertEquals(0.0, exact.covariance(5, false, 0, 0));
    assertEquals(exact.sigma()[0][0] / 5, with, 1e-12 * exact.sigma()[0][0]);
    assertTrue(with > 0.1 * exact.sigma()[0][0]);
  }

  /** The exact covariance of the batch mean over every equally likely batch. */
  static double[][] enumerate(double[][] g, int batch, boolean withReplacement) {
    int n = g.length;
    int d = g[0].length;
    double[] sum = new double[d];
    double[][] sumSq = new double[d][d];
    long count = 0;
    int[] idx = new int[batch];
    long total = (long) Math.pow(n, batch);
    for (long code = 0; code < total; code++) {
      long c = code;
      for (int i = 0; i < batch; i++) {
        idx[i] = (int) (c % n);
        c /= n;
      }
      if (!withReplacement && !strictlyIncreasing(idx)) {
        continue;
      }
      double[] mean = new double[d];
      for (int i : idx) {
        for (int j = 0; j < d; j++) {
          mean[j] += g[i][j] / batch;
        }
      }
      count++;
      for (int j = 0; j < d; j++) {
        sum[j] += mean[j];
        for (int k = 0; k < d; k++) {
          sumSq[j][k] += mean[j] * mean[k];
        }
      }
    }
    double[][] cov = new double[d][d];
    for (int j = 0; j < d; j++) {
      for (int k = 0; k < d; k++) {
        cov[j][k] = sumSq[j][k] / count - (sum[j] / count) * (sum[k] / count);
      }
    }
    return cov;
  }

  private static boolean strictlyIncreasing(int[] a) {
    for (int i = 1; i < a.length; i++) {
      if (a[i] <= a[i - 1]) {
        return false;
      }
    }
    return true;
  }
}
