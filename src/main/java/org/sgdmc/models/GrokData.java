package org.sgdmc.models;

import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;

/**
 * The dataset of the grokking linear regression (seed 001): n points {@code x_i ~ N(0, I_d)} with {@code d > n},
 * a teacher {@code beta*} of unit norm, labels {@code y_i = x_i . beta* + noise eps_i}, {@code eps_i ~ N(0, 1)}.
 * Drawn once per run from the data seed, on stream {@link Stream#DATASET}: coordinate c of point i is normal
 * {@code i d + c} of "trajectory" 0, the teacher's raw coordinate c normal c of trajectory 1 (then divided by its
 * norm), eps_i normal i of trajectory 2.
 *
 * <p>With isotropic Gaussian inputs the population test loss of w is exact and needs no test set:
 * {@code E_x (x . w - x . beta*)^2 / 2 = |w - beta*|^2 / 2} (the label noise's own {@code noise^2 / 2} left out).
 *
 * @param n points
 * @param d dimension, {@code d > n} (over-parameterised)
 * @param x row-major n x d inputs
 * @param y labels
 * @param betaStar the teacher, {@code |beta*| = 1}
 * @param noise label-noise standard deviation, {@code >= 0}
 * @param dataSeed the seed the data were drawn from
 */
public record GrokData(int n, int d, double[] x, double[] y, double[] betaStar, double noise, long dataSeed) {

  public GrokData {
    if (n < 1) {
      throw new IllegalArgumentException("the number of points n must be at least 1, not " + n);
    }
    if (d <= n) {
      throw new IllegalArgumentException("over-parameterised regression needs d > n, not d = " + d + " <= n = " + n);
    }
    if (!(noise >= 0) || !Double.isFinite(noise)) {
      throw new IllegalArgumentException("the label noise must be a finite number >= 0, not " + noise);
    }
    if (x.length != n * d || y.length != n || betaStar.length != d) {
      throw new IllegalArgumentException("inconsistent dataset shapes");
    }
    x = x.clone();
    y = y.clone();
    betaStar = betaStar.clone();
  }

  /** Draws the dataset (see the class comment). */
  public static GrokData generate(int n, int d, double noise, long dataSeed) {
    if (n < 1) {
      throw new IllegalArgumentException("the number of points n must be at least 1, not " + n);
    }
    if (d <= n) {
      throw new IllegalArgumentException("over-parameterised regression needs d > n, not d = " + d + " <= n = " + n);
    }
    double[] x = new double[n * d];
    for (int k = 0; k < x.length; k++) {
      x[k] = Draws.normal(dataSeed, Stream.DATASET, 0, k);
    }
    double[] beta = new double[d];
    double norm2 = 0;
    for (int c = 0; c < d; c++) {
      beta[c] = Draws.normal(dataSeed, Stream.DATASET, 1, c);
      norm2 = Math.fma(beta[c], beta[c], norm2);
    }
    double norm = Math.sqrt(norm2);
    for (int c = 0; c < d; c++) {
      beta[c] /= norm;
    }
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double p = 0;
      for (int c = 0; c < d; c++) {
        p = Math.fma(x[i * d + c], beta[c], p);
      }
      y[i] = Math.fma(noise, Draws.normal(dataSeed, Stream.DATASET, 2, i), p);
    }
    return new GrokData(n, d, x, y, beta, noise, dataSeed);
  }

  /**
   * The same inputs and noise as {@link #generate}, with a k-sparse teacher: k distinct coordinates chosen by draws
   * 0, 1, ... of "trajectory" 3 of {@link Stream#DATASET} (a repeat is drawn again), each {@code +-1/sqrt(k)} with
   * the sign of normal j of trajectory 1, so {@code |beta*| = 1}.
   */
  public static GrokData sparse(int n, int d, int k, double noise, long dataSeed) {
    GrokData dense = generate(n, d, noise, dataSeed);
    if (k < 1 || k > d) {
      throw new IllegalArgumentException("the teacher's support k must be in 1..d = " + d + ", not " + k);
    }
    double[] beta = new double[d];
    double value = 1 / Math.sqrt(k);
    long draw = 0;
    for (int j = 0; j < k; ) {
      int c = (int) Draws.index(Draws.bits(dataSeed, Stream.DATASET, 3, draw++), d);
      if (beta[c] == 0) {
        beta[c] = Draws.normal(dataSeed, Stream.DATASET, 1, j) < 0 ? -value : value;
        j++;
      }
    }
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double p = 0;
      for (int c = 0; c < d; c++) {
        p = Math.fma(dense.x[i * d + c], beta[c], p);
      }
      y[i] = Math.fma(noise, Draws.normal(dataSeed, Stream.DATASET, 2, i), p);
    }
    return new GrokData(n, d, dense.x, y, beta, noise, dataSeed);
  }

  /** How many coordinates of the teacher are non-zero. */
  public int support() {
    int k = 0;
    for (double b : betaStar) {
      k += b != 0 ? 1 : 0;
    }
    return k;
  }

  /** Point i's inputs, a copy. */
  public double[] point(int i) {
    return java.util.Arrays.copyOfRange(x, i * d, (i + 1) * d);
  }

  public String describe() {
    int k = support();
    return String.format("n = %d Gaussian points in d = %d, |beta*| = 1%s, label noise %s, data seed %d", n, d,
        k < d ? " with " + k + " non-zero coordinates" : "", noise, dataSeed);
  }
}
