package org.sgdmc.experiments;

import java.util.List;
import org.sgdmc.engine.Simulation;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.models.FeatureData;
import org.sgdmc.models.Linreg1d;
import org.sgdmc.models.RegressionData;
import org.sgdmc.models.TwoLayerNet;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.Linreg1dResult;
import org.sgdmc.results.Linreg1dScan;
import org.sgdmc.results.TwoLayerResult;
import org.sgdmc.results.TwoLayerScan;
import org.sgdmc.results.TwoLayerTheoryValues;
import org.sgdmc.theory.DataMoments;
import org.sgdmc.theory.Linreg1dTheory;
import org.sgdmc.theory.StationaryPoints.Point;
import org.sgdmc.theory.TwoLayerTheory;

/** Learning-rate scans: one ensemble per learning rate, with the theory beside each and on a fine grid. */
public final class Scans {
  /** Points of linreg1d's smooth theory curve stored beside the scan. */
  public static final int LINREG1D_THEORY_POINTS = 200;
  /** Points of the two-layer nets' fine theory grid. */
  public static final int TWO_LAYER_FINE_POINTS = 400;

  private Scans() {}

  /**
   * linreg1d with Gaussian data for several batch sizes: for each S, equally spaced learning rates up to 1.2
   * times the probabilistic edge, so the scan crosses the mean-square threshold (where E|w - w*|^2 starts to
   * grow) and the edge where the Lyapunov exponent changes sign.
   */
  public static Linreg1dScan linreg1dGaussian(int[] batches, int points, EnsembleOptions options, Simulation.Progress progress) {
    Linreg1dScan.Row[] rows = new Linreg1dScan.Row[batches.length];
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
      Linreg1dResult[] results = new Linreg1dResult[points];
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
      double[] fineLr = new double[LINREG1D_THEORY_POINTS];
      double[] fine = new double[LINREG1D_THEORY_POINTS];
      for (int k = 0; k < LINREG1D_THEORY_POINTS; k++) {
        fineLr[k] = lrMax * (k + 1) / LINREG1D_THEORY_POINTS;
        fine[k] = Linreg1dTheory.lyapunovGaussian(fineLr[k], s);
      }
      rows[i] = new Linreg1dScan.Row(lr, results, theory, msRate, fineLr, fine, Linreg1dTheory.lrGd(gauss),
          Linreg1dTheory.lrMeanSquare(gauss, s), Linreg1dTheory.lrStationary(gauss, s), lrP);
    }
    return new Linreg1dScan(batches.clone(), options, rows, seconds);
  }

  /** Runs {@code base} (its lr ignored) at each of {@code lrs}. */
  public static TwoLayerScan twoLayer(TwoLayerNet base, RegressionData test, List<Point> points, double[] lrs,
      EnsembleOptions ensemble, TwoLayerResult.Classifier classifier, Simulation.Progress progress) {
    int np = lrs.length;
    TwoLayerResult[] results = new TwoLayerResult[np];
    TwoLayerTheoryValues[] theory = new TwoLayerTheoryValues[np];
    List<double[]> intervals = TwoLayerTheoryValues.saddleIntervals(base);
    long perRun = ensemble.trajectories() * ensemble.steps();
    long total = perRun * np;
    double seconds = 0;
    for (int i = 0; i < np; i++) {
      TwoLayerNet model = base.withLr(lrs[i]);
      long offset = perRun * i;
      results[i] = TwoLayerExperiment.run(model, test, points, ensemble, classifier, Kernel.VECTOR,
          (done, all) -> progress.update(offset + done, total));
      theory[i] = TwoLayerTheoryValues.of(model, points, intervals);
      seconds += results[i].kernelSeconds();
    }
    double lo = Math.min(lrs[0], lrs[np - 1]), hi = Math.max(lrs[0], lrs[np - 1]);
    double[] fine = new double[TWO_LAYER_FINE_POINTS], plus = new double[TWO_LAYER_FINE_POINTS], minus = new double[TWO_LAYER_FINE_POINTS];
    for (int k = 0; k < TWO_LAYER_FINE_POINTS; k++) {
      fine[k] = lo + (hi - lo) * k / (TWO_LAYER_FINE_POINTS - 1);
      var e = TwoLayerTheory.saddleExponents(base.activation(), base.data(), fine[k], base.batch(), base.withReplacement());
      plus[k] = e[0].value();
      minus[k] = e[1].value();
    }
    return new TwoLayerScan(lrs.clone(), results, theory, List.copyOf(intervals), fine, plus, minus, seconds);
  }
}
