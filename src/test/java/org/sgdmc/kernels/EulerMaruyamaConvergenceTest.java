package org.sgdmc.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdmc.engine.Simulation;
import org.sgdmc.engine.StationarySampler;
import org.sgdmc.models.LabelledData;
import org.sgdmc.models.Linreg1dTails;
import org.sgdmc.models.NoiseModel;
import org.sgdmc.stats.SampleMean;
import org.sgdmc.theory.LinearSde;

/**
 * Euler-Maruyama's stationary law converges to the SDE's zero-flux law as dt = lr / l shrinks, at the scheme's weak
 * order 1. At lr = 0.2, B = 1, sigma = 0.8 on the Gaussian stream (SDE tail index 6, so u^2 has a finite variance
 * and its standard error means something) the exact stationary E u^2 of the scheme is
 * {@code lr f C / (2 m2 - h m2^2 - lr f A)}, h = lr / l, which is the SDE's plus a term linear in h. The kernel's
 * samples at l = 1, 4, 16 (one sample per trajectory, independent) must each match the scheme's exact value within
 * 4.5 standard errors (false-failure probability about 7e-6 each, 2e-5 for the three), and the measured distance
 * to the SDE's value must fall by about 4 from l = 1 to l = 4 (it is 4.7 standard errors or more at l = 1, so the
 * convergence is seen, not assumed).
 */
class EulerMaruyamaConvergenceTest {
  @Test
  void stationarySecondMomentApproachesTheSdesAtRateDt() {
    double lr = 0.2;
    double sigma = 0.8;
    LabelledData stream = new LabelledData.Stream(sigma);
    double m2 = stream.secondMoment(), a = stream.squareVariance(), c = stream.gradientVarianceAtMinimum();
    double sde = LinearSde.secondMoment(m2, lr, a, c);
    double[] gaps = new double[3];
    double[] stderr = new double[3];
    int[] ls = {1, 4, 16};
    for (int k = 0; k < 3; k++) {
      Linreg1dTails model = new Linreg1dTails(lr, 1, stream, true, NoiseModel.GAUSSIAN, Double.NaN, Double.NaN, ls[k]);
      StationarySampler.Samples s = StationarySampler.run(w -> new Linreg1dTailsVectorBlock(model, 99, w),
          new StationarySampler.Plan(1 << 17, 300, 1, 1, 2, 64), Simulation.Progress.NONE);
      double[] sq = new double[s.coordinates().length];
      for (int i = 0; i < sq.length; i++) {
        sq[i] = s.coordinates()[i] * s.coordinates()[i];
      }
      SampleMean measured = SampleMean.of(sq);
      double exact = LinearSde.eulerSecondMoment(m2, lr, 1, a, c, lr / ls[k]);
      assertEquals(exact, measured.value(), 4.5 * measured.stderr(), "l = " + ls[k] + ": " + measured);
      gaps[k] = measured.value() - sde;
      stderr[k] = measured.stderr();
    }
    assertTrue(gaps[0] > 4.5 * stderr[0], "l = 1 is visibly off the SDE's law: " + gaps[0] + " +- " + stderr[0]);
    double exactRatio = (LinearSde.eulerSecondMoment(m2, lr, 1, a, c, lr) - sde)
        / (LinearSde.eulerSecondMoment(m2, lr, 1, a, c, lr / 4) - sde);
    assertTrue(exactRatio > 3.5 && exactRatio < 5, "exact gap ratio l = 1 : l = 4 " + exactRatio);
    assertTrue(Math.abs(gaps[1]) < gaps[0] / 2, "l = 4 closer than l = 1: " + gaps[1] + " vs " + gaps[0]);
    assertTrue(Math.abs(gaps[2]) < 4.5 * Math.hypot(stderr[2], 0) + Math.abs(gaps[0]) / 8, "l = 16: " + gaps[2]);
  }
}
