package org.sgdmc.stats.tails;

/**
 * The counts that the first few cells receive when {@code draws} balls fall uniformly into {@code cells}
 * cells: a replicate of the (cluster) bootstrap, restricted to the clusters that reach the tail region.
 * Cost proportional to the cells asked for, not to {@code cells}; for the i.i.d. bootstrap of 10^8 samples
 * with a tail region of 10^4 points that is the difference between 10^8 and 10^4 steps.
 *
 * <p>Exact: cells are taken in blocks of {@value #BLOCK}; given the balls left and the cells left, the block's
 * total is Binomial(left, block/cellsLeft) (the multinomial's conditional law, {@link Binomial}), and the
 * total is spread over the block's cells by uniform draws (10 bits each, six per 64-bit draw, exactly
 * uniform because the block size is a power of two; a last, partial block uses Lemire's multiply-shift,
 * bias below {@code size / 2^64}). One binomial per 1024 cells and one 64-bit draw per six balls.
 *
 * <p>Blocks can be taken one at a time ({@link #start}, {@link #nextBlock}), so that a consumer uses each
 * block while it is in the cache; {@link #draw} takes them all. Both give the same counts. Not thread-safe.
 */
final class MultinomialCounts {
  /** Cells per block: a power of two, so that 10 random bits pick a cell exactly uniformly. */
  static final int BLOCK = 1024;
  private static final int BLOCK_BITS = 10;
  private static final int PICKS_PER_DRAW = 64 / BLOCK_BITS;

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
    if (size == BLOCK) {
      long remaining = total;
      while (remaining > 0) {
        long bits = rng.next();
        int picks = (int) Math.min(PICKS_PER_DRAW, remaining);
        for (int j = 0; j < picks; j++) {
          counts[start + (int) (bits & (BLOCK - 1))]++;
          bits >>>= BLOCK_BITS;
        }
        remaining -= picks;
      }
    } else {
      for (long j = 0; j < total; j++) {
        counts[start + (int) Math.unsignedMultiplyHigh(rng.next(), size)]++;
      }
    }
  }
}
