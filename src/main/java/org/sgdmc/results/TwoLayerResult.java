package org.sgdmc.results;

import java.util.List;
import org.sgdmc.models.RegressionData;
import org.sgdmc.models.TwoLayerNet;
import org.sgdmc.theory.StationaryPoints.Point;

/**
 * The outcome of a two-layer run (tanh2, swish2): end states over time and at the end.
 *
 * @param classes the end-state names: the minima's labels, C, diverged, other
 * @param fractions [time][class]: fraction of trajectories in each class at each recording time
 * @param counts trajectories in each class at the end
 * @param testLoss mean test loss over the trajectories in each class at the end (NaN for an empty class and
 *     for "diverged", whose frozen states are not solutions)
 * @param testLossStderr its standard error (sd / sqrt(count); NaN below 2 trajectories)
 * @param trainLoss mean training loss per class, like testLoss
 * @param meanU mean u at the end per class (NaN like testLoss): where in its basin a class sits
 * @param meanW mean w at the end per class
 * @param meanTestLoss mean test loss over all trajectories that did not diverge (NaN if all did)
 * @param meanTestLossStderr its standard error
 * @param finalU u of every trajectory at the end
 * @param finalW w of every trajectory at the end
 * @param divergedAt the step at which each trajectory diverged, -1 if it did not
 * @param finalClass each trajectory's class index at the end
 * @param finalTestLoss each trajectory's test loss at the end
 */
public record TwoLayerResult(TwoLayerNet model, RegressionData test, EnsembleOptions ensemble, Classifier classifier,
    List<Point> points, String[] classes, double[][] fractions, long[] counts, double[] testLoss,
    double[] testLossStderr, double[] trainLoss, double[] meanU, double[] meanW, double meanTestLoss, double meanTestLossStderr,
    double[] finalU, double[] finalW, long[] divergedAt, int[] finalClass, double[] finalTestLoss,
    double kernelSeconds) {

  /** Index of class {@code name}, or -1. */
  public int classIndex(String name) {
    for (int i = 0; i < classes.length; i++) {
      if (classes[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Fraction of trajectories in class {@code name} at the end (0 for an unknown class). */
  public double endFraction(String name) {
    int i = classIndex(name);
    return i < 0 ? 0.0 : counts[i] / (double) ensemble.trajectories();
  }

  /** Trajectory-steps per second of wall time in the kernels. */
  public double stepsPerSecond() {
    return ensemble.trajectories() * (double) ensemble.steps() / kernelSeconds;
  }

  /**
   * How end states are recognised.
   *
   * @param saddleEps |u| and |w| below this: at the saddle C
   */
  public record Classifier(double saddleEps) {
    /** Default: 1e-3 around C. A trajectory that C attracts shrinks geometrically, so it soon passes any eps. */
    public static final Classifier DEFAULT = new Classifier(1e-3);

    public Classifier {
      if (!(saddleEps > 0) || !Double.isFinite(saddleEps)) {
        throw new IllegalArgumentException("the saddle epsilon must be a positive finite number, not " + saddleEps);
      }
    }
  }
}
