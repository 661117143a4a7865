package org.sgdmc.theory;

/**
 * The exact covariance of a minibatch gradient of a finite dataset at a fixed theta (seed 004, sec. 1.8).
 * With {@code Sigma = (1/n) sum_i (g_i - g)(g_i - g)^T} the per-sample covariance (seed eq. 16):
 *
 * <ul>
 *   <li>B indices drawn independently and uniformly (<b>with</b> replacement): {@code Cov = Sigma / B} (seed eq. 7
 *       and 54);
 *   <li>a uniform B-subset (<b>without</b> replacement): {@code Cov = Sigma (n - B) / (B (n - 1))}, the
 *       finite-population correction (seed sec. 1.8.4, item 4).
 * </ul>
 *
 * Seed 004's closing questions (sec. 6) write the second formula for sampling <i>with</i> replacement; that is
 * wrong (a with-replacement batch of B = n points still has covariance Sigma/n, not 0).
 *
 * <p>Proof of the second: {@code Cov(sum_{i in S} c_i) = B Var(c) + B(B-1) Cov(c_I, c_J)} for two distinct
 * picks I != J; with {@code sum_i c_i = 0} the pair term is {@code -Sigma/(n-1)}, so
 * {@code Cov = (B Sigma - B(B-1) Sigma/(n-1)) / B^2 = Sigma (n-B) / (B(n-1))}.
 */
public final class MinibatchNoise {
  private final int n;
  private final int d;
  private final double[] mean;
  private final double[][] sigma;

  /** From the per-sample gradients {@code g[point][coordinate]}. */
  public MinibatchNoise(double[][] g) {
    n = g.length;
    if (n < 2) {
      throw new IllegalArgumentException("need at least 2 points, not " + n);
    }
    d = g[0].length;
    mean = new double[d];
    for (double[] gi : g) {
      for (int j = 0; j < d; j++) {
        mean[j] += gi[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    sigma = new double[d][d];
    for (double[] gi : g) {
      for (int j = 0; j < d; j++) {
        for (int k = 0; k < d; k++) {
          sigma[j][k] += (gi[j] - mean[j]) * (gi[k] - mean[k]);
        }
      }
    }
    for (int j = 0; j < d; j++) {
      for (int k = 0; k < d; k++) {
        sigma[j][k] /= n;
      }
    }
  }

  public int size() {
    return n;
  }

  public int dim() {
    return d;
  }

  /** The full-batch gradient {@code g_n = (1/n) sum g_i}. */
  public double[] meanGradient() {
    return mean.clone();
  }

  /** {@code Sigma = (1/n) sum (g_i - g_n)(g_i - g_n)^T}. */
  public double[][] sigma() {
    double[][] s = new double[d][];
    for (int j = 0; j < d; j++) {
      s[j] = sigma[j].clone();
    }
    return s;
  }

  /** {@code 1/B}: the batch covariance over Sigma, sampling with replacement. */
  public static double withReplacementFactor(int n, int batch) {
    return 1.0 / batch;
  }

  /** {@code (n - B) / (B (n - 1))}: the batch covariance over Sigma, sampling without replacement (B <= n). */
  public static double withoutReplacementFactor(int n, int batch) {
    if (batch > n) {
      throw new IllegalArgumentException("a batch of " + batch + " distinct points out of " + n);
    }
    return (double) (n - batch) / ((double) batch * (n - 1));
  }

  /** The exact covariance of the batch-mean gradient, entry (j, k). */
  public double covariance(int batch, boolean withReplacement, int j, int k) {
    double f = withReplacement ? withReplacementFactor(n, batch) : withoutReplacementFactor(n, batch);
    return f * sigma[j][k];
  }
}
