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
 * @param points the 1-D inputs {@code t_i} of a {@link #fourier} dataset (x holds their features), empty for
 *     Gaussian inputs
 */
public record GrokData(int n, int d, double[] x, double[] y, double[] betaStar, double noise, long dataSeed,
    double[] points) {

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
    if (points.length != 0 && points.length != n) {
      throw new IllegalArgumentException("a Fourier dataset has one 1-D input per point");
    }
    x = x.clone();
    y = y.clone();
    betaStar = betaStar.clone();
    points = points.clone();
  }

  @Override
  public double[] points() {
    return points.clone();
  }

  /** Whether the inputs are the Fourier features of 1-D points ({@link #fourier}) rather than Gaussian. */
  public boolean isFourier() {
    return points.length != 0;
  }

  /**
   * Where a dataset's random numbers come from: draw k of part p (0: the inputs, 1: the teacher, 2: the label noise,
   * 3: the teacher's support, 4: the 1-D points of a Fourier dataset).
   */
  private interface Source {
    double normal(int part, long k);

    double uniform(int part, long k);

    long bits(int part, long k);
  }

  /** The dataset fixed per run: part p is "trajectory" p of {@link Stream#DATASET} (see the class comment). */
  private static Source fixed(long dataSeed) {
    return new Source() {
      public double normal(int part, long k) {
        return Draws.normal(dataSeed, Stream.DATASET, part, k);
      }

      public double uniform(int part, long k) {
        return Draws.uniform(dataSeed, Stream.DATASET, part, k);
      }

      public long bits(int part, long k) {
        return Draws.bits(dataSeed, Stream.DATASET, part, k);
      }
    };
  }

  /**
   * Trajectory i's own dataset ({@code --dataset per-trajectory}): draw k of part p is draw {@code p 2^40 + k} of
   * trajectory i of {@link Stream#DATASETS} under the data seed, so it depends on (data seed, i) alone, never on the
   * thread, block or vector width that runs trajectory i. (No part needs 2^40 draws: they fill Java arrays.)
   */
  private static Source perTrajectory(long dataSeed, long trajectory) {
    return new Source() {
      public double normal(int part, long k) {
        return Draws.normal(dataSeed, Stream.DATASETS, trajectory, ((long) part << 40) + k);
      }

      public double uniform(int part, long k) {
        return Draws.uniform(dataSeed, Stream.DATASETS, trajectory, ((long) part << 40) + k);
      }

      public long bits(int part, long k) {
        return Draws.bits(dataSeed, Stream.DATASETS, trajectory, ((long) part << 40) + k);
      }
    };
  }

  /** Draws the dataset (see the class comment). */
  public static GrokData generate(int n, int d, double noise, long dataSeed) {
    return generate(n, d, noise, dataSeed, fixed(dataSeed));
  }

  /** {@link #generate(int, int, double, long)} drawn for one trajectory ({@link #perTrajectory}). */
  public static GrokData generate(int n, int d, double noise, long dataSeed, long trajectory) {
    return generate(n, d, noise, dataSeed, perTrajectory(dataSeed, trajectory));
  }

  private static void checkSizes(int n, int d) {
    if (n < 1) {
      throw new IllegalArgumentException("the number of points n must be at least 1, not " + n);
    }
    if (d <= n) {
      throw new IllegalArgumentException("over-parameterised regression needs d > n, not d = " + d + " <= n = " + n);
    }
  }

  private static GrokData generate(int n, int d, double noise, long dataSeed, Source source) {
    checkSizes(n, d);
    double[] x = new double[n * d];
    for (int k = 0; k < x.length; k++) {
      x[k] = source.normal(0, k);
    }
    double[] beta = new double[d];
    double norm2 = 0;
    for (int c = 0; c < d; c++) {
      beta[c] = source.normal(1, c);
      norm2 = Math.fma(beta[c], beta[c], norm2);
    }
    double norm = Math.sqrt(norm2);
    for (int c = 0; c < d; c++) {
      beta[c] /= norm;
    }
    return new GrokData(n, d, x, labels(x, n, d, beta, noise, source), beta, noise, dataSeed, new double[0]);
  }

  /**
   * The same inputs and noise as {@link #generate}, with a k-sparse teacher: k distinct coordinates chosen by draws
   * 0, 1, ... of "trajectory" 3 of {@link Stream#DATASET} (a repeat is drawn again), each {@code +-1/sqrt(k)} with
   * the sign of normal j of trajectory 1, so {@code |beta*| = 1}.
   */
  public static GrokData sparse(int n, int d, int k, double noise, long dataSeed) {
    return sparse(n, d, k, noise, dataSeed, fixed(dataSeed));
  }

  /** {@link #sparse(int, int, int, double, long)} drawn for one trajectory ({@link #perTrajectory}). */
  public static GrokData sparse(int n, int d, int k, double noise, long dataSeed, long trajectory) {
    return sparse(n, d, k, noise, dataSeed, perTrajectory(dataSeed, trajectory));
  }

  private static GrokData sparse(int n, int d, int k, double noise, long dataSeed, Source source) {
    GrokData dense = generate(n, d, noise, dataSeed, source);
    double[] beta = sparseTeacher(d, k, source);
    return new GrokData(n, d, dense.x, labels(dense.x, n, d, beta, noise, source), beta, noise, dataSeed,
        new double[0]);
  }

  /** The k-sparse teacher of {@link #sparse}: k distinct coordinates, each {@code +-1/sqrt(k)}. */
  private static double[] sparseTeacher(int d, int k, Source source) {
    if (k < 1 || k > d) {
      throw new IllegalArgumentException("the teacher's support k must be in 1..d = " + d + ", not " + k);
    }
    double[] beta = new double[d];
    double value = 1 / Math.sqrt(k);
    long draw = 0;
    for (int j = 0; j < k; ) {
      int c = (int) Draws.index(source.bits(3, draw++), d);
      if (beta[c] == 0) {
        beta[c] = source.normal(1, j) < 0 ? -value : value;
        j++;
      }
    }
    return beta;
  }

  /** {@code y_i = x_i . beta + noise eps_i}, eps_i normal i of trajectory 2 of {@link Stream#DATASET}. */
  private static double[] labels(double[] x, int n, int d, double[] beta, double noise, Source source) {
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double p = 0;
      for (int c = 0; c < d; c++) {
        p = Math.fma(x[i * d + c], beta[c], p);
      }
      y[i] = Math.fma(noise, source.normal(2, i), p);
    }
    return y;
  }

  /**
   * The seed's 1-D Fourier-feature dataset (App. D.2; its symbols are lost, this is our reading): n points
   * {@code t_i = 2 pi U_i}, U_i uniform draw i of "trajectory" 4 of {@link Stream#DATASET}, mapped to the d = 2K
   * features {@code phi(t) = sqrt(2) (cos t, sin t, cos 2t, sin 2t, ..., cos Kt, sin Kt)} (coordinate 2(j-1) is
   * {@code sqrt(2) cos(j t)}, coordinate 2(j-1)+1 is {@code sqrt(2) sin(j t)}), a k-sparse teacher in these
   * coordinates chosen as in {@link #sparse} (a sparse Fourier series {@code f*(t) = phi(t) . beta*}), labels as in
   * {@link #generate}. The features are orthonormal under t uniform on [0, 2 pi) ({@code E phi phi^T = I}), so the
   * test loss {@code |beta - beta*|^2 / 2} is again the exact population risk {@code E (f_beta - f*)^2 / 2}.
   */
  public static GrokData fourier(int n, int d, int k, double noise, long dataSeed) {
    return fourier(n, d, k, noise, dataSeed, fixed(dataSeed));
  }

  /** {@link #fourier(int, int, int, double, long)} drawn for one trajectory ({@link #perTrajectory}). */
  public static GrokData fourier(int n, int d, int k, double noise, long dataSeed, long trajectory) {
    return fourier(n, d, k, noise, dataSeed, perTrajectory(dataSeed, trajectory));
  }

  private static GrokData fourier(int n, int d, int k, double noise, long dataSeed, Source source) {
    checkSizes(n, d);
    if (d % 2 != 0) {
      throw new IllegalArgumentException("Fourier features come in cos/sin pairs: d must be even, not " + d);
    }
    double[] t = new double[n];
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      t[i] = 2 * Math.PI * source.uniform(4, i);
      double[] phi = features(t[i], d);
      System.arraycopy(phi, 0, x, i * d, d);
    }
    double[] beta = sparseTeacher(d, k, source);
    return new GrokData(n, d, x, labels(x, n, d, beta, noise, source), beta, noise, dataSeed, t);
  }

  /** The Fourier features of {@link #fourier} at t, d even. */
  public static double[] features(double t, int d) {
    double[] phi = new double[d];
    double r = Math.sqrt(2);
    for (int j = 1; 2 * j <= d; j++) {
      phi[2 * (j - 1)] = r * Math.cos(j * t);
      phi[2 * (j - 1) + 1] = r * Math.sin(j * t);
    }
    return phi;
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
    if (isFourier()) {
      return String.format("n = %d points t uniform on [0, 2 pi), Fourier features sqrt(2) (cos jt, sin jt), j = 1..%d "
          + "(d = %d), a sparse Fourier series teacher, |beta*| = 1 with %d non-zero coefficients, label noise %s, "
          + "data seed %d", n, d / 2, d, k, noise, dataSeed);
    }
    return String.format("n = %d Gaussian points in d = %d, |beta*| = 1%s, label noise %s, data seed %d", n, d,
        k < d ? " with " + k + " non-zero coordinates" : "", noise, dataSeed);
  }
}
