package org.sgdmc.stats.tails;

/**
 * The block estimator of the stability index of Mohammadi, Mohammadpour and Ogata (2015, "On estimating the
 * tail index and the spectral measure of multivariate alpha-stable distributions", Metrika 78), which
 * Simsekli, Sagun and Gurbuzbalaban (2019, "A tail-index analysis of stochastic gradient noise in deep
 * neural networks") applied to gradient noise. For centred i.i.d. samples {@code X_1 .. X_K}, {@code K = K1
 * K2}, cut into K2 consecutive blocks of K1 and summed, {@code Y_i = X_((i-1)K1+1) + ... + X_(i K1)}:
 *
 * <pre>
 *   1/alpha = (1 / ln K1) ( (1/K2) sum_i ln|Y_i| - (1/K) sum_j ln|X_j| ).
 * </pre>
 *
 * <p>Assumptions, which make it a different tool from {@link HillEstimator}: the samples are symmetric
 * alpha-stable with {@code alpha < 2} (it uses the stability of sums, {@code Y =d K1^(1/alpha) X}), and
 * they are centred (a mean left in shifts every sum). For a law merely in the domain of attraction of a
 * stable law the identity holds only as K1 grows; for a power-law tail with {@code alpha > 2} the sums are
 * Gaussian and the estimate tends to 2, whatever the tail, and only like {@code 1 / ln K1} (Student-t with 3
 * degrees of freedom, n = 10^6, K1 = 1000: 1.82). So it cannot see the tail of SGD's stationary
 * law past the mean-square threshold, where Hill can; it is here to compare with the literature.
 *
 * <p>Sample order: blocks are consecutive samples, so with the engine's layout (K records x M trajectories,
 * row-major by time) a block holds different trajectories at one record time: independent, as required.
 */
public final class BlockEstimator {
  private BlockEstimator() {}

  /**
   * The estimate of alpha from the first {@code K1 K2} samples, {@code K2 = floor(n / K1)}.
   *
   * @param blockSize K1, at least 2; {@code sqrt(n)} is the usual choice ({@link #alpha(double[])})
   * @throws IllegalArgumentException for a non-finite or zero sample, a zero block sum, or fewer than two
   *     blocks
   */
  public static double alpha(double[] samples, int blockSize) {
    int k1 = blockSize;
    if (k1 < 2) {
      throw new IllegalArgumentException("blocks need at least 2 samples: " + k1);
    }
    int k2 = samples.length / k1;
    if (k2 < 2) {
      throw new IllegalArgumentException("need at least two blocks of " + k1 + ", have " + samples.length
          + " samples");
    }
    double logSamples = 0;
    double logSums = 0;
    for (int i = 0; i < k2; i++) {
      double sum = 0;
      for (int j = i * k1; j < (i + 1) * k1; j++) {
        double x = samples[j];
        if (!Double.isFinite(x) || x == 0) {
          throw new IllegalArgumentException("sample " + j + " is " + x + ": the block estimator takes logs");
        }
        sum += x;
        logSamples += Math.log(Math.abs(x));
      }
      if (sum == 0) {
        throw new IllegalArgumentException("block " + i + " sums to 0");
      }
      logSums += Math.log(Math.abs(sum));
    }
    double inverse = (logSums / k2 - logSamples / ((double) k1 * k2)) / Math.log(k1);
    return 1 / inverse;
  }

  /** As {@link #alpha(double[], int)} with blocks of {@code floor(sqrt(n))}. */
  public static double alpha(double[] samples) {
    return alpha(samples, (int) Math.sqrt(samples.length));
  }
}
