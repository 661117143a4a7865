package org.sgdmc.stats.tails;

/**
 * The counts that the first few cells receive when {@code draws} balls fall uniformly into {@code cells}
 * cells: a replicate of the (cluster) bootstrap, restricted to the clusters that reach the tail region.
 * Cost proportional to the cells asked for, not to {@code cells}; for the i.i.d. bootstrap of 10^8 samples
 * with a tail region of 10^4 points that is the difference between 10^8 and 10^4 steps.
 *
 * <p>Exact: cells are taken in blocks of {@value #BLOCK}; given the balls left and the cells left, the block's
 * total is Binomial(left, block/cellsLeft) (the multinomial's conditional law, {@link Binomial}), and the
 * total is spread over the block's cells by uniform picks (10 bits each, six per 64-bit word, exactly
 * uniform because the block size is a power of two; a last, partial block uses Lemire's multiply-shift,
 * bias below {@code size / 2^64}). One binomial per 1024 cells and one 64-bit word per six balls.
 *
 * <p>Random numbers: the binomials, and one seed per block, are Philox draws ({@link ReplicateDraws}); the
 * words for the picks come from SplitMix64 (Steele, Lea and Flood 2014, the generator inside {@link
 * java.util.SplittableRandom}; it passes BigCrush) started from that block's seed. A Philox block costs some
 * 20 ns, which at one word per six balls was a third of a replicate's time; SplitMix64 costs about 1 ns,
 * and with a fresh Philox seed per block of 1024 cells its sequences never run long enough, nor close
 * enough to one another, to matter. Everything still depends on (seed, replicate) alone.
 *
 * <p>Blocks can be taken one at a time ({@link #start}, {@link #nextBlock}), so that a consumer uses each
 * block while it is in the cache; {@link #draw} takes them all. Both give the same counts. Not thread-safe.
 */
final class MultinomialCounts {
  /** Cells per block: a power of two, so that 10 random bits pick a cell exactly uniformly. */
  static final int BLOCK = 1024;
  private static final int BLOCK_BITS = 10;
  private static final int PICKS_PER_DRAW = 64 / BLOCK_BITS;
  /** SplitMix64's increment: the odd integer nearest 2^64 / golden ratio. */
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private ReplicateDraws rng;
  private int slots;
  private int nextStart;
  private long left;
  private long cellsLeft;

  /** Starts drawing the counts of the first {@code slots} of {@code cells} cells after {@code draws} draws. */
  void start(int slots, long draws, long cells, ReplicateDraws rng) {
    if (slots > cells || slots < 0 || draws < 0) {
      throw new IllegalArgumentException("asked for " + slots + " of " + cells + " cells");
    }
    this.rng = rng;
    this.slots = slots;
    this.nextStart = 0;
    this.left = draws;
    this.cellsLeft = cells;
  }

  /**
   * The counts of the next block of cells into {@code out[offset ..]}; returns how many cells that was
   * ({@value #BLOCK}, fewer for the last block, 0 when all slots are done).
   */
  int nextBlock(int[] out, int offset) {
    int size = Math.min(BLOCK, slots - nextStart);
    if (size <= 0) {
      return 0;
    }
    long total = Binomial.draw(left, size, cellsLeft, rng);
    spread(out, offset, size, total);
    left -= total;
    cellsLeft -= size;
    nextStart += size;
    return size;
  }

  /**
   * Fills {@code counts[0 .. slots)} with the counts of the first {@code slots} of {@code cells} equally
   * likely cells after {@code draws} draws, {@code slots <= cells}.
   */
  static void draw(int[] counts, int slots, long draws, long cells, ReplicateDraws rng) {
    MultinomialCounts m = new MultinomialCounts();
    m.start(slots, draws, cells, rng);
    for (int at = 0; at < slots; ) {
      at += m.nextBlock(counts, at);
    }
  }

  /** Spreads {@code total} balls uniformly over {@code counts[start .. start+size)}. */
  private void spread(int[] counts, int start, int size, long total) {
    for (int i = start; i < start + size; i++) {
      counts[i] = 0;
    }
    long state = rng.next();
    if (size == BLOCK) {
      long remaining = total;
      for (; remaining >= PICKS_PER_DRAW; remaining -= PICKS_PER_DRAW) { // unrolled: 25% faster
        state += GOLDEN_GAMMA;
        long bits = mix64(state);
        counts[start + (int) (bits & (BLOCK - 1))]++;
        counts[start + (int) ((bits >>> BLOCK_BITS) & (BLOCK - 1))]++;
        counts[start + (int) ((bits >>> (2 * BLOCK_BITS)) & (BLOCK - 1))]++;
        counts[start + (int) ((bits >>> (3 * BLOCK_BITS)) & (BLOCK - 1))]++;
        counts[start + (int) ((bits >>> (4 * BLOCK_BITS)) & (BLOCK - 1))]++;
        counts[start + (int) ((bits >>> (5 * BLOCK_BITS)) & (BLOCK - 1))]++;
      }
      state += GOLDEN_GAMMA;
      long bits = mix64(state);
      for (; remaining > 0; remaining--) {
        counts[start + (int) (bits & (BLOCK - 1))]++;
        bits >>>= BLOCK_BITS;
      }
    } else {
      for (long j = 0; j < total; j++) {
        state += GOLDEN_GAMMA;
        counts[start + (int) Math.unsignedMultiplyHigh(mix64(state), size)]++;
      }
    }
  }

  /** SplitMix64's output function (Stafford's variant 13 of the MurmurHash3 finaliser). */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
