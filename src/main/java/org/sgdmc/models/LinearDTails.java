package org.sgdmc.models;

import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;

/**
 * Least-squares linear regression in d dimensions trained by SGD <em>off</em> interpolation, the setting of
 * Gurbuzbalaban, Simsekli and Zhu (2021): features x in R^d, labels {@code y = x . w* + sigma eps}, loss
 * {@code (x . w - y)^2 / 2}, and
 *
 * <pre>  w_{t+1} = w_t - (lr/S) sum_{i in B_t} x_i (x_i . w_t - y_i).  </pre>
 *
 * With {@code u = w - w_LS} ({@code w_LS = w*} for a data stream, the least-squares solution for a finite
 * dataset) and {@code e_i = y_i - x_i . w_LS} the residual of point i, this is the random affine recursion
 *
 * <pre>  u_{t+1} = M_t u_t + (lr/S) sum_i x_i e_i,   M_t = I - (lr/S) sum_i x_i x_i^T,  </pre>
 *
 * (stream: {@code e_i = sigma eps_i}, fresh N(0, sigma^2) each step; finite data: the fixed residuals of
 * {@link #fit}). Where the top Lyapunov exponent of the product {@code M_t ... M_0} is negative, u has a
 * stationary law with a power-law tail {@code P(|u| > s) ~ s^-alpha} (Kesten; for isotropic Gaussian data
 * alpha solves {@code E|M e_1|^alpha = 1}); unlike the interpolating {@link LinearD}, SGD here never
 * settles, and the kernels sample that law.
 *
 * @param lr learning rate, > 0
 * @param batch batch size S >= 1
 * @param data the features: {@link PointData.Gaussian} drawn afresh every step (a stream), or a fixed
 *     {@link PointData.Finite} dataset
 * @param sampling how the batches of a finite dataset are drawn (irrelevant for a stream): with or without
 *     replacement afresh at every step, or {@link Sampling#RESHUFFLE}, an epoch's K = floor(N / S) batches taken
 *     in order from one permutation, so that the recursion is i.i.d. over whole epochs (the theory is then the
 *     epoch's, {@code theory.EpochTailIndex#linearD})
 * @param sigma the label noise: for a stream, the standard deviation of eps (>= 0, finite); for a finite
 *     dataset, the noise the labels were generated with, or NaN when unknown (for the record only: there the
 *     residuals carry the noise)
 * @param fit for a finite dataset, the least-squares fit of its labels; null for a stream
 */
public record LinearDTails(
    double lr, int batch, PointData data, Sampling sampling, double sigma, LeastSquares fit) {

  /**
   * The divergence threshold on the squared norm: a trajectory with {@code |u|^2 > 1e300} (|u| > 1e150), or a
   * non-finite u, has diverged. On the squared norm because the kernels form it anyway, and it must stay a
   * double: |u| itself could reach 1e300 only after |u|^2 had overflowed.
   */
  public static final double DIVERGED_SQUARE_NORM = 1e300;
  /** {@code sqrt(DIVERGED_SQUARE_NORM)}. */
  public static final double DIVERGED_NORM = 1e150;
  /**
   * Bits by which the tangent vector may grow between two renormalisations: its squared norm, a sum of d
   * squares of coordinates below 2 after a renormalisation, must stay below 2^1024.
   */
  static final double GROWTH_BUDGET_BITS = 480;
  /** The longest interval between two renormalisations of the tangent vector (longer buys nothing). */
  public static final int MAX_TANGENT_INTERVAL = 64;

  /** With or without replacement, as the boolean that named the two modes before reshuffling existed. */
  public LinearDTails(double lr, int batch, PointData data, boolean withReplacement, double sigma, LeastSquares fit) {
    this(lr, batch, data, Sampling.of(withReplacement), sigma, fit);
  }

  public LinearDTails {
    if (sampling == null) {
      throw new IllegalArgumentException("no sampling mode");
    }
    if (!(lr > 0) || !Double.isFinite(lr)) {
      throw new IllegalArgumentException("learning rate must be a positive finite number, not " + lr);
    }
    if (batch < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, not " + batch);
    }
    switch (data) {
      case null -> throw new IllegalArgumentException("linear-d tails needs data");
      case PointData.Gaussian g -> {
        if (!(sigma >= 0) || !Double.isFinite(sigma)) {
          throw new IllegalArgumentException("the label noise sigma must be a finite number >= 0, not " + sigma);
        }
        if (fit != null) {
          throw new IllegalArgumentException("a data stream has no least-squares fit; pass null");
        }
      }
      case PointData.Finite f -> {
        if (fit == null) {
          throw new IllegalArgumentException("a finite dataset needs its least-squares fit (LeastSquares.fit)");
        }
        if (fit.residuals().length != f.size() || fit.solution().length != f.dim()) {
          throw new IllegalArgumentException("the fit (" + fit.residuals().length + " residuals, "
              + fit.solution().length + " coefficients) does not match the " + f.size() + " points in d = " + f.dim());
        }
        if (!Double.isNaN(sigma) && (!(sigma >= 0) || !Double.isFinite(sigma))) {
          throw new IllegalArgumentException("the label noise sigma must be a finite number >= 0 or NaN, not " + sigma);
        }
        if (!sampling.withReplacement() && batch > f.size()) {
          throw new IllegalArgumentException("batch size " + batch + " exceeds the " + f.size() + " data points ("
              + (sampling == Sampling.RESHUFFLE ? "reshuffling" : "sampling without replacement") + ")");
        }
      }
      case PointData.CorrelatedGaussian c ->
          throw new IllegalArgumentException(
              "linear-d tails takes a diagonal Gaussian or a finite dataset, not " + c.describe());
    }
    if (tangentInterval(lr, data) < 1) {
      throw new IllegalArgumentException("lr * max |x|^2 = " + lr * data.maxSquareNorm()
          + " is too large: one step could leave the double range");
    }
  }

  /** A stream of fresh Gaussian features {@code x ~ N(0, diag(variances))}, labels with noise sigma. */
  public static LinearDTails stream(double lr, int batch, PointData.Gaussian features, double sigma) {
    return new LinearDTails(lr, batch, features, Sampling.WITHOUT_REPLACEMENT, sigma, null);
  }

  /** The isotropic stream {@code x ~ N(0, I_d)}, {@code y = x . w* + sigma eps}. */
  public static LinearDTails isotropicStream(double lr, int batch, int d, double sigma) {
    return stream(lr, batch, PointData.Gaussian.isotropic(d, 1.0), sigma);
  }

  /**
   * A finite dataset of given points and labels (say, read from files), fitted by least squares; a one-line
   * error if the points do not determine w_LS.
   */
  public static LinearDTails finite(
      double lr, int batch, double[][] points, double[] labels, boolean withReplacement, String source) {
    return finite(lr, batch, points, labels, Sampling.of(withReplacement), source);
  }

  /** {@link #finite(double, int, double[][], double[], boolean, String)} with any sampling mode. */
  public static LinearDTails finite(
      double lr, int batch, double[][] points, double[] labels, Sampling sampling, String source) {
    PointData.Finite x = new PointData.Finite(points, source);
    return new LinearDTails(lr, batch, x, sampling, Double.NaN, LeastSquares.fit(x, labels));
  }

  /**
   * A generated dataset: N points {@code x_i ~ N(0, I_d)} (the points of {@link Datasets#gaussianPoints} for
   * that data seed) and labels {@code y_i = x_i . w* + sigma eps_i} with the teacher {@link #teacher} and
   * {@code eps_i} normal i of "trajectory" 1 of stream {@link Stream#DATASET} ({@link #generatedLabels}).
   */
  public static LinearDTails generated(
      double lr, int batch, int n, int d, double sigma, boolean withReplacement, long dataSeed) {
    return generated(lr, batch, n, d, sigma, Sampling.of(withReplacement), dataSeed);
  }

  /** {@link #generated(double, int, int, int, double, boolean, long)} with any sampling mode. */
  public static LinearDTails generated(
      double lr, int batch, int n, int d, double sigma, Sampling sampling, long dataSeed) {
    if (d < 1) {
      throw new IllegalArgumentException("the dimension d must be at least 1, not " + d);
    }
    if (!(sigma >= 0) || !Double.isFinite(sigma)) {
      throw new IllegalArgumentException("the label noise sigma must be a finite number >= 0, not " + sigma);
    }
    PointData.Finite x = Datasets.gaussianPoints(n, PointData.Gaussian.isotropic(d, 1.0), dataSeed);
    double[] y = generatedLabels(x, sigma, dataSeed);
    PointData.Finite named = new PointData.Finite(x.points(), "generated x ~ N(0, I_" + d + "), y = x . w* + "
        + sigma + " eps, w* = (1, ..., 1)/sqrt(d), data seed " + dataSeed);
    return new LinearDTails(lr, batch, named, sampling, sigma, LeastSquares.fit(named, y));
  }

  /** "Trajectory" of stream {@link Stream#DATASET} whose normals are the label noise of a generated dataset. */
  static final long LABEL_NOISE = 1;

  /**
   * The labels of a generated dataset: {@code y_i = (x_i . w*) + sigma * eps_i}, the dot product an fma chain
   * over the coordinates in ascending order, {@code eps_i} normal i of "trajectory" {@value #LABEL_NOISE} of
   * stream {@link Stream#DATASET} (the points use trajectory 0, so the noise is independent of them).
   */
  public static double[] generatedLabels(PointData.Finite points, double sigma, long dataSeed) {
    double[][] x = points.points();
    double[] w = teacher(points.dim());
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double p = 0.0;
      for (int c = 0; c < w.length; c++) {
        p = Math.fma(x[i][c], w[c], p);
      }
      y[i] = p + sigma * Draws.normal(dataSeed, Stream.DATASET, LABEL_NOISE, i);
    }
    return y;
  }

  /** The teacher of generated data, {@code w* = (1, ..., 1) / sqrt(d)}: unit length, no preferred axis. */
  public static double[] teacher(int d) {
    double[] w = new double[d];
    java.util.Arrays.fill(w, 1.0 / Math.sqrt(d));
    return w;
  }

  /** Whether a batch of a finite dataset may repeat points. */
  public boolean withReplacement() {
    return sampling.withReplacement();
  }

  /** Whether batches come from a permutation per epoch of a finite dataset ({@link Sampling#RESHUFFLE}). */
  public boolean reshuffled() {
    return sampling == Sampling.RESHUFFLE && data instanceof PointData.Finite;
  }

  /** Steps per epoch: floor(N / S) when reshuffled, else 1 (every step is alike). */
  public long stepsPerEpoch() {
    return reshuffled() ? Sampling.batchesPerEpoch(data.size(), batch) : 1;
  }

  /** The dimension d. */
  public int dim() {
    return data.dim();
  }

  /** Number of data points N, or {@link Long#MAX_VALUE} for a stream. */
  public long size() {
    return data.size();
  }

  /** Whether the features are a fresh Gaussian stream (else a finite dataset). */
  public boolean isStream() {
    return data instanceof PointData.Gaussian;
  }

  /** Whether the features are a stream {@code x ~ N(0, s2 I_d)}: then the law of M is rotation invariant. */
  public boolean isIsotropic() {
    return data instanceof PointData.Gaussian g && g.isIsotropic();
  }

  /**
   * The Hessian of the population (stream: {@code Sigma = E[x x^T]}) or training (finite: {@code H_N = (1/N)
   * sum_i x_i x_i^T}) loss, d x d: {@code E[M] = I - lr H}.
   */
  public double[][] hessian() {
    int d = dim();
    double[][] h = new double[d][d];
    switch (data) {
      case PointData.Gaussian g -> {
        double[] v = g.variances();
        for (int c = 0; c < d; c++) {
          h[c][c] = v[c];
        }
      }
      case PointData.Finite f -> {
        for (double[] x : f.points()) {
          addOuter(h, x, 1.0 / f.size());
        }
      }
      case PointData.CorrelatedGaussian c -> throw new IllegalStateException("rejected by the constructor");
    }
    return h;
  }

  /**
   * The covariance of one point's gradient noise at u = 0, {@code E[e^2 x x^T]}, d x d (stream: {@code sigma^2
   * Sigma}; finite: {@code (1/N) sum_i e_i^2 x_i x_i^T}): the additive term {@code b = (lr/S) sum_i x_i e_i} of
   * a step has covariance {@code (lr^2/S)} times this (with replacement; see the theory for without).
   */
  public double[][] noiseCovariance() {
    int d = dim();
    double[][] n = new double[d][d];
    switch (data) {
      case PointData.Gaussian g -> {
        double[] v = g.variances();
        for (int c = 0; c < d; c++) {
          n[c][c] = sigma * sigma * v[c];
        }
      }
      case PointData.Finite f -> {
        double[][] x = f.points();
        for (int i = 0; i < x.length; i++) {
          double e = fit.residual(i);
          addOuter(n, x[i], e * e / f.size());
        }
      }
      case PointData.CorrelatedGaussian c -> throw new IllegalStateException("rejected by the constructor");
    }
    return n;
  }

  private static void addOuter(double[][] a, double[] x, double weight) {
    for (int r = 0; r < x.length; r++) {
      for (int c = 0; c < x.length; c++) {
        a[r][c] += weight * x[r] * x[c];
      }
    }
  }

  /** The number of steps between two renormalisations of the tangent vector the kernels use. */
  public int tangentInterval() {
    return tangentInterval(lr, data);
  }

  /**
   * The longest interval (at most {@link #MAX_TANGENT_INTERVAL}) between renormalisations of the tangent
   * vector over which it cannot overflow: one step multiplies its norm by at most {@code ||M|| <= 1 + lr
   * max|x|^2}, and r steps must stay within {@link #GROWTH_BUDGET_BITS}. Renormalising is by powers of two,
   * so the interval changes no value.
   */
  public static int tangentInterval(double lr, PointData data) {
    double perStep = Math.log1p(lr * data.maxSquareNorm()) / Math.log(2);
    return (int) Math.min(MAX_TANGENT_INTERVAL, Math.floor(GROWTH_BUDGET_BITS / perStep));
  }

  /** A one-line description for files and tables. */
  public String describe() {
    String kind = isStream() ? data.describe() + ", label noise sigma=" + sigma : data.describe();
    return "linear-d tails: lr=" + lr + " S=" + batch + " d=" + dim() + ", " + kind
        + (isStream() ? "" : "," + sampling.describe()) + (reshuffled() ? " (" + stepsPerEpoch()
        + " steps; observed at epoch ends, theory the epoch's index, Lyapunov exponent per step)" : "");
  }
}
