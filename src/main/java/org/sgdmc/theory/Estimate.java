package org.sgdmc.theory;

/**
 * A computed value with its uncertainty and the method that produced it.
 *
 * @param value the estimate (may be -infinity: a Lyapunov exponent is -infinity when some batch maps the
 *     iterate exactly to the minimum, seed 002 Prop. 3)
 * @param stderr one standard error; 0 for a value that is exact up to rounding
 * @param method how it was computed, one of the {@code METHOD_*} names
 */
public record Estimate(double value, double stderr, String method) {
  /** A finite sum over the data points (S = 1): exact up to rounding. */
  public static final String METHOD_EXACT_SUM = "exact-sum";
  /** A finite sum over every possible batch, weighted by its probability: exact up to rounding. */
  public static final String METHOD_EXACT_ENUMERATION = "exact-enumeration";
  /** Monte Carlo over batches with q and q^2 as control variates; stderr is statistical. */
  public static final String METHOD_MONTE_CARLO = "monte-carlo-control-variates";
  /** Plain Monte Carlo (sample mean); stderr is statistical. */
  public static final String METHOD_MONTE_CARLO_PLAIN = "monte-carlo";

  /** Whether the value is exact up to rounding (not a Monte Carlo estimate). */
  public boolean isExact() {
    return !method.startsWith("monte-carlo");
  }
}
