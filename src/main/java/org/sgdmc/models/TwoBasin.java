package org.sgdmc.models;

import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;

/**
 * Escape from a basin in two dimensions (seed 004, issue 17 item 3): a landscape with two minima of different width
 * and depth, built as the empirical loss of a finite dataset, stepped by minibatch SGD, by Euler-Maruyama of the SDE
 * with the matched state-dependent covariance, or by Euler-Maruyama of a Levy-driven SDE with stable noise.
 *
 * <p>The landscape {@code U(x, y) = f(x) + (1/2) c(x) y^2}, {@code c(x) = cy (1 + rho x^2)}. The x-profile is a
 * quartic on each side of the saddle x = 0, C^2 across it: with W = -widthL on the left and +widthR on the right,
 * h the side's depth and {@code A = kappa W^2 / (2 h)},
 * <pre>
 *   f(x) = h (-A u^2 + (2A - 4) u^3 + (3 - A) u^4),  u = x / W,
 *   f'(x) = x (-kappa + x (c2 + c3 x)),  c2 = 3 h (2A - 4) / W^3,  c3 = 4 h (3 - A) / W^4,
 * </pre>
 * so f(0) = 0, f''(0) = -kappa on both sides, the minima at -widthL and +widthR with {@code f = -heightL, -heightR}
 * and {@code f'' = h (12 - 2A) / W^2}; A in (0, 3] keeps f' of one sign beyond each minimum (the side confines).
 * Depth and width are thus independent: a narrow deep and a wide shallow basin. Since c'(0) = 0 the line x = 0 is
 * invariant under the gradient flow, so the basins of attraction are exactly the half-planes x < 0 and x > 0.
 *
 * <p>The dataset: n points (ax_i, ay_i, b_i), per-sample loss {@code U + ax_i x + ay_i y + b_i (x^2 + y^2)/2}, all
 * centred, with population moments {@code S(ax,ax) = S(ay,ay) = sa^2}, {@code S(b,b) = sb^2} and zero cross moments
 * ({@link #dataset}), so the per-sample gradient covariance is {@code Sigma(theta) = sa^2 I + sb^2 theta theta^T}
 * (state-dependent): the Gaussian substep draws it as {@code sa (xi1, xi2) + sb theta xi3}, no square root needed.
 * The stable noise is coordinatewise: {@code scale (Z1, Z2) dt^(1/alpha)}, Z independent standard symmetric
 * alpha-stable (the repository has no isotropic 2-D stable sampler; see {@link org.sgdmc.theory.TwoBasinTheory}).
 *
 * <p>Escape from the basin {@code right ? x > 0 : x < 0}: start at its minimum; the trajectory has crossed when it
 * reaches the other minimum's x, and has left "outwards" at x beyond 2 own widths from the saddle or at
 * {@code |y| >= yExit} (only stable jumps get there). Time is counted in substeps of dt = lr / substeps.
 */
public record TwoBasin(double heightL, double widthL, double heightR, double widthR, double kappa, double cy,
    double rho, double yExit, boolean right, double[] ax, double[] ay, double[] b, double lr, int batch,
    NoiseModel noise, int substeps, double alpha, double stableScale) {
  public static final int MAX_SUBSTEPS = 4096;

  public TwoBasin {
    for (double v : new double[] {heightL, widthL, heightR, widthR, kappa, cy, yExit, lr}) {
      if (!(v > 0) || !Double.isFinite(v)) {
        throw new IllegalArgumentException("heights, widths, kappa, cy, y-exit and lr must be positive and finite, not "
            + v);
      }
    }
    if (!(rho >= 0) || !Double.isFinite(rho)) {
      throw new IllegalArgumentException("rho must be >= 0 and finite, not " + rho);
    }
    if (shape(kappa, widthL, heightL) > 3 || shape(kappa, widthR, heightR) > 3) {
      throw new IllegalArgumentException("kappa width^2 / (2 height) must be at most 3 on each side (else f turns"
          + " over beyond the minimum): kappa " + kappa + " is too large");
    }
    if (ax.length < 2 || ax.length != ay.length || ax.length != b.length) {
      throw new IllegalArgumentException("the dataset needs at least 2 points (ax, ay, b), as many of each");
    }
    if (batch < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, not " + batch);
    }
    if (noise == NoiseModel.GAUSSIAN_CONSTANT) {
      throw new IllegalArgumentException("the two-basin landscape runs minibatch, gaussian or stable noise, not "
          + noise);
    }
    if (substeps < 1 || substeps > MAX_SUBSTEPS || (substeps != 1 && noise == NoiseModel.MINIBATCH)) {
      throw new IllegalArgumentException("Euler-Maruyama substeps must be in 1.." + MAX_SUBSTEPS
          + " (1 for minibatch SGD), not " + substeps);
    }
    if (noise == NoiseModel.STABLE && !(alpha > 0 && alpha <= 2 && stableScale > 0 && Double.isFinite(stableScale))) {
      throw new IllegalArgumentException("stable noise needs alpha in (0, 2] and a positive scale, not alpha = " + alpha
          + ", scale = " + stableScale);
    }
  }

  private static double shape(double kappa, double w, double h) {
    return kappa * w * w / (2 * h);
  }

  /** The landscape with the matched stable scale ({@link #matchedStableScale}) when the noise is stable. */
  public static TwoBasin of(double heightL, double widthL, double heightR, double widthR, double kappa, double cy,
      double rho, double yExit, boolean right, double[][] data, double lr, int batch, NoiseModel noise, int substeps,
      double alpha) {
    TwoBasin probe = new TwoBasin(heightL, widthL, heightR, widthR, kappa, cy, rho, yExit, right, data[0], data[1],
        data[2], lr, batch, NoiseModel.MINIBATCH, 1, Double.NaN, Double.NaN);
    double scale = noise == NoiseModel.STABLE ? probe.matchedStableScale() : Double.NaN;
    return new TwoBasin(heightL, widthL, heightR, widthR, kappa, cy, rho, yExit, right, data[0], data[1], data[2], lr,
        batch, noise, substeps, alpha, scale);
  }

  /** The same landscape, data and noise, escaping from the other basin. */
  public TwoBasin otherBasin() {
    return new TwoBasin(heightL, widthL, heightR, widthR, kappa, cy, rho, yExit, !right, ax, ay, b, lr, batch, noise,
        substeps, alpha, stableScale);
  }

  /**
   * n points (ax, ay, b): standard normals (stream {@link Stream#DATASET} of {@code dataSeed}, "trajectories" 0, 1, 2),
   * centred and Gram-Schmidt orthogonalised (ay against ax, b against both), scaled to population standard deviations
   * sa, sa, sb. Returns {ax, ay, b}; sb = 0 gives b = 0.
   */
  public static double[][] dataset(int n, double sa, double sb, long dataSeed) {
    if (n < 3) {
      throw new IllegalArgumentException("the dataset needs at least 3 points, not " + n);
    }
    if (!(sa > 0 && sb >= 0 && Double.isFinite(sa) && Double.isFinite(sb))) {
      throw new IllegalArgumentException("the noise scales must be finite, sa > 0 and sb >= 0, not " + sa + ", " + sb);
    }
    double[][] v = new double[3][n];
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < n; i++) {
        v[c][i] = Draws.normal(dataSeed, Stream.DATASET, c, i);
      }
      centre(v[c]);
      for (int p = 0; p < c; p++) {
        double f = dot(v[c], v[p]) / dot(v[p], v[p]);
        for (int i = 0; i < n; i++) {
          v[c][i] -= f * v[p][i];
        }
      }
      centre(v[c]);
    }
    scale(v[0], sa);
    scale(v[1], sa);
    scale(v[2], sb);
    return v;
  }

  private static double dot(double[] x, double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
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
    double f = sd / Math.sqrt(dot(v, v) / v.length);
    for (int i = 0; i < v.length; i++) {
      v[i] = sd == 0 ? 0.0 : v[i] * f;
    }
  }

  /** {c2, c3} of the side {@code x >= 0 ? right : left}. */
  public double[] sideCoefficients(boolean rightSide) {
    double w = rightSide ? widthR : -widthL;
    double h = rightSide ? heightR : heightL;
    double a = shape(kappa, w, h);
    return new double[] {3 * h * (2 * a - 4) / (w * w * w), 4 * h * (3 - a) / (w * w * w * w)};
  }

  /** f'(x) in the kernels' order: {@code x * fma(x, fma(c3, x, c2), -kappa)}. */
  public static double fPrime(double x, double c2, double c3, double kappa) {
    return x * Math.fma(x, Math.fma(c3, x, c2), -kappa);
  }

  /** f(x). */
  public double f(double x) {
    double[] c = sideCoefficients(x >= 0);
    return x * x * (-kappa / 2 + x * (c[0] / 3 + x * c[1] / 4));
  }

  /** f'(x). */
  public double fPrime(double x) {
    double[] c = sideCoefficients(x >= 0);
    return fPrime(x, c[0], c[1], kappa);
  }

  /** f''(x). */
  public double fSecond(double x) {
    double[] c = sideCoefficients(x >= 0);
    return -kappa + x * (2 * c[0] + 3 * c[1] * x);
  }

  /** c(x) = cy (1 + rho x^2). */
  public double c(double x) {
    return cy * Math.fma(rho * x, x, 1.0);
  }

  /** U(x, y). */
  public double loss(double x, double y) {
    return f(x) + 0.5 * c(x) * y * y;
  }

  /** The escaping basin's minimum x (y = 0). */
  public double start() {
    return right ? widthR : -widthL;
  }

  /** Its depth, {@code U(saddle) - U(minimum)}. */
  public double depth() {
    return right ? heightR : heightL;
  }

  /** Its distance from the saddle. */
  public double width() {
    return right ? widthR : widthL;
  }

  /** Exit when x <= this. */
  public double exitLow() {
    return right ? -widthL : -2 * widthL;
  }

  /** Exit when x >= this. */
  public double exitHigh() {
    return right ? 2 * widthR : widthR;
  }

  /** The side recorded for an exit at x <= exitLow: +1 (crossed into the other basin) or -1 (outwards). */
  public double sideLow() {
    return right ? 1.0 : -1.0;
  }

  /** The side recorded for an exit at x >= exitHigh. */
  public double sideHigh() {
    return right ? -1.0 : 1.0;
  }

  /** sa: the tilts' standard deviation (per coordinate; population, 1/n). */
  public double sa() {
    return Math.sqrt(dot(ax, ax) / ax.length);
  }

  /** sb: the curvatures' standard deviation. */
  public double sb() {
    return Math.sqrt(dot(b, b) / b.length);
  }

  /** {@code D_xx(x, 0) = lr (sa^2 + sb^2 x^2) / (2B)}: the SDE's diffusion along the x axis. */
  public double diffusionX(double x) {
    double sa = sa();
    double sb = sb();
    return lr * (sa * sa + sb * sb * x * x) / (2.0 * batch);
  }

  /** {@code D_yy(x, 0) = lr sa^2 / (2B)}. */
  public double diffusionY() {
    double sa = sa();
    return lr * sa * sa / (2.0 * batch);
  }

  /** The matched stable scale {@code sqrt(D_xx(minimum))}: its alpha = 2 member is the Gaussian SDE's x noise there. */
  public double matchedStableScale() {
    return Math.sqrt(diffusionX(start()));
  }

  public double dt() {
    return lr / substeps;
  }

  /** {@code lr sqrt(1 / (B l))}: the Gaussian substep's factor on {@code sa xi + sb theta xi3}. */
  public double gaussianScale() {
    return lr * Math.sqrt(1.0 / ((double) batch * substeps));
  }

  /** {@code scale dt^(1/alpha)}. */
  public double stableStep() {
    return stableScale * Math.pow(dt(), 1.0 / alpha);
  }

  public String describe() {
    return "two-basin landscape, left (depth " + heightL + ", width " + widthL + "), right (depth " + heightR
        + ", width " + widthR + "), escaping the " + (right ? "right" : "left") + " basin, lr=" + lr + ", B=" + batch
        + ", n=" + ax.length + ", noise=" + noise.label() + (noise == NoiseModel.STABLE ? " alpha=" + alpha : "")
        + (substeps > 1 ? " (" + substeps + " substeps of dt = lr/" + substeps + ")" : "");
  }
}
