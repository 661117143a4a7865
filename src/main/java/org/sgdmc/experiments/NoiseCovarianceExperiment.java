package org.sgdmc.experiments;

import org.sgdmc.engine.Simulation;
import org.sgdmc.kernels.FiniteBatchSampler;
import org.sgdmc.models.PointGradients;
import org.sgdmc.results.NoiseCovarianceResult;
import org.sgdmc.rng.Philox4x32;
import org.sgdmc.rng.Stream;
import org.sgdmc.rng.StreamLayout;
import org.sgdmc.theory.MinibatchNoise;

/**
 * Measures the covariance of the minibatch gradient of a finite dataset at a fixed theta (seed 004, sec. 1.8):
 * for each batch size B and both sampling schemes, m minibatches; replicate r uses draws 0 .. B-1 of trajectory
 * r's {@link Stream#BATCH} stream (the same draws for every B and both schemes: common random numbers), picked
 * by {@link FiniteBatchSampler} exactly as the SGD kernels pick them. The sample covariance of the m batch-mean
 * gradients is compared with {@code Sigma/B} and {@code Sigma (n-B)/(B(n-1))} ({@link MinibatchNoise}).
 */
public final class NoiseCovarianceExperiment {
  private NoiseCovarianceExperiment() {}

  /** Minibatches drawn per (B, scheme) at most: the replicates' gradients are kept in memory. */
  public static final long MAX_REPLICATES = 10_000_000;

  public static NoiseCovarianceResult run(PointGradients data, double[] theta, int[] batches, long replicates,
      long seed, Simulation.Progress progress) {
    if (replicates < 2 || replicates > MAX_REPLICATES) {
      throw new IllegalArgumentException("replicates must be in 2.." + MAX_REPLICATES + ", not " + replicates);
    }
    long start = System.nanoTime();
    int n = data.size();
    int d = data.dim();
    double[][] g = data.gradients(theta);
    MinibatchNoise exact = new MinibatchNoise(g);
    int entries = d * (d + 1) / 2;
    int[] rows = new int[entries];
    int[] cols = new int[entries];
    for (int j = 0, e = 0; j < d; j++) {
      for (int k = j; k < d; k++, e++) {
        rows[e] = j;
        cols[e] = k;
      }
    }
    double maxAbs = 0;
    for (double[] gi : g) {
      for (double v : gi) {
        maxAbs = Math.max(maxAbs, Math.abs(v));
      }
    }
    // a batch mean's rounding error is below ~ n eps max|g|; its square bounds the covariance rounding leaves
    double floor = Math.pow(4 * n * Math.ulp(1.0) * maxAbs, 2);
    int nb = batches.length;
    double[][][] cov = new double[2][nb][entries];
    double[][][] se = new double[2][nb][entries];
    double[][] iid = new double[nb][entries];
    double[][] fpc = new double[nb][entries];
    int m = (int) replicates;
    double[][] samples = new double[m][d];
    long[] bits = new long[n + 1];
    int[] picks = new int[n];
    int[] ctr = new int[4], key = new int[2], out = new int[4];
    StreamLayout.key(seed, key);
    long done = 0;
    long total = 2L * nb;
    for (int b = 0; b < nb; b++) {
      int batch = batches[b];
      if (batch < 1 || batch > n) {
        throw new IllegalArgumentException("batch size " + batch + " is not in 1.." + n);
      }
      for (int e = 0; e < entries; e++) {
        iid[b][e] = exact.covariance(batch, true, rows[e], cols[e]);
        fpc[b][e] = exact.covariance(batch, false, rows[e], cols[e]);
      }
      for (int scheme = 0; scheme < 2; scheme++) {
        boolean withReplacement = scheme == 0;
        FiniteBatchSampler sampler = new FiniteBatchSampler(n, batch, withReplacement);
        for (int r = 0; r < m; r++) {
          for (int blk = 0; 2 * blk < batch; blk++) {
            StreamLayout.counter(r, Stream.BATCH.id, blk, ctr);
            Philox4x32.block(ctr, key, out);
            bits[2 * blk] = StreamLayout.join(out[0], out[1]);
            bits[2 * blk + 1] = StreamLayout.join(out[2], out[3]);
          }
          sampler.pick(bits, 0, 1, picks);
          double[] s = samples[r];
          java.util.Arrays.fill(s, 0);
          for (int i = 0; i < batch; i++) {
            double[] gi = g[picks[i]];
            for (int j = 0; j < d; j++) {
              s[j] += gi[j];
            }
          }
          for (int j = 0; j < d; j++) {
            s[j] /= batch;
          }
        }
        covariance(samples, rows, cols, cov[scheme][b], se[scheme][b]);
        progress.update(++done, total);
      }
    }
    double seconds = (System.nanoTime() - start) * 1e-9;
    return new NoiseCovarianceResult(batches.clone(), rows, cols, cov[0], se[0], cov[1], se[1], iid, fpc, floor,
        replicates, exact.meanGradient(), exact.sigma(), seconds);
  }

  /**
   * The sample covariance {@code sum_r (s_rj - mean_j)(s_rk - mean_k) / (m - 1)} of each entry, and its standard
   * error: the standard deviation of the centred products over sqrt(m) (the delta method; the estimator is
   * asymptotically normal wherever the fourth moments are finite, as they are for a finite dataset).
   */
  static void covariance(double[][] s, int[] rows, int[] cols, double[] cov, double[] se) {
    int m = s.length;
    int d = s[0].length;
    // shifted by the first sample, so that a law concentrated on one point (B = n without replacement) keeps
    // only the rounding of its batch means, not that of summing m of them
    double[] shift = s[0].clone();
    double[] mean = new double[d];
    for (double[] r : s) {
      for (int j = 0; j < d; j++) {
        mean[j] += r[j] - shift[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= m;
    }
    for (int e = 0; e < rows.length; e++) {
      int j = rows[e];
      int k = cols[e];
      double sum = 0;
      double sumSq = 0;
      for (double[] r : s) {
        double p = ((r[j] - shift[j]) - mean[j]) * ((r[k] - shift[k]) - mean[k]);
        sum += p;
        sumSq += p * p;
      }
      double pm = sum / m;
      double var = Math.max(0, (sumSq - m * pm * pm) / (m - 1));
      cov[e] = sum / (m - 1);
      se[e] = Math.sqrt(var / m);
    }
  }
}
