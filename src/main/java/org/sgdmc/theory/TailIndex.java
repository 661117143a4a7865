package org.sgdmc.theory;

/**
 * The tail index of the stationary law of a random affine recursion {@code w_{t+1} = a_t w_t + b_t} (or its
 * d-dimensional form {@code w_{t+1} = M_t w_t + b_t}), with the Lyapunov exponent that decides whether that law
 * exists: what {@link TailIndexTheory} returns.
 *
 * <p>Kesten (1973) and Goldie (1991): if {@code Lambda = E log|a| < 0} the recursion has a unique stationary
 * law; if moreover {@code P(|a| > 1) > 0} (and the law of {@code log|a|} is non-arithmetic, b non-degenerate)
 * its tail is a power law, {@code P(|w| > x) ~ C x^-alpha}, where {@code alpha > 0} solves {@code E|a|^alpha =
 * 1}. In d dimensions {@code E|a|^s} becomes {@code exp(h(s))}, {@code h(s) = lim_k (1/k) log E||M_k ... M_1||^s}.
 *
 * @param lyapunov {@code Lambda = E log|a|} (the top exponent in d dimensions), with how it was computed
 * @param regime which of the cases above holds
 * @param index alpha for {@link Regime#POWER_LAW}; {@code +infinity} for {@link Regime#LIGHT_TAIL}; the cap
 *     (a lower bound) for {@link Regime#INDEX_ABOVE_CAP}; NaN for {@link Regime#NO_STATIONARY_LAW}
 * @param indexStderr one standard error of alpha: 0 where the moment function is exact (alpha is then
 *     accurate to about 1e-10 relative), the statistical error where it is a Monte Carlo estimate; NaN where
 *     there is no finite index
 * @param method how {@code E|a|^s} was computed, one of the {@code METHOD_*} names of {@link Estimate} or
 *     {@link #METHOD_POPULATION_DYNAMICS} (for an HDF5 attribute)
 */
public record TailIndex(Estimate lyapunov, Regime regime, double index, double indexStderr, String method) {
  /** Population dynamics (cloning) for generalized Lyapunov exponents; stderr from independent replicas. */
  public static final String METHOD_POPULATION_DYNAMICS = "population-dynamics";

  /** What the stationary law of the recursion looks like. */
  public enum Regime {
    /** {@code Lambda < 0} and {@code P(|a| > 1) > 0}: a power-law tail with index alpha. */
    POWER_LAW("power-law"),
    /**
     * {@code Lambda < 0} and {@code |a| <= 1} almost surely: {@code E|a|^s} never returns to 1, there is no
     * power tail from the multiplicative noise, and the stationary law has the tails of b (bounded for
     * bounded b, Gaussian-like for Gaussian b).
     */
    LIGHT_TAIL("light-tail"),
    /**
     * {@code Lambda < 0} and {@code P(|a| > 1) > 0}, but {@code E|a|^s < 1} still at the cap on s: alpha
     * exceeds the cap (reported as the index, a lower bound). Happens where {@code |a| > 1} is very rare
     * (Gaussian data at a small learning rate), or where a Monte Carlo estimate never sampled it.
     */
    INDEX_ABOVE_CAP("index-above-cap"),
    /** {@code Lambda >= 0}: {@code |w_t|} grows (or wanders) without bound; there is no stationary law. */
    NO_STATIONARY_LAW("no-stationary-law");

    private final String label;

    Regime(String label) {
      this.label = label;
    }

    /** A short lower-case name for files and tables. */
    public String label() {
      return label;
    }
  }

  /** Whether the index (if any) is exact up to rounding rather than a Monte Carlo estimate. */
  public boolean isExact() {
    return !(indexStderr > 0);
  }

  static TailIndex noStationaryLaw(Estimate lyapunov, String method) {
    return new TailIndex(lyapunov, Regime.NO_STATIONARY_LAW, Double.NaN, Double.NaN, method);
  }

  static TailIndex lightTail(Estimate lyapunov, String method) {
    return new TailIndex(lyapunov, Regime.LIGHT_TAIL, Double.POSITIVE_INFINITY, Double.NaN, method);
  }
}
