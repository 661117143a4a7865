package org.sgdmc.rng;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Philox4x32} with one trajectory per 32-bit lane: twice the trajectories per vector of
 * {@link Philox4x32Vector}, which zero-extends each word into a 64-bit lane. This is the generator of the
 * single-precision draws, where every 32-bit word is one float uniform, so the words go to 32-bit lanes as
 * they are.
 *
 * <p>The multiply of a round still needs 32x32 -> 64-bit products, which only 64-bit lanes give. Each vector
 * is therefore handled as 64-bit lanes holding two trajectories' words, the even trajectory in the low half:
 * the even words are multiplied masked in place, the odd ones shifted down, and the halves of the two
 * products are put back where the words were. Two multiplies for twice the lanes: the same multiplies per
 * trajectory as {@link Philox4x32Vector}. The words equal the scalar reference's bit for bit.
 */
public final class Philox4x32Words {
  /** Low 32 bits of a 64-bit lane. */
  private static final long LOW = 0xFFFF_FFFFL;
  /** High 32 bits of a 64-bit lane. */
  private static final long HIGH = 0xFFFF_FFFF_0000_0000L;

  private Philox4x32Words() {}

  /** The lane count of {@link VectorShapes#INTS}: trajectories computed per vector. */
  public static int lanes() {
    return VectorShapes.INTS.length();
  }

  /**
   * Fills {@code out} with the output words of blocks {@code block0 .. block0+nBlocks-1} of trajectories
   * {@code traj0 .. traj0+width-1} in {@code stream}, word-major: word {@code w} of block {@code block0 + b} of
   * trajectory {@code traj0 + j} goes to {@code out[(4*b + w)*width + j]}. Lanes past the last whole vector are
   * computed by the scalar reference, so any width works.
   */
  public static void fill(long seed, int stream, long traj0, int width, long block0, int nBlocks, int[] out) {
    StreamLayout.checkFill(stream, traj0, width, block0, nBlocks);
    int lanes = lanes();
    int vectorWidth = width - width % lanes;
    int b = 0;
    // Two blocks at a time: four independent multiply chains in flight instead of two.
    for (; b + 2 <= nBlocks; b += 2) {
      for (int j = 0; j < vectorWidth; j += lanes) {
        twoBlocks(seed, stream, traj0 + j, block0 + b, out, 4 * b * width + j, width);
      }
    }
    for (; b < nBlocks; b++) {
      for (int j = 0; j < vectorWidth; j += lanes) {
        oneBlock(seed, stream, traj0 + j, block0 + b, out, 4 * b * width + j, width);
      }
    }
    if (vectorWidth < width) {
      scalarLanes(seed, stream, traj0, width, vectorWidth, block0, nBlocks, out);
    }
  }

  /** The lanes {@code from .. width-1} by the scalar reference. */
  private static void scalarLanes(
      long seed, int stream, long traj0, int width, int from, long block0, int nBlocks, int[] out) {
    int[] ctr = new int[4], key = new int[2], words = new int[4];
    StreamLayout.key(seed, key);
    for (int b = 0; b < nBlocks; b++) {
      for (int j = from; j < width; j++) {
        StreamLayout.counter(traj0 + j, stream, block0 + b, ctr);
        Philox4x32.block(ctr, key, words);
        for (int w = 0; w < 4; w++) {
          out[(4 * b + w) * width + j] = words[w];
        }
      }
    }
  }

  /** A 32-bit value in both halves of a 64-bit lane. */
  private static long twice(int value) {
    return (value & LOW) | ((long) value << 32);
  }

  // The two bodies below take and return no vectors (see Philox4x32Vector): inlined or not, nothing is boxed.

  /** Block {@code blk} for the lanes' trajectories {@code trajLane0 ..}, its four words to rows from {@code at}. */
  private static void oneBlock(long seed, int stream, long trajLane0, long blk, int[] out, int at, int width) {
    VectorSpecies<Long> sp = VectorShapes.LONGS;
    LongVector m0 = LongVector.broadcast(sp, Philox4x32.M0);
    LongVector m1 = LongVector.broadcast(sp, Philox4x32.M1);
    LongVector x0 = IntVector.zero(VectorShapes.INTS).addIndex(1).add((int) trajLane0).reinterpretAsLongs();
    LongVector x1 = LongVector.broadcast(sp, twice((int) (trajLane0 >>> 32)));
    LongVector x2 = LongVector.broadcast(sp, twice(StreamLayout.ctr2(blk)));
    LongVector x3 = LongVector.broadcast(sp, twice(StreamLayout.ctr3(stream, blk)));
    int k0 = (int) seed, k1 = (int) (seed >>> 32);
    for (int r = 0; r < Philox4x32.ROUNDS; r++) {
      // products of the even trajectories' words (low halves) and of the odd ones' (high halves, shifted down)
      LongVector e0 = x0.and(LOW).mul(m0), o0 = x0.lanewise(VectorOperators.LSHR, 32).mul(m0);
      LongVector e2 = x2.and(LOW).mul(m1), o2 = x2.lanewise(VectorOperators.LSHR, 32).mul(m1);
      // the high words of the products, each back in its trajectory's half, then the round's xors
      LongVector n0 = e2.lanewise(VectorOperators.LSHR, 32).or(o2.and(HIGH))
          .lanewise(VectorOperators.XOR, x1).lanewise(VectorOperators.XOR, twice(k0));
      LongVector n2 = e0.lanewise(VectorOperators.LSHR, 32).or(o0.and(HIGH))
          .lanewise(VectorOperators.XOR, x3).lanewise(VectorOperators.XOR, twice(k1));
      x1 = e2.and(LOW).or(o2.lanewise(VectorOperators.LSHL, 32)); // the low words of M1 x2
      x3 = e0.and(LOW).or(o0.lanewise(VectorOperators.LSHL, 32)); // the low words of M0 x0
      x0 = n0;
      x2 = n2;
      k0 += Philox4x32.W0;
      k1 += Philox4x32.W1;
    }
    x0.reinterpretAsInts().intoArray(out, at);
    x1.reinterpretAsInts().intoArray(out, at + width);
    x2.reinterpretAsInts().intoArray(out, at + 2 * width);
    x3.reinterpretAsInts().intoArray(out, at + 3 * width);
  }

  /** Blocks {@code blk} and {@code blk+1} interleaved, rows from {@code at}: four independent multiply chains. */
  private static void twoBlocks(long seed, int stream, long trajLane0, long blk, int[] out, int at, int width) {
    VectorSpecies<Long> sp = VectorShapes.LONGS;
    LongVector m0 = LongVector.broadcast(sp, Philox4x32.M0);
    LongVector m1 = LongVector.broadcast(sp, Philox4x32.M1);
    LongVector lo = IntVector.zero(VectorShapes.INTS).addIndex(1).add((int) trajLane0).reinterpretAsLongs();
    LongVector hi = LongVector.broadcast(sp, twice((int) (trajLane0 >>> 32)));
    LongVector a0 = lo, a1 = hi, a2 = LongVector.broadcast(sp, twice(StreamLayout.ctr2(blk)));
    LongVector a3 = LongVector.broadcast(sp, twice(StreamLayout.ctr3(stream, blk)));
    LongVector b0 = lo, b1 = hi, b2 = LongVector.broadcast(sp, twice(StreamLayout.ctr2(blk + 1)));
    LongVector b3 = LongVector.broadcast(sp, twice(StreamLayout.ctr3(stream, blk + 1)));
    int k0 = (int) seed, k1 = (int) (seed >>> 32);
    for (int r = 0; r < Philox4x32.ROUNDS; r++) {
      long r0 = twice(k0), r1 = twice(k1);
      LongVector ea0 = a0.and(LOW).mul(m0), oa0 = a0.lanewise(VectorOperators.LSHR, 32).mul(m0);
      LongVector ea2 = a2.and(LOW).mul(m1), oa2 = a2.lanewise(VectorOperators.LSHR, 32).mul(m1);
      LongVector eb0 = b0.and(LOW).mul(m0), ob0 = b0.lanewise(VectorOperators.LSHR, 32).mul(m0);
      LongVector eb2 = b2.and(LOW).mul(m1), ob2 = b2.lanewise(VectorOperators.LSHR, 32).mul(m1);
      LongVector na0 = ea2.lanewise(VectorOperators.LSHR, 32).or(oa2.and(HIGH))
          .lanewise(VectorOperators.XOR, a1).lanewise(VectorOperators.XOR, r0);
      LongVector na2 = ea0.lanewise(VectorOperators.LSHR, 32).or(oa0.and(HIGH))
          .lanewise(VectorOperators.XOR, a3).lanewise(VectorOperators.XOR, r1);
      LongVector nb0 = eb2.lanewise(VectorOperators.LSHR, 32).or(ob2.and(HIGH))
          .lanewise(VectorOperators.XOR, b1).lanewise(VectorOperators.XOR, r0);
      LongVector nb2 = eb0.lanewise(VectorOperators.LSHR, 32).or(ob0.and(HIGH))
          .lanewise(VectorOperators.XOR, b3).lanewise(VectorOperators.XOR, r1);
      a1 = ea2.and(LOW).or(oa2.lanewise(VectorOperators.LSHL, 32));
      a3 = ea0.and(LOW).or(oa0.lanewise(VectorOperators.LSHL, 32));
      b1 = eb2.and(LOW).or(ob2.lanewise(VectorOperators.LSHL, 32));
      b3 = eb0.and(LOW).or(ob0.lanewise(VectorOperators.LSHL, 32));
      a0 = na0;
      a2 = na2;
      b0 = nb0;
      b2 = nb2;
      k0 += Philox4x32.W0;
      k1 += Philox4x32.W1;
    }
    a0.reinterpretAsInts().intoArray(out, at);
    a1.reinterpretAsInts().intoArray(out, at + width);
    a2.reinterpretAsInts().intoArray(out, at + 2 * width);
    a3.reinterpretAsInts().intoArray(out, at + 3 * width);
    b0.reinterpretAsInts().intoArray(out, at + 4 * width);
    b1.reinterpretAsInts().intoArray(out, at + 5 * width);
    b2.reinterpretAsInts().intoArray(out, at + 6 * width);
    b3.reinterpretAsInts().intoArray(out, at + 7 * width);
  }
}
