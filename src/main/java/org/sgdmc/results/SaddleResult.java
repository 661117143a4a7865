package org.sgdmc.results;

import org.sgdmc.models.Saddle;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.LyapunovEstimate;
import org.sgdmc.stats.PhaseClassifier;

/**
 * The reduced outcome of a saddle run.
 *
 * @param summariesH summaries of {@code log|h_t|} at each recording time
 * @param summariesM summaries of {@code log|m_t|} at each recording time
 * @param lyapunovPlus exponent of h over the whole run, (log|h_T| - log|h_0|) / T per trajectory, averaged
 * @param lyapunovMinus the same for m
 * @param lyapunovPlusLate exponent of h over the late window [t_h, T], t_h the last recording time <= T/2
 * @param lyapunovMinusLate the same for m
 * @param phase the phase of the simulated exponents, with its confidence; Ib is told from I by the exact
 *     mean-square factor of m ({@link PhaseClassifier})
 * @param kernelSeconds wall time of the simulation proper
 * @param kept every trajectory's values when {@code --keep-trajectories} asked for them, else null
 */
public record SaddleResult(
    Saddle model, EnsembleOptions options, EnsembleSummary[] summariesH, EnsembleSummary[] summariesM,
    LyapunovEstimate lyapunovPlus, LyapunovEstimate lyapunovMinus, LyapunovEstimate lyapunovPlusLate,
    LyapunovEstimate lyapunovMinusLate, PhaseClassifier.Classification phase, double kernelSeconds, KeptTrajectories kept) {

  /** Trajectory-steps per second of wall time in the kernels. */
  public double stepsPerSecond() {
    return options.trajectories() * (double) options.steps() / kernelSeconds;
  }
}
