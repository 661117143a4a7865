package org.sgdmc.results;

import org.sgdmc.models.GrokDiag;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.EventTimes;
import org.sgdmc.theory.MinL1Interpolant;

/**
 * A diagonal-network run: per recording time the summaries of the five observed logs (train, test, norm, distance
 * to the minimum-l1 interpolant, l1 norm), the event-time distributions, and the interpolant from the linear
 * program.
 *
 * @param model the model (with {@code --dataset per-trajectory}: trajectory 0's)
 * @param dataset {@code fixed} or {@code per-trajectory}
 * @param observed [log][time] summaries, in the order of {@code io.GrokDiagFile.OBSERVED} (per trajectory: the
 *     distance to the interpolant over the first {@code targetDistances.length} trajectories only)
 * @param minL1 the interpolant (per trajectory: trajectory 0's)
 * @param targetDistances per trajectory: |beta_T - beta_l1| of each of the first trajectories, each against its own
 *     interpolant; empty with a fixed dataset
 * @param targetTestLosses per trajectory: the test loss of each of those trajectories' interpolants
 */
public record GrokDiagResult(GrokDiag model, String dataset, EnsembleOptions options, double testExcess,
    EnsembleSummary[][] observed, EventTimes.Summary t1, EventTimes.Summary t2, MinL1Interpolant minL1,
    double minL1TestLoss, double[] targetDistances, double[] targetTestLosses, double kernelSeconds) {

  public boolean perTrajectory() {
    return dataset.equals("per-trajectory");
  }

  public double stepsPerSecond() {
    return options.trajectories() * (double) options.steps() / kernelSeconds;
  }
}
