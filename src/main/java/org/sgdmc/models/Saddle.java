package org.sgdmc.models;

/**
 * SGD near the rank-0 saddle of a two-layer linear (or locally linear) network (seed 002, Sec. 4.2, eq. (11)
 * and App. A.6, eq. (65)-(67)). The linearised loss is {@code l = -chi sum_i u_i w_i} with {@code chi = x y};
 * one SGD step with batch mean {@code chib} of chi is
 *
 * <pre>  w <- w + lr chib u,   u <- u + lr chib w,  </pre>
 *
 * which the rotation {@code h = w + u}, {@code m = w - u} decouples exactly into two copies of the 1-D
 * regression of Sec. 3:
 *
 * <pre>  h_{t+1} = (1 + lr chib_t) h_t,   m_{t+1} = (1 - lr chib_t) m_t.  </pre>
 *
 * The Lyapunov exponents are {@code Lambda_+ = E log|1 + lr chib|} (of h) and {@code Lambda_- = E log|1 -
 * lr chib|} (of m); h -> 0 in probability iff Lambda_+ &lt; 0 and m -> 0 iff Lambda_- &lt; 0 (Prop. 2).
 *
 * <p>Why one coordinate pair: in eq. (66) the same batch mean chib multiplies every coordinate i of a width-d
 * layer, so each {@code h_i(t) = h_i(0) prod_s (1 + lr chib_s)} and likewise for m: all d coordinates share
 * one random product and differ only by their initial value. {@code log|h_i(t)| - log|h_i(0)|} is the same
 * for every i, so d changes neither exponent nor phase, and this model keeps d = 1 with a given (w0, u0).
 *
 * @param lr learning rate, &gt; 0
 * @param batch batch size S &gt;= 1
 * @param data where chi comes from
 * @param sampling how the batches of a finite dataset are drawn (irrelevant for N = infinity)
 * @param w0 initial w
 * @param u0 initial u; {@code w0 + u0} and {@code w0 - u0} must both be non-zero (and normal doubles), so that
 *     both h and m start away from 0
 */
public record Saddle(double lr, int batch, SaddleData data, Sampling sampling, double w0, double u0) {

  /** With or without replacement, as the boolean that named the two modes before reshuffling existed. */
  public Saddle(double lr, int batch, SaddleData data, boolean withReplacement, double w0, double u0) {
    this(lr, batch, data, Sampling.of(withReplacement), w0, u0);
  }

  /** Whether a batch may repeat a point ({@link Sampling#WITH_REPLACEMENT}). */
  public boolean withReplacement() {
    return sampling.withReplacement();
  }

  /** Whether batches come from a permutation per epoch ({@link Sampling#RESHUFFLE}) of a finite dataset. */
  public boolean reshuffled() {
    return sampling == Sampling.RESHUFFLE && data instanceof SaddleData.Finite;
  }

  /** Number of the observable {@code log|h| = log|w + u|} that the saddle kernels report. */
  public static final int OBSERVABLE_H = 0;
  /** Number of the observable {@code log|m| = log|w - u|} that the saddle kernels report. */
  public static final int OBSERVABLE_M = 1;

  /** The most bits of growth or decay one renormalisation interval may see; keeps a mantissa normal. */
  static final double EXPONENT_BUDGET = 900;
  /** log2 of the smallest non-zero |1 +- lr chib| that fma can produce for doubles lr, chib (as in linreg1d). */
  static final double SMALLEST_FACTOR_LOG2 = -110;

  public Saddle {
    if (!(lr > 0) || !Double.isFinite(lr)) {
      throw new IllegalArgumentException("learning rate must be a positive finite number, not " + lr);
    }
    if (batch < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, not " + batch);
    }
    if (data == null) {
      throw new IllegalArgumentException("the saddle model needs data");
    }
    if (sampling == null) {
      throw new IllegalArgumentException("no sampling mode");
    }
    if (!sampling.withReplacement() && batch > data.size()) {
      throw new IllegalArgumentException("batch size " + batch + " exceeds the " + data.size() + " data points ("
          + (sampling == Sampling.RESHUFFLE ? "reshuffling" : "sampling without replacement") + ")");
    }
    if (!Double.isFinite(w0) || !Double.isFinite(u0)) {
      throw new IllegalArgumentException("initial w0 and u0 must be finite numbers, not " + w0 + " and " + u0);
    }
    double h0 = w0 + u0;
    double m0 = w0 - u0;
    if (!(Math.abs(h0) >= Double.MIN_NORMAL) || !(Math.abs(m0) >= Double.MIN_NORMAL)
        || !Double.isFinite(h0) || !Double.isFinite(m0)) {
      throw new IllegalArgumentException("need w0 != +-u0 so that h = w + u and m = w - u start away from 0 (w0 = "
          + w0 + ", u0 = " + u0 + ")");
    }
    if (renormalisationInterval(lr, data) < 1) {
      throw new IllegalArgumentException(
          "lr * max|chi| = " + lr * data.maxAbsChi() + " is too large: one step would leave the double range");
    }
  }

  /** h_0 = w0 + u0. */
  public double h0() {
    return w0 + u0;
  }

  /** m_0 = w0 - u0. */
  public double m0() {
    return w0 - u0;
  }

  /**
   * How many steps may pass between two renormalisations of h and m without a mantissa leaving the normal
   * range: each factor is at most {@code 1 + lr max|chi|} in magnitude and, unless exactly 0, at least
   * 2^-110, so R steps move an exponent by at most R * max(110, log2(1 + lr max|chi|)) bits.
   */
  public static int renormalisationInterval(double lr, SaddleData data) {
    double grow = Math.log(1 + lr * data.maxAbsChi()) / Math.log(2);
    double perStep = Math.max(-SMALLEST_FACTOR_LOG2, grow);
    return (int) Math.min(16, Math.floor(EXPONENT_BUDGET / perStep));
  }

  /** See {@link #renormalisationInterval(double, SaddleData)}. */
  public int renormalisationInterval() {
    return renormalisationInterval(lr, data);
  }
}
