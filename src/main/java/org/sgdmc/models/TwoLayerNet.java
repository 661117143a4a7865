package org.sgdmc.models;

/**
 * SGD on the two-parameter nets of seed 002 (Fig. 1a, Sec. 4.3): {@code f(x) = u act(w x)}, squared loss
 * {@code l = (f(x) - y)^2 / 2} on a finite training set, full nonlinear updates (not linearised):
 *
 * <pre>
 *   r_j = u act(w x_j) - y_j
 *   u <- u - (lr/S) sum_{j in B_t} r_j act(w x_j)
 *   w <- w - (lr/S) u sum_{j in B_t} r_j act'(w x_j) x_j
 * </pre>
 *
 * (both gradients at the old (u, w)). A trajectory starts at {@code (u0, w0)}, plus independent N(0,
 * initNoise^2) offsets from stream INIT when {@code initNoise > 0}, and counts as diverged at the first step
 * whose new state is not finite or has |u| or |w| above {@code divergedAbove}; it then stays frozen at its
 * last good state.
 *
 * <p>The loss, gradient and Hessian of the full-batch loss L(u, w) = mean_i l_i, the physics the theory
 * needs, are here too.
 *
 * @param activation the hidden unit
 * @param data the training set every batch is drawn from
 * @param lr learning rate, > 0
 * @param batch batch size S >= 1
 * @param sampling how a batch is drawn: with or without replacement, afresh each step, or reshuffled each epoch
 * @param u0 initial u
 * @param w0 initial w
 * @param initNoise standard deviation of the initial offsets, >= 0
 * @param divergedAbove the bound on |u| and |w| beyond which a trajectory counts as diverged
 */
public record TwoLayerNet(
    Activation activation, RegressionData data, double lr, int batch, Sampling sampling,
    double u0, double w0, double initNoise, double divergedAbove) {

  /** With or without replacement, as the boolean that named the two modes before reshuffling existed. */
  public TwoLayerNet(Activation activation, RegressionData data, double lr, int batch, boolean withReplacement,
      double u0, double w0, double initNoise, double divergedAbove) {
    this(activation, data, lr, batch, Sampling.of(withReplacement), u0, w0, initNoise, divergedAbove);
  }

  /** Whether a batch may repeat a point ({@link Sampling#WITH_REPLACEMENT}). */
  public boolean withReplacement() {
    return sampling.withReplacement();
  }

  /** Whether batches come from a permutation of the training set per epoch ({@link Sampling#RESHUFFLE}). */
  public boolean reshuffled() {
    return sampling == Sampling.RESHUFFLE;
  }

  /** Default divergence bound: far beyond every stationary point, and small enough that one more step from
   * inside it stays finite (|r| <= 1e6 x 8.5 x 1e6 + |y|, so the gradients stay below 1e22 / lr). */
  public static final double DEFAULT_DIVERGED_ABOVE = 1e6;

  public TwoLayerNet {
    if (!(lr > 0) || !Double.isFinite(lr)) {
      throw new IllegalArgumentException("learning rate must be a positive finite number, not " + lr);
    }
    if (batch < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, not " + batch);
    }
    if (sampling == null) {
      throw new IllegalArgumentException("no sampling mode");
    }
    if (!sampling.withReplacement() && batch > data.size()) {
      throw new IllegalArgumentException("batch size " + batch + " exceeds the " + data.size() + " data points ("
          + (sampling == Sampling.RESHUFFLE ? "reshuffling" : "sampling without replacement") + ")");
    }
    if (!(divergedAbove > 0) || !Double.isFinite(divergedAbove)) {
      throw new IllegalArgumentException("the divergence bound must be a positive finite number, not " + divergedAbove);
    }
    if (!Double.isFinite(u0) || !Double.isFinite(w0) || Math.abs(u0) > divergedAbove || Math.abs(w0) > divergedAbove) {
      throw new IllegalArgumentException("the start (" + u0 + ", " + w0 + ") must be finite and inside the divergence bound");
    }
    if (!(initNoise >= 0) || !Double.isFinite(initNoise)) {
      throw new IllegalArgumentException("the initial noise must be a finite number >= 0, not " + initNoise);
    }
  }

  /** The same model started elsewhere. */
  public TwoLayerNet startingAt(double u, double w, double noise) {
    return new TwoLayerNet(activation, data, lr, batch, sampling, u, w, noise, divergedAbove);
  }

  /** The same model at another learning rate. */
  public TwoLayerNet withLr(double newLr) {
    return new TwoLayerNet(activation, data, newLr, batch, sampling, u0, w0, initNoise, divergedAbove);
  }

  // ---------------------------------------------------------------- the landscape

  /** L(u, w) = mean_i (u act(w x_i) - y_i)^2 / 2 over {@code d}. */
  public static double loss(Activation act, RegressionData d, double u, double w) {
    double s = 0;
    for (int i = 0; i < d.size(); i++) {
      double r = u * act.value(w * d.x(i)) - d.y(i);
      s += r * r;
    }
    return 0.5 * s / d.size();
  }

  /** The gradient (dL/du, dL/dw) of {@link #loss}. */
  public static double[] gradient(Activation act, RegressionData d, double u, double w) {
    double gu = 0, gw = 0;
    for (int i = 0; i < d.size(); i++) {
      double x = d.x(i), z = w * x;
      double a = act.value(z);
      double r = u * a - d.y(i);
      gu += r * a;
      gw += r * u * act.slope(z) * x;
    }
    return new double[] {gu / d.size(), gw / d.size()};
  }

  /**
   * The Hessian of {@link #loss} as {huu, huw, hww}: per sample {@code a^2}, {@code x a' (u a + r)} and
   * {@code u^2 x^2 a'^2 + r u x^2 a''}, with a = act(w x), r = u a - y.
   */
  public static double[] hessian(Activation act, RegressionData d, double u, double w) {
    double huu = 0, huw = 0, hww = 0;
    for (int i = 0; i < d.size(); i++) {
      double[] h = sampleHessian(act, d.x(i), d.y(i), u, w);
      huu += h[0];
      huw += h[1];
      hww += h[2];
    }
    int n = d.size();
    return new double[] {huu / n, huw / n, hww / n};
  }

  /** The Hessian of one sample's loss at (u, w), as {huu, huw, hww}. */
  public static double[] sampleHessian(Activation act, double x, double y, double u, double w) {
    double z = w * x;
    double a = act.value(z), a1 = act.slope(z), a2 = act.curvature(z);
    double r = u * a - y;
    return new double[] {a * a, x * a1 * (u * a + r), u * u * x * x * a1 * a1 + r * u * x * x * a2};
  }

  /** Eigenvalues {min, max} of the symmetric 2x2 matrix {h[0], h[1]; h[1], h[2]}, without cancellation. */
  public static double[] eigenvalues(double[] h) {
    double mean = 0.5 * (h[0] + h[2]);
    double radius = Math.hypot(0.5 * (h[0] - h[2]), h[1]);
    double big = mean >= 0 ? mean + radius : mean - radius;
    // the product of the eigenvalues is the determinant, so the smaller one follows without cancellation
    double det = h[0] * h[2] - h[1] * h[1];
    double other = big != 0 ? det / big : 0.0;
    return big >= other ? new double[] {other, big} : new double[] {big, other};
  }
}
