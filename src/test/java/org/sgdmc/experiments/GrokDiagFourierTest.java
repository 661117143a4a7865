package org.sgdmc.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdmc.engine.RecordTimes;
import org.sgdmc.engine.Simulation;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.models.GrokData;
import org.sgdmc.models.GrokDiag;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.GrokDiagResult;
import org.sgdmc.theory.MinL1Interpolant;

/**
 * The seed's 1-D Fourier-feature dataset (App. D.2, {@code grok-diag --data fourier}): it is what GrokData.fourier's
 * comment and the README say (points in [0, 2 pi), rows sqrt(2) (cos jt, sin jt), a k-sparse unit teacher, y = X
 * beta*, features orthonormal so that |beta - beta*|^2/2 is the population risk), and the diagonal network's GD
 * endpoint on it approaches the minimum-l1 interpolant: within 0.05 for 99% of trajectories after 10/(eta lambda)
 * steps, the distance O(lambda). Deterministic data and full-batch GD; the bounds are far from the measured values
 * (comments).
 */
class GrokDiagFourierTest {

  @Test
  void theDatasetIsTheDocumentedSparseFourierSeries() {
    int n = 12, d = 24, k = 2;
    GrokData data = GrokData.fourier(n, d, k, 0.0, 9);
    assertTrue(data.isFourier());
    double[] t = data.points();
    double[] x = data.x(), y = data.y(), beta = data.betaStar();
    assertEquals(k, data.support());
    double norm2 = 0;
    for (double b : beta) {
      assertTrue(b == 0 || Math.abs(Math.abs(b) - 1 / Math.sqrt(k)) < 1e-15, "+-1/sqrt(k) or 0: " + b);
      norm2 += b * b;
    }
    assertEquals(1.0, norm2, 1e-14);
    for (int i = 0; i < n; i++) {
      assertTrue(t[i] >= 0 && t[i] < 2 * Math.PI, "t in [0, 2 pi): " + t[i]);
      double f = 0;
      for (int j = 1; j <= d / 2; j++) {
        double c = x[i * d + 2 * (j - 1)], s = x[i * d + 2 * (j - 1) + 1];
        assertEquals(Math.sqrt(2) * Math.cos(j * t[i]), c, 1e-15);
        assertEquals(Math.sqrt(2) * Math.sin(j * t[i]), s, 1e-15);
        f += beta[2 * (j - 1)] * c + beta[2 * (j - 1) + 1] * s; // the teacher's Fourier series at t_i
      }
      assertEquals(f, y[i], 1e-13);
    }
    // distinct points, not a grid: the dataset is random
    assertTrue(java.util.Arrays.stream(t).distinct().count() == n);
    // orthonormal features: the mean of phi phi^T over M equally spaced points (M > d, exact for trigonometric
    // polynomials of degree < M) is the identity, so E_t (phi(t) . e)^2 = |e|^2
    int m = 64;
    double[][] gram = new double[d][d];
    for (int p = 0; p < m; p++) {
      double[] phi = GrokData.features(2 * Math.PI * p / m, d);
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          gram[a][b] += phi[a] * phi[b] / m;
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        assertEquals(a == b ? 1.0 : 0.0, gram[a][b], 1e-12, "E phi_a phi_b, a = " + a + ", b = " + b);
      }
    }
  }

  @Test
  void oddDimensionsAndTooFewCoordinatesAreRefused() {
    assertTrue(assertThrowsMessage(() -> GrokData.fourier(5, 11, 2, 0, 1)).contains("even"));
    assertTrue(assertThrowsMessage(() -> GrokData.fourier(12, 12, 2, 0, 1)).contains("d > n"));
  }

  private static String assertThrowsMessage(Runnable r) {
    return org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  private static GrokDiagResult run(GrokData data, MinL1Interpolant l1, double lambda) {
    double eta = 0.05;
    GrokDiag model = new GrokDiag(data, eta, lambda, 0.5, data.n(), false, 1e-3, 0.01, l1.beta());
    long steps = (long) Math.ceil(10 / (eta * lambda));
    EnsembleOptions options = new EnsembleOptions(64, RecordTimes.parse("log:20", steps), 11, 2, 64);
    return GrokDiagExperiment.run(model, 0.01, l1, options, Kernel.VECTOR, Simulation.Progress.NONE);
  }

  @Test
  void theEndpointApproachesTheMinimumL1InterpolantOfTheFourierData() {
    GrokData data = GrokData.fourier(12, 24, 2, 0.0, 9);
    MinL1Interpolant l1 = MinL1Interpolant.of(data);
    assertTrue(l1.residual() < 1e-9, "the simplex solution interpolates: " + l1.residual());
    GrokDiagResult coarse = run(data, l1, 0.04);
    GrokDiagResult fine = run(data, l1, 0.01);
    int last = fine.observed()[3].length - 1;
    // quantile index 6 is the 99% level, 3 the median
    double worstFine = Math.exp(fine.observed()[3][last].quantiles()[6]);
    double medianCoarse = Math.exp(coarse.observed()[3][coarse.observed()[3].length - 1].quantiles()[3]);
    double medianFine = Math.exp(fine.observed()[3][last].quantiles()[3]);
    double start = Math.exp(fine.observed()[3][0].quantiles()[3]);
    assertTrue(worstFine < 0.05, "99% of endpoints within 0.05 of beta_l1 (|beta_l1| ~ 1): " + worstFine);
    assertTrue(start > 20 * medianFine, "the distance at step 0 " + start + " against the end " + medianFine);
    double ratio = medianCoarse / medianFine;
    assertTrue(ratio > 2.5 && ratio < 6, "distance O(lambda): lambda / 4 gives a distance / " + ratio);
    assertEquals(0.0, fine.t1().fractionNever());
    assertEquals(0.0, fine.t2().fractionNever());
    assertTrue(fine.t2().median() > 10 * fine.t1().median(), "t2 " + fine.t2().median() + " t1 " + fine.t1().median());
  }
}
