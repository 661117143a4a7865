package org.sgdmc.sweep;

import org.sgdmc.kernels.FiniteBatchSampler;
import org.sgdmc.rng.Stream;

/**
 * The minibatches of a finite dataset for a block of trajectories, step by step, drawn exactly as the
 * simulate kernels draw them: batch element j of step t from draw {@code t S + j} of {@link Stream#BATCH};
 * reshuffled, from the lane's epoch permutation (the sampler keeps it between steps, which run in order).
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
      int row0 = sampler.drawBatches(seed, traj0, width, t0, count, bits);
      for (int t = 0; t < count; t++) {
        for (int j = 0; j < width; j++) {
          sampler.pick(bits, (row0 + t * batch) * width + j, width, j, t0 + t, picks);
          c.batch(t0 + t, j, picks);
        }
      }
    }
  }
}
