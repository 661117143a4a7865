package org.sgdmc.experiments;

import java.util.ArrayList;
import java.util.List;
import org.sgdmc.engine.Records;
import org.sgdmc.engine.WorkerPool;
import org.sgdmc.engine.Simulation;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.Kernels;
import org.sgdmc.kernels.TwoLayerLosses;
import org.sgdmc.kernels.TwoLayerNetVectorBlock;
import org.sgdmc.models.RegressionData;
import org.sgdmc.models.TwoLayerNet;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.TwoLayerResult;
import org.sgdmc.theory.ProfileBasins;
import org.sgdmc.theory.StationaryPoints.Point;
import org.sgdmc.theory.StationaryPoints;

/**
 * Runs an ensemble of {@link TwoLayerNet} trajectories and sorts them into end states (seed 002, Sec. 4.3,
 * Fig. 5): which minimum they sit at, the saddle C at the origin, diverged, or none of these ("other":
 * still moving, or near a point that is not an attractor of the classification).
 *
 * <p>Classification of a state (u, w) at time t, in this order: diverged if the trajectory diverged at a step
 * <= t; {@code C} if |u| and |w| are both below {@code saddleEps}; minimum m if w lies in m's basin
 * ({@link ProfileBasins}: between the maxima of the profile min_u L(u, w) on either side of m); else other.
 * Basins rather than balls around the minima: these minima have a nearly flat valley along which SGD's noise
 * carries a trajectory far from the minimum itself (and the per-class mean (u, w) shows how far). Every
 * statistic is reduced in trajectory order after the run, so the result does not depend on threads, block
 * width or vector width.
 */
public final class TwoLayerExperiment {
  /** Name of the class of trajectories at the origin saddle. */
  public static final String SADDLE = "C";
  /** Name of the class of diverged trajectories. */
  public static final String DIVERGED = "diverged";
  /** Name of the class of trajectories in no other class. */
  public static final String OTHER = "other";

  private TwoLayerExperiment() {}

  /** The end-state classes for a list of stationary points: each minimum, then C, diverged, other. */
  public static String[] classes(List<Point> points) {
    List<String> names = new ArrayList<>();
    for (Point p : points) {
      if (p.kind() == StationaryPoints.Kind.MINIMUM) {
        names.add(p.label());
      }
    }
    names.add(SADDLE);
    names.add(DIVERGED);
    names.add(OTHER);
    return names.toArray(String[]::new);
  }

  /** Sorts states into classes; built once per run from the stationary points. */
  static final class Sorter {
    final ProfileBasins basins;
    final double saddleEps;
    final int saddle, diverged, other;

    Sorter(ProfileBasins basins, TwoLayerResult.Classifier c) {
      this.basins = basins;
      saddleEps = c.saddleEps();
      int minima = basins.minima().size();
      saddle = minima;
      diverged = minima + 1;
      other = minima + 2;
    }

    int classify(double u, double w, double divergedAt) {
      if (divergedAt >= 0) {
        return diverged;
      }
      if (Math.abs(u) < saddleEps && Math.abs(w) < saddleEps) {
        return saddle;
      }
      int m = basins.basinOf(w);
      return m >= 0 ? m : other;
    }
  }

  public static TwoLayerResult run(TwoLayerNet model, RegressionData test, List<Point> points, EnsembleOptions ensemble,
      TwoLayerResult.Classifier classifier, Kernel kernel, Simulation.Progress progress) {
    Simulation.Settings settings = new Simulation.Settings(
        ensemble.trajectories(), ensemble.recordTimes(), ensemble.threads(), ensemble.blockWidth());
    long seed = ensemble.seed();
    long start = System.nanoTime();
    // the classes at every time and the per-trajectory states at the end are written out: keep every value
    Records kept = Simulation.keepAllStates(
        Kernels.TWO_LAYER.blocks(model, seed, kernel),
        TwoLayerNetVectorBlock.CHANNELS, settings, progress, "use fewer --trajectories or --record-times");
    double kernelSeconds = (System.nanoTime() - start) * 1e-9;
    String[] classes = classes(points);
    Sorter sorter = new Sorter(ProfileBasins.of(model.activation(), model.data(), points), classifier);
    try (Records records = kept) {
      long[] times = ensemble.recordTimes();
      int n = (int) ensemble.trajectories();
      double[][] fractions = new double[times.length][classes.length];
      for (int r = 0; r < times.length; r++) {
        double[] u = records.at(0, r), w = records.at(1, r), dv = records.at(2, r);
        long[] count = new long[classes.length];
        for (int i = 0; i < n; i++) {
          count[sorter.classify(u[i], w[i], dv[i])]++;
        }
        for (int c = 0; c < classes.length; c++) {
          fractions[r][c] = count[c] / (double) n;
        }
      }
      int last = times.length - 1;
      double[] u = records.at(0, last), w = records.at(1, last), dv = records.at(2, last);
      int[] cls = new int[n];
      long[] divergedAt = new long[n];
      for (int i = 0; i < n; i++) {
        cls[i] = sorter.classify(u[i], w[i], dv[i]);
        divergedAt[i] = (long) dv[i];
      }
      double[] testLoss = losses(model, test, u, w, ensemble.threads());
      double[] trainLoss = losses(model, model.data(), u, w, ensemble.threads());
      long[] counts = new long[classes.length];
      double[] meanTest = new double[classes.length], errTest = new double[classes.length];
      double[] meanTrain = new double[classes.length];
      double[] meanU = new double[classes.length], meanW = new double[classes.length];
      for (int c = 0; c < classes.length; c++) {
        double[] st = meanAndStderr(testLoss, cls, c);
        counts[c] = (long) st[2];
        boolean defined = c != sorter.diverged && counts[c] > 0;
        meanTest[c] = defined ? st[0] : Double.NaN;
        errTest[c] = defined ? st[1] : Double.NaN;
        meanTrain[c] = defined ? meanAndStderr(trainLoss, cls, c)[0] : Double.NaN;
        meanU[c] = defined ? meanAndStderr(u, cls, c)[0] : Double.NaN;
        meanW[c] = defined ? meanAndStderr(w, cls, c)[0] : Double.NaN;
      }
      double[] all = meanAndStderr(testLoss, cls, -sorter.diverged - 1);
      return new TwoLayerResult(model, test, ensemble, classifier, List.copyOf(points), classes, fractions, counts,
          meanTest, errTest, meanTrain, meanU, meanW, all[0], all[1], u, w, divergedAt, cls, testLoss, kernelSeconds);
    }
  }

  /**
   * Mean, stderr and count of {@code values[i]} over the i with {@code cls[i] == c}, or, for {@code c < 0},
   * with {@code cls[i] != -c - 1}; summed in trajectory order. NaN mean for no values, NaN stderr below 2.
   */
  static double[] meanAndStderr(double[] values, int[] cls, int c) {
    long n = 0;
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      if (c >= 0 ? cls[i] == c : cls[i] != -c - 1) {
        n++;
        sum += values[i];
      }
    }
    double mean = n > 0 ? sum / n : Double.NaN;
    double ss = 0;
    for (int i = 0; i < values.length; i++) {
      if (c >= 0 ? cls[i] == c : cls[i] != -c - 1) {
        ss += (values[i] - mean) * (values[i] - mean);
      }
    }
    double stderr = n > 1 ? Math.sqrt(ss / (n - 1) / n) : Double.NaN;
    return new double[] {mean, stderr, n};
  }

  /** Each state's loss on {@code d}, in parallel over chunks of trajectories (each value is thread-independent). */
  static double[] losses(TwoLayerNet model, RegressionData d, double[] u, double[] w, int threads) {
    double[] out = new double[u.length];
    int chunk = 4096;
    int chunks = (u.length + chunk - 1) / chunk;
    WorkerPool.forEach(threads, "sgdmc-losses", chunks, k -> TwoLayerLosses.compute(
        model.activation(), d, u, w, out, k * chunk, Math.min(u.length, (k + 1) * chunk)));
    return out;
  }
}
