package org.sgdmc.rng;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Fills symmetric stables at a few fixed coordinates and alphas and prints one line, {@code lanes=N
 * digest=HEX}, the digest being SHA-256 of every value's raw bits. Run in a JVM with
 * {@code -Dsgdmc.vector.bits=B} by {@link StableWidthIndependenceTest}, as {@link WidthProbe} is for the
 * uniforms and normals. Fill widths are multiples of 8, so every vector shape (1 to 8 lanes) can run them.
 */
public final class StableWidthProbe {
  /** (seed, traj0, width, block0, nBlocks) of each fill, stream NOISE: small, since 512 bits may be emulated. */
  static final long[][] CASES = {
    {7L, 0L, 8, 0L, 3},
    {-1L, (1L << 32) - 24, 24, (1L << 40) + 5, 2},
    {0x9E37_79B9_7F4A_7C15L, 12_345L * 8, 16, 7L, 5},
  };

  private StableWidthProbe() {}

  public static void main(String[] args) {
    System.out.println("lanes=" + Philox4x32Vector.lanes() + " digest=" + vectorDigest());
  }

  /** The digest of the vector fills, at this JVM's vector width. */
  static String vectorDigest() {
    MessageDigest md = sha256();
    for (double alpha : SymmetricStableTwinTest.ALPHAS) {
      for (long[] c : CASES) {
        int width = (int) c[2], nBlocks = (int) c[4];
        double[] out = new double[width * nBlocks];
        VectorDraws.symmetricStables(c[0], Stream.NOISE.id, c[1], width, c[3], nBlocks, alpha, new long[2 * width * nBlocks], out);
        for (double z : out) {
          update(md, Double.doubleToRawLongBits(z));
        }
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** The same digest from the scalar reference {@link Draws#symmetricStable}. */
  static String scalarDigest() {
    MessageDigest md = sha256();
    for (double alpha : SymmetricStableTwinTest.ALPHAS) {
      for (long[] c : CASES) {
        int width = (int) c[2], nBlocks = (int) c[4];
        for (int b = 0; b < nBlocks; b++) {
          for (int j = 0; j < width; j++) {
            update(md, Double.doubleToRawLongBits(Draws.symmetricStable(c[0], Stream.NOISE, c[1] + j, c[3] + b, alpha)));
          }
        }
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static void update(MessageDigest md, long value) {
    md.update(ByteBuffer.allocate(8).putLong(value).array());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
