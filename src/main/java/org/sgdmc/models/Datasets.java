package org.sgdmc.models;

import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;

/** Finite datasets generated from a seed, reproducibly (stream {@link Stream#DATASET}, "trajectory" 0). */
public final class Datasets {
  private Datasets() {}

  /**
   * N points x_i ~ N(0, 1); with {@code outlierSquare} given, the first point is replaced by
   * {@code sqrt(c)} so that {@code x_1^2 = c}, as in seed 002, Fig. 2.
   */
  public static FeatureData.Finite gaussian(int n, Double outlierSquare, long dataSeed) {
    if (n < 1) {
      throw new IllegalArgumentException("the dataset size N must be at least 1, not " + n);
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = Draws.normal(dataSeed, Stream.DATASET, 0, i);
    }
    String source = "generated N(0,1), data seed " + dataSeed;
    if (outlierSquare != null) {
      if (!(outlierSquare >= 0) || !Double.isFinite(outlierSquare)) {
        throw new IllegalArgumentException("the outlier x_1^2 must be a finite number >= 0, not " + outlierSquare);
      }
      x[0] = Math.sqrt(outlierSquare);
      source += ", x_1^2 = " + outlierSquare;
    }
    return new FeatureData.Finite(x, source);
  }

  /**
   * N points in R^d drawn once from a Gaussian (diagonal or full covariance): coordinate c of point i is made
   * from normals {@code i d .. i d + d - 1} of stream {@link Stream#DATASET} as the kernels make fresh points
   * ({@code x = Sigma^(1/2) z}).
   */
  public static PointData.Finite gaussianPoints(int n, PointData gaussian, long dataSeed) {
    if (n < 1) {
      throw new IllegalArgumentException("the dataset size N must be at least 1, not " + n);
    }
    int d = gaussian.dim();
    double[][] x = new double[n][d];
    double[] z = new double[d];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        z[c] = Draws.normal(dataSeed, Stream.DATASET, 0, (long) i * d + c);
      }
      switch (gaussian) {
        case PointData.Gaussian g -> {
          double[] s = g.scales();
          for (int c = 0; c < d; c++) {
            x[i][c] = s[c] * z[c];
          }
        }
        case PointData.CorrelatedGaussian g -> {
          double[][] l = g.factor();
          for (int c = 0; c < d; c++) {
            double acc = l[c][0] * z[0];
            for (int e = 1; e <= c; e++) {
              acc = Math.fma(l[c][e], z[e], acc);
            }
            x[i][c] = acc;
          }
        }
        case PointData.Finite f -> throw new IllegalArgumentException("a dataset is generated from a distribution");
      }
    }
    return new PointData.Finite(x, "generated from " + gaussian.describe() + ", data seed " + dataSeed);
  }

  /**
   * N points for the saddle model (seed 002, Fig. 4): x_i ~ N(0, 1), eps_i ~ N(0, 4), y_i = mu x_i + (1 - mu)
   * eps_i. Point i takes x_i from normal 2i and eps_i / 2 from normal 2i + 1 of stream {@link Stream#DATASET}
   * (one Box-Muller pair per point), and y_i = fma(mu, x_i, (2 (1 - mu)) (eps_i / 2)), the same operations as
   * the kernels' fresh Gaussian draws.
   */
  public static SaddleData.Finite saddleGaussian(int n, double mu, long dataSeed) {
    if (n < 1) {
      throw new IllegalArgumentException("the dataset size N must be at least 1, not " + n);
    }
    if (!Double.isFinite(mu)) {
      throw new IllegalArgumentException("mu must be a finite number, not " + mu);
    }
    double noise = SaddleData.Gaussian.NOISE_SD * (1.0 - mu);
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = Draws.normal(dataSeed, Stream.DATASET, 0, 2L * i);
      double z = Draws.normal(dataSeed, Stream.DATASET, 0, 2L * i + 1);
      y[i] = Math.fma(mu, x[i], noise * z);
    }
    return new SaddleData.Finite(x, y, "generated x ~ N(0,1), y = mu x + (1 - mu) eps, eps ~ N(0,4), mu = " + mu
        + ", data seed " + dataSeed);
  }

  /**
  /** "Trajectories" of stream {@link Stream#DATASET} that the teacher datasets use, one per column. */
  private static final long TRAIN_X = 0, TRAIN_NOISE = 1, TEST_X = 2, TEST_NOISE = 3;

  /**
   * N points of seed 002's teacher: x ~ N(0, 1), eps ~ N(0, 1), {@code y = mu act(x) + (1 - mu) eps}
   * (Sec. 4.3: swish with mu = 0.1; Fig. 1a's data are not given, sgdmc uses the same form with tanh). Point i
   * of the training set takes normal i of "trajectories" 0 (x, the very x of {@link #gaussian} with that
   * seed) and 1 (eps) of stream DATASET; a test set takes trajectories 2 and 3, so it is independent of the
   * training set and does not change when N does.
   */
  public static RegressionData teacher(Activation act, int n, double mu, long dataSeed, boolean test) {
    if (n < 1) {
      throw new IllegalArgumentException("the dataset size must be at least 1, not " + n);
    }
    if (!Double.isFinite(mu)) {
      throw new IllegalArgumentException("the signal weight mu must be finite, not " + mu);
    }
    double[] x = new double[n], y = new double[n];
    long xs = test ? TEST_X : TRAIN_X, noise = test ? TEST_NOISE : TRAIN_NOISE;
    for (int i = 0; i < n; i++) {
      x[i] = Draws.normal(dataSeed, Stream.DATASET, xs, i);
      double eps = Draws.normal(dataSeed, Stream.DATASET, noise, i);
      y[i] = mu * act.value(x[i]) + (1 - mu) * eps;
    }
    return new RegressionData(x, y, String.format("%s, y = %s %s(x) + %s eps, x and eps ~ N(0,1), data seed %d",
        test ? "test" : "train", mu, act == Activation.TANH ? "tanh" : "swish", 1 - mu, dataSeed));
  }
}
