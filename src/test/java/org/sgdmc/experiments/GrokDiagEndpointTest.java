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
 * The diagonal network's drift ends at the minimum-l1 interpolant (computed by the simplex solver, independently of
 * the dynamics): after 10/(eta lambda) steps of GD every trajectory is within O(lambda) of it (the endpoint at
 * lambda > 0 is the l1-penalised fit, which the interpolant is the lambda -> 0 limit of), the distance shrinks in
 * proportion as lambda does, and the two phases separate (t2 >> t1). Full-batch GD: the only randomness is the
 * initialisation, and the bounds are far from the measured values (see the comments).
 */
class GrokDiagEndpointTest {

  private static GrokDiagResult run(GrokData data, MinL1Interpolant l1, double lambda) {
    double eta = 0.05;
    GrokDiag model = new GrokDiag(data, eta, lambda, 0.5, data.n(), false, 1e-3, 0.01, l1.beta());
    long steps = (long) Math.ceil(10 / (eta * lambda));
    EnsembleOptions options = new EnsembleOptions(64, RecordTimes.parse("log:20", steps), 7, 2, 64);
    return GrokDiagExperiment.run(model, 0.01, l1, options, Kernel.VECTOR, Simulation.Progress.NONE);
  }

  @Test
  void theEndpointApproachesTheMinimumL1InterpolantAsLambdaShrinks() {
    GrokData data = GrokData.sparse(12, 24, 2, 0.0, 3);
    MinL1Interpolant l1 = MinL1Interpolant.of(data);
    GrokDiagResult coarse = run(data, l1, 0.04);
    GrokDiagResult fine = run(data, l1, 0.01);
    int last = coarse.observed()[3].length - 1;
    // quantile index 6 is the 99% level: every trajectory but the worst 1%
    double worstCoarse = Math.exp(coarse.observed()[3][last].quantiles()[6]);
    double worstFine = Math.exp(fine.observed()[3][fine.observed()[3].length - 1].quantiles()[6]);
    double medianCoarse = Math.exp(coarse.observed()[3][last].quantiles()[3]);
    double medianFine = Math.exp(fine.observed()[3][fine.observed()[3].length - 1].quantiles()[3]);
    assertTrue(worstFine < 0.05, "99% of endpoints within 0.05 of beta_l1 (|beta_l1| ~ 1): " + worstFine);
    double ratio = medianCoarse / medianFine;
    assertTrue(ratio > 2.5 && ratio < 6, "distance O(lambda): lambda / 4 gives a distance / " + ratio);
    assertTrue(worstCoarse > worstFine);
    assertEquals(0.0, fine.t1().fractionNever());
    assertEquals(0.0, fine.t2().fractionNever());
    assertTrue(fine.t2().median() > 10 * fine.t1().median(), "t2 " + fine.t2().median() + " t1 " + fine.t1().median());
  }
}
