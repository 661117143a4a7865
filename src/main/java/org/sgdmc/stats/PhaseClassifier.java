package org.sgdmc.stats;

/**
 * Names the saddle phase ({@link SaddlePhase}) of a point from its two Lyapunov exponents with their standard
 * errors, and says how sure that is.
 *
 * <p>The phase follows from the signs of {@code Lambda_+} (of h = w + u) and {@code Lambda_-} (of m = w - u),
 * and both signs decide every phase, so the confidence is the smaller of {@code |Lambda_+| / stderr_+} and
 * {@code |Lambda_-| / stderr_-}: how many standard errors the less certain exponent lies from 0 (+infinity
 * for exact theory). Below {@link #CERTAIN} the phase is reported but marked uncertain: a sign that is
 * fewer than 4 standard errors from 0 could be wrong with probability above 3e-5.
 *
 * <p>Phase Ib is phase I in which m also converges in mean square, {@code E[(1 - lr chib)^2] < 1}. That factor
 * is a property of the data's first two moments, known exactly, so it is passed in rather than estimated
 * (a sample's mean square is carried by rare trajectories and is no reliable estimate, seed 002 Fig. 6). It
 * does not enter the confidence.
 */
public final class PhaseClassifier {
  /** Confidence (standard errors from 0 of the less certain exponent) at and above which a phase is certain. */
  public static final double CERTAIN = 4.0;

  private PhaseClassifier() {}

  /**
   * A classified point.
   *
   * @param phase the phase from the signs of the exponents
   * @param confidence the smaller |Lambda| / stderr of the two exponents; +infinity when both are exact
   *     (stderr 0) and non-zero, 0 when the phase is undetermined
   */
  public record Classification(SaddlePhase phase, double confidence) {
    /** Whether the phase is certain, i.e. the confidence is at least {@link #CERTAIN}. */
    public boolean isCertain() {
      return phase != SaddlePhase.UNDETERMINED && confidence >= CERTAIN;
    }

    /** {@code "III"}, or {@code "III (uncertain, 2.1 stderr)"} below the threshold. */
    public String describe() {
      if (phase == SaddlePhase.UNDETERMINED || isCertain()) {
        return phase.label;
      }
      return String.format("%s (uncertain: %.1f stderr)", phase.label, confidence);
    }
  }

  /**
   * Classifies a point.
   *
   * @param lambdaPlus Lambda_+ (may be -infinity: h reaches 0 exactly)
   * @param stderrPlus its standard error (0 for exact theory)
   * @param lambdaMinus Lambda_-
   * @param stderrMinus its standard error
   * @param meanSquareMinus {@code E[(1 - lr chib)^2]}, or NaN if unknown (then phase I is never refined to Ib)
   */
  public static Classification classify(double lambdaPlus, double stderrPlus, double lambdaMinus,
      double stderrMinus, double meanSquareMinus) {
    if (!(stderrPlus >= 0) || !(stderrMinus >= 0)) {
      throw new IllegalArgumentException("standard errors must be >= 0, not " + stderrPlus + " and " + stderrMinus);
    }
    if (Double.isNaN(lambdaPlus) || Double.isNaN(lambdaMinus) || lambdaPlus == 0 || lambdaMinus == 0
        || lambdaPlus == Double.POSITIVE_INFINITY || lambdaMinus == Double.POSITIVE_INFINITY) {
      return new Classification(SaddlePhase.UNDETERMINED, 0.0);
    }
    boolean hShrinks = lambdaPlus < 0;
    boolean mShrinks = lambdaMinus < 0;
    SaddlePhase phase;
    if (mShrinks && !hShrinks) {
      phase = meanSquareMinus < 1 ? SaddlePhase.IB : SaddlePhase.I;
    } else if (hShrinks && !mShrinks) {
      phase = SaddlePhase.II;
    } else if (hShrinks) {
      phase = SaddlePhase.III;
    } else {
      phase = SaddlePhase.IV;
    }
    double confidence = Math.min(sigmas(lambdaPlus, stderrPlus), sigmas(lambdaMinus, stderrMinus));
    return new Classification(phase, confidence);
  }

  /** |value| / stderr, +infinity for an exact non-zero value. */
  private static double sigmas(double value, double stderr) {
    return stderr == 0 ? Double.POSITIVE_INFINITY : Math.abs(value) / stderr;
  }
}
