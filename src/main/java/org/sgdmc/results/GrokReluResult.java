package org.sgdmc.results;

import org.sgdmc.models.GrokRelu;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.EventTimes;
import org.sgdmc.stats.SampleMean;

/**
 * A two-layer ReLU run: summaries of the train, test and norm logs per recording time, the mean number of kinks and
 * the distribution of kink counts per recording time, t1 and t2 (at the resolution of the recording times), and
 * trajectory 0's learned function on the plot grid at every recording time.
 *
 * @param kinkCounts [time][count]: trajectories with that many kinks (0 .. m)
 * @param function0 [time][point]: f of trajectory 0 at {@link GrokRelu#PLOT_POINTS} points of [-1, 1]
 */
public record GrokReluResult(GrokRelu model, EnsembleOptions options, double trainLevel, double testLevel,
    EnsembleSummary[][] observed, SampleMean[] kinks, long[][] kinkCounts, EventTimes.Summary t1,
    EventTimes.Summary t2, double[][] function0, double kernelSeconds) {

  public double stepsPerSecond() {
    return options.trajectories() * (double) options.steps() / kernelSeconds;
  }
}
