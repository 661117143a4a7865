package org.sgdmc.stats.tails;

/**
 * The Hill estimator of the tail index from the k largest order statistics (Hill 1975):
 * {@code alpha_k = k / sum_(i<k) (ln y_i - ln y_k)}, the maximum-likelihood estimate for a pure Pareto law
 * above {@code xmin = y_k} (Clauset, Shalizi, Newman 2009, eq. 3.1, with the threshold point itself left
 * out). Asymptotic standard error {@code alpha / sqrt(k)}.
 *
 * <p>Assumption: the law is a pure power law above the threshold. A slowly varying correction (Student-t:
 * {@code P(|T| > s) = C s^-nu (1 + O(s^-2))}) biases it at any fixed k; the threshold search trades that bias
 * against the variance.
 *
 * <p>Weighted form, for bootstrap replicates: with multiplicities {@code w_i} the sum becomes
 * {@code sum_(i<t) w_i (l_i - l_t)}, computed as {@code WL_t - W_t l_t} from prefix sums of weights and of
 * weighted logs, so every k costs O(1) after one pass. The unweighted form is the same expression with
 * {@code w_i = 1}, evaluated by the same method, which is why the two agree bit for bit.
 */
public final class HillEstimator {
  private HillEstimator() {}

  /**
   * {@code k / (logSum - count * logXmin)}: the Hill estimate from the sum of the logs above the threshold
   * ({@code logSum = sum of w_i l_i}), their total weight {@code count} and the threshold's log. NaN when the
   * denominator is not positive (every point above ties with the threshold).
   */
  public static double alpha(int k, double logSum, long count, double logXmin) {
    double excess = logSum - (double) count * logXmin;
    return excess > 0 ? k / excess : Double.NaN;
  }

  /** Asymptotic standard error {@code alpha / sqrt(k)}. */
  public static double stderr(double alpha, int k) {
    return alpha / Math.sqrt(k);
  }

  /**
   * Hill estimates at every k of ascending {@code ks} (each in [1, kMax]) from one pass over the sample's
   * region: the Hill plot.
   */
  public static double[] alphas(TailSample sample, int[] ks) {
    double[] l = sample.logs();
    double[] sums = stripedSums(l, ks);
    double[] out = new double[ks.length];
    for (int g = 0; g < ks.length; g++) {
      int k = ks[g];
      out[g] = l[0] == l[k] ? Double.NaN : alpha(k, sums[g], k, l[k]);
    }
    return out;
  }

  /**
   * {@code sum_(i<k) l_i} at every k of ascending {@code ks}, added in a fixed order: four accumulators
   * {@code A_j} take the terms with {@code i mod 4 = j} in increasing i, and the sum is {@code (A_0 + A_1) +
   * (A_2 + A_3)}. Four independent chains of additions run four times as fast as one on a pipelined FPU, and
   * a fixed order is what lets the bootstrap's weighted pass ({@code WeightedThresholdSearch}) reproduce
   * these sums to the bit when all weights are 1.
   */
  static double[] stripedSums(double[] l, int[] ks) {
    double[] out = new double[ks.length];
    double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    int i = 0;
    for (int g = 0; g < ks.length; g++) {
      int k = ks[g];
      for (; i + 4 <= k; i += 4) {
        a0 += l[i];
        a1 += l[i + 1];
        a2 += l[i + 2];
        a3 += l[i + 3];
      }
      double b0 = a0, b1 = a1, b2 = a2;
      if (i < k) {
        b0 += l[i];
      }
      if (i + 1 < k) {
        b1 += l[i + 1];
      }
      if (i + 2 < k) {
        b2 += l[i + 2];
      }
      out[g] = (b0 + b1) + (b2 + a3);
    }
    return out;
  }
}
