package org.sgdmc.cli;

import org.sgdmc.engine.MemoryGuard;
import org.sgdmc.results.EnsembleOptions;

/**
 * Reshuffling keeps one permutation of the N points (4 bytes a point) for every trajectory of a block in
 * flight: threads x block width x N x 4 bytes. Refused in one line, before the run, when the heap cannot hold it.
 */
final class ReshuffleMemory {
  private ReshuffleMemory() {}

  static void check(boolean reshuffled, long n, EnsembleOptions options) {
    check(reshuffled, n, options.threads(), options.blockWidth());
  }

  /** The same for {@code threads} blocks of {@code blockWidth} trajectories in flight (a sweep). */
  static void check(boolean reshuffled, long n, int threads, int blockWidth) {
    if (!reshuffled) {
      return;
    }
    long bytes = (long) threads * blockWidth * n * Integer.BYTES;
    if ((long) blockWidth * n > Integer.MAX_VALUE - 8) {
      throw new UserError("--sampling reshuffle keeps a permutation of the " + n + " points for each of the "
          + blockWidth + " trajectories of a block: too many for one array; use a smaller --block");
    }
    MemoryGuard.check("reshuffling (a permutation of the " + n + " points for each trajectory of a block in flight)",
        bytes, 0, "use a smaller --block or fewer --threads");
  }
}
