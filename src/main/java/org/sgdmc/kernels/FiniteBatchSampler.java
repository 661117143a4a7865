package org.sgdmc.kernels;

import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Philox4x32Vector;
import org.sgdmc.rng.Stream;

/**
 * Minibatches of a finite dataset, from 64-bit draws: S indices uniform over the N points, with
 * replacement, or a uniform S-subset without replacement by Floyd's algorithm, which uses exactly S draws
 * (point j of the batch from draw j, re-aimed at the top of its range when it repeats an earlier pick).
 * Returns the batch mean of one value per point (x^2 for linreg1d, chi = x y for the saddle), summed in draw
 * order: the same sum the scalar twins form.
 */
public final class FiniteBatchSampler {
  private final double[] values; // null when only indices are wanted
  private final int n;
  private final int batch;
  private final boolean withReplacement;
  private final int[] stamp; // stamp[i] == round: point i is in the current batch (no clearing per batch)
  private int round;

  public FiniteBatchSampler(double[] values, int batch, boolean withReplacement) {
    this(values, values.length, batch, withReplacement);
  }

  /** A sampler of indices into {@code n} points, for {@link #pick} alone. */
  public FiniteBatchSampler(int n, int batch, boolean withReplacement) {
    this(null, n, batch, withReplacement);
  }

  private FiniteBatchSampler(double[] values, int n, int batch, boolean withReplacement) {
    this.values = values;
    this.n = n;
    this.batch = batch;
    this.withReplacement = withReplacement;
    this.stamp = withReplacement ? null : new int[n];
  }

  /** Batch mean of the values using draws {@code bits[off], bits[off + stride], ...} ({@code batch} of them). */
  double batchMean(long[] bits, int off, int stride) {
    int[] picks = scratch();
    pick(bits, off, stride, picks);
    double sum = 0;
    for (int j = 0; j < batch; j++) {
      sum += values[picks[j]];
    }
    return sum / batch;
  }

  /** Writes the batch's point indices, in draw order, into {@code out[0 .. batch-1]}. */
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

  private int[] scratch() {
    if (picks == null) {
      picks = new int[batch];
    }
    return picks;
  }

  private int[] picks;

  /**
   * Fills {@code bits} with the batch draws of steps {@code t0 .. t0+steps-1} for trajectories
   * {@code traj0 .. traj0+width-1} (batch element j of step t is draw {@code t S + j} of {@link Stream#BATCH},
   * row-major by draw); returns the row of step t0's first draw. {@code bits} holds
   * {@code (steps S + 2) width} longs.
   */
  public int drawBatches(long seed, long traj0, int width, long t0, int steps, long[] bits) {
    long k0 = t0 * batch;
    long block0 = k0 >>> 1;
    long block1 = (k0 + (long) steps * batch + 1) >>> 1;
    Philox4x32Vector.fillBits(seed, Stream.BATCH.id, traj0, width, block0, (int) (block1 - block0), bits, 0);
    return (int) (k0 - 2 * block0);
  }

  /** {@code out[t*width + j]}: the batch mean of step {@code t0 + t} of trajectory {@code traj0 + j}. */
  public void batchMeans(long seed, long traj0, int width, long t0, int steps, long[] bits, double[] out) {
    int row0 = drawBatches(seed, traj0, width, t0, steps, bits);
    for (int t = 0; t < steps; t++) {
      for (int j = 0; j < width; j++) {
        out[t * width + j] = batchMean(bits, (row0 + t * batch) * width + j, width);
      }
    }
  }
}
