package org.sgdmc.rng;

/**
 * Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror and Shaw, "Parallel random numbers:
 * as easy as 1, 2, 3" (SC'11), as a pure function {@code (counter, key) -> block}.
 *
 * <p>Counter: four 32-bit words; key: two 32-bit words; output: four 32-bit words. Ten rounds, each two
 * 32x32 -> 64-bit multiplies, passes the authors' BigCrush battery with margin ("Crush-resistant"). Period
 * per key: 2^128 blocks. Footprint: no state at all, which is what lets every trajectory draw its numbers
 * independently of every other (see {@link StreamLayout}).
 *
 * <p>This is the scalar reference; {@link Philox4x32Vector} computes the same blocks for many counters at
 * once, and the tests hold the two equal bit for bit on Random123's own known-answer vectors.
 */
public final class Philox4x32 {
  /** Multiplier applied to counter word 0 in every round. */
  static final long M0 = 0xD2511F53L;
  /** Multiplier applied to counter word 2 in every round. */
  static final long M1 = 0xCD9E8D57L;
  /** Weyl increment of key word 0 between rounds (golden ratio). */
  static final int W0 = 0x9E3779B9;
  /** Weyl increment of key word 1 between rounds (sqrt(3) - 1). */
  static final int W1 = 0xBB67AE85;
  /** The round count of the standard, Crush-resistant variant. */
  public static final int ROUNDS = 10;

  private Philox4x32() {}

  /**
   * Computes one block with the standard ten rounds.
   *
   * @param ctr the four counter words; not modified
   * @param key the two key words; not modified
   * @param out receives the four output words
   */
  public static void block(int[] ctr, int[] key, int[] out) {
    block(ROUNDS, ctr, key, out);
  }

  /** Computes one block with {@code rounds} rounds (7 and 10 have known-answer vectors). */
  public static void block(int rounds, int[] ctr, int[] key, int[] out) {
    int c0 = ctr[0], c1 = ctr[1], c2 = ctr[2], c3 = ctr[3];
    int k0 = key[0], k1 = key[1];
    for (int r = 0; r < rounds; r++) {
      long p0 = M0 * Integer.toUnsignedLong(c0);
      long p1 = M1 * Integer.toUnsignedLong(c2);
      int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
      int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
      c1 = (int) p1;
      c3 = (int) p0;
      c0 = n0;
      c2 = n2;
      k0 += W0;
      k1 += W1;
    }
    out[0] = c0;
    out[1] = c1;
    out[2] = c2;
    out[3] = c3;
  }
}
