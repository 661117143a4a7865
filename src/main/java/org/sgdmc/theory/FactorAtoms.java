package org.sgdmc.theory;

import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;

/**
 * A discrete law of the factor {@code |a|}, as atoms with probabilities, and its moment function {@code log
 * E|a|^s = log sum_i p_i |a_i|^s}, summed in logs (log-sum-exp: the largest term first scaled to 1), so
 * that no s overflows. Two sources:
 *
 * <ul>
 *   <li>the exact law of the batch mean of a finite dataset ({@link #exact}, from {@link BatchMeanLaw}):
 *       the moment function is exact up to rounding;
 *   <li>an equal-weight sample of batches ({@link #sampled}): a Monte Carlo estimate whose standard error is
 *       the delta method's {@code se(log mean w) = sd(w) / (sqrt(n) mean w)}, {@code w = |a|^s}, formed in
 *       logs as {@code sqrt(exp(L2 - 2 L1) - 1/n)} with {@code L_j = log sum_i |a_i|^(j s)}. Because the
 *       same sample serves every s, the estimate is a smooth convex function of s, and the root is that of
 *       the sample's own law. Caveat: for large s the sum is dominated by the few largest {@code |a_i|}, and
 *       batches with a larger {@code |a|} that the sample missed are simply absent: the stderr is then too
 *       small and alpha too large. The exact sum has no such problem, which is why it is used whenever the
 *       batches can be enumerated.
 * </ul>
 *
 * Atoms with {@code a = 0} contribute nothing for {@code s > 0} and are dropped; they are what makes
 * {@code log E|a|^s} tend to {@code log P(a != 0) < 0} as {@code s -> 0} (seed 002, App. A.3).
 */
final class FactorAtoms implements KestenSolver.LogMoment {
  private final double[] logWeight;
  private final double[] logAbs;
  /** Size of the Monte Carlo sample, or 0 for an exact law. */
  private final long sampleSize;

  private FactorAtoms(double[] logWeight, double[] logAbs, long sampleSize) {
    this.logWeight = logWeight;
    this.logAbs = logAbs;
    this.sampleSize = sampleSize;
  }

  /** The exact law of {@code |1 - lr q|} over the atoms of {@code law}. */
  static FactorAtoms exact(BatchMeanLaw law, double lr) {
    int n = law.size();
    double[] lw = new double[n];
    double[] la = new double[n];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      double l = Linreg1dTheory.logAbsOneMinus(lr, law.q(i));
      if (l > Double.NEGATIVE_INFINITY && law.p(i) > 0) {
        lw[kept] = Math.log(law.p(i));
        la[kept] = l;
        kept++;
      }
    }
    return new FactorAtoms(java.util.Arrays.copyOf(lw, kept), java.util.Arrays.copyOf(la, kept), 0);
  }

  /**
   * Equally likely atoms given by their {@code log|a|} ({@code -infinity} for a = 0, dropped but counted):
   * an exact law when {@code sampleSize} is 0, else a Monte Carlo sample of that size with the standard error
   * of {@link #sampled}. Used for an epoch's product under reshuffling ({@link EpochTailIndex}).
   */
  static FactorAtoms ofLogs(double[] logs, long sampleSize) {
    double[] la = new double[logs.length];
    int kept = 0;
    for (double l : logs) {
      if (l > Double.NEGATIVE_INFINITY) {
        la[kept++] = l;
      }
    }
    double[] lw = new double[kept];
    java.util.Arrays.fill(lw, -Math.log(logs.length));
    return new FactorAtoms(lw, java.util.Arrays.copyOf(la, kept), sampleSize);
  }

  /**
   * A sample of {@code samples} batch means of {@code values} (one per data point), batches drawn with
   * Philox ({@link Stream#BATCH}, sample i = trajectory i, its S draws = draws 0..S-1): with replacement S
   * independent uniform indices, without a partial Fisher-Yates shuffle that is undone afterwards, so every
   * batch depends on its own draws only. The factor is {@code |1 - lr q|}.
   */
  static FactorAtoms sampled(double[] values, int batch, boolean withReplacement, double lr, long samples,
      long seed) {
    if (samples < 10 || samples > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("need between 10 and 2^31 - 9 Monte Carlo samples: " + samples);
    }
    int n = values.length;
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    int[] swapped = new int[batch];
    double[] la = new double[(int) samples];
    int kept = 0;
    for (long t = 0; t < samples; t++) {
      double sum = 0;
      if (withReplacement) {
        for (int j = 0; j < batch; j++) {
          sum += values[(int) Draws.index(Draws.bits(seed, Stream.BATCH, t, j), n)];
        }
      } else {
        for (int j = 0; j < batch; j++) {
          int r = j + (int) Draws.index(Draws.bits(seed, Stream.BATCH, t, j), n - j);
          swapped[j] = r;
          int tmp = perm[j];
          perm[j] = perm[r];
          perm[r] = tmp;
          sum += values[perm[j]];
        }
        for (int j = batch - 1; j >= 0; j--) {
          int r = swapped[j];
          int tmp = perm[j];
          perm[j] = perm[r];
          perm[r] = tmp;
        }
      }
      double l = Linreg1dTheory.logAbsOneMinus(lr, sum / batch);
      if (l > Double.NEGATIVE_INFINITY) {
        la[kept++] = l;
      }
    }
    double[] lw = new double[kept]; // equal weights 1/samples
    java.util.Arrays.fill(lw, -Math.log(samples));
    return new FactorAtoms(lw, java.util.Arrays.copyOf(la, kept), samples);
  }

  @Override
  public Estimate at(double s) {
    double l1 = logSumExp(s);
    if (sampleSize == 0) {
      return new Estimate(l1, 0.0, Estimate.METHOD_EXACT_ENUMERATION);
    }
    // With equal weights 1/n: l1 = log mean w, l2 = log mean w^2; var(w)/(n mean^2) = e^(l2 - 2 l1)/n - 1/n.
    double l2 = logSumExp(2 * s);
    double relVar = Math.exp(l2 - 2 * l1 - Math.log(sampleSize)) - 1.0 / sampleSize;
    return new Estimate(l1, Math.sqrt(Math.max(0.0, relVar)), Estimate.METHOD_MONTE_CARLO_PLAIN);
  }

  /** {@code log sum_i exp(logWeight_i + s logAbs_i)}. */
  private double logSumExp(double s) {
    double top = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < logAbs.length; i++) {
      top = Math.max(top, logWeight[i] + s * logAbs[i]);
    }
    if (top == Double.NEGATIVE_INFINITY) {
      return top;
    }
    double sum = 0;
    for (int i = 0; i < logAbs.length; i++) {
      sum += Math.exp(logWeight[i] + s * logAbs[i] - top);
    }
    return top + Math.log(sum);
  }
}
