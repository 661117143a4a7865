package org.sgdmc.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sgdmc.models.GrokData;
import org.sgdmc.models.GrokLinreg;
import org.sgdmc.rng.VectorShapes;
import org.sgdmc.stats.SpectralSignature;

/**
 * The streamed signature equals the one computed from the stored loss curve: the curve recomputed here from each
 * trajectory's weights, step by step ({@code |X w - y|^2 / (2n)} by plain loops, not the kernel's loss), its
 * features by {@link SpectralSignature#featuresOfCurve} (explicit difference arrays, two-pass variances). And the
 * wrapped vector kernel equals the wrapped scalar twin bit for bit, however the steps are split.
 */
class LossSignatureBlockTest {
  static final int K = 50;

  @Test
  void streamingEqualsTheStoredCurve() {
    GrokData data = GrokData.generate(8, 20, 0.1, 3);
    GrokLinreg model = new GrokLinreg(data, 0.05, 0.02, 2.0, 3, false, 1e-3, 0.5);
    int width = 4;
    LossSignatureBlock wrapped = new LossSignatureBlock(new GrokLinregScalarBlock(model, 9, width), K, 0);
    wrapped.start(16);
    wrapped.advance(0, 7);
    wrapped.advance(7, 300);
    double[] out = new double[wrapped.channels() * width];
    wrapped.snapshot(out);

    GrokLinregScalarBlock plain = new GrokLinregScalarBlock(model, 9, width);
    plain.start(16);
    double[][] curve = new double[width][K];
    for (int t = 0; t < K; t++) {
      for (int i = 0; i < width; i++) {
        curve[i][t] = loss(data, plain.weights(i));
      }
      plain.advance(t, t + 1);
    }
    int base = GrokLinregScalarBlock.CHANNELS;
    for (int i = 0; i < width; i++) {
      double[] s = new double[LossSignatureBlock.SUMS];
      for (int k = 0; k < s.length; k++) {
        s[k] = out[(base + k) * width + i];
      }
      assertEquals(K, s[0], 0, "samples");
      double[] streamed = new SpectralSignature((long) s[0], s[1], s[2], s[3], s[4], s[5], s[6]).features();
      double[] stored = SpectralSignature.featuresOfCurve(curve[i], K);
      for (int f = 0; f < stored.length; f++) {
        assertEquals(stored[f], streamed[f], 1e-9 * Math.abs(stored[f]), SpectralSignature.NAMES[f] + " of " + i);
      }
    }
  }

  static double loss(GrokData data, double[] w) {
    double sum = 0;
    for (int m = 0; m < data.n(); m++) {
      double r = -data.y()[m];
      for (int c = 0; c < data.d(); c++) {
        r += data.x()[m * data.d() + c] * w[c];
      }
      sum += r * r;
    }
    return sum / (2 * data.n());
  }

  @Test
  void vectorAndScalarWrappedAgreeBitForBit() {
    GrokData data = GrokData.generate(8, 20, 0.1, 3);
    GrokLinreg gd = new GrokLinreg(data, 0.05, 0.02, 2.0, 8, false, 1e-3, 0.5);
    GrokLinreg sgd = new GrokLinreg(data, 0.05, 0.02, 2.0, 2, true, 1e-3, 0.5);
    int width = 2 * VectorShapes.DOUBLES.length();
    for (GrokLinreg m : new GrokLinreg[] {gd, sgd}) {
      LossSignatureBlock v = new LossSignatureBlock(new GrokLinregVectorBlock(m, 4, width), K, 0);
      LossSignatureBlock s = new LossSignatureBlock(new GrokLinregScalarBlock(m, 4, width), K, 0);
      v.start(0);
      s.start(0);
      v.advance(0, 200);
      s.advance(0, 13);
      s.advance(13, 49);
      s.advance(49, 200);
      double[] a = new double[v.channels() * width], b = new double[s.channels() * width];
      v.snapshot(a);
      s.snapshot(b);
      assertArrayEquals(b, a, m.toString());
    }
  }

  @Test
  void aWindowBelowThreeIsRefused() {
    GrokData data = GrokData.generate(8, 20, 0.1, 3);
    GrokLinreg gd = new GrokLinreg(data, 0.05, 0.02, 2.0, 8, false, 1e-3, 0.5);
    assertThrows(IllegalArgumentException.class,
        () -> new LossSignatureBlock(new GrokLinregScalarBlock(gd, 4, 4), 2, 0));
  }
}
