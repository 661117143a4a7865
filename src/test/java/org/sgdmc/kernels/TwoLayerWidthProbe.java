package org.sgdmc.kernels;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.sgdmc.models.Activation;
import org.sgdmc.models.Datasets;
import org.sgdmc.models.RegressionData;
import org.sgdmc.models.TwoLayerNet;
import org.sgdmc.rng.VectorShapes;

/**
 * Runs a few small two-layer blocks and prints {@code lanes=N digest=HEX}, the SHA-256 of every snapshot's
 * raw bits. {@link TwoLayerWidthTest} runs it in JVMs forced to other vector widths and compares the digest
 * with the scalar twin's. Block widths are multiples of 8, so every shape (1 to 8 lanes) can run them; the
 * runs are tiny, since 512 bits may be emulated.
 */
public final class TwoLayerWidthProbe {
  private TwoLayerWidthProbe() {}

  static TwoLayerNet[] models() {
    RegressionData swish = Datasets.teacher(Activation.SWISH, 40, 0.1, 85, false);
    RegressionData tanh = Datasets.teacher(Activation.TANH, 40, 0.1, 6, false);
    return new TwoLayerNet[] {
      new TwoLayerNet(Activation.SWISH, swish, 0.8, 1, false, 0.09, -2.6, 0.1, 1e3),
      new TwoLayerNet(Activation.SWISH, swish, 0.5, 3, true, 0.3, 0.3, 0.0, 1e6),
      new TwoLayerNet(Activation.TANH, tanh, 2.5, 2, false, 0.6, 0.25, 0.2, 1e3),
    };
  }

  public static void main(String[] args) {
    System.out.println("lanes=" + VectorShapes.DOUBLES.length() + " digest=" + digest(false));
  }

  /** The digest of 16 trajectories x 60 steps of each model, by the vector kernel or the scalar twin. */
  static String digest(boolean scalar) {
    MessageDigest md = sha256();
    for (TwoLayerNet m : models()) {
      StateBlock b = scalar ? new TwoLayerNetScalarBlock(m, 11, 16) : new TwoLayerNetVectorBlock(m, 11, 16);
      b.start(8);
      b.advance(0, 25);
      b.advance(25, 60);
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
