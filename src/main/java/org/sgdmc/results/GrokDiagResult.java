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
 * @param observed [log][time] summaries, in the order of {@code io.GrokDiagFile.OBSERVED}
 */
public record GrokDiagResult(GrokDiag model, EnsembleOptions options, double testExcess, EnsembleSummary[][] observed,
    EventTimes.Summary t1, EventTimes.Summary t2, MinL1Interpolant minL1, double minL1TestLoss,
    double kernelSeconds) {

  public double stepsPerSecond() {
    return options.trajectories() * (double) options.steps() / kernelSeconds;
  }
}
