package org.sgdmc.results;

import org.sgdmc.engine.RecordTimes;
import org.sgdmc.models.LinearD;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.LyapunovEstimate;
import org.sgdmc.stats.SampleMean;

/**
 * The reduced outcome of a linear-d run.
 *
 * @param summaries statistics of the top tangent vector's log-norm {@code L_1(t) = log|w_t - w*|} (SGD
 *     started at {@code w_0 - w* = e_1}) at every recording time
 * @param spectrum whole-run estimates of the first k exponents
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
