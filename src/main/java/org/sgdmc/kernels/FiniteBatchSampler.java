package org.sgdmc.kernels;

import org.sgdmc.rng.Draws;

/**
 * Minibatches of a finite dataset, from 64-bit draws: S indices uniform over the N points, with
 * replacement, or a uniform S-subset without replacement by Floyd's algorithm, which uses exactly S draws
 * (point j of the batch from draw j, re-aimed at the top of its range when it repeats an earlier pick).
 * {@link #batchMean} returns the batch mean of x^2 summed in draw order, the same sum
 * {@link Linreg1dScalarBlock} forms; {@link #pick} the indices themselves, in draw order.
 */
public final class FiniteBatchSampler {
  private final double[] squares; // null when only indices are wanted
  private final int n;
  private final int batch;
  private final boolean withReplacement;
  private final int[] stamp; // stamp[i] == round: point i is in the current batch (no clearing per batch)
  private final int[] picked;
  private int round;

  public FiniteBatchSampler(double[] squares, int batch, boolean withReplacement) {
    this(squares, squares.length, batch, withReplacement);
  }

  /** A sampler of indices into {@code n} points (see {@link #pick}). */
  public FiniteBatchSampler(int n, int batch, boolean withReplacement) {
    this(null, n, batch, withReplacement);
  }

  private FiniteBatchSampler(double[] squares, int n, int batch, boolean withReplacement) {
    this.squares = squares;
    this.n = n;
    this.batch = batch;
    this.withReplacement = withReplacement;
    this.stamp = withReplacement ? null : new int[n];
    this.picked = new int[batch];
  }

  /** Batch mean of x^2 using draws {@code bits[off], bits[off + stride], ...} ({@code batch} of them). */
  double batchMean(long[] bits, int off, int stride) {
    pick(bits, off, stride, picked);
    double sum = 0;
    for (int j = 0; j < batch; j++) {
      sum += squares[picked[j]];
    }
    return sum / batch;
  }

  /** The batch's point indices, in draw order, from draws {@code bits[off + j*stride]}, into {@code out}. */
  public void pick(long[] bits, int off, int stride, int[] out) {
    if (withReplacement) {
      for (int j = 0; j < batch; j++) {
        out[j] = (int) Draws.index(bits[off + j * stride], n);
      }
      return;
    }
    if (++round == 0) { // the stamps wrapped around: clear them once every 2^32 batches
      java.util.Arrays.fill(stamp, 0);
      round = 1;
    }
    for (int j = 0; j < batch; j++) {
      int bound = n - batch + j;
      int pick = (int) Draws.index(bits[off + j * stride], bound + 1L);
      if (stamp[pick] == round) {
        pick = bound;
      }
      stamp[pick] = round;
      out[j] = pick;
    }
  }
}
