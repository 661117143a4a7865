package org.sgdmc.experiments;

import org.sgdmc.engine.Simulation;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.models.FeatureData;
import org.sgdmc.models.Linreg1d;
import org.sgdmc.theory.DataMoments;
import org.sgdmc.theory.Linreg1dTheory;

/**
 * A learning-rate scan of linreg1d with Gaussian data for several batch sizes: for each S, equally spaced
 * learning rates up to 1.2 times the probabilistic edge, so the scan crosses the mean-square threshold (where
 * E|w - w*|^2 starts to grow) and the edge where the Lyapunov exponent changes sign.
 */
public record Linreg1dScan(int[] batches, EnsembleOptions options, Row[] rows, double kernelSeconds) {

  /** Points of the smooth theory curve stored beside the scan. */
  public static final int THEORY_POINTS = 200;

  /** One batch size: its learning rates, runs, theory on the grid and on a fine grid, and thresholds. */
  public record Row(
      double[] lr, Linreg1dExperiment.Result[] results, double[] theory, double[] logMeanSquareRate,
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

  public static Linreg1dScan gaussian(int[] batches, int points, EnsembleOptions options, Simulation.Progress progress) {
    Row[] rows = new Row[batches.length];
    long perRun = options.trajectories() * options.steps();
    long total = perRun * batches.length * (long) points;
    double seconds = 0;
    int runIndex = 0;
    DataMoments gauss = DataMoments.gaussian();
    for (int i = 0; i < batches.length; i++) {
      int s = batches[i];
      double lrP = Linreg1dTheory.lrProbabilisticGaussian(s);
      double lrMax = 1.2 * lrP;
      double[] lr = new double[points];
      double[] theory = new double[points];
      double[] msRate = new double[points];
      Linreg1dExperiment.Result[] results = new Linreg1dExperiment.Result[points];
      for (int j = 0; j < points; j++) {
        lr[j] = lrMax * (j + 1) / points;
        theory[j] = Linreg1dTheory.lyapunovGaussian(lr[j], s);
        msRate[j] = Linreg1dTheory.meanSquareGrowthRate(lr[j], gauss, s);
        Linreg1d model = new Linreg1d(lr[j], s, new FeatureData.Gaussian(), false, 1.0);
        long offset = perRun * runIndex++;
        results[j] = Linreg1dExperiment.run(model, options, Kernel.VECTOR,
            (done, all) -> progress.update(offset + done, total));
        seconds += results[j].kernelSeconds();
      }
      double[] fineLr = new double[THEORY_POINTS];
      double[] fine = new double[THEORY_POINTS];
      for (int k = 0; k < THEORY_POINTS; k++) {
        fineLr[k] = lrMax * (k + 1) / THEORY_POINTS;
        fine[k] = Linreg1dTheory.lyapunovGaussian(fineLr[k], s);
      }
      rows[i] = new Row(lr, results, theory, msRate, fineLr, fine, Linreg1dTheory.lrGd(gauss),
          Linreg1dTheory.lrMeanSquare(gauss, s), Linreg1dTheory.lrStationary(gauss, s), lrP);
    }
    return new Linreg1dScan(batches.clone(), options, rows, seconds);
  }
}
