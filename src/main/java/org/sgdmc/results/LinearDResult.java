package org.sgdmc.results;

import org.sgdmc.engine.RecordTimes;
import org.sgdmc.models.LinearD;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.LyapunovEstimate;
import org.sgdmc.stats.SampleMean;
import org.sgdmc.theory.LinearDTheory;

/**
 * The reduced outcome of a linear-d run.
 *
 * @param summaries statistics of the top tangent vector's log-norm {@code L_1(t) = log|w_t - w*|} (SGD
 *     started at {@code w_0 - w* = e_1}) at every recording time
 * @param spectrum whole-run estimates of the first k exponents (biased by the transient, see {@link #headline})
 * @param late late-window estimates
 * @param drift estimate at T minus estimate at t_h, per exponent
 * @param times the recording times after 0 (where {@link #atTime} is given)
 * @param atTime {@code atTime[r][a]}: the estimate {@code mean_i L_a,i(t)/t} of exponent a at {@code times[r]}
 * @param sum whole-run estimate of {@code Lambda_1 + ... + Lambda_k}, from the per-trajectory sums
 * @param kernelSeconds wall time of the simulation proper
 * @param kept every trajectory's values when {@code --keep-trajectories} asked for them, else null
 */
public record LinearDResult(
    LinearD model, EnsembleOptions options, EnsembleSummary[] summaries, LyapunovEstimate[] spectrum,
    LyapunovEstimate[] late, SampleMean[] drift, long[] times, LyapunovEstimate[][] atTime, SampleMean sum,
    double kernelSeconds, KeptTrajectories kept) {

  /** Trajectory-steps per second of wall time in the kernels. */
  public double stepsPerSecond() {
    return options.trajectories() * (double) options.steps() / kernelSeconds;
  }

  /**
   * Whether the whole-run estimates carry no transient: for d = 1 and for isotropic Gaussian data the increments
   * of every {@code L_a} are i.i.d. from the first step (rotation invariance, see {@code theory.LinearDTheory}),
   * whatever the start; otherwise the tangent vectors start at {@code e_a}, away from their stationary law, and
   * the whole run is biased by about {@code c_a / T}.
   */
  public boolean transientFree() {
    return model.dim() == 1 || LinearDTheory.isIsotropic(model);
  }

  /**
   * The estimates that are right by default, stored as {@code lyapunov_spectrum} and printed first: the whole
   * run where it carries no transient ({@link #transientFree}, the smaller error bar), else the late window
   * T/2..T, which drops the transient once the directions have mixed by T/2 (issue 15: Sigma = diag(1, 0.5,
   * 0.2), lr 0.8, S = 2, T = 1000 put the whole run 4.65 standard errors off, the late window on the truth).
   */
  public LyapunovEstimate[] headline() {
    return transientFree() ? spectrum : late;
  }

  /** What {@link #headline} is, in words. */
  public String headlineWindow() {
    return transientFree() ? "whole run (no transient: d = 1 or isotropic data)"
        : "late window " + late[0].t0() + ".." + late[0].t1() + " (the first half, the transient from e_a, dropped)";
  }

  /** The start of the late window, t_h. */
  public long halfTime() {
    return late[0].t0();
  }

  /** Whether exponent a passed the convergence test: |drift| within 2 standard errors. */
  public boolean converged(int a) {
    return drift[a].z() <= 2.0;
  }

  /** Whether every exponent passed it. */
  public boolean converged() {
    for (int a = 0; a < drift.length; a++) {
      if (!converged(a)) {
        return false;
      }
    }
    return true;
  }

  /** The estimate of exponent a at the last recording time <= t (t > 0). */
  public LyapunovEstimate atOrBefore(long t, int a) {
    int r = RecordTimes.atOrBefore(times, t);
    return r < 0 ? null : atTime[r][a];
  }
}
