package org.sgdmc.results;

import java.util.List;

/**
 * A learning-rate scan of a two-layer net from one start (seed 002, Fig. 5, middle and right panels): at each
 * lr an ensemble, its end-state fractions and test losses, and the theory beside them.
 *
 * @param lr the learning rates
 * @param results one run per learning rate
 * @param theory the theory at each learning rate
 * @param saddleIntervals where C attracts (independent of lr)
 * @param fineLr a fine grid of learning rates over the scan's range, for smooth theory curves
 * @param fineLambdaPlus Lambda+ at C on the fine grid
 * @param fineLambdaMinus Lambda- at C on the fine grid
 */
public record TwoLayerScan(double[] lr, TwoLayerResult[] results, TwoLayerTheoryValues[] theory,
    List<double[]> saddleIntervals, double[] fineLr, double[] fineLambdaPlus, double[] fineLambdaMinus,
    double kernelSeconds) {

  /** Trajectory-steps per second over the scan. */
  public double stepsPerSecond() {
    EnsembleOptions e = results[0].ensemble();
    return lr.length * e.trajectories() * (double) e.steps() / kernelSeconds;
  }
}
