package org.sgdmc.results;

import org.sgdmc.models.Linreg1d;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.LyapunovEstimate;

/**
 * The reduced outcome of a linreg1d run.
 *
 * @param summaries one per recording time
 * @param lyapunov exponent over the whole run, (l(T) - l(0)) / T per trajectory, averaged
 * @param lyapunovLate exponent over the late window [t_h, T], t_h the last recording time <= T/2
 * @param kernelSeconds wall time of the simulation proper
 * @param kept every trajectory's values when {@code --keep-trajectories} asked for them, else null
 */
public record Linreg1dResult(
    Linreg1d model, EnsembleOptions options, EnsembleSummary[] summaries, LyapunovEstimate lyapunov,
    LyapunovEstimate lyapunovLate, double kernelSeconds, KeptTrajectories kept) {

  /** Trajectory-steps per second of wall time in the kernels. */
  public double stepsPerSecond() {
    return options.trajectories() * (double) options.steps() / kernelSeconds;
  }
}
