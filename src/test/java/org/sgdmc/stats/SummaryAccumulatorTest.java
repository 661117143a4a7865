package org.sgdmc.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The streaming summary agrees with the exact one computed from every stored value: counts and fractions
 * exactly, mean and standard error to rounding, the log mean square to a few ulp, quantiles within one
 * histogram bin; and it is the same, bit for bit, however the values were split and merged.
 */
class SummaryAccumulatorTest {
  private static final double[] LEVELS = {0.0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1.0};
  private static final double[] EPS = {1e-1, 1e-3, 1e-6};
  private static final SummaryAccumulator.Spec SPEC = new SummaryAccumulator.Spec(LEVELS, EPS, 1e100);

  private static double[] logs(long seed, int n) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] l = new double[n];
    for (int i = 0; i < n; i++) {
      l[i] = i % 97 == 0 ? Double.NEGATIVE_INFINITY : i % 89 == 0 ? 300 + rnd.nextDouble() : -12 + 6 * rnd.nextGaussian();
    }
    return l;
  }

  @Test
  void agreesWithTheSummaryOfStoredValues() {
    double[] l = logs(5, 100_000);
    SummaryAccumulator acc = new SummaryAccumulator(SPEC);
    for (double v : l) {
      acc.add(v);
    }
    EnsembleSummary streamed = acc.summary();
    EnsembleSummary stored = EnsembleSummary.of(l, LEVELS, EPS, 1e100);
    assertEquals(stored.count(), streamed.count());
    assertEquals(stored.fractionExact(), streamed.fractionExact());
    assertArrayEquals(stored.fractionWithin(), streamed.fractionWithin());
    assertEquals(stored.fractionDiverged(), streamed.fractionDiverged());
    assertEquals(stored.mean(), streamed.mean(), 1e-12 * Math.abs(stored.mean()));
    assertEquals(stored.stderr(), streamed.stderr(), 1e-9 * stored.stderr());
    assertEquals(stored.logMeanSquare(), streamed.logMeanSquare(), 1e-12 * Math.abs(stored.logMeanSquare()));
    for (int i = 0; i < LEVELS.length; i++) {
      double q = stored.quantiles()[i];
      double bin = Math.max(1.0 / 256, Math.abs(q) / 256);
      assertEquals(q, streamed.quantiles()[i], bin, "level " + LEVELS[i]);
    }
  }

  @Test
  void splittingAndMergingGivesTheSameBits() {
    double[] l = logs(6, 30_000);
    SummaryAccumulator whole = new SummaryAccumulator(SPEC);
    for (double v : l) {
      whole.add(v);
    }
    SummaryAccumulator a = new SummaryAccumulator(SPEC), b = new SummaryAccumulator(SPEC);
    for (int i = l.length - 1; i >= 0; i--) {
      (i % 3 == 0 ? a : b).add(l[i]);
    }
    b.merge(a);
    EnsembleSummary x = whole.summary(), y = b.summary();
    assertEquals(Double.doubleToRawLongBits(x.mean()), Double.doubleToRawLongBits(y.mean()));
    assertEquals(Double.doubleToRawLongBits(x.stderr()), Double.doubleToRawLongBits(y.stderr()));
    assertEquals(Double.doubleToRawLongBits(x.logMeanSquare()), Double.doubleToRawLongBits(y.logMeanSquare()));
    assertArrayEquals(x.quantiles(), y.quantiles());
  }

  @Test
  void allAtTheMinimumIsMinusInfinityNotNan() {
    SummaryAccumulator acc = new SummaryAccumulator(SPEC);
    for (int i = 0; i < 10; i++) {
      acc.add(Double.NEGATIVE_INFINITY);
    }
    EnsembleSummary s = acc.summary();
    assertEquals(1.0, s.fractionExact());
    assertEquals(Double.NEGATIVE_INFINITY, s.logMeanSquare());
    assertTrue(Double.isNaN(s.mean()));
    assertEquals(Double.NEGATIVE_INFINITY, s.quantiles()[4]);
  }

  @Test
  void histogramQuantileIsExactForValuesOnBinCentresAndInterpolatesLikeNumpy() {
    LogHistogram h = new LogHistogram();
    for (double v : new double[] {-3.0, 0.5, 2.0, 1e6, Double.POSITIVE_INFINITY}) {
      h.add(v);
    }
    assertEquals(Double.POSITIVE_INFINITY, h.quantile(1.0));
    assertEquals(0.5, h.quantile(0.25), 1.0 / 256);
    assertEquals(1.25, h.quantile(0.375), 2.0 / 256); // halfway between 0.5 and 2
    assertEquals(-3.0, h.quantile(0.0), 3.0 / 256);
  }

  @Test
  void aQuantileInsideABinIsInterpolatedNotSnappedToAnEdge() {
    LogHistogram h = new LogHistogram();
    double low = 128 / 256.0, width = 1 / 256.0; // one bin, [0.5, 0.50390625)
    for (int i = 0; i < 1000; i++) {
      h.add(low + (i + 0.5) / 1000 * width); // spread evenly over it
    }
    assertEquals(low + width / 2, h.quantile(0.5), width / 1000);
    assertEquals(low + width / 10, h.quantile(0.1), width / 500);
  }
}
