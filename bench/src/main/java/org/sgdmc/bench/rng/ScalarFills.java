package org.sgdmc.bench.rng;

import org.sgdmc.rng.Philox4x32;
import org.sgdmc.rng.StreamLayout;
import org.sgdmc.rng.Transcendentals;
import org.sgdmc.rng.Uniforms;

/**
 * The fairest plain-Java way to fill what {@link org.sgdmc.rng.Philox4x32Vector#fillBits} and
 * {@link org.sgdmc.rng.VectorDraws} fill, for the scalar side of {@link RngBenchmark}: one Philox block per
 * trajectory and block, used whole (two 64-bit draws, or two normals from one Box-Muller pair), written in
 * the same draw-major layout, {@code out[d * width + j]} for draw d of trajectory {@code traj0 + j}.
 *
 * <p>Not {@link org.sgdmc.rng.Draws}: that is a reference by coordinates, which computes the block afresh
 * for every draw (twice per normal) and allocates its counter arrays, and would flatter the vector side.
 * The arrays passed in here are reused, so the loops allocate nothing.
 */
final class ScalarFills {
  /** 2 pi, for the java.lang.Math variant. */
  private static final double TWO_PI = 2.0 * Math.PI;

  private ScalarFills() {}

  /** Philox blocks of the given coordinates as 64-bit draws. */
  static void bits(
      long seed, int stream, long traj0, int width, long block0, int nBlocks, Scratch s, long[] out) {
    StreamLayout.key(seed, s.key);
    for (int b = 0; b < nBlocks; b++) {
      int row = 2 * b * width;
      for (int j = 0; j < width; j++) {
        s.block(traj0 + j, stream, block0 + b);
        out[row + j] = s.draw0();
        out[row + width + j] = s.draw1();
      }
    }
  }

  /** Uniforms in [0, 1), two per block. */
  static void uniforms(
      long seed, int stream, long traj0, int width, long block0, int nBlocks, Scratch s, double[] out) {
    StreamLayout.key(seed, s.key);
    for (int b = 0; b < nBlocks; b++) {
      int row = 2 * b * width;
      for (int j = 0; j < width; j++) {
        s.block(traj0 + j, stream, block0 + b);
        out[row + j] = Uniforms.closedOpen(s.draw0());
        out[row + width + j] = Uniforms.closedOpen(s.draw1());
      }
    }
  }

  /** Standard normals, two per block by Box-Muller with the project's {@link Transcendentals}. */
  static void normals(
      long seed, int stream, long traj0, int width, long block0, int nBlocks, Scratch s, double[] out) {
    StreamLayout.key(seed, s.key);
    for (int b = 0; b < nBlocks; b++) {
      int row = 2 * b * width;
      for (int j = 0; j < width; j++) {
        s.block(traj0 + j, stream, block0 + b);
        double u1 = Uniforms.openClosed(s.draw0());
        double u2 = Uniforms.closedOpen(s.draw1());
        double radius = Math.sqrt(-2.0 * Transcendentals.log(u1));
        out[row + j] = radius * Transcendentals.cos2pi(u2);
        out[row + width + j] = radius * Transcendentals.sin2pi(u2);
      }
    }
  }

  /**
   * The same normals through {@code java.lang.Math} (C2 intrinsics for log, sin and cos): what a plain Java
   * programmer would write, within a few ulp of {@link #normals} but not bit-identical to it.
   */
  static void normalsMath(
      long seed, int stream, long traj0, int width, long block0, int nBlocks, Scratch s, double[] out) {
    StreamLayout.key(seed, s.key);
    for (int b = 0; b < nBlocks; b++) {
      int row = 2 * b * width;
      for (int j = 0; j < width; j++) {
        s.block(traj0 + j, stream, block0 + b);
        double u1 = Uniforms.openClosed(s.draw0());
        double u2 = Uniforms.closedOpen(s.draw1());
        double radius = Math.sqrt(-2.0 * Math.log(u1));
        double angle = TWO_PI * u2;
        out[row + j] = radius * Math.cos(angle);
        out[row + width + j] = radius * Math.sin(angle);
      }
    }
  }

  /** Squares of the normals, r2 c^2 and r2 s^2 without the square root, as the linreg1d kernels use them. */
  static void normalSquares(
      long seed, int stream, long traj0, int width, long block0, int nBlocks, Scratch s, double[] out) {
    StreamLayout.key(seed, s.key);
    for (int b = 0; b < nBlocks; b++) {
      int row = 2 * b * width;
      for (int j = 0; j < width; j++) {
        s.block(traj0 + j, stream, block0 + b);
        double u1 = Uniforms.openClosed(s.draw0());
        double u2 = Uniforms.closedOpen(s.draw1());
        double r2 = -2.0 * Transcendentals.log(u1);
        double c = Transcendentals.cos2pi(u2);
        double sn = Transcendentals.sin2pi(u2);
        out[row + j] = r2 * (c * c);
        out[row + width + j] = r2 * (sn * sn);
      }
    }
  }

  /** The counter, key and output words of one block, reused from call to call. */
  static final class Scratch {
    final int[] ctr = new int[4];
    final int[] key = new int[2];
    final int[] words = new int[4];

    /** Computes the block; {@link #key} must already hold the seed's key. */
    void block(long traj, int stream, long block) {
      StreamLayout.counter(traj, stream, block, ctr);
      Philox4x32.block(ctr, key, words);
    }

    /** The block's first 64-bit draw (even index). */
    long draw0() {
      return StreamLayout.join(words[0], words[1]);
    }

    /** The block's second 64-bit draw (odd index). */
    long draw1() {
      return StreamLayout.join(words[2], words[3]);
    }
  }
}
