package org.sgdmc.results;

/**
 * The outcome of a learning-rate scan of linreg1d with Gaussian data for several batch sizes (the demo): for each
 * S, learning rates across the mean-square threshold and the probabilistic edge.
 */
public record Linreg1dScan(int[] batches, EnsembleOptions options, Row[] rows, double kernelSeconds) {

  /** One batch size: its learning rates, runs, theory on the grid and on a fine grid, and thresholds. */
  public record Row(
      double[] lr, Linreg1dResult[] results, double[] theory, double[] logMeanSquareRate,
      double[] fineLr, double[] fineTheory,
      double lrGd, double lrMeanSquare, double lrStationary, double lrProbabilistic) {}

  /** Trajectory-steps per second over the whole scan. */
  public double stepsPerSecond() {
    long runs = 0;
    for (Row r : rows) {
      runs += r.lr().length;
    }
    return runs * options.trajectories() * (double) options.steps() / kernelSeconds;
  }
}
