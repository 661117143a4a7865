package org.sgdmc.models;

/**
 * {@link GrokLinreg} with a dataset of its own for every trajectory ({@code --dataset per-trajectory}): trajectory
 * i runs {@link #at at(i)}, the model on {@code datasets.of(i)} whose test level is that dataset's own ridge
 * endpoint's test loss plus {@code testExcess}, as the fixed path sets it for its one dataset. The step, the
 * initialisation, the minibatches and the event times are those of {@link GrokLinreg}, trajectory by trajectory.
 *
 * <p>The endpoint is computed here, for the kernels, without an eigendecomposition: the ridge solution is {@code
 * w_inf = X^T (X X^T + n lambda I)^-1 y} (the minimum-norm interpolant at lambda = 0), an n x n Cholesky solve,
 * so a block can set its lanes' levels at the start of every block cheaply and both twins get the same bits. It
 * agrees with theory.GrokLinregTheory's eigenbasis value to rounding.
 *
 * @param datasets how each trajectory's dataset is drawn ({@code perTrajectory} true)
 * @param eta step size
 * @param lambda weight decay
 * @param alpha initialisation scale
 * @param batch S
 * @param sampling how a minibatch is drawn
 * @param trainThreshold t1's level of the training loss (the same for every trajectory)
 * @param testExcess delta: trajectory i's t2 level is its ridge endpoint's test loss plus delta
 */
public record GrokLinregDatasets(GrokDatasets datasets, double eta, double lambda, double alpha, int batch,
    Sampling sampling, double trainThreshold, double testExcess) {

  /** With or without replacement, as the boolean that named the two modes before reshuffling existed. */
  public GrokLinregDatasets(GrokDatasets datasets, double eta, double lambda, double alpha, int batch,
      boolean withReplacement, double trainThreshold, double testExcess) {
    this(datasets, eta, lambda, alpha, batch, Sampling.of(withReplacement), trainThreshold, testExcess);
  }

  public GrokLinregDatasets {
    if (!datasets.perTrajectory()) {
      throw new IllegalArgumentException("GrokLinregDatasets draws a dataset per trajectory; a fixed dataset is a "
          + "GrokLinreg");
    }
    if (!(testExcess > 0)) {
      throw new IllegalArgumentException("the test excess must be positive, not " + testExcess);
    }
    // every other check, once, on trajectory 0's dataset (the sizes are the same for all)
    new GrokLinreg(datasets.fixed(), eta, lambda, alpha, batch, sampling, trainThreshold, testExcess);
  }

  /** Trajectory i's model: its own dataset, its own test level. */
  public GrokLinreg at(long i) {
    GrokData data = datasets.of(i);
    return new GrokLinreg(data, eta, lambda, alpha, batch, sampling, trainThreshold,
        ridgeTestLoss(data, lambda) + testExcess);
  }

  public int dim() {
    return datasets.d();
  }

  /** As {@link GrokLinreg#fullBatch()}: S = n without replacement. */
  public boolean fullBatch() {
    return batch == datasets.n() && sampling == Sampling.WITHOUT_REPLACEMENT;
  }

  public boolean withReplacement() {
    return sampling.withReplacement();
  }

  public boolean reshuffled() {
    return sampling == Sampling.RESHUFFLE;
  }

  public double driftSteps() {
    return 1.0 / (eta * lambda);
  }

  /** {@code |w_inf - beta*|^2 / 2} for the ridge solution {@code w_inf = X^T (X X^T + n lambda I)^-1 y}. */
  public static double ridgeTestLoss(GrokData data, double lambda) {
    int n = data.n();
    return ridgeTestLoss(data.x(), data.y(), data.betaStar(), 0, 1, n, data.d(), lambda, new double[n * n + n]);
  }

  /**
   * {@link #ridgeTestLoss(GrokData, double)} of a dataset in strided arrays ({@code x[(m d + c) stride + at]},
   * {@code y[m stride + at]}, {@code beta[c stride + at]}), with {@code n^2 + n} doubles of scratch: no allocation,
   * for the vector kernels' lanes; the same operations whatever the stride.
   */
  public static double ridgeTestLoss(double[] x, double[] y, double[] beta, int at, int stride, int n, int d,
      double lambda, double[] scratch) {
    double[] l = scratch; // [0, n^2): the Gram matrix, then its Cholesky factor (lower triangle); [n^2, n^2 + n): a
    int a0 = n * n;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = 0;
        for (int c = 0; c < d; c++) {
          s = Math.fma(x[(i * d + c) * stride + at], x[(j * d + c) * stride + at], s);
        }
        l[i * n + j] = i == j ? s + n * lambda : s;
      }
    }
    for (int j = 0; j < n; j++) {
      double diag = l[j * n + j];
      for (int k = 0; k < j; k++) {
        diag -= l[j * n + k] * l[j * n + k];
      }
      if (!(diag > 0)) {
        return Double.NaN; // X X^T singular: the points are linearly dependent (probability 0 for Gaussian inputs)
      }
      l[j * n + j] = Math.sqrt(diag);
      for (int i = j + 1; i < n; i++) {
        double s = l[i * n + j];
        for (int k = 0; k < j; k++) {
          s -= l[i * n + k] * l[j * n + k];
        }
        l[i * n + j] = s / l[j * n + j];
      }
    }
    for (int i = 0; i < n; i++) { // L z = y
      double s = y[i * stride + at];
      for (int k = 0; k < i; k++) {
        s -= l[i * n + k] * l[a0 + k];
      }
      l[a0 + i] = s / l[i * n + i];
    }
    for (int i = n - 1; i >= 0; i--) { // L^T a = z
      double s = l[a0 + i];
      for (int k = i + 1; k < n; k++) {
        s -= l[k * n + i] * l[a0 + k];
      }
      l[a0 + i] = s / l[i * n + i];
    }
    double loss = 0;
    for (int c = 0; c < d; c++) {
      double w = 0;
      for (int i = 0; i < n; i++) {
        w = Math.fma(x[(i * d + c) * stride + at], l[a0 + i], w);
      }
      double e = w - beta[c * stride + at];
      loss = Math.fma(e, e, loss);
    }
    return loss / 2;
  }
}
