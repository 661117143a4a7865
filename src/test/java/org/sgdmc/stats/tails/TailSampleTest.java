package org.sgdmc.stats.tails;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Preparing a sample: the sort, the sides, the region's logs and cluster slots. */
class TailSampleTest {
  @Test
  void radixSortSortsLikeArraysSortAndCarriesThePayload() {
    SplittableRandom r = new SplittableRandom(1);
    for (int n : new int[] {0, 1, 2, 13, 1000, 100_003}) {
      double[] a = new double[n];
      for (int i = 0; i < n; i++) {
        a[i] = switch (i % 5) {
          case 0 -> 0.0;
          case 1 -> Double.MIN_VALUE * r.nextInt(100); // subnormals
          case 2 -> Math.pow(1 - r.nextDouble(), -3); // huge
          case 3 -> Math.floor(r.nextDouble() * 10); // ties
          default -> r.nextDouble();
        };
      }
      double[] expected = a.clone();
      Arrays.sort(expected);
      int[] payload = new int[n];
      for (int i = 0; i < n; i++) {
        payload[i] = i;
      }
      double[] original = a.clone();
      RadixSort.sort(a, payload);
      assertArrayEquals(expected, a);
      for (int i = 0; i < n; i++) {
        assertEquals(a[i], original[payload[i]]);
        if (i > 0 && a[i] == a[i - 1]) {
          assertEquals(true, payload[i] > payload[i - 1], "stable");
        }
      }
    }
  }

  @Test
  void sidesSelectTheMagnitudes() {
    assertEquals(2.0, TailSide.ABSOLUTE.magnitude(-2));
    assertEquals(0.0, TailSide.POSITIVE.magnitude(-2));
    assertEquals(2.0, TailSide.NEGATIVE.magnitude(-2));
    assertEquals(3.0, TailSide.POSITIVE.magnitude(3));
    assertEquals(0.0, TailSide.NEGATIVE.magnitude(3));
    // +0.0, never -0.0: the sort orders bit patterns
    assertEquals(0L, Double.doubleToRawLongBits(TailSide.ABSOLUTE.magnitude(-0.0)));
    assertEquals(0L, Double.doubleToRawLongBits(TailSide.NEGATIVE.magnitude(0.0)));
    assertEquals(0L, Double.doubleToRawLongBits(TailSide.POSITIVE.magnitude(-0.0)));
  }

  @Test
  void regionHoldsTheTopOfTheSampleWithLogsFromItsBottom() {
    double[] x = {-8, 0, 1, Double.POSITIVE_INFINITY, 4, -2, 0.5, 0, 16, -0.25};
    TailSample s = TailSample.prepare(x, 10, TailFitOptions.defaults().withKRange(2, 4));
    assertEquals(10, s.n());
    assertEquals(9, s.finite());
    assertEquals(1, s.diverged());
    assertEquals(7, s.positive());
    assertEquals(4, s.kMax());
    assertArrayEquals(new double[] {16, 8, 4, 2, 1}, new double[] {s.largest(0), s.largest(1), s.largest(2),
        s.largest(3), s.largest(4)});
    assertArrayEquals(new double[] {4 * Math.log(2), 3 * Math.log(2), 2 * Math.log(2), Math.log(2), 0},
        s.logs(), 1e-15);
    assertEquals(0.25, s.smallestPositive());
    assertEquals(3, s.countAtLeast(4));
    assertEquals(9, s.countAtLeast(0));
    assertNull(s.slots());
    // kMax defaults to half the finite samples, and is capped below the positive ones
    assertEquals(4, TailSample.prepare(x, 10, TailFitOptions.defaults().withKRange(2, 0)).kMax());
    assertEquals(6, TailSample.prepare(x, 10, TailFitOptions.defaults().withKRange(2, 100)).kMax());
  }

  @Test
  void clustersAreNumberedDenselyFromTheTop() {
    // 3 trajectories x 4 records, row-major by time: sample i belongs to trajectory i % 3
    double[] x = {1, 50, 2, 3, 40, 4, 5, 30, 6, 100, 20, 7};
    TailSample s = TailSample.prepare(x, 3, TailFitOptions.defaults().withKRange(2, 5));
    // from the top: 100 (i 9, traj 0), 50 (traj 1), 40 (traj 1), 30 (traj 1), 20 (traj 1), 7 (i 11, traj 2)
    assertArrayEquals(new int[] {0, 1, 1, 1, 1, 2}, s.slots());
    assertEquals(3, s.slotCount());
    assertEquals(3, WeightedThresholdSearch.slotsUsed(s, 5));
    assertEquals(2, WeightedThresholdSearch.slotsUsed(s, 4));
  }
}
