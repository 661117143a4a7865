package org.sgdmc.rng;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vectorised fills of uniforms and normals for a block of consecutive trajectories, in the draw-major layout
 * of {@link Philox4x32Vector#fillBits}: value {@code d} of trajectory {@code traj0 + j} at {@code out[d*width + j]}.
 * Each value equals, bit for bit, the scalar {@link Draws} value with the same coordinates.
 */
public final class VectorDraws {
  private VectorDraws() {}

  /** Uniforms in [0, 1): draws {@code 2*block0 ..} of {@code width} trajectories; {@code bits} is scratch. */
  public static void uniforms(
      long seed, int stream, long traj0, int width, long block0, int nBlocks, long[] bits, double[] out) {
    Philox4x32Vector.fillBits(seed, stream, traj0, width, block0, nBlocks, bits, 0);
    VectorSpecies<Long> sp = VectorShapes.LONGS;
    int n = 2 * nBlocks * width;
    for (int i = 0; i < n; i += sp.length()) {
      Uniforms.closedOpen(LongVector.fromArray(sp, bits, i)).intoArray(out, i);
    }
  }

  /**
   * Standard normals {@code 2*block0 .. 2*(block0+nBlocks)-1} of {@code width} trajectories by Box-Muller
   * (see {@link Draws#normal}); {@code bits} is scratch of the same length as {@code out}'s used part.
   */
  public static void normals(
      long seed, int stream, long traj0, int width, long block0, int nBlocks, long[] bits, double[] out) {
    Philox4x32Vector.fillBits(seed, stream, traj0, width, block0, nBlocks, bits, 0);
    VectorSpecies<Long> sp = VectorShapes.LONGS;
    for (int b = 0; b < nBlocks; b++) {
      int row = 2 * b * width;
      for (int j = 0; j < width; j += sp.length()) {
        DoubleVector u1 = Uniforms.openClosed(LongVector.fromArray(sp, bits, row + j));
        DoubleVector u2 = Uniforms.closedOpen(LongVector.fromArray(sp, bits, row + width + j));
        DoubleVector radius = Transcendentals.log(u1).mul(-2.0).sqrt();
        radius.mul(Transcendentals.cos2pi(u2)).intoArray(out, row + j);
        radius.mul(Transcendentals.sin2pi(u2)).intoArray(out, row + width + j);
      }
    }
  }
}
