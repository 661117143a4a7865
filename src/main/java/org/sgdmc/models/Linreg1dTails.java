package org.sgdmc.models;

/**
 * One-dimensional linear regression off interpolation (seed 002, App. A.3): with labels
 * {@code y = x w* + sigma eps} no w fits every batch, and SGD on {@code u = w - w_LS} is the random affine
 * recursion
 *
 * <pre>  u_{t+1} = a_t u_t + b_t,   a_t = 1 - lr q_t,   b_t = lr r_t,  </pre>
 *
 * with q_t the batch mean of x^2 and r_t the batch mean of x e (e the residual about w_LS). When
 * {@code E ln|a| < 0} it has a stationary law whose tail is a power law {@code P(|u| > s) ~ s^-alpha},
 * {@code E|a|^alpha = 1} (Kesten-Goldie). The other {@link NoiseModel}s replace the minibatch noise by an SDE's
 * Gaussian or Levy noise around the full-batch drift {@code u - lr E[x^2] u}.
 *
 * @param lr learning rate, > 0
 * @param batch S >= 1
 * @param data the stream or dataset
 * @param sampling how the batches of a finite dataset are drawn; {@link Sampling#RESHUFFLE} takes an epoch's
 *     batches in order from one permutation, so the recursion is affine over whole epochs
 *     ({@code theory.EpochTailIndex}), and needs the minibatch noise (the SDE noise models draw no batches)
 * @param noise which noise drives the iterate
 * @param stableAlpha the stability index of {@link NoiseModel#STABLE} noise, in (0, 2]; NaN otherwise
 * @param stableScale the scale of the stable noise; NaN picks {@link #matchedStableScale}
 * @param substeps l: {@link NoiseModel#GAUSSIAN} noise takes l Euler-Maruyama steps of dt = lr / l per step of
 *     time lr, approaching the same SDE at finite lr (SVAG-style); 1 (dt = lr) for every other noise
 */
public record Linreg1dTails(
    double lr, int batch, LabelledData data, Sampling sampling, NoiseModel noise, double stableAlpha,
    double stableScale, int substeps) {

  /** The largest number of Euler-Maruyama substeps per step. */
  public static final int MAX_SUBSTEPS = 1024;

  /** One Euler-Maruyama step per SGD step (dt = lr). */
  public Linreg1dTails(double lr, int batch, LabelledData data, boolean withReplacement, NoiseModel noise,
      double stableAlpha, double stableScale) {
    this(lr, batch, data, Sampling.of(withReplacement), noise, stableAlpha, stableScale, 1);
  }

  /** One Euler-Maruyama step per SGD step (dt = lr), any sampling mode. */
  public Linreg1dTails(double lr, int batch, LabelledData data, Sampling sampling, NoiseModel noise,
      double stableAlpha, double stableScale) {
    this(lr, batch, data, sampling, noise, stableAlpha, stableScale, 1);
  }

  /** With or without replacement, as the boolean that named the two modes before reshuffling existed. */
  public Linreg1dTails(double lr, int batch, LabelledData data, boolean withReplacement, NoiseModel noise,
      double stableAlpha, double stableScale, int substeps) {
    this(lr, batch, data, Sampling.of(withReplacement), noise, stableAlpha, stableScale, substeps);
  }

  /** Whether a batch of a finite dataset may repeat points. */
  public boolean withReplacement() {
    return sampling.withReplacement();
  }

  /** Whether batches come from a permutation per epoch of a finite dataset ({@link Sampling#RESHUFFLE}). */
  public boolean reshuffled() {
    return sampling == Sampling.RESHUFFLE && data instanceof LabelledData.Finite;
  }

  /** Steps per epoch: floor(N / S) when reshuffled, else 1 (every step is alike). */
  public long stepsPerEpoch() {
    return reshuffled() ? Sampling.batchesPerEpoch(data.size(), batch) : 1;
  }

  /** Exponent bits one renormalisation interval may move the log-scaled factor product by. */
  private static final double EXPONENT_BUDGET = 900;
  /** A factor that is not exactly 0 is at least 2^-110 in magnitude (one fma's cancellation, see Linreg1d). */
  private static final double SMALLEST_FACTOR_BITS = 110;
  /** Largest |standard normal| the Box-Muller sampler produces: sqrt(104 ln 2). */
  private static final double MAX_NORMAL = Math.sqrt(FeatureData.Gaussian.MAX_SQUARE);

  public Linreg1dTails {
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
    if (sampling == Sampling.RESHUFFLE && noise != NoiseModel.MINIBATCH && data instanceof LabelledData.Finite) {
      throw new IllegalArgumentException("reshuffling draws minibatches: it needs the minibatch noise, not " + noise.label()
          + " (whose noise is drawn afresh each step)");
    }
    if (noise == NoiseModel.STABLE) {
      if (!(stableAlpha > 0 && stableAlpha <= 2)) {
        throw new IllegalArgumentException("the stable index alpha must be in (0, 2], not " + stableAlpha);
      }
      if (!Double.isNaN(stableScale) && !(stableScale > 0 && Double.isFinite(stableScale))) {
        throw new IllegalArgumentException("the stable noise scale must be a positive finite number, not " + stableScale);
      }
    } else {
      stableAlpha = Double.NaN;
      stableScale = Double.NaN;
    }
    if (substeps < 1 || substeps > MAX_SUBSTEPS) {
      throw new IllegalArgumentException("Euler-Maruyama substeps must be in 1.." + MAX_SUBSTEPS + ", not " + substeps);
    }
    if (substeps != 1 && noise != NoiseModel.GAUSSIAN) {
      throw new IllegalArgumentException("Euler-Maruyama substeps apply to the gaussian noise model only, not " + noise);
    }
    double growBits = Math.log(maxFactor(lr, batch, data, noise)) / Math.log(2);
    if (growBits > EXPONENT_BUDGET) {
      throw new IllegalArgumentException("lr = " + lr + " is too large for these data: one step could leave the double range");
    }
  }

  /** Minibatch SGD (the model the Kesten theory is about). */
  public static Linreg1dTails minibatch(double lr, int batch, LabelledData data, boolean withReplacement) {
    return new Linreg1dTails(lr, batch, data, withReplacement, NoiseModel.MINIBATCH, Double.NaN, Double.NaN);
  }

  /**
   * The variance of a batch mean of S per-sample values relative to that of one value: 1/S for a stream or
   * draws with replacement, {@code (N - S) / ((N - 1) S)} without replacement (the finite-population
   * correction).
   */
  public double samplingFactor() {
    if (sampling.withReplacement() || data.size() == Long.MAX_VALUE) {
      return 1.0 / batch;
    }
    long n = data.size();
    return (double) (n - batch) / ((double) (n - 1) * batch);
  }

  /** The full-batch factor {@code 1 - lr E[x^2]}, rounded once. */
  public double contraction() {
    return Math.fma(data.secondMoment(), -lr, 1.0);
  }

  /**
   * {@code lr sqrt(Var[x^2] f / l)}: the Gaussian-noise model's random factor per Euler-Maruyama substep is
   * {@link #substepContraction} {@code + this * xi} asymptotically (|u| large), f the {@link #samplingFactor}:
   * the substep's noise has variance {@code dt lr f Var[grad l]}, dt = lr / l.
   */
  public double gaussianFactorSpread() {
    return lr * Math.sqrt(data.squareVariance() * samplingFactor() / substeps);
  }

  /** {@code 1 - (lr / l) E[x^2]}, rounded once: the drift factor of one Euler-Maruyama substep. */
  public double substepContraction() {
    return Math.fma(data.secondMoment(), -(lr / substeps), 1.0);
  }

  /** {@code lr sqrt(f / l)}: the Gaussian substep's noise is this times sqrt(per-sample gradient variance) xi. */
  public double substepNoiseScale() {
    return lr * Math.sqrt(samplingFactor() / substeps);
  }

  /**
   * The stable scale that makes the stable noise at alpha = 2 the {@link NoiseModel#GAUSSIAN_CONSTANT} noise:
   * {@code sigma lr^(1/2) Z} with Z ~ N(0, 2) must have variance {@code lr^2 f E[x^2 e^2]}, so
   * {@code sigma = sqrt(lr f E[x^2 e^2] / 2)}; used for every alpha unless a scale is given.
   */
  public double matchedStableScale() {
    return Math.sqrt(lr * samplingFactor() * data.gradientVarianceAtMinimum() / 2);
  }

  /** The stable noise's scale per step, {@code scale * lr^(1/alpha)}. */
  public double stableStepScale() {
    double scale = Double.isNaN(stableScale) ? matchedStableScale() : stableScale;
    return scale * Math.pow(lr, 1 / stableAlpha);
  }

  /** Steps between two renormalisations of the log-scaled factor product (at most 8). */
  public int renormalisationInterval() {
    double grow = Math.log(maxFactor(lr, batch, data, noise)) / Math.log(2);
    return (int) Math.min(8, Math.floor(EXPONENT_BUDGET / Math.max(SMALLEST_FACTOR_BITS, grow)));
  }

  /** The largest |a_t| one step can produce. */
  private static double maxFactor(double lr, int batch, LabelledData data, NoiseModel noise) {
    double c = Math.abs(1 - lr * data.secondMoment());
    return switch (noise) {
      case MINIBATCH -> Math.max(1.0, lr * data.maxSquare() - 1);
      case GAUSSIAN -> c + lr * Math.sqrt(data.squareVariance()) * MAX_NORMAL; // a substep's is smaller
      case GAUSSIAN_CONSTANT, STABLE -> Math.max(c, 1.0);
    };
  }

  /** A one-line description for files and tables. */
  public String describe() {
    String s = "linreg1d off interpolation, lr=" + lr + ", S=" + batch + ", " + data.describe()
        + (reshuffled() ? ", reshuffled each epoch" : "") + ", noise=" + noise
        + (substeps > 1 ? " (Euler-Maruyama, " + substeps + " substeps of dt = lr/" + substeps + ")" : "");
    return noise == NoiseModel.STABLE ? s + " (alpha=" + stableAlpha + ")" : s;
  }
}
