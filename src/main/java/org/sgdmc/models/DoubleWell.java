package org.sgdmc.models;

import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;

/**
 * Escape from a basin (seed 004, issue 17 item 3): a one-dimensional double well built as the empirical loss of a
 * finite dataset, stepped by minibatch SGD, by Euler-Maruyama of seed 004's SDE with the matched state-dependent
 * covariance, or by Euler-Maruyama of a Levy-driven SDE with symmetric alpha-stable noise of matched scale.
 *
 * <p>The landscape: {@code U(theta) = height (theta^2 / width^2 - 1)^2}, minima at {@code +-width}, the barrier top at 0
 * with {@code U(0) - U(+-width) = height}, curvatures {@code U''(+-width) = 8 height / width^2} and
 * {@code U''(0) = -4 height / width^2}. The dataset: n points (a_i, b_i) with per-sample loss
 * {@code l_i(theta) = U(theta) + a_i theta + b_i theta^2 / 2}, the a_i and b_i centred (sum 0), so that the empirical
 * loss {@code L_n = (1/n) sum l_i} is U up to rounding (the means are stored and kept in SGD's sums, below 1e-16).
 * Per-sample gradient {@code g_i = U'(theta) + a_i + b_i theta}; its covariance over the points is
 * {@code Sigma(theta) = S_aa + 2 S_ab theta + S_bb theta^2} (population moments, divided by n): the tilts a_i give
 * additive noise, the curvatures b_i noise that grows away from the barrier top, so the noise is state-dependent.
 *
 * <p>Every trajectory starts at {@code start} (the left minimum, -width) and has escaped when it first reaches
 * {@code theta >= exitRight} (default: the other minimum, +width) or {@code theta <= exitLeft} (default -3 width: only
 * a stable jump gets there). Time is counted in substeps of {@code dt = lr / substeps}; SGD takes 1.
 *
 * @param height barrier height, > 0
 * @param width the minima's distance from the barrier top, > 0
 * @param a the tilts a_i (centred)
 * @param b the curvatures b_i (centred)
 * @param lr learning rate eta, > 0
 * @param batch B >= 1 (batches drawn with replacement: covariance Sigma/B)
 * @param noise MINIBATCH (SGD), GAUSSIAN (Euler-Maruyama of {@code d theta = -U' dt + sqrt(lr Sigma(theta)/B) dW}) or
 *     STABLE (Euler-Maruyama of {@code d theta = -U' dt + scale dL}, L a standard symmetric alpha-stable process)
 * @param substeps l: dt = lr / l; 1 for SGD
 * @param alpha the stable index in (0, 2] (NaN unless STABLE)
 * @param stableScale the stable scale epsilon (NaN unless STABLE); {@link #matchedStableScale} is the matched one
 * @param start the initial theta
 * @param exitRight escape when theta >= this
 * @param exitLeft escape when theta <= this
 */
public record DoubleWell(double height, double width, double[] a, double[] b, double lr, int batch, NoiseModel noise,
    int substeps, double alpha, double stableScale, double start, double exitRight, double exitLeft) {
  public static final int MAX_SUBSTEPS = 4096;

  public DoubleWell {
    if (!(height > 0) || !Double.isFinite(height)) {
      throw new IllegalArgumentException("barrier height must be a positive finite number, not " + height);
    }
    if (!(width > 0) || !Double.isFinite(width)) {
      throw new IllegalArgumentException("well width must be a positive finite number, not " + width);
    }
    if (a.length < 2 || a.length != b.length) {
      throw new IllegalArgumentException("the dataset needs at least 2 points (a_i, b_i), with as many a as b");
    }
    if (!(lr > 0) || !Double.isFinite(lr)) {
      throw new IllegalArgumentException("learning rate must be a positive finite number, not " + lr);
    }
    if (batch < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, not " + batch);
    }
    if (noise == NoiseModel.GAUSSIAN_CONSTANT) {
      throw new IllegalArgumentException("the double well runs minibatch, gaussian or stable noise, not " + noise);
    }
    if (substeps < 1 || substeps > MAX_SUBSTEPS || (substeps != 1 && noise == NoiseModel.MINIBATCH)) {
      throw new IllegalArgumentException("Euler-Maruyama substeps must be in 1.." + MAX_SUBSTEPS
          + " (1 for minibatch SGD), not " + substeps);
    }
    if (noise == NoiseModel.STABLE && !(alpha > 0 && alpha <= 2 && stableScale > 0 && Double.isFinite(stableScale))) {
      throw new IllegalArgumentException("stable noise needs alpha in (0, 2] and a positive scale, not alpha = " + alpha
          + ", scale = " + stableScale);
    }
    if (!(exitLeft < start && start < exitRight)) {
      throw new IllegalArgumentException("the start " + start + " must lie strictly between the exits " + exitLeft
          + " and " + exitRight);
    }
  }

  /** The double well with the default start (-width) and exits (+width, -3 width). */
  public static DoubleWell of(double height, double width, double[][] ab, double lr, int batch, NoiseModel noise,
      int substeps, double alpha) {
    DoubleWell probe = new DoubleWell(height, width, ab[0], ab[1], lr, batch, NoiseModel.MINIBATCH, 1, Double.NaN,
        Double.NaN, -width, width, -3 * width);
    double scale = noise == NoiseModel.STABLE ? probe.matchedStableScale() : Double.NaN;
    return new DoubleWell(height, width, ab[0], ab[1], lr, batch, noise, substeps, alpha, scale, -width, width,
        -3 * width);
  }

  /**
   * n points (a_i, b_i) with exactly the population moments {@code S_aa = sigmaA^2}, {@code S_bb = sigmaB^2},
   * {@code S_ab = 0} (up to rounding): standard normals (stream {@link Stream#DATASET} of {@code dataSeed}, a from
   * "trajectory" 0, b from 1), centred, b made orthogonal to a, each scaled to its standard deviation. Returns
   * {a, b}; a zero sigma gives zeros.
   */
  public static double[][] dataset(int n, double sigmaA, double sigmaB, long dataSeed) {
    if (n < 2) {
      throw new IllegalArgumentException("the dataset needs at least 2 points, not " + n);
    }
    if (!(sigmaA >= 0 && sigmaB >= 0 && Double.isFinite(sigmaA) && Double.isFinite(sigmaB)) || sigmaA + sigmaB == 0) {
      throw new IllegalArgumentException("the noise scales must be finite, >= 0 and not both 0, not " + sigmaA + ", "
          + sigmaB);
    }
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = Draws.normal(dataSeed, Stream.DATASET, 0, i);
      b[i] = Draws.normal(dataSeed, Stream.DATASET, 1, i);
    }
    centre(a);
    centre(b);
    double ab = 0;
    double aa = 0;
    for (int i = 0; i < n; i++) {
      ab += a[i] * b[i];
      aa += a[i] * a[i];
    }
    for (int i = 0; i < n; i++) {
      b[i] -= ab / aa * a[i];
    }
    centre(b);
    scale(a, sigmaA);
    scale(b, sigmaB);
    return new double[][] {a, b};
  }

  private static void centre(double[] v) {
    double m = 0;
    for (double x : v) {
      m += x;
    }
    m /= v.length;
    for (int i = 0; i < v.length; i++) {
      v[i] -= m;
    }
  }

  private static void scale(double[] v, double sd) {
    double ss = 0;
    for (double x : v) {
      ss += x * x;
    }
    double f = sd / Math.sqrt(ss / v.length);
    for (int i = 0; i < v.length; i++) {
      v[i] *= f;
    }
  }

  /** {@code 4 height / width^2}: {@code U'(theta) = k theta (theta^2 q - 1)}. */
  public double k() {
    return 4 * height / (width * width);
  }

  /** {@code 1 / width^2}. */
  public double q() {
    return 1 / (width * width);
  }

  /** The landscape's gradient U'(theta), in the kernels' order of operations. */
  public static double gradient(double k, double q, double theta) {
    return (k * theta) * Math.fma(theta * theta, q, -1.0);
  }

  public double gradient(double theta) {
    return gradient(k(), q(), theta);
  }

  /** U(theta). */
  public double loss(double theta) {
    double s = theta * theta / (width * width) - 1;
    return height * s * s;
  }

  /** U''(theta). */
  public double curvature(double theta) {
    return k() * (3 * theta * theta * q() - 1);
  }

  private double moment(double[] x, double[] y) {
    double mx = mean(x);
    double my = mean(y);
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += (x[i] - mx) * (y[i] - my);
    }
    return s / x.length;
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  /** S_aa, 2 S_ab, S_bb: {@code Sigma(theta) = fma(theta, fma(S_bb, theta, 2 S_ab), S_aa)}. */
  public double[] sigmaCoefficients() {
    return new double[] {moment(a, a), 2 * moment(a, b), moment(b, b)};
  }

  /** The per-sample gradient covariance Sigma(theta) (population, 1/n). */
  public double sigma(double theta) {
    double[] s = sigmaCoefficients();
    return Math.max(Math.fma(theta, Math.fma(s[2], theta, s[1]), s[0]), 0.0);
  }

  /** The SDE's diffusion {@code D(theta) = lr Sigma(theta) / (2 B)} (generator {@code -U' d/dtheta + D d^2/dtheta^2}). */
  public double diffusion(double theta) {
    return lr * sigma(theta) / (2.0 * batch);
  }

  /**
   * The matched stable scale {@code epsilon = sqrt(D(-width)) = sqrt(lr Sigma(-width) / (2B))}: the alpha = 2 member of
   * {@code epsilon dL} (L_1 ~ N(0, 2)) is the Gaussian SDE's noise frozen at the minimum.
   */
  public double matchedStableScale() {
    return Math.sqrt(diffusion(-width));
  }

  /** dt = lr / substeps. */
  public double dt() {
    return lr / substeps;
  }

  /** {@code lr sqrt(1 / (B l))}: the Gaussian substep's factor on sqrt(Sigma) xi. */
  public double gaussianScale() {
    return lr * Math.sqrt(1.0 / ((double) batch * substeps));
  }

  /** {@code epsilon dt^(1/alpha)}: the stable substep's factor on Z ~ S alpha S(1). */
  public double stableStep() {
    return stableScale * Math.pow(dt(), 1.0 / alpha);
  }

  public String describe() {
    return "double well, height=" + height + ", width=" + width + ", lr=" + lr + ", B=" + batch + ", n=" + a.length
        + ", noise=" + noise.label() + (noise == NoiseModel.STABLE ? " alpha=" + alpha : "")
        + (substeps > 1 ? " (" + substeps + " substeps of dt = lr/" + substeps + ")" : "");
  }
}
