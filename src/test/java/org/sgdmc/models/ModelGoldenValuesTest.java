package org.sgdmc.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.sgdmc.kernels.LinearDVectorBlock;
import org.sgdmc.kernels.Linreg1dVectorBlock;
import org.sgdmc.kernels.SaddleVectorBlock;
import org.sgdmc.kernels.StateBlock;
import org.sgdmc.kernels.TrajectoryBlock;
import org.sgdmc.kernels.TwoLayerNetVectorBlock;

/**
 * Golden values: the first outputs of every model's kernel for a fixed seed, pinned as exact bits, so that
 * an accidental change of a model's random stream, of its arithmetic or of a transcendental function is
 * caught even when it stays statistically invisible. A deliberate change updates these strings, and says
 * so in its commit. (The kernels' scalar twins are held to the same bits by the twin tests.)
 */
class ModelGoldenValuesTest {
  private static final long SEED = 20261123L;
  /** Trajectories pinned per observable: the block's first four (traj 3 .. 6), whatever the lane count. */
  private static final int PINNED = 4;
  /** The smallest block that holds them at this host's (or the forced) vector width. */
  private static final int WIDTH = org.sgdmc.rng.VectorShapes.DOUBLES.length() * ((PINNED + org.sgdmc.rng.VectorShapes.DOUBLES.length() - 1) / org.sgdmc.rng.VectorShapes.DOUBLES.length());

  static String observe(TrajectoryBlock b, long steps) {
    b.start(3);
    b.advance(0, steps);
    StringBuilder sb = new StringBuilder();
    double[] out = new double[b.width()];
    for (int k = 0; k < b.observables(); k++) {
      b.logDistance(k, out);
      for (int i = 0; i < PINNED; i++) {
        sb.append(Long.toHexString(Double.doubleToRawLongBits(out[i]))).append(' ');
      }
    }
    return sb.toString().trim();
  }

  static String observe(StateBlock b, long steps) {
    b.start(3);
    b.advance(0, steps);
    double[] out = new double[b.channels() * b.width()];
    b.snapshot(out);
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < b.channels(); c++) {
      for (int i = 0; i < PINNED; i++) {
        sb.append(Long.toHexString(Double.doubleToRawLongBits(out[c * b.width() + i]))).append(' ');
      }
    }
    return sb.toString().trim();
  }

  static void pin(String expected, Supplier<String> actual) {
    String got = actual.get();
    assertEquals(expected, got, "golden values changed; if deliberate, update to: " + got);
  }

  @Test
  void linreg1dGaussian() {
    pin(LINREG1D, () -> observe(new Linreg1dVectorBlock(
        new Linreg1d(0.7, 2, new FeatureData.Gaussian(), false, 1.0), SEED, WIDTH), 10));
  }

  @Test
  void linreg1dFiniteWithOutlier() {
    pin(LINREG1D_FINITE, () -> observe(new Linreg1dVectorBlock(
        new Linreg1d(0.3, 3, Datasets.gaussian(9, 4.0, 5), false, 1.0), SEED, WIDTH), 10));
  }

  @Test
  void saddleGaussian() {
    pin(SADDLE, () -> observe(new SaddleVectorBlock(
        new Saddle(1.1, 2, new SaddleData.Gaussian(0.06), false, 1.0, 0.5), SEED, WIDTH), 10));
  }

  @Test
  void saddleTwoPoint() {
    pin(SADDLE_TWO_POINT, () -> observe(new SaddleVectorBlock(
        new Saddle(0.9, 1, new SaddleData.TwoPoint(-0.5), false, 1.0, 0.5), SEED, WIDTH), 10));
  }

  @Test
  void linearD() {
    pin(LINEAR_D, () -> observe(new LinearDVectorBlock(
        new LinearD(0.3, 2, PointData.Gaussian.isotropic(3, 1.0), false, 2, 5), SEED, WIDTH), 10));
  }

  @Test
  void swish2() {
    RegressionData data = Datasets.teacher(Activation.SWISH, 20, 0.1, 7, false);
    pin(SWISH2, () -> observe(new TwoLayerNetVectorBlock(
        new TwoLayerNet(Activation.SWISH, data, 0.2, 1, false, 0.5, -1.0, 0.0, TwoLayerNet.DEFAULT_DIVERGED_ABOVE),
        SEED, WIDTH), 10));
  }

  static final String LINREG1D =
      "c019409d86275de0 c010e8684d7d4466 c03087c60be03ca9 c01082ebdf47bf2b";
  static final String LINREG1D_FINITE =
      "c011dc2f061a33f2 c00fd895e91dd8b7 c00c029bf20416c4 c0111c82c799f564";
  static final String SADDLE =
      "bfff2365d0244db2 c022d43bcc1c5502 40187ab477913a7a 3fffe967642b3e1e "
      + "c006fca074314640 40024d396f4fd4eb c00d4706a40d8d96 bff7f3bbdf21eba6";
  static final String SADDLE_TWO_POINT =
      "3ffdd8065742ecfa 3ffdd8065742ecf8 c008bf890d6eb2f4 3fe404807575b081 "
      + "c02a0b78792588b3 c02a0b78792588b3 c0029b41b458643d c024b24e7621acc9";
  static final String LINEAR_D =
      "bff91c2f41812ce0 c005d2b32a4fc09e c000aa8b457bc90a bff217155f1521ea "
      + "c013533fecd9868f c01438c688f92257 c011eefcd8b701b6 c00598e136c885bd";
  static final String SWISH2 =
      "3fd999d4d62ba956 3fcb154007026dc1 3fe1181f32c269b5 3fef090c824e1de8 "
      + "bfef21644e803c51 bfec4437fad42c22 bff0c6e5e77531b4 bff4fd1c32fb6688 "
      + "bff0000000000000 bff0000000000000 bff0000000000000 bff0000000000000";
}
