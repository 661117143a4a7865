package org.sgdmc.kernels;

import org.sgdmc.models.Sampling;
import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Philox4x32Vector;
import org.sgdmc.rng.Stream;

/**
 * Minibatches of a finite dataset, from 64-bit draws: S indices uniform over the N points, with
 * replacement, or a uniform S-subset without replacement by Floyd's algorithm, which uses exactly S draws
 * (point j of the batch from draw j, re-aimed at the top of its range when it repeats an earlier pick),
 * or random reshuffling ({@link Sampling#RESHUFFLE}).
 * Returns the batch mean of one value per point (x^2 for linreg1d, chi = x y for the saddle), summed in draw
 * order: the same sum the scalar twins form.
 *
 * <p>Reshuffling: with K = floor(N / S) batches per epoch, step t is batch b = t mod K of epoch e = t div K,
 * and takes positions {@code b S .. b S + S - 1} of the epoch's permutation, built by the forward
 * Fisher-Yates shuffle from the identity: position i (0 <= i < K S) swaps with position
 * {@code i + index(draw, N - i)}. Its draw is draw {@code e K S + i} of {@link Stream#BATCH}, which is draw
 * {@code t S + j} for point j of step t's batch: the very draws the other two modes use, so {@link
 * #drawBatches} serves all three, and an epoch's batches depend on (seed, trajectory, epoch) alone (the
 * permutation restarts from the identity each epoch). Only the first K S positions are shuffled; the N - K S
 * left over are the dropped partial batch. The sampler keeps each lane's permutation between calls (one
 * {@code int[N]} per lane) and, should a lane be asked for a step other than the next one (a new block of
 * trajectories mid-epoch), rebuilds it from the epoch's start; {@link #reshuffledBatch} is the clear
 * reference that builds it from scratch at every step.
 */
public final class FiniteBatchSampler {
  private final double[] values; // null when only indices are wanted
  private final int n;
  private final int batch;
  private final boolean withReplacement;
  private final boolean reshuffle;
  private final int[] stamp; // stamp[i] == round: point i is in the current batch (no clearing per batch)
  private int round;
  // reshuffling: lane l's permutation in perm[l n .. l n + n - 1], valid for trajectory laneTraj[l] up to
  // step nextStep[l] (exclusive); lanes beyond the width given at construction are not kept
  private final int lanes;
  private final long perEpoch; // K = floor(N / S)
  private final int[] perm;
  private final long[] laneTraj;
  private final long[] nextStep;
  private long seed;
  private long traj0;

  public FiniteBatchSampler(double[] values, int batch, boolean withReplacement) {
    this(values, values.length, batch, Sampling.of(withReplacement), 0);
  }

  /** A sampler of indices into {@code n} points, for {@link #pick} alone. */
  public FiniteBatchSampler(int n, int batch, boolean withReplacement) {
    this(null, n, batch, Sampling.of(withReplacement), 0);
  }

  /** A sampler of batch means of {@code values} for a block {@code width} trajectories wide. */
  public FiniteBatchSampler(double[] values, int batch, Sampling sampling, int width) {
    this(values, values.length, batch, sampling, width);
  }

  /** A sampler of indices into {@code n} points for a block {@code width} trajectories wide. */
  public FiniteBatchSampler(int n, int batch, Sampling sampling, int width) {
    this(null, n, batch, sampling, width);
  }

  private FiniteBatchSampler(double[] values, int n, int batch, Sampling sampling, int width) {
    this.values = values;
    this.n = n;
    this.batch = batch;
    this.withReplacement = sampling == Sampling.WITH_REPLACEMENT;
    this.reshuffle = sampling == Sampling.RESHUFFLE;
    this.stamp = sampling == Sampling.WITHOUT_REPLACEMENT ? new int[n] : null;
    if (reshuffle) {
      if (batch > n) {
        throw new IllegalArgumentException("batch size " + batch + " exceeds the " + n + " data points (reshuffling)");
      }
      if (width < 1 || (long) width * n > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("reshuffling keeps one permutation of the " + n + " points per lane: "
            + width + " lanes do not fit in one array");
      }
      this.lanes = width;
      this.perEpoch = Sampling.batchesPerEpoch(n, batch);
      this.perm = new int[width * n];
      this.laneTraj = new long[width];
      this.nextStep = new long[width];
      java.util.Arrays.fill(nextStep, -1);
    } else {
      this.lanes = 0;
      this.perEpoch = 0;
      this.perm = null;
      this.laneTraj = null;
      this.nextStep = null;
    }
  }

  /** Batch mean of the values using draws {@code bits[off], bits[off + stride], ...} ({@code batch} of them). */
  double batchMean(long[] bits, int off, int stride, int lane, long t) {
    int[] picks = scratch();
    pick(bits, off, stride, lane, t, picks);
    double sum = 0;
    for (int j = 0; j < batch; j++) {
      sum += values[picks[j]];
    }
    return sum / batch;
  }

  /**
   * Writes the batch's point indices, in draw order, into {@code out[0 .. batch-1]}: with or without
   * replacement; reshuffling needs the lane and step ({@link #pick(long[], int, int, int, long, int[])}).
   */
  public void pick(long[] bits, int off, int stride, int[] out) {
    if (reshuffle) {
      throw new IllegalStateException("a reshuffled batch depends on its lane and step");
    }
    pickFresh(bits, off, stride, out);
  }

  /**
   * Writes the indices of step {@code t}'s batch of lane {@code lane} (trajectory traj0 + lane of the last
   * {@link #drawBatches} call) into {@code out[0 .. batch-1]}, from its draws {@code bits[off], bits[off +
   * stride], ...}.
   */
  public void pick(long[] bits, int off, int stride, int lane, long t, int[] out) {
    if (!reshuffle) {
      pickFresh(bits, off, stride, out);
      return;
    }
    long traj = traj0 + lane;
    long b = t % perEpoch;
    int base = lane * n;
    if (b == 0) {
      for (int i = 0; i < n; i++) {
        perm[base + i] = i;
      }
    } else if (laneTraj[lane] != traj || nextStep[lane] != t) {
      replay(lane, traj, t - b, t);
    }
    int i0 = (int) (b * batch);
    for (int j = 0; j < batch; j++) {
      out[j] = swapIn(base, i0 + j, bits[off + j * stride]);
    }
    laneTraj[lane] = traj;
    nextStep[lane] = t + 1;
  }

  /** Fisher-Yates position i of a lane's permutation at {@code base}: swaps in its pick and returns it. */
  private int swapIn(int base, int i, long draw) {
    int r = i + (int) Draws.index(draw, n - i);
    int picked = perm[base + r];
    perm[base + r] = perm[base + i];
    perm[base + i] = picked;
    return picked;
  }

  /** Rebuilds a lane's permutation as it stands before step {@code t}, from its epoch's first step t0. */
  private void replay(int lane, long traj, long t0, long t) {
    int base = lane * n;
    for (int i = 0; i < n; i++) {
      perm[base + i] = i;
    }
    long k0 = t0 * batch;
    int positions = (int) ((t - t0) * batch);
    for (int i = 0; i < positions; i++) {
      swapIn(base, i, Draws.bits(seed, Stream.BATCH, traj, k0 + i));
    }
  }

  /**
   * The reference for reshuffling, built from scratch and written for clarity: the indices of step
   * {@code t}'s batch of trajectory {@code traj}, in draw order, into {@code out[0 .. batch-1]}. It shuffles
   * the identity by Fisher-Yates up to the end of the batch, from the epoch's draws (O(N + t S) work a
   * step: for the scalar twins and tests).
   */
  public static void reshuffledBatch(long seed, long traj, long t, int n, int batch, int[] out) {
    long perEpoch = Sampling.batchesPerEpoch(n, batch);
    long epoch = t / perEpoch;
    long b = t % perEpoch;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    long firstDraw = epoch * perEpoch * batch; // draw e K S + i shuffles position i
    int end = (int) ((b + 1) * batch);
    for (int i = 0; i < end; i++) {
      long draw = Draws.bits(seed, Stream.BATCH, traj, firstDraw + i);
      int r = i + (int) Draws.index(draw, n - i);
      int swap = order[r];
      order[r] = order[i];
      order[i] = swap;
    }
    System.arraycopy(order, (int) (b * batch), out, 0, batch);
  }

  /**
   * {@link #pick(long[], int, int, int[])} over the first {@code size} points, {@code batch <= size <= n} without
   * replacement ({@code 1 <= size <= n} with): exactly the picks of a sampler of {@code size} points, for lanes
   * whose datasets differ in size (grok-mc with a dataset per trajectory). Not when reshuffling.
   */
  public void pick(long[] bits, int off, int stride, int size, int[] out) {
    if (reshuffle) {
      throw new IllegalStateException("a reshuffled batch depends on its lane and step");
    }
    if (size > n || size < (withReplacement ? 1 : batch)) {
      throw new IllegalArgumentException("a batch of " + batch + " from " + size + " of " + n + " points");
    }
    pickFresh(bits, off, stride, size, out);
  }

  private void pickFresh(long[] bits, int off, int stride, int[] out) {
    pickFresh(bits, off, stride, n, out);
  }

  private void pickFresh(long[] bits, int off, int stride, int n, int[] out) {
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
    if (reshuffle && width > lanes) {
      throw new IllegalArgumentException("a block " + width + " wide, but the sampler keeps " + lanes + " lanes");
    }
    this.seed = seed;
    this.traj0 = traj0;
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
        out[t * width + j] = batchMean(bits, (row0 + t * batch) * width + j, width, j, t0 + t);
      }
    }
  }
}
