package org.sgdmc.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The linear-d tails model: its least-squares fit, its generated data, its validation and its constants. */
class LinearDTailsModelTest {

  private static void assertRejected(String fragment, Executable e) {
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
    assertTrue(x.getMessage().contains(fragment), "message '" + x.getMessage() + "' should mention '" + fragment + "'");
    assertFalse(x.getMessage().contains("\n"), "one line: " + x.getMessage());
  }

  @Test
  void labelsOnTheTeacherPlaneAreFittedExactlyWithZeroResiduals() {
    double[][] x = {{1, 2, 0}, {0, 1, -1}, {3, 0, 1}, {1, 1, 1}, {-2, 0.5, 4}};
    double[] w = {0.5, -1.25, 2};
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i][0] * w[0] + x[i][1] * w[1] + x[i][2] * w[2];
    }
    LeastSquares fit = LeastSquares.fit(new PointData.Finite(x, "plane"), y);
    assertArrayEquals(w, fit.solution(), 1e-14);
    for (double e : fit.residuals()) {
      assertEquals(0.0, e, 1e-14);
    }
    assertArrayEquals(y, fit.labels());
  }

  /**
   * For noisy labels the residuals must be orthogonal to every column of X (the normal equations, the
   * reason the stationary mean is 0), and w_LS must agree with the normal equations solved independently
   * (Gauss-Jordan on X^T X: fine for this well-conditioned design).
   */
  @Test
  void residualsAreOrthogonalToTheColumnsAndTheSolutionSolvesTheNormalEquations() {
    LinearDTails m = LinearDTails.generated(0.1, 1, 200, 6, 0.8, false, 42);
    double[][] x = ((PointData.Finite) m.data()).points();
    double[] e = m.fit().residuals();
    double[] y = m.fit().labels();
    int d = 6;
    double ee = 0;
    for (double v : e) {
      ee += v * v;
    }
    assertTrue(ee > 1, "noisy labels leave residuals: " + ee);
    double[][] a = new double[d][d + 1];
    for (int c = 0; c < d; c++) {
      double xe = 0;
      double xx = 0;
      for (int i = 0; i < x.length; i++) {
        xe += x[i][c] * e[i];
        xx += x[i][c] * x[i][c];
        for (int k = 0; k < d; k++) {
          a[c][k] += x[i][c] * x[i][k];
        }
        a[c][d] += x[i][c] * y[i];
      }
      assertEquals(0.0, xe, 1e-13 * Math.sqrt(xx * ee), "column " + c + " . residuals");
    }
    for (int p = 0; p < d; p++) {
      for (int r = 0; r < d; r++) {
        if (r != p) {
          double f = a[r][p] / a[p][p];
          for (int k = p; k <= d; k++) {
            a[r][k] -= f * a[p][k];
          }
        }
      }
    }
    double[] w = m.fit().solution();
    for (int c = 0; c < d; c++) {
      assertEquals(a[c][d] / a[c][c], w[c], 1e-12);
    }
    // the teacher is (1, ..., 1)/sqrt(d); with N = 200 and sigma = 0.8 the fit is within a few 0.06 of it
    for (double wc : w) {
      assertEquals(1 / Math.sqrt(d), wc, 0.3);
    }
  }

  @Test
  void aSingularDesignIsRejectedWithAClearMessage() {
    double[] y = {1, 2, 3, 4};
    assertRejected("singular", () -> LinearDTails.finite(0.1, 1,
        new double[][] {{1, 2}, {2, 4}, {-1, -2}, {3, 6}}, y, true, "collinear"));
    assertRejected("singular", () -> LinearDTails.finite(0.1, 1,
        new double[][] {{1, 0}, {2, 0}, {3, 0}, {4, 0}}, y, true, "zero column"));
    assertRejected("at least d points", () -> LinearDTails.finite(0.1, 1,
        new double[][] {{1, 0, 2}, {0, 1, 1}}, new double[] {1, 2}, true, "too few"));
    assertRejected("labels", () -> LinearDTails.finite(0.1, 1,
        new double[][] {{1, 0}, {0, 1}, {1, 1}}, new double[] {1, 2}, true, "short labels"));
    assertRejected("not finite", () -> LinearDTails.finite(0.1, 1,
        new double[][] {{1, 0}, {0, 1}, {1, 1}}, new double[] {1, Double.NaN, 2}, true, "NaN label"));
    // nearly but not exactly collinear is fine
    LinearDTails ok = LinearDTails.finite(0.1, 1, new double[][] {{1, 2}, {2, 4 + 1e-6}, {-1, -2}, {3, 6}}, y, true, "ok");
    assertEquals(2, ok.fit().solution().length);
  }

  @Test
  void theModelChecksItsParameters() {
    assertRejected("learning rate", () -> LinearDTails.isotropicStream(0, 1, 3, 1.0));
    assertRejected("learning rate", () -> LinearDTails.isotropicStream(Double.NaN, 1, 3, 1.0));
    assertRejected("learning rate", () -> LinearDTails.isotropicStream(Double.POSITIVE_INFINITY, 1, 3, 1.0));
    assertRejected("batch size", () -> LinearDTails.isotropicStream(0.1, 0, 3, 1.0));
    assertRejected("dimension", () -> LinearDTails.isotropicStream(0.1, 1, 0, 1.0));
    assertRejected("sigma", () -> LinearDTails.isotropicStream(0.1, 1, 3, -1.0));
    assertRejected("sigma", () -> LinearDTails.isotropicStream(0.1, 1, 3, Double.NaN));
    assertRejected("sigma", () -> LinearDTails.generated(0.1, 1, 10, 2, Double.POSITIVE_INFINITY, true, 1));
    assertRejected("exceeds the 10 data points", () -> LinearDTails.generated(0.1, 11, 10, 2, 1.0, false, 1));
    assertEquals(11, LinearDTails.generated(0.1, 11, 10, 2, 1.0, true, 1).batch()); // with replacement: fine
    assertRejected("diagonal Gaussian", () -> new LinearDTails(0.1, 1,
        PointData.CorrelatedGaussian.of(new double[][] {{1, 0.5}, {0.5, 1}}), false, 1.0, null));
    assertRejected("least-squares fit", () -> new LinearDTails(0.1, 1,
        new PointData.Finite(new double[][] {{1}, {2}}, "t"), false, 1.0, null));
    LeastSquares other = LinearDTails.generated(0.1, 1, 3, 2, 1.0, true, 1).fit();
    assertRejected("does not match", () -> new LinearDTails(0.1, 1,
        new PointData.Finite(new double[][] {{1}, {2}}, "t"), false, 1.0, other));
    assertRejected("no least-squares fit", () -> new LinearDTails(0.1, 1,
        PointData.Gaussian.isotropic(2, 1.0), false, 1.0, other));
    assertRejected("too large", () -> LinearDTails.isotropicStream(1e300, 1, 3, 1.0));
  }

  @Test
  void aGeneratedDatasetIsReproducibleFromItsSeed() {
    LinearDTails a = LinearDTails.generated(0.1, 2, 50, 3, 0.5, false, 7);
    LinearDTails b = LinearDTails.generated(0.1, 2, 50, 3, 0.5, false, 7);
    LinearDTails c = LinearDTails.generated(0.1, 2, 50, 3, 0.5, false, 8);
    assertEquals(a, b);
    assertNotEquals(a.fit(), c.fit());
    PointData.Finite x = (PointData.Finite) a.data();
    assertArrayEquals(Datasets.gaussianPoints(50, PointData.Gaussian.isotropic(3, 1.0), 7).flat(), x.flat());
    assertArrayEquals(LinearDTails.generatedLabels(x, 0.5, 7), a.fit().labels());
    // sigma = 0: labels on the teacher plane, so w_LS = w* and no residual to speak of
    LinearDTails exact = LinearDTails.generated(0.1, 2, 50, 3, 0.0, false, 7);
    assertArrayEquals(LinearDTails.teacher(3), exact.fit().solution(), 1e-14);
    assertEquals(0.0, exact.fit().meanSquareResidual(), 1e-28);
    assertEquals(1.0, LinearDTails.teacher(5)[0] * LinearDTails.teacher(5)[0] * 5, 1e-15);
  }

  @Test
  void theConstantsTheTheoryNeeds() {
    LinearDTails s = LinearDTails.stream(0.1, 3, new PointData.Gaussian(new double[] {1.0, 0.25}), 2.0);
    assertTrue(s.isStream());
    assertFalse(s.isIsotropic());
    assertNull(s.fit());
    assertEquals(2, s.dim());
    assertEquals(Long.MAX_VALUE, s.size());
    assertArrayEquals(new double[][] {{1.0, 0}, {0, 0.25}}, s.hessian());
    assertArrayEquals(new double[][] {{4.0, 0}, {0, 1.0}}, s.noiseCovariance());
    assertTrue(LinearDTails.isotropicStream(0.1, 1, 4, 1.0).isIsotropic());

    double[][] pts = {{1, 0}, {0, 2}, {1, 1}};
    LinearDTails f = LinearDTails.finite(0.1, 2, pts, new double[] {1, 1, 0}, false, "three");
    assertEquals(3, f.size());
    assertTrue(Double.isNaN(f.sigma()));
    double[][] h = f.hessian();
    assertArrayEquals(new double[] {2.0 / 3, 1.0 / 3}, h[0], 1e-15);
    assertArrayEquals(new double[] {1.0 / 3, 5.0 / 3}, h[1], 1e-15);
    double[] e = f.fit().residuals();
    double[][] n = f.noiseCovariance();
    double n01 = 0;
    for (int i = 0; i < 3; i++) {
      n01 += e[i] * e[i] * pts[i][0] * pts[i][1] / 3;
    }
    assertEquals(n01, n[0][1], 1e-15);
    assertTrue(f.describe().contains("lr=0.1") && f.describe().contains("S=2") && f.describe().contains("without"),
        f.describe());
    assertTrue(s.describe().contains("sigma=2.0"), s.describe());
  }

  /** r steps may grow the tangent vector by at most (1 + lr max|x|^2)^r < 2^480, and r <= 64. */
  @Test
  void theTangentIntervalRespectsTheGrowthBudget() {
    PointData iso = PointData.Gaussian.isotropic(10, 1.0);
    for (double lr : new double[] {1e-3, 0.1, 1.0, 10.0, 1e6}) {
      int r = LinearDTails.tangentInterval(lr, iso);
      assertTrue(r >= 1 && r <= LinearDTails.MAX_TANGENT_INTERVAL, "lr " + lr + ": " + r);
      assertTrue(r * Math.log1p(lr * iso.maxSquareNorm()) / Math.log(2) <= 480, "lr " + lr + ": " + r);
    }
    assertEquals(LinearDTails.MAX_TANGENT_INTERVAL, LinearDTails.tangentInterval(1e-3, iso));
  }
}
