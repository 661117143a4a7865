package org.sgdmc.rng;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Fills bits, uniforms and normals at a few fixed coordinates and prints one line, {@code lanes=N
 * digest=HEX}, where the digest is SHA-256 of every value's raw bits. Run in a JVM with
 * {@code -Dsgdmc.vector.bits=B} by {@link WidthIndependenceTest}, which compares the digest with its own and
 * with the scalar one. The fill widths are multiples of 8, so every vector shape (1 to 8 lanes) can run them.
 */
public final class WidthProbe {
  /** (seed, stream, traj0, width, block0, nBlocks) of each fill: small, since 512 bits may be emulated. */
  static final long[][] CASES = {
    {7L, 0, 0L, 8, 0L, 3},
    {-1L, 0xFFFF, (1L << 32) - 24, 24, (1L << 40) + 5, 2},
    {0x9E37_79B9_7F4A_7C15L, 3, 12_345L * 8, 16, 7L, 1},
  };

  private WidthProbe() {}

  public static void main(String[] args) {
    System.out.println("lanes=" + Philox4x32Vector.lanes() + " digest=" + vectorDigest());
  }

  /** The digest of the vector fills, at this JVM's vector width. */
  static String vectorDigest() {
    MessageDigest md = sha256();
    for (long[] c : CASES) {
      int width = (int) c[3], nBlocks = (int) c[5], n = 2 * width * nBlocks;
      long[] bits = new long[n], scratch = new long[n];
      double[] u = new double[n], z = new double[n];
      Philox4x32Vector.fillBits(c[0], (int) c[1], c[2], width, c[4], nBlocks, bits, 0);
      VectorDraws.uniforms(c[0], (int) c[1], c[2], width, c[4], nBlocks, scratch, u);
      VectorDraws.normals(c[0], (int) c[1], c[2], width, c[4], nBlocks, scratch, z);
      for (int i = 0; i < n; i++) {
        update(md, bits[i], Double.doubleToRawLongBits(u[i]), Double.doubleToRawLongBits(z[i]));
      }
      double[] squares = new double[2 * n];
      VectorSingleDraws.normalSquares(c[0], (int) c[1], c[2], width, c[4], nBlocks, new int[2 * n], squares);
      for (double q : squares) {
        update(md, Double.doubleToRawLongBits(q));
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** The same digest from the scalar reference {@link Draws}. */
  static String scalarDigest() {
    MessageDigest md = sha256();
    for (long[] c : CASES) {
      int width = (int) c[3], nBlocks = (int) c[5];
      for (int d = 0; d < 2 * nBlocks; d++) {
        for (int j = 0; j < width; j++) {
          long traj = c[2] + j, k = 2 * c[4] + d;
          update(md, Draws.bits(c[0], (int) c[1], traj, k),
              Double.doubleToRawLongBits(Uniforms.closedOpen(Draws.bits(c[0], (int) c[1], traj, k))),
              Double.doubleToRawLongBits(scalarNormal(c[0], (int) c[1], traj, k)));
        }
      }
      for (int d = 0; d < 4 * nBlocks; d++) { // the single-precision squares: four a block
        for (int j = 0; j < width; j++) {
          update(md, Double.doubleToRawLongBits(SingleDraws.normalSquare(c[0], stream((int) c[1]), c[2] + j, 4 * c[4] + d)));
        }
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** {@link Draws#normal}, looked up by stream id. */
  private static double scalarNormal(long seed, int stream, long traj, long k) {
    return Draws.normal(seed, stream(stream), traj, k);
  }

  /** The {@link Stream} with this id (every id in {@link #CASES} is one). */
  private static Stream stream(int id) {
    for (Stream s : Stream.values()) {
      if (s.id == id) {
        return s;
      }
    }
    throw new IllegalArgumentException("no Stream with id " + id);
  }

  private static void update(MessageDigest md, long... values) {
    ByteBuffer buffer = ByteBuffer.allocate(8 * values.length);
    for (long v : values) {
      buffer.putLong(v);
    }
    md.update(buffer.array());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
