package org.sgdmc.results;

import org.sgdmc.models.GrokMc;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.EventTimes;
import org.sgdmc.stats.SampleMean;
import org.sgdmc.theory.MinNuclearCompletion;

/**
 * A matrix-completion run: summaries of the five logs per recording time (observed loss, test loss, factor norm,
 * nuclear norm, distance to the minimum-nuclear-norm completion), the mean top singular values per recording time,
 * t1 and t2 at the resolution of the recording times, and the completion from the convex solver.
 *
 * @param singular [time][k]: mean over trajectories of the k-th singular value of U V^T
 */
public record GrokMcResult(GrokMc model, EnsembleOptions options, double trainLevel, double testLevel,
    EnsembleSummary[][] observed, SampleMean[][] singular, EventTimes.Summary t1, EventTimes.Summary t2,
    MinNuclearCompletion completion, double[] truthSingular, double completionTestLoss, double kernelSeconds) {

  public double stepsPerSecond() {
    return options.trajectories() * (double) options.steps() / kernelSeconds;
  }
}
