package org.sgdmc.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdmc.models.NoiseModel;
import org.sgdmc.models.TwoBasin;
import org.sgdmc.theory.TwoBasinTheory;

/**
 * The 2-D two-basin escape kernels: twins bit for bit through the exits; Euler-Maruyama at small noise against the
 * 2-D Eyring-Kramers law; stable noise leaving the narrow deep basin before the wide shallow one; bad input.
 */
class TwoBasinEscapeTest {
  static final long SEED = 20261202L;
  static final double[][] DATA = TwoBasin.dataset(32, 1.0, 0.0, 7);

  /** Mean exit time (SDE time) and its standard error over {@code n} trajectories; none may be censored. */
  static double[] meanExit(TwoBasin m, int n, long maxSteps) {
    int width = 8 * VectorizationProvider.lookup().lanes();
    double[] snap = new double[TwoBasinScalarBlock.CHANNELS * width];
    double s = 0;
    double ss = 0;
    int count = 0;
    for (long traj0 = 0; count < n; traj0 += width) {
      StateBlock b = Kernels.TWO_BASIN.vector().create(m, SEED, width);
      b.start(traj0);
      b.advance(0, maxSteps);
      b.snapshot(snap);
      for (int j = 0; j < width && count < n; j++, count++) {
        double t = snap[j] * m.dt();
        assertTrue(Double.isFinite(t), m.describe() + ": a trajectory did not exit within " + maxSteps + " steps");
        s += t;
        ss += t * t;
      }
    }
    double mean = s / n;
    return new double[] {mean, Math.sqrt((ss / n - mean * mean) / (n - 1))};
  }

  @Test
  void twinsAgreeBitForBitThroughTheExits() {
    int width = 2 * VectorizationProvider.lookup().lanes();
    double[][] d = TwoBasin.dataset(17, 1.2, 0.8, 3);
    TwoBasin[] models = {
      TwoBasin.of(0.3, 0.6, 0.2, 1.0, 0.4, 1.0, 0.5, 1.5, false, d, 0.2, 3, NoiseModel.MINIBATCH, 1, Double.NaN),
      TwoBasin.of(0.3, 0.6, 0.2, 1.0, 0.4, 1.0, 0.5, 1.5, true, d, 0.3, 2, NoiseModel.GAUSSIAN, 5, Double.NaN),
      TwoBasin.of(0.3, 0.6, 0.2, 1.0, 0.4, 1.0, 0.5, 1.5, false, d, 0.05, 1, NoiseModel.STABLE, 3, 1.3),
      TwoBasin.of(0.3, 0.6, 0.2, 1.0, 0.4, 1.0, 0.5, 1.5, true, d, 0.05, 1, NoiseModel.STABLE, 1, 0.7),
    };
    for (TwoBasin m : models) {
      StateBlock v = Kernels.TWO_BASIN.vector().create(m, SEED, width);
      StateBlock s = Kernels.TWO_BASIN.scalar().create(m, SEED, width);
      v.start(128);
      s.start(128);
      double[] a = new double[TwoBasinScalarBlock.CHANNELS * width];
      double[] b = new double[a.length];
      boolean mixed = false; // some lanes exited while others still moved: both paths of the pass ran
      boolean crossed = false;
      for (long t = 0; t < 600; t += 37) { // uneven pieces: the split must not matter either
        v.advance(t, t + 37);
        s.advance(t, t + 37);
        v.snapshot(a);
        s.snapshot(b);
        assertArrayEquals(b, a, m.describe() + " at step " + (t + 37));
        int exited = 0;
        for (int j = 0; j < width; j++) {
          if (a[j] != Double.POSITIVE_INFINITY) {
            exited++;
            double x = a[TwoBasinScalarBlock.X * width + j];
            double y = a[TwoBasinScalarBlock.Y * width + j];
            double side = a[TwoBasinScalarBlock.SIDE * width + j];
            boolean across = m.right() ? x <= m.exitLow() : x >= m.exitHigh();
            assertTrue(side > 0 ? across : !across && (x <= m.exitLow() || x >= m.exitHigh()
                || Math.abs(y) >= m.yExit()), "an exit lies past its exit, on its side");
            assertTrue(a[j] <= (t + 37) * m.substeps() && a[j] == Math.rint(a[j]), "exit times count substeps");
            crossed |= side > 0;
          }
        }
        mixed |= exited > 0 && exited < width;
      }
      assertTrue(mixed && crossed, m.describe() + ": the test needs crossings, and lanes exited beside lanes inside");
    }
  }

  /**
   * Small noise, isotropic constant covariance (sb = 0), the wide shallow basin at depth / eps = 6: Euler-Maruyama at
   * dt = lr/10 against the reduced 1-D passage time within 4 standard errors (false-failure rate about 6e-5, plus the
   * EM bias: 4096 trajectories gave 1783 +- 28 at l = 10 and 1807 +- 28 at l = 40, reduced 1769), and against the
   * 2-D Eyring-Kramers law (2070) within 20%: its relative error is O(eps) (measured -14% here, -18% at
   * depth / eps = 10 in the narrow deep basin; the reduced time keeps the O(eps) terms).
   */
  @Test
  void eulerMaruyamaFollowsEyringKramersAtSmallNoise() {
    double[][] d = TwoBasin.dataset(32, Math.sqrt(0.5 / 6 / 0.1), 0.0, 7); // eps = lr sa^2 / 2 = 0.5 / 6
    TwoBasin g = TwoBasin.of(1.0, 1.0, 0.5, 2.0, 0.5, 1.0, 0.5, 4.0, true, d, 0.2, 1, NoiseModel.GAUSSIAN, 10,
        Double.NaN);
    assertEquals(6.0, TwoBasinTheory.quasiPotentialBarrier(g), 1e-9);
    double[] r = meanExit(g, 1024, 10_000_000);
    double ek = TwoBasinTheory.eyringKramers(g);
    double reduced = TwoBasinTheory.reducedMeanExitTime(g);
    assertEquals(reduced, r[0], 4 * r[1], "reduced " + reduced + ", simulated " + r[0] + " +- " + r[1]);
    assertEquals(1.0, r[0] / ek, 0.2, "Eyring-Kramers " + ek + ", simulated " + r[0] + " +- " + r[1]);
  }

  /**
   * Stable noise at small scale (eps = 0.05, alpha = 1.5): the narrow deep basin (width 1, depth 1) is left before
   * the wide shallow one (width 2, depth 0.5), each within 15% + 4 standard errors of Imkeller-Pavlyukevich (measured
   * 197.5 +- 6.3 against 199.3 and 441 +- 14 against 468: its error is a small-eps one, plus the relaxation after
   * the jump), so their ratio follows the widths and
   * not the depths, against the Gaussian order.
   */
  @Test
  void stableNoiseLeavesTheNarrowBasinFirst() {
    double[] t = new double[2];
    double[] ip = new double[2];
    for (int side = 0; side < 2; side++) {
      TwoBasin m = new TwoBasin(1.0, 1.0, 0.5, 2.0, 0.5, 1.0, 0.5, 4.0, side == 1, DATA[0], DATA[1], DATA[2], 0.01, 1,
          NoiseModel.STABLE, 1, 1.5, 0.05);
      double[] r = meanExit(m, 1024, 2_000_000);
      ip[side] = TwoBasinTheory.stableMeanExitTime(m);
      assertEquals(ip[side], r[0], 0.15 * ip[side] + 4 * r[1], m.describe() + ": IP " + ip[side] + ", simulated "
          + r[0] + " +- " + r[1]);
      t[side] = r[0];
    }
    assertTrue(ip[1] / ip[0] > 2 && t[1] / t[0] > 2, "wide/narrow exit-time ratio " + t[1] / t[0] + ", IP "
        + ip[1] / ip[0]);
  }

  @Test
  void badInputIsOneLine() {
    Runnable[] bad = {
      () -> TwoBasin.of(1.0, 1.0, 0.5, 2.0, 5.0, 1.0, 0.5, 4.0, true, DATA, 0.1, 1, NoiseModel.GAUSSIAN, 1, Double.NaN),
      () -> TwoBasin.of(-1.0, 1.0, 0.5, 2.0, 0.5, 1.0, 0.5, 4.0, true, DATA, 0.1, 1, NoiseModel.GAUSSIAN, 1, Double.NaN),
      () -> TwoBasin.of(1.0, 1.0, 0.5, 2.0, 0.5, 1.0, -0.5, 4.0, true, DATA, 0.1, 1, NoiseModel.GAUSSIAN, 1, Double.NaN),
      () -> TwoBasin.of(1.0, 1.0, 0.5, 2.0, 0.5, 1.0, 0.5, 4.0, true, DATA, 0.1, 1, NoiseModel.MINIBATCH, 4, Double.NaN),
      () -> TwoBasin.of(1.0, 1.0, 0.5, 2.0, 0.5, 1.0, 0.5, 4.0, true, DATA, 0.1, 1, NoiseModel.STABLE, 1, 2.5),
      () -> TwoBasin.dataset(2, 1.0, 0.0, 1),
    };
    for (Runnable r : bad) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
      assertTrue(!e.getMessage().contains("\n") && !e.getMessage().isBlank(), e.getMessage());
    }
  }
}
