package org.sgdmc.cli;

import org.sgdmc.models.Sampling;

/**
 * How grok-linreg and grok-diag say their descent, and what their theory keeps under reshuffling (issue 15 item
 * 2): the same words in {@code simulate} and {@code sweep}.
 */
final class GrokSampling {
  private GrokSampling() {}

  /**
   * "full-batch GD", "SGD S=4", "SGD S=4 with replacement", "SGD S=4 reshuffled each epoch"; reshuffled at S = n,
   * "full batch S=n reshuffled each epoch", which is GD up to the order of one sum.
   */
  static String descent(int batch, int n, boolean fullBatch, Sampling sampling) {
    if (fullBatch) {
      return "full-batch GD";
    }
    if (sampling == Sampling.RESHUFFLE && batch == n) {
      return "full batch S=" + batch + " reshuffled each epoch (GD up to the order of each step's sum)";
    }
    return "SGD S=" + batch + (sampling == Sampling.WITHOUT_REPLACEMENT ? "" : sampling.describe());
  }

  /** The epochs: K = floor(n/S) batches, n - K S points left out of each. */
  static String epochs(int n, int batch) {
    long k = Sampling.batchesPerEpoch(n, batch);
    return String.format("reshuffled         %d batch(es) an epoch, %d point(s) left out of each", k, n - k * batch);
  }

  /**
   * grok-linreg: every step's data gradient is a combination of the batch's rows of X and weight decay scales
   * everything by (1 - eta lambda), so the null-space part decays exactly whatever the batches; the row space's
   * path and the t2 closed form built on it are full-batch GD's.
   */
  static String linregNote(int n, int batch) {
    return epochs(n, batch) + "\n"
        + "theory kept        exact under any sampling: P_perp w_k = (1 - eta lambda)^k P_perp w_0 (each step's data "
        + "gradient lies in the row space of X), the null-space decay the t2 closed form rests on\n"
        + "GD only            the row space's exact path and its ridge endpoint; the t2 closed form below assumes the "
        + "row space has settled at the endpoint, which reshuffled SGD only approaches up to its minibatch noise";
  }

  /**
   * grok-diag: the minimum-l1 interpolant depends on the data alone; which endpoint the sampling reaches is
   * measured, not predicted.
   */
  static String diagNote(int n, int batch) {
    return epochs(n, batch) + "\n"
        + "theory kept        the minimum-l1 interpolant (a linear program on the data, whatever the sampling) and the "
        + "endpoint's measured distance to it; no theory here of how the batches move the endpoint";
  }
}
