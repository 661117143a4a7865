package org.sgdmc.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdmc.models.LabelledData;
import org.sgdmc.models.Linreg1dTails;
import org.sgdmc.models.NoiseModel;
import org.sgdmc.rng.VectorShapes;

/**
 * The off-interpolation linreg1d kernel and its scalar twin agree bit for bit on u and on the factor
 * product, for every noise model, stream and finite data, with and without replacement, stable and
 * divergent learning rates, however the steps are split; and a trajectory's values do not depend on the block.
 */
class Linreg1dTailsTwinTest {
  private static final int LANES = VectorShapes.DOUBLES.length();

  static Stream<Arguments> models() {
    LabelledData stream = new LabelledData.Stream(0.5);
    LabelledData finite = LabelledData.Finite.generated(40, 1.0, 0.7, 3);
    return Stream.of(
        Arguments.of(Linreg1dTails.minibatch(0.5, 1, stream, true)),
        Arguments.of(Linreg1dTails.minibatch(1.3, 3, stream, true)),
        Arguments.of(Linreg1dTails.minibatch(5.0, 1, stream, true)), // divergent: lambda > 0
        Arguments.of(Linreg1dTails.minibatch(0.8, 1, finite, true)),
        Arguments.of(Linreg1dTails.minibatch(0.8, 5, finite, false)),
        Arguments.of(Linreg1dTails.minibatch(0.8, 40, finite, false)),
        Arguments.of(noise(NoiseModel.GAUSSIAN, 0.9, 2, stream, true)),
        Arguments.of(noise(NoiseModel.GAUSSIAN, 0.6, 4, finite, false)),
        Arguments.of(noise(NoiseModel.GAUSSIAN, 3.0, 1, stream, true)),
        Arguments.of(noise(NoiseModel.GAUSSIAN_CONSTANT, 0.9, 1, stream, true)),
        Arguments.of(noise(NoiseModel.GAUSSIAN_CONSTANT, 0.4, 2, finite, true)),
        Arguments.of(new Linreg1dTails(0.5, 1, stream, true, NoiseModel.STABLE, 1.5, Double.NaN)),
        Arguments.of(new Linreg1dTails(0.8, 3, finite, false, NoiseModel.STABLE, 0.7, 0.3)),
        Arguments.of(new Linreg1dTails(2.5, 1, stream, true, NoiseModel.STABLE, 1.0, Double.NaN)),
        // reshuffled: 13 batches an epoch and one point left out (the cuts fall mid-epoch), and S = 1
        Arguments.of(new Linreg1dTails(0.8, 3, finite, org.sgdmc.models.Sampling.RESHUFFLE, NoiseModel.MINIBATCH,
            Double.NaN, Double.NaN)),
        Arguments.of(new Linreg1dTails(0.8, 1, finite, org.sgdmc.models.Sampling.RESHUFFLE, NoiseModel.MINIBATCH,
            Double.NaN, Double.NaN)));
  }

  static Linreg1dTails noise(NoiseModel m, double lr, int s, LabelledData data, boolean replace) {
    return new Linreg1dTails(lr, s, data, replace, m, Double.NaN, Double.NaN);
  }

  @ParameterizedTest
  @MethodSource("models")
  void vectorBlockEqualsScalarTwinBitForBit(Linreg1dTails model) {
    int width = 3 * LANES;
    long seed = 0x7a11L, traj0 = 12_345;
    long[] cuts = {0, 1, 2, 7, 40, 41, 100, 333, 1200};
    StateBlock vector = new Linreg1dTailsVectorBlock(model, seed, width);
    StateBlock scalar = new Linreg1dTailsScalarBlock(model, seed, width);
    vector.start(traj0);
    scalar.start(traj0);
    double[] v = new double[3 * width], s = new double[3 * width];
    for (int c = 1; c < cuts.length; c++) {
      vector.advance(cuts[c - 1], cuts[c]);
      scalar.advance(cuts[c - 1], cuts[c]);
      vector.snapshot(v);
      scalar.snapshot(s);
      for (int i = 0; i < v.length; i++) {
        assertEquals(Double.doubleToLongBits(s[i]), Double.doubleToLongBits(v[i]),
            () -> "channel value differs after the cut at " + java.util.Arrays.toString(cuts));
        assertFalse(Double.isNaN(v[i]), "NaN in a snapshot");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void aTrajectoryDoesNotDependOnItsBlock(Linreg1dTails model) {
    long seed = 42;
    StateBlock wide = new Linreg1dTailsVectorBlock(model, seed, 4 * LANES);
    wide.start(0);
    wide.advance(0, 97);
    double[] all = new double[3 * 4 * LANES];
    wide.snapshot(all);
    StateBlock narrow = new Linreg1dTailsVectorBlock(model, seed, LANES);
    narrow.start(2L * LANES);
    narrow.advance(0, 50);
    narrow.advance(50, 97);
    double[] part = new double[3 * LANES];
    narrow.snapshot(part);
    for (int c = 0; c < 3; c++) {
      for (int j = 0; j < LANES; j++) {
        assertEquals(all[c * 4 * LANES + 2 * LANES + j], part[c * LANES + j], 0.0);
      }
    }
  }
}
