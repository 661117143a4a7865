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
    final long k0 = seed & MASK32, k1 = seed >>> 32;
    final long c1 = (traj0 >>> 32) & MASK32; // a block of trajectories never straddles 2^32 (checked below)
    if (((traj0 + width - 1) >>> 32) != (traj0 >>> 32)) {
      throw new IllegalArgumentException("a block of trajectories may not straddle a multiple of 2^32");
    }
    LongVector iota = LongVector.zero(sp).addIndex(1);
    for (int b = 0; b < nBlocks; b++) {
      long block = block0 + b;
      long c2 = StreamLayout.ctr2(block) & MASK32;
      long c3 = StreamLayout.ctr3(stream, block) & MASK32;
      int row0 = off + 2 * b * width;
      for (int j = 0; j < width; j += sp.length()) {
        LongVector x0 = iota.add((traj0 + j) & MASK32);
        LongVector x1 = LongVector.broadcast(sp, c1);
        LongVector x2 = LongVector.broadcast(sp, c2);
        LongVector x3 = LongVector.broadcast(sp, c3);
        long r0 = k0, r1 = k1;
        for (int r = 0; r < Philox4x32.ROUNDS; r++) {
          LongVector p0 = x0.and(MASK32).mul(Philox4x32.M0);
          LongVector p1 = x2.and(MASK32).mul(Philox4x32.M1);
          LongVector n0 = p1.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, x1).lanewise(VectorOperators.XOR, r0);
          LongVector n2 = p0.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, x3).lanewise(VectorOperators.XOR, r1);
          x1 = p1.and(MASK32);
          x3 = p0.and(MASK32);
          x0 = n0;
          x2 = n2;
          r0 = (r0 + (Philox4x32.W0 & MASK32)) & MASK32;
          r1 = (r1 + (Philox4x32.W1 & MASK32)) & MASK32;
        }
        // little-endian words: draw 2b = w1:w0, draw 2b+1 = w3:w2
        x1.lanewise(VectorOperators.LSHL, 32).or(x0).intoArray(out, row0 + j);
        x3.lanewise(VectorOperators.LSHL, 32).or(x2).intoArray(out, row0 + width + j);
      }
    }
  }
}
