package org.sgdmc.rng;

/**
 * The stability index alpha of a symmetric alpha-stable law S alpha S(1) (characteristic function
 * {@code E e^{itZ} = exp(-|t|^alpha)}), with the constants the Chambers-Mallows-Stuck draw needs, computed
 * once: {@link Draws#symmetricStable} and {@link VectorDraws#symmetricStables} both read them from here, so
 * the scalar and the vector draw use the very same doubles.
 *
 * <p>alpha = 2 is the normal law N(0, 2), alpha = 1 the standard Cauchy law; below 2 the law has the power
 * tail {@code P(|Z| > s) ~ (2/pi) Gamma(alpha) sin(pi alpha / 2) s^-alpha} and no variance. Immutable.
 */
public final class StableShape {
  /** The normal law N(0, 2). */
  public static final StableShape GAUSSIAN = of(2.0);
  /** The standard Cauchy law. */
  public static final StableShape CAUCHY = of(1.0);

  /** The stability index, in (0, 2]. */
  final double alpha;
  /** 1 - alpha: exact for alpha >= 1/2 (Sterbenz), rounded once below. */
  final double oneMinusAlpha;
  /** (1 - alpha) / alpha, the power of the CMS formula: exactly 0 at alpha = 1 and -1/2 at alpha = 2. */
  final double exponent;

  private StableShape(double alpha) {
    this.alpha = alpha;
    this.oneMinusAlpha = 1.0 - alpha;
    this.exponent = oneMinusAlpha / alpha;
  }

  /**
   * The shape of index {@code alpha}, in (0, 2]. Subnormal alphas (below 2^-1022) are refused too: there
   * 1/alpha overflows and the formula could return NaN. (Long before that the law itself outgrows the
   * doubles: below alpha = 0.093 the largest draws are +-infinity, the value the exact draw rounds to.)
   *
   * @throws IllegalArgumentException if alpha is not in (0, 2] or is subnormal
   */
  public static StableShape of(double alpha) {
    if (!(alpha > 0.0 && alpha <= 2.0)) {
      throw new IllegalArgumentException("stability index alpha must be in (0, 2], not " + alpha);
    }
    if (alpha < Double.MIN_NORMAL) {
      throw new IllegalArgumentException("stability index alpha must be a normal double, not the subnormal " + alpha);
    }
    return new StableShape(alpha);
  }

  /** The stability index alpha. */
  public double alpha() {
    return alpha;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StableShape other && Double.compare(alpha, other.alpha) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(alpha);
  }

  @Override
  public String toString() {
    return "StableShape[alpha=" + alpha + "]";
  }
}
