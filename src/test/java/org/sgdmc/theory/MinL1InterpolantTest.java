package org.sgdmc.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.sgdmc.models.GrokData;

/**
 * The minimum-l1 interpolant from the simplex solver against an exhaustive search: a basis-pursuit optimum is
 * attained at a vertex, an interpolant supported on n columns (a basic solution), so for small d the minimum over
 * every n-subset of columns with a non-singular block is the exact answer. Deterministic (no tolerance for chance).
 */
class MinL1InterpolantTest {

  @Test
  void simplexOptimumEqualsTheBestBasicSolution() {
    for (long seed = 1; seed <= 5; seed++) {
      GrokData data = GrokData.generate(3, 7, 0.3, seed);
      MinL1Interpolant lp = MinL1Interpolant.of(data);
      assertTrue(lp.residual() < 1e-9, "interpolates: residual " + lp.residual());
      double best = bestBasic(data);
      assertEquals(best, lp.l1(), 1e-9 * best, "seed " + seed);
    }
  }

  @Test
  void recoversASparseTeacherFromEnoughGaussianPoints() {
    GrokData data = GrokData.sparse(20, 40, 3, 0.0, 1);
    MinL1Interpolant lp = MinL1Interpolant.of(data);
    double[] b = lp.beta(), star = data.betaStar();
    for (int c = 0; c < b.length; c++) {
      assertEquals(star[c], b[c], 1e-9, "coordinate " + c);
    }
  }

  /** min |beta|_1 over basic solutions: every n-subset of columns whose block is invertible. */
  private static double bestBasic(GrokData data) {
    int n = data.n(), d = data.d();
    double best = Double.POSITIVE_INFINITY;
    int[] idx = new int[n];
    for (int mask = 0; mask < 1 << d; mask++) {
      if (Integer.bitCount(mask) != n) {
        continue;
      }
      for (int c = 0, j = 0; c < d; c++) {
        if ((mask >> c & 1) == 1) {
          idx[j++] = c;
        }
      }
      double[][] a = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          a[i][j] = data.x()[i * d + idx[j]];
        }
      }
      RealMatrix m = new Array2DRowRealMatrix(a);
      LUDecomposition lu = new LUDecomposition(m);
      if (Math.abs(lu.getDeterminant()) < 1e-12) {
        continue;
      }
      double[] z = lu.getSolver().solve(new org.apache.commons.math3.linear.ArrayRealVector(data.y())).toArray();
      double l1 = 0;
      for (double v : z) {
        l1 += Math.abs(v);
      }
      best = Math.min(best, l1);
    }
    return best;
  }
}
