package org.sgdmc.rng;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Philox4x32} for many counters at once with the Vector API: lane {@code j} computes the block of
 * trajectory {@code traj0 + j}, so a vector of trajectories draws its numbers together.
 *
 * <p>Each 32-bit counter word lives zero-extended in a 64-bit lane, so the 32x32 -> 64-bit product of a
 * round is one lane-wise 64-bit multiply of two operands masked to 32 bits, the shape C2 turns into a
 * single {@code vpmuludq} (JDK-8341137). The blocks are bit-identical to the scalar reference whatever the
 * vector width.
 */
public final class Philox4x32Vector {
  /** Low 32 bits of a lane. */
  private static final long MASK32 = 0xFFFF_FFFFL;

  private Philox4x32Vector() {}

  /** The lane count of {@link VectorShapes#LONGS}: trajectories computed per vector. */
  public static int lanes() {
    return VectorShapes.LONGS.length();
  }

  /**
   * Fills {@code out} with draws {@code 2*block0 .. 2*(block0+nBlocks)-1} of trajectories
   * {@code traj0 .. traj0+width-1} in {@code stream} (see {@link StreamLayout}). The layout is draw-major:
   * draw {@code 2*block0 + d} of trajectory {@code traj0 + j} goes to {@code out[off + d*width + j]}.
   *
   * @param width trajectories per draw row; a multiple of {@link #lanes()}
   */
  public static void fillBits(
      long seed, int stream, long traj0, int width, long block0, int nBlocks, long[] out, int off) {
    VectorSpecies<Long> sp = VectorShapes.LONGS;
    if (width % sp.length() != 0) {
      throw new IllegalArgumentException("width " + width + " is not a multiple of " + sp.length() + " lanes");
    }
    StreamLayout.checkFill(stream, traj0, width, block0, nBlocks);
    int b = 0;
    // Four blocks at a time: one block is a chain of ten dependent rounds, and four independent chains
    // in flight keep the multiplier busy (2.2x over one chain on an AVX2 Zen 2).
    for (; b + 4 <= nBlocks; b += 4) {
      for (int j = 0; j < width; j += sp.length()) {
        fourBlocks(seed, stream, traj0 + j, block0 + b, out, off + 2 * b * width + j, width);
      }
    }
    for (; b < nBlocks; b++) {
      for (int j = 0; j < width; j += sp.length()) {
        oneBlock(seed, stream, traj0 + j, block0 + b, out, off + 2 * b * width + j, width);
      }
    }
  }

  // The two bodies below are separate methods on purpose: they take and return no vectors, so whether
  // or not C2 inlines them nothing is boxed, and each stays well under C2's node-count limits (one large
  // method with helper calls fell off the fast path, 8x slower, by NodeCountInliningCutoff).

  /** Blocks {@code blk .. blk+3} for the lanes' trajectories {@code trajLane0 ..}, rows from {@code at}. */
  private static void fourBlocks(long seed, int stream, long trajLane0, long blk, long[] out, int at, int width) {
    VectorSpecies<Long> sp = VectorShapes.LONGS;
    LongVector lo = LongVector.zero(sp).addIndex(1).add(trajLane0 & MASK32);
    LongVector hi = LongVector.broadcast(sp, (trajLane0 >>> 32) & MASK32);
    LongVector m0 = LongVector.broadcast(sp, Philox4x32.M0).and(MASK32);
    LongVector m1 = LongVector.broadcast(sp, Philox4x32.M1).and(MASK32);
    LongVector a0 = lo, a1 = hi, a2 = LongVector.broadcast(sp, StreamLayout.ctr2(blk) & MASK32);
    LongVector a3 = LongVector.broadcast(sp, StreamLayout.ctr3(stream, blk) & MASK32);
    LongVector b0 = lo, b1 = hi, b2 = LongVector.broadcast(sp, StreamLayout.ctr2(blk + 1) & MASK32);
    LongVector b3 = LongVector.broadcast(sp, StreamLayout.ctr3(stream, blk + 1) & MASK32);
    LongVector c0 = lo, c1 = hi, c2 = LongVector.broadcast(sp, StreamLayout.ctr2(blk + 2) & MASK32);
    LongVector c3 = LongVector.broadcast(sp, StreamLayout.ctr3(stream, blk + 2) & MASK32);
    LongVector d0 = lo, d1 = hi, d2 = LongVector.broadcast(sp, StreamLayout.ctr2(blk + 3) & MASK32);
    LongVector d3 = LongVector.broadcast(sp, StreamLayout.ctr3(stream, blk + 3) & MASK32);
    long r0 = seed & MASK32, r1 = seed >>> 32;
    for (int r = 0; r < Philox4x32.ROUNDS; r++) {
      LongVector pa0 = a0.and(MASK32).mul(m0), pa1 = a2.and(MASK32).mul(m1);
      LongVector pb0 = b0.and(MASK32).mul(m0), pb1 = b2.and(MASK32).mul(m1);
      LongVector pc0 = c0.and(MASK32).mul(m0), pc1 = c2.and(MASK32).mul(m1);
      LongVector pd0 = d0.and(MASK32).mul(m0), pd1 = d2.and(MASK32).mul(m1);
      a0 = pa1.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, a1).lanewise(VectorOperators.XOR, r0);
      a2 = pa0.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, a3).lanewise(VectorOperators.XOR, r1);
      b0 = pb1.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, b1).lanewise(VectorOperators.XOR, r0);
      b2 = pb0.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, b3).lanewise(VectorOperators.XOR, r1);
      c0 = pc1.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, c1).lanewise(VectorOperators.XOR, r0);
      c2 = pc0.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, c3).lanewise(VectorOperators.XOR, r1);
      d0 = pd1.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, d1).lanewise(VectorOperators.XOR, r0);
      d2 = pd0.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, d3).lanewise(VectorOperators.XOR, r1);
      a1 = pa1.and(MASK32); a3 = pa0.and(MASK32);
      b1 = pb1.and(MASK32); b3 = pb0.and(MASK32);
      c1 = pc1.and(MASK32); c3 = pc0.and(MASK32);
      d1 = pd1.and(MASK32); d3 = pd0.and(MASK32);
      r0 = (r0 + (Philox4x32.W0 & MASK32)) & MASK32;
      r1 = (r1 + (Philox4x32.W1 & MASK32)) & MASK32;
    }
    // little-endian words: draw 2b is w1:w0, draw 2b+1 is w3:w2
    a1.lanewise(VectorOperators.LSHL, 32).or(a0).intoArray(out, at);
    a3.lanewise(VectorOperators.LSHL, 32).or(a2).intoArray(out, at + width);
    b1.lanewise(VectorOperators.LSHL, 32).or(b0).intoArray(out, at + 2 * width);
    b3.lanewise(VectorOperators.LSHL, 32).or(b2).intoArray(out, at + 3 * width);
    c1.lanewise(VectorOperators.LSHL, 32).or(c0).intoArray(out, at + 4 * width);
    c3.lanewise(VectorOperators.LSHL, 32).or(c2).intoArray(out, at + 5 * width);
    d1.lanewise(VectorOperators.LSHL, 32).or(d0).intoArray(out, at + 6 * width);
    d3.lanewise(VectorOperators.LSHL, 32).or(d2).intoArray(out, at + 7 * width);
  }

  /** Block {@code blk} alone, for the remainder of a fill. */
  private static void oneBlock(long seed, int stream, long trajLane0, long blk, long[] out, int at, int width) {
    VectorSpecies<Long> sp = VectorShapes.LONGS;
    LongVector m0 = LongVector.broadcast(sp, Philox4x32.M0).and(MASK32);
    LongVector m1 = LongVector.broadcast(sp, Philox4x32.M1).and(MASK32);
    LongVector x0 = LongVector.zero(sp).addIndex(1).add(trajLane0 & MASK32);
    LongVector x1 = LongVector.broadcast(sp, (trajLane0 >>> 32) & MASK32);
    LongVector x2 = LongVector.broadcast(sp, StreamLayout.ctr2(blk) & MASK32);
    LongVector x3 = LongVector.broadcast(sp, StreamLayout.ctr3(stream, blk) & MASK32);
    long r0 = seed & MASK32, r1 = seed >>> 32;
    for (int r = 0; r < Philox4x32.ROUNDS; r++) {
      LongVector p0 = x0.and(MASK32).mul(m0), p1 = x2.and(MASK32).mul(m1);
      x0 = p1.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, x1).lanewise(VectorOperators.XOR, r0);
      x2 = p0.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, x3).lanewise(VectorOperators.XOR, r1);
      x1 = p1.and(MASK32);
      x3 = p0.and(MASK32);
      r0 = (r0 + (Philox4x32.W0 & MASK32)) & MASK32;
      r1 = (r1 + (Philox4x32.W1 & MASK32)) & MASK32;
    }
    x1.lanewise(VectorOperators.LSHL, 32).or(x0).intoArray(out, at);
    x3.lanewise(VectorOperators.LSHL, 32).or(x2).intoArray(out, at + width);
  }
}
