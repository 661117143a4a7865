package org.sgdmc.rng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A fill does not depend on how the work was cut: 64 trajectories x 100 blocks in one call equal the same
 * coordinates filled in pieces of other widths and other block ranges, in any order, and at any output offset.
 * This is what lets the engine choose its blocking (and its thread count) freely without changing a result.
 */
class BlockingReproducibilityTest {
  private static final long SEED = 0x5EED_0000_0042L;
  private static final int STREAM = Stream.DATA.id;
  private static final long TRAJ0 = 3L << 32 | 0xFFFF_FF00L; // the last 256 trajectories below 4 * 2^32
  private static final int WIDTH = 64;
  private static final long BLOCK0 = 1_000L;
  private static final int N_BLOCKS = 100;
  private static final int N = 2 * N_BLOCKS * WIDTH;

  /** A rectangle of (trajectory, block) coordinates, relative to TRAJ0 and BLOCK0. */
  record Piece(int traj, int width, int block, int nBlocks) {}

  /**
   * Trajectory cuts 8 + 16 + 40 and 32 + 32 (multiples of every lane count up to 8), block cuts
   * 1 + 36 + 63 and 50 + 50: every combination of a trajectory cut and a block cut tiles the whole.
   */
  static List<Piece> pieces(int[] trajCuts, int[] blockCuts) {
    List<Piece> pieces = new ArrayList<>();
    for (int t = 0, tw = 0; tw < trajCuts.length; t += trajCuts[tw++]) {
      for (int b = 0, bw = 0; bw < blockCuts.length; b += blockCuts[bw++]) {
        pieces.add(new Piece(t, trajCuts[tw], b, blockCuts[bw]));
      }
    }
    return pieces;
  }

  private static final int[][] TRAJ_CUTS = {{8, 16, 40}, {32, 32}, {64}};
  private static final int[][] BLOCK_CUTS = {{1, 36, 63}, {50, 50}, {100}};

  private enum Kind { BITS, UNIFORMS, NORMALS }

  /** The whole rectangle in one call, as raw 64-bit values. */
  private static long[] whole(Kind kind) {
    return fill(kind, new Piece(0, WIDTH, 0, N_BLOCKS));
  }

  /** One piece, as raw 64-bit values in the piece's own draw-major layout. */
  private static long[] fill(Kind kind, Piece p) {
    int n = 2 * p.nBlocks() * p.width();
    long traj0 = TRAJ0 + p.traj(), block0 = BLOCK0 + p.block();
    long[] bits = new long[n];
    switch (kind) {
      case BITS -> Philox4x32Vector.fillBits(SEED, STREAM, traj0, p.width(), block0, p.nBlocks(), bits, 0);
      case UNIFORMS, NORMALS -> {
        double[] out = new double[n];
        if (kind == Kind.UNIFORMS) {
          VectorDraws.uniforms(SEED, STREAM, traj0, p.width(), block0, p.nBlocks(), new long[n], out);
        } else {
          VectorDraws.normals(SEED, STREAM, traj0, p.width(), block0, p.nBlocks(), new long[n], out);
        }
        for (int i = 0; i < n; i++) {
          bits[i] = Double.doubleToRawLongBits(out[i]);
        }
      }
    }
    return bits;
  }

  /** Fills {@code pieces} in the given order and assembles them in the layout of the whole. */
  private static long[] assemble(Kind kind, List<Piece> pieces) {
    long[] all = new long[N];
    for (Piece p : pieces) {
      long[] part = fill(kind, p);
      for (int d = 0; d < 2 * p.nBlocks(); d++) {
        System.arraycopy(part, d * p.width(), all, (2 * p.block() + d) * WIDTH + p.traj(), p.width());
      }
    }
    return all;
  }

  @Test
  void fillingInPiecesEqualsFillingAtOnce() {
    for (Kind kind : Kind.values()) {
      long[] expected = whole(kind);
      for (int[] trajCuts : TRAJ_CUTS) {
        for (int[] blockCuts : BLOCK_CUTS) {
          List<Piece> pieces = pieces(trajCuts, blockCuts);
          assertArrayEquals(expected, assemble(kind, pieces), () -> kind + " in pieces " + pieces);
        }
      }
    }
  }

  @Test
  void theOrderOfTheCallsDoesNotMatter() {
    for (Kind kind : Kind.values()) {
      long[] expected = whole(kind);
      List<Piece> pieces = pieces(TRAJ_CUTS[0], BLOCK_CUTS[0]);
      Random shuffler = new Random(12L);
      for (int trial = 0; trial < 3; trial++) {
        Collections.shuffle(pieces, shuffler);
        assertArrayEquals(expected, assemble(kind, pieces), () -> kind + " in order " + pieces);
      }
      Collections.reverse(pieces);
      assertArrayEquals(expected, assemble(kind, pieces), () -> kind + " in order " + pieces);
      // no hidden state: the whole again, after all those calls, is unchanged
      assertArrayEquals(expected, whole(kind), kind::toString);
    }
  }

  @Test
  void piecesWrittenAtOffsetsIntoOneBufferEqualTheWhole() {
    long[] expected = whole(Kind.BITS);
    // pieces of 16 trajectories x all blocks, each packed at its own offset of one shared buffer
    int pieceWidth = 16, pieceSize = 2 * N_BLOCKS * pieceWidth;
    long[] buffer = new long[N];
    for (int t = WIDTH - pieceWidth; t >= 0; t -= pieceWidth) {
      Philox4x32Vector.fillBits(SEED, STREAM, TRAJ0 + t, pieceWidth, BLOCK0, N_BLOCKS, buffer, t / pieceWidth * pieceSize);
    }
    for (int t = 0; t < WIDTH; t += pieceWidth) {
      for (int d = 0; d < 2 * N_BLOCKS; d++) {
        for (int j = 0; j < pieceWidth; j++) {
          assertEquals(expected[d * WIDTH + t + j], buffer[t / pieceWidth * pieceSize + d * pieceWidth + j]);
        }
      }
    }
  }

  @Test
  void theWholeAgreesWithScalarDrawsAtItsCorners() {
    long[] bits = whole(Kind.BITS);
    long[] normals = whole(Kind.NORMALS);
    for (int d : new int[] {0, 1, 2 * N_BLOCKS - 2, 2 * N_BLOCKS - 1}) {
      for (int j : new int[] {0, 1, WIDTH - 1}) {
        long k = 2 * BLOCK0 + d, traj = TRAJ0 + j;
        assertEquals(Draws.bits(SEED, Stream.DATA, traj, k), bits[d * WIDTH + j]);
        assertEquals(Double.doubleToRawLongBits(Draws.normal(SEED, Stream.DATA, traj, k)), normals[d * WIDTH + j]);
      }
    }
  }
}
