package org.sgdmc.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgdmc.models.GrokRelu;

/**
 * The test sum through the kinks is the test sum: on random networks (several scales, units switched on and off
 * inside the grid and outside it, kinks exactly on grid points, w = 0) it equals the unit-by-unit sum at every point
 * to rounding; the boundary of every unit is the first grid index of the activity test; a network with a parameter
 * that is not finite is +inf. Deterministic (fixed seeds).
 */
class ReluGridSumTest {
  private static final int POINTS = GrokRelu.TEST_POINTS;

  /** The unit-by-unit sum, written independently of both twins. */
  private static double direct(GrokRelu model, double[] a, double[] w, double[] b) {
    double sum = 0;
    for (int p = 0; p < POINTS; p++) {
      double z = GrokRelu.gridPoint(p, POINTS);
      double f = 0;
      for (int j = 0; j < a.length; j++) {
        f += a[j] * Math.max(w[j] * z + b[j], 0);
      }
      double e = f - model.teacher(z);
      sum += e * e;
    }
    return sum;
  }

  private static double kinks(GrokRelu model, double[] a, double[] w, double[] b) {
    return ReluGridSum.sum(model, a, w, b, 1, 0, new double[ReluGridSum.ROWS], new double[ReluGridSum.ROWS]);
  }

  private static GrokRelu model(int m) {
    return GrokRelu.generate(12, 3, GrokRelu.DEFAULT_KINKS, GrokRelu.DEFAULT_SLOPES, m, 0.01, 0.001, 1, 0.05);
  }

  /**
   * 2000 random networks, m 1 to 60, parameters normal with scales 0.01 to 100, a fifth of the units with their kink
   * placed exactly on a grid point ({@code b = -w z_p}) and some with {@code w = 0}: the two sums agree to 1e-10 of
   * {@code 1 + sum_p (|f*(z_p)| + sum_j |a_j| (|w_j| + |b_j|))^2}, the scale of their rounding (observed: far below).
   */
  @Test
  void equalsTheUnitByUnitSumToRounding() {
    SplittableRandom random = new SplittableRandom(11);
    double worst = 0;
    for (int trial = 0; trial < 2000; trial++) {
      int m = 1 + random.nextInt(60);
      GrokRelu model = model(m);
      double scale = Math.pow(10, -2 + 4 * random.nextDouble());
      double[] a = new double[m], w = new double[m], b = new double[m];
      for (int j = 0; j < m; j++) {
        a[j] = scale * gaussian(random);
        w[j] = scale * gaussian(random);
        b[j] = scale * gaussian(random);
        double kind = random.nextDouble();
        if (kind < 0.2) {
          b[j] = -w[j] * GrokRelu.gridPoint(random.nextInt(POINTS), POINTS); // a kink on a grid point
        } else if (kind < 0.25) {
          w[j] = 0;
        }
      }
      double size = 0;
      for (int j = 0; j < m; j++) {
        size += Math.abs(a[j]) * (Math.abs(w[j]) + Math.abs(b[j]));
      }
      double tolerance = 1e-10 * (1 + POINTS * (size + 2) * (size + 2));
      double difference = Math.abs(kinks(model, a, w, b) - direct(model, a, w, b));
      worst = Math.max(worst, difference / tolerance);
      assertTrue(difference <= tolerance, "trial " + trial + ": difference " + difference + ", tolerance " + tolerance);
    }
    assertTrue(worst < 1e-3, "the sums agree far inside the tolerance, worst " + worst);
  }

  /** The boundary is the first grid index at which {@code (fma(w, z_p, b) > 0) == (w > 0)}, found by brute force. */
  @Test
  void theBoundaryIsTheFirstIndexOfTheActivityTest() {
    SplittableRandom random = new SplittableRandom(12);
    for (int trial = 0; trial < 20000; trial++) {
      double w = Math.pow(10, -12 + 14 * random.nextDouble()) * (random.nextBoolean() ? 1 : -1);
      double b;
      double kind = random.nextDouble();
      if (kind < 0.3) {
        b = -w * GrokRelu.gridPoint(random.nextInt(POINTS), POINTS);
      } else if (kind < 0.4) {
        b = Math.nextUp(-w * GrokRelu.gridPoint(random.nextInt(POINTS), POINTS));
      } else if (kind < 0.5) {
        b = 0;
      } else {
        b = Math.abs(w) * 3 * (2 * random.nextDouble() - 1);
      }
      int expected = POINTS;
      for (int p = 0; p < POINTS; p++) {
        if ((Math.fma(w, GrokRelu.gridPoint(p, POINTS), b) > 0) == (w > 0)) {
          expected = p;
          break;
        }
      }
      assertEquals(expected, ReluGridSum.boundary(w, b), "w " + w + ", b " + b);
    }
  }

  @Test
  void aNetworkWithAParameterNotFiniteIsInfinitelyFarOff() {
    GrokRelu model = model(3);
    double[] a = {1, 2, 3}, w = {0.5, -1, 2}, b = {0.1, 0.2, -0.3};
    assertTrue(Double.isFinite(kinks(model, a, w, b)));
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      for (double[] array : new double[][] {a, w, b}) {
        double keep = array[1];
        array[1] = bad;
        assertEquals(Double.POSITIVE_INFINITY, kinks(model, a, w, b), "a parameter " + bad);
        array[1] = keep;
      }
    }
    double[] huge = {1e200, 1, 1};
    double[] big = {1e200, -1, 2};
    assertEquals(Double.POSITIVE_INFINITY, kinks(model, huge, big, b), "products that overflow");
  }

  private static double gaussian(SplittableRandom random) {
    double u = random.nextDouble(), v = random.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
  }
}
