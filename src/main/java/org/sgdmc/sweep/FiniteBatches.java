package org.sgdmc.sweep;

import org.sgdmc.kernels.FiniteBatchSampler;
import org.sgdmc.rng.Philox4x32Vector;
import org.sgdmc.rng.Stream;

/**
 * The minibatches of a finite dataset for a block of trajectories, step by step, drawn exactly as the
 * simulate kernels draw them: batch element j of step t from draw {@code t S + j} of {@link Stream#BATCH}.
 */
final class FiniteBatches {
  /** Receives the point indices (in draw order) of the batch of trajectory {@code traj0 + lane} at a step. */
  interface Consumer {
    void batch(int step, int lane, int[] picks);
  }

  private FiniteBatches() {}

  static void forEach(long seed, int batch, FiniteBatchSampler sampler, long traj0, int width, int steps, Consumer c) {
    int segment = Math.max(1, 64 / batch);
    long[] bits = new long[(segment * batch + 2) * width];
    int[] picks = new int[batch];
    for (int t0 = 0; t0 < steps; t0 += segment) {
      int count = Math.min(segment, steps - t0);
      long k0 = (long) t0 * batch;
      long block0 = k0 >>> 1, block1 = (k0 + (long) count * batch + 1) >>> 1;
      Philox4x32Vector.fillBits(seed, Stream.BATCH.id, traj0, width, block0, (int) (block1 - block0), bits, 0);
      int row0 = (int) (k0 - 2 * block0);
      for (int t = 0; t < count; t++) {
        for (int j = 0; j < width; j++) {
          sampler.pick(bits, (row0 + t * batch) * width + j, width, picks);
          c.batch(t0 + t, j, picks);
        }
      }
    }
  }
}
