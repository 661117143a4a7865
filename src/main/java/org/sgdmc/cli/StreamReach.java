package org.sgdmc.cli;

import org.sgdmc.rng.StreamLayout;

/**
 * How many steps the random streams can feed. A trajectory's stream holds {@link StreamLayout#MAX_BLOCKS} = 2^48
 * Philox blocks (2^49 64-bit draws), and no step of any model takes more than {@code S (d + 1)} draws from one
 * stream (the heaviest is tails linear-d: d normals and a label noise per batch element; 1-D models take at most
 * two per element). A longer run would fail in a worker thread hours in, so it is refused before it starts.
 */
final class StreamReach {
  private StreamReach() {}

  /** The most steps a run of batch {@code batch} in {@code dim} dimensions can take. */
  static long maxSteps(long batch, long dim) {
    return 2 * StreamLayout.MAX_BLOCKS / (Math.max(1, batch) * (Math.max(1, dim) + 1));
  }

  /** Fails with one line if {@code steps} (what {@code option} asked for) is beyond {@link #maxSteps}. */
  static void check(String option, long steps, long batch, long dim) {
    long max = maxSteps(batch, dim);
    if (steps > max) {
      throw new UserError(option + " " + steps + " is beyond what the random streams can feed: at most " + max
          + " steps with batch " + batch + (dim > 1 ? " in " + dim + " dimensions" : "")
          + " (2^49 draws per trajectory and stream)");
    }
  }
}
