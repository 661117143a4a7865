package org.sgdmc.models;

/**
 * SGD on 1-D linear regression at an interpolation minimum (seed 002, Sec. 3): with labels y = w* x the
 * distance v = w - w* obeys
 *
 * <pre>  v_{t+1} = (1 - lr q_t) v_t,   q_t = (1/S) sum_{j in B_t} x_j^2  </pre>
 *
 * for the squared loss l = (w x - y)^2 / 2. The Lyapunov exponent is exactly E log|1 - lr q| (Prop. 1).
 *
 * @param lr learning rate, > 0
 * @param batch batch size S >= 1
 * @param data where the x come from
 * @param sampling how the batches of a finite dataset are drawn (irrelevant for N = infinity)
 * @param initialDistance |w_0 - w*| > 0
 */
public record Linreg1d(double lr, int batch, FeatureData data, Sampling sampling, double initialDistance) {

  /** The most bits of growth or decay one renormalisation interval may see; keeps a mantissa normal. */
  static final double EXPONENT_BUDGET = 900;
  /** log2 of the smallest non-zero |1 - lr q| that fma can produce for doubles lr, q of 53-bit precision. */
  static final double SMALLEST_FACTOR_LOG2 = -110;

  public Linreg1d {
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
    if (!(initialDistance > 0) || !Double.isFinite(initialDistance)) {
      throw new IllegalArgumentException("initial distance must be a positive finite number, not " + initialDistance);
    }
    if (!(data.secondMoment() > 0)) {
      throw new IllegalArgumentException("every x^2 of the data is 0 (all x are 0, or so small that x^2 underflows): "
          + "q = 0 at every step, so w never moves; rescale the data");
    }
    if (!Double.isFinite(data.fourthMoment())) {
      throw new IllegalArgumentException("x^4 of the data leaves the double range (max x^2 = " + data.maxSquare()
          + "), and with it the theory's moments; rescale the data");
    }
    if (renormalisationInterval(lr, data) < 1) {
      throw new IllegalArgumentException(
          "lr * max x^2 = " + lr * data.maxSquare() + " is too large: one step would leave the double range");
    }
  }

  /** With or without replacement, as the boolean that named the two modes before reshuffling existed. */
  public Linreg1d(double lr, int batch, FeatureData data, boolean withReplacement, double initialDistance) {
    this(lr, batch, data, Sampling.of(withReplacement), initialDistance);
  }

  /** Whether a batch may repeat a point ({@link Sampling#WITH_REPLACEMENT}). */
  public boolean withReplacement() {
    return sampling.withReplacement();
  }

  /** Whether batches come from a permutation per epoch ({@link Sampling#RESHUFFLE}) of a finite dataset. */
  public boolean reshuffled() {
    return sampling == Sampling.RESHUFFLE && data instanceof FeatureData.Finite;
  }

  /**
   * How many steps may pass between two renormalisations of the log-scaled distance without the mantissa
   * leaving the normal range: each factor is at most 1 + lr max(x^2) and, unless exactly 0, at least
   * 2^-110 in magnitude, so R steps move the exponent by at most R * max(110, log2(1 + lr max x^2)) bits.
   */
  public static int renormalisationInterval(double lr, FeatureData data) {
    double grow = Math.log(1 + lr * data.maxSquare()) / Math.log(2);
    double perStep = Math.max(-SMALLEST_FACTOR_LOG2, grow);
    return (int) Math.min(16, Math.floor(EXPONENT_BUDGET / perStep));
  }

  /** See {@link #renormalisationInterval(double, FeatureData)}. */
  public int renormalisationInterval() {
    return renormalisationInterval(lr, data);
  }
}
