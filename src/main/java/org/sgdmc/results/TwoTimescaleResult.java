package org.sgdmc.results;

import org.sgdmc.models.TwoTimescale;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.EventTimes;
import org.sgdmc.stats.SampleMean;

/**
 * A two-timescale run (seed 000): the ensemble statistics of the four observed logs at every recording time, the
 * exact means of the test loss and of the squared fast jitter, the per-trajectory regime times as distributions, and
 * the theory beside them (for the linear coupling).
 *
 * @param model the model
 * @param options the ensemble
 * @param test summaries of {@code log sqrt(2 L_test)} per recording time
 * @param train summaries of {@code log sqrt(2 L_train)}
 * @param slow summaries of {@code log|g(u) - g(u*)|}
 * @param jitter summaries of {@code log|x - lambda(u)|}
 * @param meanTestLoss E[L_test] per recording time, with its standard error
 * @param meanJitterSquare E|x - lambda(u)|^2 per recording time, with its standard error
 * @param meanSlowSquare E|g(u) - g(u*)|^2 per recording time, with its standard error
 * @param t1 end of the first descent
 * @param t3 start of the terminal descent (below the band)
 * @param middle t3 - t1: the plateau or ascent (+inf where t3 was not reached)
 * @param above steps above the band between t1 and t3 (counted up to the run's end where t3 was not reached; +inf
 *     where t1 was not reached)
 * @param inBand steps inside the band between t1 and t3, {@code middle - above} (+inf where t3 was not reached)
 * @param peakTime the step at which the ascent peaks (+inf without an ascent)
 * @param peak the summary of {@code log sqrt(2 peak)}, L where the ascent peaks, at the end of the run
 * @param rise the summary of {@code log sqrt(2 rise)}, the ascent's height above the running minimum
 * @param theory the closed forms, or null (quadratic coupling)
 * @param kernelSeconds wall time of the kernels
 */
public record TwoTimescaleResult(TwoTimescale model, EnsembleOptions options, EnsembleSummary[] test,
    EnsembleSummary[] train, EnsembleSummary[] slow, EnsembleSummary[] jitter, SampleMean[] meanTestLoss,
    SampleMean[] meanJitterSquare, SampleMean[] meanSlowSquare, EventTimes.Summary t1, EventTimes.Summary t3,
    EventTimes.Summary middle, EventTimes.Summary above, EventTimes.Summary inBand, EventTimes.Summary peakTime,
    EnsembleSummary peak, EnsembleSummary rise, Theory theory, double kernelSeconds) {

  /**
   * The linear teacher-student model's closed forms at the recording times.
   *
   * @param gdMeanTestLoss the ensemble's mean test loss under full-batch GD, exactly (NaN for minibatch runs)
   * @param flowMeanTestLoss under gradient flow at time a k
   * @param endpointTestLoss the least-squares fit's test loss
   * @param muMin smallest eigenvalue of H
   * @param muMax largest
   */
  public record Theory(double[] gdMeanTestLoss, double[] flowMeanTestLoss, double endpointTestLoss, double muMin,
      double muMax) {}

  /** Trajectory-steps per second of the kernels. */
  public double stepsPerSecond() {
    return options.trajectories() * (double) options.steps() / kernelSeconds;
  }
}
