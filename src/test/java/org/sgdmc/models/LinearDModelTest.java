package org.sgdmc.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The linear-d model and its point data: validation, the Cholesky factor, the growth bound. */
class LinearDModelTest {

  @Test
  void choleskyFactorReproducesTheCovarianceAndRejectsWhatIsNotPositiveDefinite() {
    double[][] sigma = {{2.0, 0.6, -0.4}, {0.6, 1.0, 0.2}, {-0.4, 0.2, 0.5}};
    double[][] l = PointData.CorrelatedGaussian.of(sigma).factor();
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double s = 0;
        for (int k = 0; k < 3; k++) {
          s += l[i][k] * l[j][k];
        }
        assertEquals(sigma[i][j], s, 1e-15);
        if (j > i) {
          assertEquals(0.0, l[i][j]);
        }
      }
    }
    assertThrows(IllegalArgumentException.class, () -> PointData.CorrelatedGaussian.of(new double[][] {{1, 2}, {2, 1}}));
    assertThrows(IllegalArgumentException.class, () -> PointData.CorrelatedGaussian.of(new double[][] {{1, 0.1}, {0.2, 1}}));
    assertThrows(IllegalArgumentException.class, () -> PointData.CorrelatedGaussian.of(new double[][] {{1, 0}}));
  }

  @Test
  void isotropyAndTheBoundOnTheSquaredNorm() {
    assertTrue(PointData.Gaussian.isotropic(4, 0.3).isIsotropic());
    assertFalse(new PointData.Gaussian(new double[] {1, 0.5}).isIsotropic());
    // |x|^2 = sum_c v_c z_c^2 <= 72.1 sum_c v_c
    assertEquals(PointData.MAX_NORMAL_SQUARE * 1.5, new PointData.Gaussian(new double[] {1, 0.5}).maxSquareNorm(), 1e-9);
    assertEquals(25.0, new PointData.Finite(new double[][] {{3, 4}, {1, 1}}, "t").maxSquareNorm(), 1e-9);
  }

  @Test
  void theModelChecksItsParameters() {
    PointData iso = PointData.Gaussian.isotropic(3, 1.0);
    assertThrows(IllegalArgumentException.class, () -> LinearD.of(0.1, 1, iso, false, 4));
    assertThrows(IllegalArgumentException.class, () -> LinearD.of(0.1, 1, iso, false, 0));
    assertThrows(IllegalArgumentException.class, () -> LinearD.of(-0.1, 1, iso, false, 1));
    assertThrows(IllegalArgumentException.class,
        () -> LinearD.of(0.1, 3, new PointData.Finite(new double[][] {{1, 0}, {0, 1}}, "t"), false, 1));
    int max = LinearD.maxReorthInterval(0.1, iso);
    // r steps may grow a vector by (1 + lr max|x|^2)^r < 2^480
    assertTrue(max * Math.log1p(0.1 * iso.maxSquareNorm()) / Math.log(2) <= 480);
    assertTrue((max + 1) * Math.log1p(0.1 * iso.maxSquareNorm()) / Math.log(2) > 480);
    assertEquals(LinearD.DEFAULT_REORTH_INTERVAL, LinearD.of(0.1, 1, iso, false, 1).reorthInterval());
    assertThrows(IllegalArgumentException.class, () -> new LinearD(0.1, 1, iso, false, 1, max + 1));
  }
}
