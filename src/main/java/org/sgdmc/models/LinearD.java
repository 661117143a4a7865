package org.sgdmc.models;

/**
 * Linearised SGD in d dimensions for least squares at an interpolation minimum (seed 002, eq. (2), with the
 * sample Hessian {@code H(x) = x x^T}): the distance {@code v = w - w*} obeys
 *
 * <pre>  v_{t+1} = M_t v_t,   M_t = I - (lr/S) sum_{j in B_t} x_j x_j^T  </pre>
 *
 * a product of i.i.d. random matrices. Its Lyapunov spectrum {@code Lambda_1 >= Lambda_2 >= ... >=
 * Lambda_d} decides stability: {@code w_t -> w*} in probability for almost every start iff {@code
 * Lambda_1 < 0} (seed 002, Thm. 1). The first {@link #exponents} of them are measured by following as many
 * tangent vectors and re-orthonormalising them (QR) every {@link #reorthInterval} steps (Benettin et al.).
 *
 * @param lr learning rate, > 0
 * @param batch batch size S >= 1
 * @param data where the points x come from
 * @param sampling how the batches of a finite dataset are drawn (irrelevant for N = infinity)
 * @param exponents k, how many exponents of the spectrum to measure, 1 <= k <= d
 * @param reorthInterval r, steps between two QR re-orthonormalisations, 1 <= r <= {@link #maxReorthInterval}
 */
public record LinearD(double lr, int batch, PointData data, Sampling sampling, int exponents, int reorthInterval) {

  /** With or without replacement, as the boolean that named the two modes before reshuffling existed. */
  public LinearD(double lr, int batch, PointData data, boolean withReplacement, int exponents, int reorthInterval) {
    this(lr, batch, data, Sampling.of(withReplacement), exponents, reorthInterval);
  }

  /** Whether a batch may repeat a point ({@link Sampling#WITH_REPLACEMENT}). */
  public boolean withReplacement() {
    return sampling.withReplacement();
  }

  /** Whether batches come from a permutation per epoch ({@link Sampling#RESHUFFLE}) of a finite dataset. */
  public boolean reshuffled() {
    return sampling == Sampling.RESHUFFLE && data instanceof PointData.Finite;
  }

  /**
   * Bits by which a tangent vector may grow between two re-orthonormalisations: its squared norm, summed
   * from d squares, must stay below the largest double (2^1024), and 480 bits leave room for both.
   */
  static final double GROWTH_BUDGET_BITS = 480;
  /** The interval used when none is given, if the growth bound allows it. */
  public static final int DEFAULT_REORTH_INTERVAL = 5;

  public LinearD {
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
    if (exponents < 1 || exponents > data.dim()) {
      throw new IllegalArgumentException(
          "the number of exponents k must be between 1 and d = " + data.dim() + ", not " + exponents);
    }
    int max = maxReorthInterval(lr, data);
    if (max < 1) {
      throw new IllegalArgumentException("lr * max |x|^2 = " + lr * data.maxSquareNorm()
          + " is too large: one step could leave the double range");
    }
    if (reorthInterval < 1 || reorthInterval > max) {
      throw new IllegalArgumentException("the re-orthonormalisation interval must be between 1 and " + max
          + " for these data and learning rate (so that no tangent vector can overflow), not " + reorthInterval);
    }
  }

  /** The model with the default re-orthonormalisation interval, {@link #defaultReorthInterval}. */
  public static LinearD of(double lr, int batch, PointData data, boolean withReplacement, int exponents) {
    return of(lr, batch, data, Sampling.of(withReplacement), exponents);
  }

  /** The model with the default re-orthonormalisation interval and any sampling mode. */
  public static LinearD of(double lr, int batch, PointData data, Sampling sampling, int exponents) {
    return new LinearD(lr, batch, data, sampling, exponents, defaultReorthInterval(lr, data));
  }

  /** The dimension d. */
  public int dim() {
    return data.dim();
  }

  /**
   * The longest interval between re-orthonormalisations for which no tangent vector can overflow: one step
   * multiplies a norm by at most {@code ||M|| <= 1 + lr max|x|^2}, so r steps by at most {@code 2^(r
   * log2(1 + lr max|x|^2))}, which must stay within {@link #GROWTH_BUDGET_BITS}. Shrinking is not bounded
   * (M can be singular); see the kernels for what happens when a tangent vector collapses.
   */
  public static int maxReorthInterval(double lr, PointData data) {
    double perStep = Math.log1p(lr * data.maxSquareNorm()) / Math.log(2);
    return (int) Math.min(1_000_000, Math.floor(GROWTH_BUDGET_BITS / perStep));
  }

  /** {@link #DEFAULT_REORTH_INTERVAL}, or less where the growth bound asks for it. */
  public static int defaultReorthInterval(double lr, PointData data) {
    return Math.min(DEFAULT_REORTH_INTERVAL, Math.max(1, maxReorthInterval(lr, data)));
  }
}
