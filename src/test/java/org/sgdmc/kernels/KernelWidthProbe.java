package org.sgdmc.kernels;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.sgdmc.rng.VectorShapes;

/**
 * Runs 16 trajectories x 50 steps of every {@link KernelRegistry} entry and prints {@code lanes=N digest=HEX},
 * the SHA-256 of every value's raw bits. {@link KernelInvariantsTest} runs it in JVMs forced to other vector
 * widths (one JVM per width for all entries, since the shape is fixed at class initialisation) and compares
 * the digest with the scalar twins'. Width 16 is a multiple of every shape's lanes (1 to 8); the work is tiny,
 * since a width the CPU lacks is emulated, slowly, by the Vector API's Java fallback.
 */
public final class KernelWidthProbe {
  static final int WIDTH = 16;
  static final long SEED = 11;
  /** Not a multiple of anything: the blocks need not start at an aligned trajectory. */
  static final long TRAJ0 = 1_000_003;

  private KernelWidthProbe() {}

  public static void main(String[] args) {
    System.out.println("lanes=" + VectorShapes.DOUBLES.length() + " digest=" + digest(false));
  }

  /** The digest over all entries, by the vector kernels (built directly, not through the provider) or the twins. */
  static String digest(boolean scalar) {
    MessageDigest md = sha256();
    for (KernelEntry e : KernelRegistry.entries()) {
      ObservedBlock b = (scalar ? e.scalar() : e.vector()).create(SEED, WIDTH);
      b.start(TRAJ0);
      b.advance(0, 23);
      b.advance(23, 50);
      double[] out = new double[b.values() * WIDTH];
      b.read(out);
      ByteBuffer buf = ByteBuffer.allocate(8 * out.length);
      for (double v : out) {
        buf.putLong(Double.doubleToRawLongBits(v));
      }
      md.update(e.name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      md.update(buf.array());
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
