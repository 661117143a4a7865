package org.sgdmc.stats.tails;

import org.sgdmc.rng.StreamLayout;

/**
 * The 64-bit draws of one bootstrap replicate, in order: draw j of replicate b is draw j of trajectory b in
 * stream {@link #STREAM} under the bootstrap seed, in the project's Philox4x32-10 layout ({@link
 * StreamLayout}; the same number {@code org.sgdmc.rng.Draws.bits} gives for those coordinates). So a
 * replicate's numbers depend on (seed, b) alone, never on which thread computes it or in what order, and
 * the fit is the same on any number of threads.
 *
 * <p>Four consecutive blocks are computed together as four independent chains of the same ten rounds (the
 * round function of {@link org.sgdmc.rng.Philox4x32}, inlined on local ints), which keeps the multiplier
 * busy: about three times the throughput of one block per call. It is scalar on purpose: the bootstrap
 * calls it from the first replicate on, before C2 has compiled anything, and Vector API code runs
 * hundreds of times slower until then (the first replicate of a 10^7 fit took seconds with it).
 *
 * <p>A cursor with a buffer of eight draws, so not thread-safe: one per thread.
 */
final class ReplicateDraws {
  /**
   * Stream id of the tail bootstrap: outside the ids {@link org.sgdmc.rng.Stream} uses for simulations, and
   * with its own seed anyway. ("7A11": tail.) Never change it, or stored intervals stop reproducing.
   */
  static final int STREAM = 0x7A11;
  private static final long M0 = 0xD2511F53L;
  private static final long M1 = 0xCD9E8D57L;
  private static final int W0 = 0x9E3779B9;
  private static final int W1 = 0xBB67AE85;

  private final long[] buffer = new long[8];
  private int key0;
  private int key1;
  private int traj0;
  private int traj1;
  private long nextBlock;
  private int position;

  /** Positions the cursor at draw 0 of replicate {@code replicate} under {@code seed}. */
  void start(long seed, long replicate) {
    if (replicate < 0) {
      throw new IllegalArgumentException("replicate index must be >= 0: " + replicate);
    }
    key0 = (int) seed;
    key1 = (int) (seed >>> 32);
    traj0 = (int) replicate;
    traj1 = (int) (replicate >>> 32);
    nextBlock = 0;
    position = buffer.length;
  }

  /** The next draw. */
  long next() {
    if (position == buffer.length) {
      fourBlocks(nextBlock);
      nextBlock += 4;
      position = 0;
    }
    return buffer[position++];
  }

  /** The next draw as a uniform in [0, 1) with 53 random bits. */
  double nextUniform() {
    return (next() >>> 11) * 0x1.0p-53;
  }

  /** Blocks {@code b .. b+3} of this replicate's trajectory into the buffer, two draws each. */
  private void fourBlocks(long b) {
    if (b + 4 > StreamLayout.MAX_BLOCKS) {
      throw new IllegalStateException("a bootstrap replicate ran out of draws");
    }
    int a0 = traj0, a1 = traj1, a2 = StreamLayout.ctr2(b), a3 = StreamLayout.ctr3(STREAM, b);
    int b0 = traj0, b1 = traj1, b2 = StreamLayout.ctr2(b + 1), b3 = StreamLayout.ctr3(STREAM, b + 1);
    int c0 = traj0, c1 = traj1, c2 = StreamLayout.ctr2(b + 2), c3 = StreamLayout.ctr3(STREAM, b + 2);
    int d0 = traj0, d1 = traj1, d2 = StreamLayout.ctr2(b + 3), d3 = StreamLayout.ctr3(STREAM, b + 3);
    int k0 = key0;
    int k1 = key1;
    for (int r = 0; r < 10; r++) {
      long pa0 = M0 * Integer.toUnsignedLong(a0), pa1 = M1 * Integer.toUnsignedLong(a2);
      long pb0 = M0 * Integer.toUnsignedLong(b0), pb1 = M1 * Integer.toUnsignedLong(b2);
      long pc0 = M0 * Integer.toUnsignedLong(c0), pc1 = M1 * Integer.toUnsignedLong(c2);
      long pd0 = M0 * Integer.toUnsignedLong(d0), pd1 = M1 * Integer.toUnsignedLong(d2);
      a0 = (int) (pa1 >>> 32) ^ a1 ^ k0;
      a2 = (int) (pa0 >>> 32) ^ a3 ^ k1;
      a1 = (int) pa1;
      a3 = (int) pa0;
      b0 = (int) (pb1 >>> 32) ^ b1 ^ k0;
      b2 = (int) (pb0 >>> 32) ^ b3 ^ k1;
      b1 = (int) pb1;
      b3 = (int) pb0;
      c0 = (int) (pc1 >>> 32) ^ c1 ^ k0;
      c2 = (int) (pc0 >>> 32) ^ c3 ^ k1;
      c1 = (int) pc1;
      c3 = (int) pc0;
      d0 = (int) (pd1 >>> 32) ^ d1 ^ k0;
      d2 = (int) (pd0 >>> 32) ^ d3 ^ k1;
      d1 = (int) pd1;
      d3 = (int) pd0;
      k0 += W0;
      k1 += W1;
    }
    buffer[0] = StreamLayout.join(a0, a1);
    buffer[1] = StreamLayout.join(a2, a3);
    buffer[2] = StreamLayout.join(b0, b1);
    buffer[3] = StreamLayout.join(b2, b3);
    buffer[4] = StreamLayout.join(c0, c1);
    buffer[5] = StreamLayout.join(c2, c3);
    buffer[6] = StreamLayout.join(d0, d1);
    buffer[7] = StreamLayout.join(d2, d3);
  }
}
