package org.sgdmc.results;

/**
 * The measured covariance of the minibatch gradient at a fixed theta, per batch size and sampling scheme, beside
 * the two exact formulas. Arrays are [batch, entry]; entry e is the pair {@code entries[e]} = (j, k), j <= k.
 *
 * @param batch the batch sizes B
 * @param entryRows j of each entry
 * @param entryCols k of each entry
 * @param with measured covariance, sampling with replacement
 * @param withStderr its standard error (delta method: sd of the centred products / sqrt(m))
 * @param without measured covariance, sampling without replacement
 * @param withoutStderr its standard error
 * @param iid the exact {@code Sigma / B}
 * @param finitePopulation the exact {@code Sigma (n - B) / (B (n - 1))}
 * @param roundingFloor the smallest standard error the comparison uses, per batch size: the covariance that
 *     rounding alone leaves in a batch mean (B = n without replacement has covariance 0 exactly)
 * @param replicates m, minibatches drawn per (B, scheme)
 * @param meanGradient the full-batch gradient g_n at theta
 * @param sigma the per-sample covariance Sigma, d x d
 * @param seconds wall time
 */
public record NoiseCovarianceResult(int[] batch, int[] entryRows, int[] entryCols, double[][] with,
    double[][] withStderr, double[][] without, double[][] withoutStderr, double[][] iid, double[][] finitePopulation,
    double roundingFloor, long replicates, double[] meanGradient, double[][] sigma, double seconds) {

  /** (measured - exact) / stderr, the stderr floored at {@link #roundingFloor}. */
  public double[][] z(boolean withReplacement, boolean againstFinitePopulation) {
    double[][] m = withReplacement ? with : without;
    double[][] s = withReplacement ? withStderr : withoutStderr;
    double[][] t = againstFinitePopulation ? finitePopulation : iid;
    double[][] z = new double[batch.length][entryRows.length];
    for (int b = 0; b < batch.length; b++) {
      for (int e = 0; e < entryRows.length; e++) {
        z[b][e] = (m[b][e] - t[b][e]) / Math.max(s[b][e], roundingFloor);
      }
    }
    return z;
  }

  /** The largest |z| over entries, per batch size. */
  public double[] maxAbsZ(boolean withReplacement, boolean againstFinitePopulation) {
    double[][] z = z(withReplacement, againstFinitePopulation);
    double[] out = new double[batch.length];
    for (int b = 0; b < batch.length; b++) {
      for (double v : z[b]) {
        out[b] = Math.max(out[b], Math.abs(v));
      }
    }
    return out;
  }

  /** The entry labels "j,k" (0-based coordinates). */
  public String[] entryLabels() {
    String[] s = new String[entryRows.length];
    for (int e = 0; e < s.length; e++) {
      s[e] = entryRows[e] + "," + entryCols[e];
    }
    return s;
  }
}
