package org.sgdmc.stats.tails;

/**
 * The moment estimator of Dekkers, Einmahl and de Haan (1989, Ann. Statist. 17, eq. 1.6) for the extreme-value
 * index {@code gamma} from the k largest order statistics: with {@code M_j = (1/k) sum_(i<k) (ln y_i - ln
 * y_k)^j},
 *
 * <pre>
 *   gamma = M_1 + 1 - (1/2) / (1 - M_1^2 / M_2).
 * </pre>
 *
 * It is consistent for any sign of gamma (Hill only for gamma &gt; 0), so it is the natural second opinion:
 * for a power-law tail {@code gamma = 1/alpha}, and a clear disagreement with Hill at the same k says the
 * law above the threshold is not a pure power law (both assume one there). For gamma &gt;= 0 the asymptotic
 * variance of {@code sqrt(k) (gamma^ - gamma)} is {@code 1 + gamma^2} (ibid., Theorem 3.1), hence the
 * standard error of {@code alpha = 1/gamma} by the delta method: {@code sqrt(1 + gamma^2) / (gamma^2
 * sqrt(k))}.
 *
 * <p>From prefix sums {@code P = sum l_i}, {@code Q = sum l_i^2} (i &lt; k): {@code k M_1 = P - k l_k},
 * {@code k M_2 = Q - 2 l_k P + k l_k^2}, O(1) per k.
 */
public final class MomentEstimator {
  private MomentEstimator() {}

  /** gamma (NaN for k &lt; 2) from the prefix sums of the first k logs and of their squares, and the threshold's log. */
  public static double gamma(int k, double logSum, double logSquareSum, double logXmin) {
    if (k < 2) {
      return Double.NaN; // one point: M_2 = M_1^2, the estimator divides by zero
    }
    double m1 = (logSum - k * logXmin) / k;
    double m2 = (logSquareSum - 2 * logXmin * logSum + k * logXmin * logXmin) / k;
    if (!(m2 > 0)) {
      return Double.NaN;
    }
    return m1 + 1 - 0.5 / (1 - m1 * m1 / m2);
  }

  /** {@code 1/gamma} for a heavy tail (gamma &gt; 0), NaN otherwise. */
  public static double alpha(double gamma) {
    return gamma > 0 ? 1 / gamma : Double.NaN;
  }

  /** Asymptotic standard error of {@code 1/gamma} at k tail points (gamma &gt; 0), NaN otherwise. */
  public static double alphaStderr(double gamma, int k) {
    return gamma > 0 ? Math.sqrt(1 + gamma * gamma) / (gamma * gamma * Math.sqrt(k)) : Double.NaN;
  }

  /** gamma at every k of ascending {@code ks} (each in [1, kMax]), from one pass over the region. */
  public static double[] gammas(TailSample sample, int[] ks) {
    double[] l = sample.logs();
    double[] out = new double[ks.length];
    double sum = 0;
    double squares = 0;
    int i = 0;
    for (int g = 0; g < ks.length; g++) {
      int k = ks[g];
      for (; i < k; i++) {
        sum += l[i];
        squares += l[i] * l[i];
      }
      out[g] = gamma(k, sum, squares, l[k]);
    }
    return out;
  }
}
