package org.sgdmc.rng;

/**
 * Where every random number comes from: the map from (seed, trajectory, stream, draw) to Philox blocks.
 *
 * <p>Draw {@code k} (a 64-bit word) of trajectory {@code i}, in stream {@code s}, under seed {@code seed} is
 * the little-endian 64-bit word {@code k mod 2} of
 *
 * <pre>
 *   Philox4x32-10( counter = (lo32(i), hi32(i), lo32(k/2), s << 16 | bits 32..47 of k/2),
 *                  key     = (lo32(seed), hi32(seed)) )
 * </pre>
 *
 * i.e. word {@code 2(k mod 2)} is its low half and word {@code 2(k mod 2) + 1} its high half. Nothing else
 * enters: not the thread that computes it, not the vector width, not the block of trajectories it was
 * computed with, not how a run was split into shards. That is what makes a file reproducible to the bit.
 * Following JAX's PRNG design, trajectories index the counter (so many are computed in one vector) and the
 * seed is the key.
 *
 * <p>Limits: 2^64 trajectories, 2^16 streams, 2^49 draws (2^48 blocks) per trajectory and stream.
 */
public final class StreamLayout {
  /** Largest number of Philox blocks a (trajectory, stream) pair may use: 2^48. */
  public static final long MAX_BLOCKS = 1L << 48;

  private StreamLayout() {}

  /** Counter word 2 for block {@code b}. */
  public static int ctr2(long block) {
    return (int) block;
  }

  /** Counter word 3 for block {@code b} of stream {@code stream}. */
  public static int ctr3(int stream, long block) {
    return (stream << 16) | (int) ((block >>> 32) & 0xFFFF);
  }

  /** Fills {@code ctr} with the counter of block {@code block} of trajectory {@code traj} in {@code stream}. */
  public static void counter(long traj, int stream, long block, int[] ctr) {
    ctr[0] = (int) traj;
    ctr[1] = (int) (traj >>> 32);
    ctr[2] = ctr2(block);
    ctr[3] = ctr3(stream, block);
  }

  /** Fills {@code key} with the key for {@code seed}. */
  public static void key(long seed, int[] key) {
    key[0] = (int) seed;
    key[1] = (int) (seed >>> 32);
  }

  /** Joins two 32-bit output words, {@code lo} the low half, into a 64-bit draw. */
  public static long join(int lo, int hi) {
    return (Integer.toUnsignedLong(lo)) | ((long) hi << 32);
  }

  /**
   * Checks the coordinates of a vectorised fill: a stream id of 16 bits, blocks within the 2^48 of a stream, and
   * trajectories {@code traj0 .. traj0+width-1} within one span of 2^32 (the lanes share the counter's high word).
   */
  static void checkFill(int stream, long traj0, int width, long block0, int nBlocks) {
    if (stream < 0 || stream > 0xFFFF) {
      throw new IllegalArgumentException("stream id " + stream + " is outside 0..0xFFFF");
    }
    if (block0 < 0 || nBlocks < 0 || block0 > MAX_BLOCKS - nBlocks) {
      throw new IllegalArgumentException("blocks " + block0 + "+" + nBlocks + " exceed the 2^48 blocks of a stream");
    }
    if (((traj0 + width - 1) >>> 32) != (traj0 >>> 32)) {
      throw new IllegalArgumentException("a block of trajectories may not straddle a multiple of 2^32");
    }
  }
}
