package org.sgdmc.kernels;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.sgdmc.models.LinearDTails;
import org.sgdmc.models.PointData;
import org.sgdmc.rng.VectorShapes;

/**
 * Runs a few small linear-d tails blocks and prints {@code lanes=N digest=HEX}, the SHA-256 of every
 * snapshot's raw bits. {@link LinearDTailsWidthTest} runs it in JVMs forced to other vector widths and
 * compares the digest with the scalar twin's. Block width 16 is a multiple of every shape's lanes (1 to 8);
 * the runs are tiny, since 512 bits may be emulated, but pass a tangent renormalisation (step 64) and a
 * divergence.
 */
public final class LinearDTailsWidthProbe {
  private LinearDTailsWidthProbe() {}

  static LinearDTails[] models() {
    return new LinearDTails[] {
      LinearDTails.stream(0.1, 3, new PointData.Gaussian(new double[] {1.0, 0.5, 0.25, 2.0, 1.0}), 0.7),
      LinearDTails.isotropicStream(2.0, 1, 3, 1.0),
      LinearDTails.generated(0.1, 3, 30, 4, 1.0, false, 5),
      LinearDTails.generated(0.1, 2, 30, 4, 1.0, true, 6),
    };
  }

  public static void main(String[] args) {
    System.out.println("lanes=" + VectorShapes.DOUBLES.length() + " digest=" + digest(false));
  }

  /** The digest of 16 trajectories x 140 steps of each model, by the vector kernel or the scalar twin. */
  static String digest(boolean scalar) {
    MessageDigest md = sha256();
    for (LinearDTails m : models()) {
      StateBlock b = scalar ? new LinearDTailsScalarBlock(m, 11, 16) : new LinearDTailsVectorBlock(m, 11, 16);
      b.start(8);
      b.advance(0, 25);
      b.advance(25, 140);
      double[] out = new double[3 * 16];
      b.snapshot(out);
      ByteBuffer buf = ByteBuffer.allocate(8 * out.length);
      for (double v : out) {
        buf.putLong(Double.doubleToRawLongBits(v));
      }
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
