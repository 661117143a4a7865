package org.sgdmc.experiments;

import java.util.List;
import org.sgdmc.engine.Simulation;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.models.RegressionData;
import org.sgdmc.models.TwoLayerNet;
import org.sgdmc.theory.StationaryPoints.Point;
import org.sgdmc.theory.TwoLayerTheory;

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
public record TwoLayerScan(double[] lr, TwoLayerExperiment.Result[] results, TwoLayerTheoryValues[] theory,
    List<double[]> saddleIntervals, double[] fineLr, double[] fineLambdaPlus, double[] fineLambdaMinus,
    double kernelSeconds) {

  /** Points of the fine theory grid. */
  public static final int FINE_POINTS = 400;

  /** Trajectory-steps per second over the scan. */
  public double stepsPerSecond() {
    TwoLayerExperiment.Ensemble e = results[0].ensemble();
    return lr.length * e.trajectories() * (double) e.steps() / kernelSeconds;
  }

  /** Runs {@code base} (its lr ignored) at each of {@code lrs}. */
  public static TwoLayerScan run(TwoLayerNet base, RegressionData test, List<Point> points, double[] lrs,
      TwoLayerExperiment.Ensemble ensemble, TwoLayerExperiment.Classifier classifier, Simulation.Progress progress) {
    int np = lrs.length;
    TwoLayerExperiment.Result[] results = new TwoLayerExperiment.Result[np];
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
    double[] fine = new double[FINE_POINTS], plus = new double[FINE_POINTS], minus = new double[FINE_POINTS];
    for (int k = 0; k < FINE_POINTS; k++) {
      fine[k] = lo + (hi - lo) * k / (FINE_POINTS - 1);
      var e = TwoLayerTheory.saddleExponents(base.activation(), base.data(), fine[k], base.batch(), base.withReplacement());
      plus[k] = e[0].value();
      minus[k] = e[1].value();
    }
    return new TwoLayerScan(lrs.clone(), results, theory, List.copyOf(intervals), fine, plus, minus, seconds);
  }
}
