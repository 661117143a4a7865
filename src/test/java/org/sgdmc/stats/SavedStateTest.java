package org.sgdmc.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What a shard file or a checkpoint holds: an accumulator saved and added back into another is the same as
 * the two having seen all the values together, exactly, whatever the split; and damage is detected.
 */
class SavedStateTest {
  private static final SummaryAccumulator.Spec SPEC =
      new SummaryAccumulator.Spec(new double[] {0.01, 0.5, 0.99}, new double[] {1e-3, 1e-9}, 1e300);

  /** Log-distances of every kind: ordinary, far beyond the double range of e^(2l), exactly at the minimum, diverged. */
  private static double[] values(int n, long seed) {
    Random r = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = switch (i % 7) {
        case 0 -> Double.NEGATIVE_INFINITY;
        case 1 -> 1e6 * r.nextGaussian();
        case 2 -> Double.POSITIVE_INFINITY;
        default -> 30 * r.nextGaussian();
      };
    }
    return v;
  }

  private interface Saver {
    void save(DataOutputStream out) throws IOException;
  }

  private static DataInputStream saved(Saver s) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      s.save(out);
    }
    return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
  }

  @Test
  void aSummarySplitSavedAndAddedBackIsTheWholeSummary() throws IOException {
    double[] v = values(5000, 1);
    SummaryAccumulator whole = new SummaryAccumulator(SPEC);
    whole.addAll(v, v.length);
    SummaryAccumulator merged = new SummaryAccumulator(SPEC);
    for (int[] cut : new int[][] {{0, 1234}, {1234, 1235}, {1235, 5000}}) {
      SummaryAccumulator part = new SummaryAccumulator(SPEC);
      double[] piece = Arrays.copyOfRange(v, cut[0], cut[1]);
      part.addAll(piece, piece.length);
      merged.addSaved(saved(part::save));
    }
    assertEquals(Arrays.toString(flat(whole.summary())), Arrays.toString(flat(merged.summary())));
  }

  @Test
  void exactSumsAndMeansComeBackExactly() throws IOException {
    double[] v = values(3000, 2);
    MeanAccumulator whole = new MeanAccumulator(), merged = new MeanAccumulator();
    ExactSum sum = ExactSum.unbounded(), sumMerged = ExactSum.unbounded();
    double[] finite = Arrays.stream(v).filter(Double::isFinite).toArray();
    for (double x : finite) {
      whole.add(x);
      sum.addExp(x);
    }
    for (int start = 0; start < finite.length; start += 700) {
      MeanAccumulator part = new MeanAccumulator();
      ExactSum partSum = ExactSum.unbounded();
      for (int i = start; i < Math.min(finite.length, start + 700); i++) {
        part.add(finite[i]);
        partSum.addExp(finite[i]);
      }
      merged.addSaved(saved(part::save));
      sumMerged.addSaved(saved(partSum::save));
    }
    assertEquals(whole.result(), merged.result());
    assertEquals(sum.exact(), sumMerged.exact());
    assertEquals(sum.terms(), sumMerged.terms());
  }

  @Test
  void aHistogramWhoseCountsDoNotAddUpIsRefused() throws IOException {
    LogHistogram h = new LogHistogram();
    h.add(1.5);
    h.add(-2);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      h.save(out);
    }
    byte[] b = bytes.toByteArray();
    b[7] ^= 1; // the total, last byte: 2 -> 3
    LogHistogram target = new LogHistogram();
    IOException e = assertThrows(IOException.class,
        () -> target.addSaved(new DataInputStream(new ByteArrayInputStream(b))));
    assertEquals("damaged saved histogram: counts add to 2, not 3", e.getMessage());
  }

  @Test
  void aSummaryWithOtherEpsilonsIsRefused() throws IOException {
    SummaryAccumulator one = new SummaryAccumulator(new SummaryAccumulator.Spec(new double[] {0.5}, new double[] {1e-3},
        1e300));
    one.add(0.25);
    DataInputStream in = saved(one::save);
    assertThrows(IOException.class, () -> new SummaryAccumulator(SPEC).addSaved(in));
  }

  private static double[] flat(EnsembleSummary s) {
    double[] head = {s.count(), s.fractionExact(), s.mean(), s.stderr(), s.logMeanSquare(), s.fractionDiverged()};
    double[] out = Arrays.copyOf(head, head.length + s.quantiles().length + s.fractionWithin().length);
    System.arraycopy(s.quantiles(), 0, out, head.length, s.quantiles().length);
    System.arraycopy(s.fractionWithin(), 0, out, head.length + s.quantiles().length, s.fractionWithin().length);
    return out;
  }
}
