package org.sgdmc.results;

import org.sgdmc.models.GrokRelu;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.EventTimes;
import org.sgdmc.stats.SampleMean;

/**
 * A two-layer ReLU run: summaries of the train, test and norm logs per recording time, the mean number of kinks and
 * the distribution of kink counts per recording time, t1 and t2 (exact to the step), and trajectory 0's learned
 * function on the plot grid at every recording time.
 *
 * @param model the run's model (with a dataset per trajectory: the shared settings; its own points unused)
 * @param perTrajectory whether each trajectory had its own dataset ({@code --dataset per-trajectory})
 * @param kinkCounts [time][count]: trajectories with that many kinks (0 .. m)
 * @param function0 [time][point]: f of trajectory 0 at {@link GrokRelu#PLOT_POINTS} points of [-1, 1]
 */
public record GrokReluResult(GrokRelu model, EnsembleOptions options, double trainLevel, double testLevel,
    EnsembleSummary[][] observed, SampleMean[] kinks, long[][] kinkCounts, EventTimes.Summary t1,
    EventTimes.Summary t2, double[][] function0, double kernelSeconds, boolean perTrajectory) {
  /** One dataset for the run. */
  public GrokReluResult(GrokRelu model, EnsembleOptions options, double trainLevel, double testLevel,
      EnsembleSummary[][] observed, SampleMean[] kinks, long[][] kinkCounts, EventTimes.Summary t1,
      EventTimes.Summary t2, double[][] function0, double kernelSeconds) {
    this(model, options, trainLevel, testLevel, observed, kinks, kinkCounts, t1, t2, function0, kernelSeconds, false);
  }

  public double stepsPerSecond() {
    return options.trajectories() * (double) options.steps() / kernelSeconds;
  }
}
