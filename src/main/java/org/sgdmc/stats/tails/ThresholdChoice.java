package org.sgdmc.stats.tails;

/**
 * The threshold a KS search chose, and the Hill fit there.
 *
 * @param k tail points above the threshold
 * @param xmin the threshold, {@code y_k}
 * @param alpha the Hill estimate at k
 * @param ks the KS distance between those k points and the Pareto law {@code 1 - (x/xmin)^-alpha}
 */
public record ThresholdChoice(int k, double xmin, double alpha, double ks) {

  /** The asymptotic standard error {@code alpha / sqrt(k)} (it ignores the threshold's own uncertainty). */
  public double alphaStderr() {
    return HillEstimator.stderr(alpha, k);
  }
}
