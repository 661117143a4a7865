package org.sgdmc.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdmc.experiments.EscapeExperiment;
import org.sgdmc.models.DoubleWell;
import org.sgdmc.models.NoiseModel;
import org.sgdmc.results.ExitTimes;
import org.sgdmc.theory.EscapeTheory;

/**
 * The double-well kernels: twins equal bit for bit over many steps and exits, the simulated SDE's mean exit time
 * against the exact double-quadrature value, and stable noise's exit time against Imkeller-Pavlyukevich's law.
 *
 * <p>False failures: each "within 4 standard errors" check fails with probability 6.3e-5 for an unbiased
 * estimate (normal approximation; the mean of 2048 or 4096 near-exponential times); there are 2 such checks and
 * 4 on the stable runs, about 4e-4 in all. The biases are bounded separately: Euler-Maruyama's at dt = lr/64 was
 * measured below 0.5 standard errors (runs at l = 16, 64, 256 bracket the exact value); the stable law's small-noise
 * error is allowed 6% (measured 0 to 3.3% at epsilon = 0.05 and 0.1, in EscapeTheory's class comment's setting).
 */
class DoubleWellEscapeTest {
  static final long SEED = 20261202L;

  @Test
  void twinsAgreeBitForBitThroughTheExits() {
    int width = 2 * VectorizationProvider.lookup().lanes();
    double[][] ab = DoubleWell.dataset(17, 1.2, 0.8, 3);
    DoubleWell[] models = {
      DoubleWell.of(0.8, 0.9, ab, 0.2, 3, NoiseModel.MINIBATCH, 1, Double.NaN),
      DoubleWell.of(0.8, 0.9, ab, 0.3, 2, NoiseModel.GAUSSIAN, 5, Double.NaN),
      DoubleWell.of(0.8, 0.9, ab, 0.02, 1, NoiseModel.STABLE, 3, 1.3),
      DoubleWell.of(0.8, 0.9, ab, 0.02, 1, NoiseModel.STABLE, 1, 0.7),
    };
    for (DoubleWell m : models) {
      StateBlock v = Kernels.DOUBLE_WELL.vector().create(m, SEED, width);
      StateBlock s = Kernels.DOUBLE_WELL.scalar().create(m, SEED, width);
      v.start(128);
      s.start(128);
      double[] a = new double[DoubleWellScalarBlock.CHANNELS * width];
      double[] b = new double[a.length];
      boolean mixed = false; // some lanes exited while others still moved: both paths of the pass ran
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
            double theta = a[DoubleWellScalarBlock.THETA * width + j];
            double side = a[DoubleWellScalarBlock.SIDE * width + j];
            assertTrue(side > 0 ? theta >= m.exitRight() : theta <= m.exitLeft(), "an exit lies past its exit");
            assertTrue(a[j] <= (t + 37) * m.substeps() && a[j] == Math.rint(a[j]), "exit times count substeps");
          }
        }
        mixed |= exited > 0 && exited < width;
      }
      assertTrue(mixed, m.describe() + ": the test needs lanes exited beside lanes inside");
    }
  }

  /** Euler-Maruyama at fine dt against the exact mean first passage time of the SDE with state-dependent D. */
  @Test
  void theSimulatedSdeExitsAtTheExactMeanTime() {
    record Case(double height, double width, double sigmaA, double sigmaB, double lr, int batch) {}
    for (Case c : new Case[] {new Case(0.5, 1.0, 1.0, 0.5, 0.5, 1), new Case(0.4, 0.8, 1.0, 1.0, 0.5, 2)}) {
      DoubleWell m = DoubleWell.of(c.height(), c.width(), DoubleWell.dataset(64, c.sigmaA(), c.sigmaB(), 7), c.lr(),
          c.batch(), NoiseModel.GAUSSIAN, 64, Double.NaN);
      ExitTimes e = EscapeExperiment.exitTimes(m, 4096, 1_000_000, SEED, Kernel.VECTOR, 2);
      double exact = EscapeTheory.exactMeanExitTime(m);
      assertEquals(0, e.censoredFraction());
      assertEquals(0, e.leftFraction());
      assertEquals(exact, e.mean(), 4 * e.stderr(), c + ": exact " + exact + ", simulated " + e.mean() + " +- "
          + e.stderr());
    }
  }

  /**
   * Imkeller-Pavlyukevich: with small stable noise the mean exit time is 1 / (eps^alpha K (w^-alpha + (2w)^-alpha)):
   * a power alpha of the width, independent of the height; the left exit takes the share (2w)^-alpha of the rate.
   */
  @Test
  void stableNoiseExitsByOneJumpWhateverTheHeight() {
    double alpha = 1.5;
    double eps = 0.1;
    double[][] ab = DoubleWell.dataset(8, 1.0, 0.0, 7);
    double[][] hw = {{1, 1}, {2, 1}, {1, 2}};
    ExitTimes[] e = new ExitTimes[3];
    for (int i = 0; i < 3; i++) {
      double h = hw[i][0];
      double w = hw[i][1];
      double dt = 0.1 / (8 * h / (w * w)); // dt U''(min) = 0.1
      DoubleWell m = new DoubleWell(h, w, ab[0], ab[1], dt, 1, NoiseModel.STABLE, 1, alpha, eps, -w, w, -3 * w);
      e[i] = EscapeExperiment.exitTimes(m, 2048, 10_000_000, SEED + i, Kernel.VECTOR, 2);
      double theory = EscapeTheory.stableMeanExitTime(m);
      assertEquals(0, e[i].censoredFraction());
      assertEquals(0, Math.log(e[i].mean() / theory), 0.06 + 4 * e[i].logStderr(),
          "h " + h + ", w " + w + ": " + e[i].mean() + " against " + theory);
    }
    double seHeight = Math.hypot(e[0].logStderr(), e[1].logStderr());
    assertEquals(0, Math.log(e[1].mean() / e[0].mean()), 4 * seHeight, "the height must not matter");
    double slope = Math.log(e[2].mean() / e[0].mean()) / Math.log(2);
    double seWidth = Math.hypot(e[0].logStderr(), e[2].logStderr()) / Math.log(2);
    assertEquals(alpha, slope, 0.1 + 4 * seWidth, "exit time ~ width^alpha");
    double share = Math.pow(2, -alpha) / (1 + Math.pow(2, -alpha));
    assertEquals(share, e[0].leftFraction(), 4 * Math.sqrt(share * (1 - share) / 2048), "left share");
  }
}
