package org.sgdmc.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdmc.models.TwoTimescale;
import org.sgdmc.models.TwoTimescaleData;
import org.sgdmc.rng.VectorShapes;

/**
 * The two-timescale vector kernel and its scalar twin agree bit for bit over runs long enough that every regime path
 * runs (t1, t3, steps above the band, a running minimum that falls and a rise that grows), for both couplings, full
 * batch and minibatches with and without replacement, however the steps are cut. The test also asserts that those
 * paths did run, so that it cannot pass on trajectories that never leave their start.
 */
class TwoTimescaleTwinTest {
  static Stream<Arguments> models() {
    TwoTimescaleData lin = TwoTimescaleData.generate(TwoTimescale.Coupling.LINEAR, 12, 8, 2, 3.0, 1.0, 0.5, 3);
    TwoTimescaleData quad = TwoTimescaleData.generate(TwoTimescale.Coupling.QUADRATIC, 12, 6, 2, 3.0, 1.0, 0.3, 4);
    return Stream.of(
        Arguments.of(new TwoTimescale(lin, 0.3, 0.05, 12, false, 0.5, 0.1, 1.2)),
        Arguments.of(new TwoTimescale(lin, 0.3, 0.05, 1, false, 0.5, 0.1, 1.2)),
        Arguments.of(new TwoTimescale(lin, 0.3, 0.04, 5, true, 0.5, 0.1, 1.2)),
        Arguments.of(new TwoTimescale(quad, 0.5, 0.05, 3, false, 0.5, 0.1, 1.2)),
        Arguments.of(new TwoTimescale(quad, 0.5, 0.05, 12, false, 0.5, 0.1, 1.2)));
  }

  @ParameterizedTest
  @MethodSource("models")
  void vectorBlockEqualsScalarTwinBitForBitThroughEveryRegime(TwoTimescale model) {
    // the same 16 trajectories at every vector width (the smallest multiple of the lanes that holds them), so the
    // paths asserted below run whatever the ISA: 2 x lanes gave 8 trajectories at 256 bits, none of which rose
    int lanes = VectorShapes.DOUBLES.length();
    int width = lanes * ((16 + lanes - 1) / lanes);
    long seed = 0x5eed_0000_13L;
    long[] cuts = {0, 1, 5, 64, 65, 200, 1000, 3000, 6000};
    StateBlock vector = new TwoTimescaleVectorBlock(model, seed, width);
    StateBlock scalar = new TwoTimescaleScalarBlock(model, seed, width);
    int ch = TwoTimescaleScalarBlock.CHANNELS;
    vector.start(77);
    scalar.start(77);
    double[] v = new double[ch * width], s = new double[ch * width];
    for (int c = 1; c < cuts.length; c++) {
      vector.advance(cuts[c - 1], cuts[c]);
      scalar.advance(cuts[c - 1], cuts[c]);
      vector.snapshot(v);
      scalar.snapshot(s);
      for (int k = 0; k < v.length; k++) {
        assertEquals(Double.doubleToRawLongBits(s[k]), Double.doubleToRawLongBits(v[k]),
            "channel " + k / width + ", trajectory " + k % width + ", after step " + cuts[c]);
      }
    }
    int t1 = 0, t3 = 0, above = 0, rise = 0;
    for (int i = 0; i < width; i++) {
      t1 += s[4 * width + i] < Double.POSITIVE_INFINITY && s[4 * width + i] > 0 ? 1 : 0;
      t3 += s[5 * width + i] < Double.POSITIVE_INFINITY ? 1 : 0;
      above += s[6 * width + i] > 0 ? 1 : 0;
      rise += s[9 * width + i] > Double.NEGATIVE_INFINITY ? 1 : 0;
    }
    assertTrue(t1 > 0 && t3 > 0 && rise > 0, "every path ran: t1 " + t1 + ", t3 " + t3 + ", rise " + rise);
    if (model.batch() <= 3) { // batches of 1 and 3: noisy enough to go back above the band after t1
      assertTrue(above > 0, "some small-batch trajectory went back above the band");
    }
  }
}
