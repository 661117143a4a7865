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
 * @param completion the run's one completion; with a dataset per trajectory trajectory 0's
 * @param perTrajectory null with the fixed dataset; else what the run knows of the trajectories' own datasets
 */
public record GrokMcResult(GrokMc model, EnsembleOptions options, double trainLevel, double testLevel,
    EnsembleSummary[][] observed, SampleMean[][] singular, EventTimes.Summary t1, EventTimes.Summary t2,
    MinNuclearCompletion completion, double[] truthSingular, double completionTestLoss, double kernelSeconds,
    PerTrajectory perTrajectory) {

  /** The fixed dataset. */
  public GrokMcResult(GrokMc model, EnsembleOptions options, double trainLevel, double testLevel,
      EnsembleSummary[][] observed, SampleMean[][] singular, EventTimes.Summary t1, EventTimes.Summary t2,
      MinNuclearCompletion completion, double[] truthSingular, double completionTestLoss, double kernelSeconds) {
    this(model, options, trainLevel, testLevel, observed, singular, t1, t2, completion, truthSingular,
        completionTestLoss, kernelSeconds, null);
  }

  /**
   * A dataset per trajectory ({@code --dataset per-trajectory}); the distance summaries ({@code observed[4]}) are over
   * the first {@code distances.length} trajectories only, the ones with their own minimum-nuclear-norm completion.
   *
   * @param observedFraction the probability that an entry is observed
   * @param dataSeed the data seed
   * @param distances [i]: trajectory i's {@code |W_T - X_nuc,i|_F} at the last recording time
   * @param completionTestLosses [i]: {@code |X_nuc,i - M*_i|_F^2 / (2 d^2)}
   * @param completionNuclearNorms [i]: {@code |X_nuc,i|_*}
   */
  public record PerTrajectory(double observedFraction, long dataSeed, double[] distances,
      double[] completionTestLosses, double[] completionNuclearNorms) {}

  public double stepsPerSecond() {
    return options.trajectories() * (double) options.steps() / kernelSeconds;
  }
}
