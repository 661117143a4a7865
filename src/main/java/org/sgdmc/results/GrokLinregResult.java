package org.sgdmc.results;

import org.sgdmc.models.GrokLinreg;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.EventTimes;
import org.sgdmc.stats.SampleMean;

/**
 * A grokking linear-regression run: the ensemble statistics of the three observed logs at every recording time, the
 * event-time distributions, the closed form beside the simulated t2, and the theory the run was set against.
 *
 * @param model the model (with {@code --dataset per-trajectory}: trajectory 0's, its dataset one of many)
 * @param dataset {@code fixed} (one dataset for the run) or {@code per-trajectory} (each trajectory its own; then
 *     t2's level, the closed form and the slope's regression are per trajectory, and {@code theory} holds means
 *     over the ensemble's datasets)
 * @param options the ensemble
 * @param testExcess delta: t2's level is the endpoint's test loss plus delta
 * @param train summaries of {@code log sqrt(2 L_train)} per recording time
 * @param test summaries of {@code log|w - beta*| = log sqrt(2 L_test)}
 * @param norm summaries of {@code log|w|}
 * @param t1 when the training loss first reached its level
 * @param t2 when the test loss first reached its level
 * @param t2Closed the closed form of t2 per trajectory (null-space decay, see theory.GrokLinregTheory)
 * @param t2Difference mean over trajectories with both finite of t2 - t2Closed, with its standard error
 * @param t2Agreeing fraction of trajectories whose t2 and closed form agree within one step (both +inf counts)
 * @param slope per-trajectory regression of {@code eta lambda t2} on {@code log(|P_perp w_0|^2 / (2 delta))}: the
 *     slope (1/2 for gradient flow when |P_perp w_0| >> |P_perp beta*|), NaN without weight decay
 * @param theory the exact values (endpoint, eigenvalues); their means over the datasets when per trajectory
 * @param unstableDatasets trajectories whose own dataset makes full-batch GD unstable ({@code eta (mu_max + lambda)
 *     >= 2}); 0 with a fixed dataset (refused before the run)
 * @param kernelSeconds wall time of the kernels
 */
public record GrokLinregResult(GrokLinreg model, String dataset, EnsembleOptions options, double testExcess, EnsembleSummary[] train,
    EnsembleSummary[] test, EnsembleSummary[] norm, EventTimes.Summary t1, EventTimes.Summary t2,
    EventTimes.Summary t2Closed, SampleMean t2Difference, double t2Agreeing, SampleMean slope, Theory theory,
    long unstableDatasets, double kernelSeconds) {

  /**
   * @param rank rank of X
   * @param muMin smallest non-zero eigenvalue of X^T X / n
   * @param muMax largest
   * @param endpointTestLoss test loss of the ridge endpoint
   * @param endpointTrainLoss train loss of the ridge endpoint
   * @param endpointNorm |w_inf|
   * @param expectedNullInitSquare E|P_perp w_0|^2 = alpha^2 (d - rank)/d
   */
  public record Theory(int rank, double muMin, double muMax, double endpointTestLoss, double endpointTrainLoss,
      double endpointNorm, double expectedNullInitSquare) {}

  /** Whether every trajectory had a dataset of its own. */
  public boolean perTrajectory() {
    return dataset.equals("per-trajectory");
  }

  /** Trajectory-steps per second of the kernels. */
  public double stepsPerSecond() {
    return options.trajectories() * (double) options.steps() / kernelSeconds;
  }
}
