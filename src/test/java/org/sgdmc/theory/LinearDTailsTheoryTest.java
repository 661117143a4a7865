package org.sgdmc.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sgdmc.models.LinearDTails;
import org.sgdmc.models.PointData;

/**
 * The exact second moments of linear-d tails: the general recursion {@code P' = E[M P M] + E[b b^T]} against
 * the closed form for an isotropic stream, and against brute-force enumeration of every sequence of batches
 * of a tiny dataset (with and without replacement), which shares nothing with it but the model.
 */
class LinearDTailsTheoryTest {

  @Test
  void theRecursionReducesToTheClosedFormForAnIsotropicStream() {
    for (int[] ds : new int[][] {{1, 1}, {5, 1}, {10, 3}, {3, 7}}) {
      LinearDTails m = LinearDTails.stream(0.07, ds[1], PointData.Gaussian.isotropic(ds[0], 1.3), 0.6);
      for (long t : new long[] {1, 2, 10, 60}) {
        double closed = LinearDTailsTheory.meanSquareIsotropic(m, t);
        assertEquals(closed, LinearDTailsTheory.meanSquare(m, t), 1e-12 * closed, "d, S = " + ds[0] + ", " + ds[1]);
        double[][] p = LinearDTailsTheory.secondMoment(m, t);
        assertEquals(closed / ds[0], p[0][0], 1e-12 * closed, "isotropic: E u_0^2 = E|u|^2 / d");
        if (ds[0] > 1) {
          assertEquals(0.0, p[0][1], 1e-15 * closed);
        }
      }
    }
  }

  @Test
  void theStationaryMeanSquareIsFiniteExactlyBelowTheMeanSquareThreshold() {
    // rho = 1 - 2 a + a^2 (1 + (d+1)/S) = 1 at a = 2 / (1 + (d+1)/S): d = 5, S = 1 gives lr = 2/7
    LinearDTails below = LinearDTails.isotropicStream(2.0 / 7 * 0.99, 1, 5, 1.0);
    LinearDTails above = LinearDTails.isotropicStream(2.0 / 7 * 1.01, 1, 5, 1.0);
    double rho = LinearDTailsTheory.contractionIsotropic(below.lr(), 1, 5, 1);
    assertEquals(below.lr() * below.lr() * 5 / (1 - rho), LinearDTailsTheory.stationaryMeanSquareIsotropic(below), 1e-12);
    assertEquals(Double.POSITIVE_INFINITY, LinearDTailsTheory.stationaryMeanSquareIsotropic(above));
    assertEquals(1.0, LinearDTailsTheory.contractionIsotropic(2.0 / 7, 1, 5, 1), 1e-15);
    // with the closed form at finite t: c (1 - rho^t) / (1 - rho) tends to it
    assertEquals(LinearDTailsTheory.stationaryMeanSquareIsotropic(below),
        LinearDTailsTheory.meanSquareIsotropic(below, 100_000), 1e-9);
  }

  /** Every sequence of 3 batches of a 4-point dataset, S = 2: E[u_3 u_3^T] by summing over all of them. */
  @Test
  void theRecursionAgreesWithEnumerationOfEveryBatchSequence() {
    double[][] x = {{1.0, 0.3}, {-0.5, 1.2}, {0.8, -0.9}, {0.2, 0.4}};
    double[] y = {0.7, -0.2, 1.1, 0.05};
    for (boolean replacement : new boolean[] {true, false}) {
      LinearDTails m = LinearDTails.finite(0.3, 2, x, y, replacement, "four");
      double[] e = m.fit().residuals();
      int[][] batches = replacement
          ? new int[][] {{0, 0}, {0, 1}, {0, 2}, {0, 3}, {1, 0}, {1, 1}, {1, 2}, {1, 3},
              {2, 0}, {2, 1}, {2, 2}, {2, 3}, {3, 0}, {3, 1}, {3, 2}, {3, 3}}
          : new int[][] {{0, 1}, {0, 2}, {0, 3}, {1, 0}, {1, 2}, {1, 3}, {2, 0}, {2, 1}, {2, 3}, {3, 0}, {3, 1}, {3, 2}};
      double[][] p = new double[2][2];
      int b = batches.length;
      for (int k = 0; k < b * b * b; k++) {
        double[] u = {0, 0};
        for (int[] batch : new int[][] {batches[k % b], batches[k / b % b], batches[k / (b * b)]}) {
          double[] g = new double[2];
          for (int i : batch) {
            double r = x[i][0] * u[0] + x[i][1] * u[1] - e[i];
            g[0] += x[i][0] * r;
            g[1] += x[i][1] * r;
          }
          u[0] -= m.lr() / 2 * g[0];
          u[1] -= m.lr() / 2 * g[1];
        }
        for (int r = 0; r < 2; r++) {
          for (int c = 0; c < 2; c++) {
            p[r][c] += u[r] * u[c] / ((double) b * b * b);
          }
        }
      }
      double[][] q = LinearDTailsTheory.secondMoment(m, 3);
      for (int r = 0; r < 2; r++) {
        for (int c = 0; c < 2; c++) {
          assertEquals(p[r][c], q[r][c], 1e-14, "replacement " + replacement + ", entry " + r + c);
        }
      }
    }
  }
}
