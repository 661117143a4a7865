package org.sgdmc.results;

import org.sgdmc.engine.StationarySampler;
import org.sgdmc.stats.SampleMean;
import org.sgdmc.stats.tails.TailFit;
import org.sgdmc.theory.TailIndex;

/**
 * The outcome of a tails run: the sampled stationary law's tail fit beside the Kesten theory.
 *
 * @param plan how the law was sampled
 * @param theory the Kesten index and Lyapunov exponent, or null where the model has no theory
 * @param lyapunov the simulated Lyapunov exponent (mean over trajectories of ln|product of factors| / T)
 * @param divergedFraction trajectories whose last observation had diverged
 * @param norm the tail fit of |u| (null when no index is reported, except for a light tail, fitted for its plots)
 * @param coordinate the tail fit of one coordinate (d > 1 only; else null)
 * @param refusal why no index is reported, or null when it is
 * @param kernelSeconds the simulation's wall time
 * @param fitSeconds the tail fits' wall time
 */
public record TailsResult(StationarySampler.Plan plan, TailIndex theory, SampleMean lyapunov, double divergedFraction,
    long samples, TailFit norm, TailFit coordinate, String refusal, double kernelSeconds, double fitSeconds) {

  /** Whether an index is reported. */
  public boolean reported() {
    return refusal == null;
  }

  /** Trajectory-steps per second of the simulation. */
  public double stepsPerSecond() {
    return plan.trajectories() * (double) plan.lastStep() / kernelSeconds;
  }
}
