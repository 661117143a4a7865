package org.sgdmc.stats.tails;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The threshold searches: Hill from prefix sums, the weighted search against the unweighted one and against
 * brute force, and the grid.
 */
class ThresholdSearchTest {
  private static final TailFitOptions OPTIONS = TailFitOptions.defaults();

  @Test
  void hillFromPrefixSumsIsTheDefinition() {
    double[] x = Samples.pareto(10_000, 1.7, 1, true);
    TailSample s = TailSample.prepare(x, x.length, OPTIONS);
    int[] ks = {1, 2, 3, 4, 5, 7, 50, 999, 1000, 1001, 5000};
    int[] moments = {2, 3, 4, 5, 7, 50, 999, 1000, 1001, 5000}; // k = 1 has M_2 = M_1^2: undefined
    double[] alpha = HillEstimator.alphas(s, ks);
    for (int g = 0; g < ks.length; g++) {
      int k = ks[g];
      double sum = 0;
      for (int i = 0; i < k; i++) {
        sum += Math.log(s.largest(i)) - Math.log(s.largest(k));
      }
      assertEquals(k / sum, alpha[g], 1e-12 * alpha[g], "k = " + k);
    }
    assertTrue(Double.isNaN(MomentEstimator.gammas(s, new int[] {1})[0]));
    double[] gamma = MomentEstimator.gammas(s, moments);
    for (int g = 0; g < moments.length; g++) {
      int k = moments[g];
      double m1 = 0;
      double m2 = 0;
      for (int i = 0; i < k; i++) {
        double d = Math.log(s.largest(i)) - Math.log(s.largest(k));
        m1 += d / k;
        m2 += d * d / k;
      }
      assertEquals(m1 + 1 - 0.5 / (1 - m1 * m1 / m2), gamma[g], 1e-9, "k = " + k);
    }
  }

  @Test
  void gridIsGeometricWithBothEnds() {
    int[] grid = KGrid.geometric(50, 100_000, 1.02);
    assertEquals(50, grid[0]);
    assertEquals(100_000, grid[grid.length - 1]);
    for (int g = 1; g < grid.length; g++) {
      assertTrue(grid[g] > grid[g - 1]);
      if (g < grid.length - 1) {
        assertTrue(grid[g] <= Math.max(grid[g - 1] + 1, Math.round(grid[g - 1] * 1.02)));
      }
    }
    // about ln(2000) / ln(1.02) = 384 points, plus the unit steps at the start where 2% rounds to 0 or 1
    assertTrue(grid.length > 380 && grid.length < 420, "" + grid.length);
    assertArrayEquals(new int[] {5, 6, 7}, KGrid.geometric(5, 7, 1.05));
    assertArrayEquals(new int[] {7}, KGrid.geometric(7, 7, 1.05));
    assertArrayEquals(new int[] {60, 70}, KGrid.within(new int[] {50, 60, 70, 80}, 55, 75));
  }

  @Test
  void weightedSearchWithUnitWeightsIsTheDataSearchToTheBit() {
    for (long seed = 1; seed <= 3; seed++) {
      double[] x = Samples.exponentialBulkParetoTail(30_000, 0.3, 10, 1.4, seed);
      TailSample s = TailSample.prepare(x, x.length, OPTIONS);
      int[] grid = KGrid.geometric(OPTIONS.kMin(), s.kMax(), OPTIONS.gridRatio());
      ThresholdChoice data = ThresholdScan.of(s, grid).choice();
      int[] ones = new int[s.kMax() + 1];
      Arrays.fill(ones, 1);
      WeightedThresholdSearch w = new WeightedThresholdSearch(s, grid, s.kMax());
      ThresholdChoice weighted = w.search(ones);
      assertEquals(data.k(), weighted.k());
      assertEquals(Double.doubleToRawLongBits(data.alpha()), Double.doubleToRawLongBits(weighted.alpha()));
      assertEquals(Double.doubleToRawLongBits(data.ks()), Double.doubleToRawLongBits(weighted.ks()));
      assertEquals(data.xmin(), weighted.xmin());
    }
  }

  @Test
  void weightedSearchIsTheExhaustiveSearchOverTheReplicate() {
    // Random weights 0..3: the pruned, bound-ordered search must pick the lexicographic minimum of
    // (exact KS distance, k) over every grid k, with the same alpha and distance to the bit.
    SplittableRandom r = new SplittableRandom(9);
    double[] x = Samples.studentT(20_000, 3, 4);
    TailSample s = TailSample.prepare(x, x.length, OPTIONS);
    int[] grid = KGrid.geometric(OPTIONS.kMin(), s.kMax(), 1.05);
    WeightedThresholdSearch search = new WeightedThresholdSearch(s, grid, s.kMax());
    for (int trial = 0; trial < 20; trial++) {
      int[] counts = new int[s.kMax() + 1];
      for (int i = 0; i < counts.length; i++) {
        counts[i] = r.nextInt(trial % 2 == 0 ? 4 : 2);
      }
      ThresholdChoice got = search.search(counts);
      ThresholdChoice expected = exhaustive(s, grid, counts);
      assertEquals(expected.k(), got.k(), "trial " + trial);
      assertEquals(Double.doubleToRawLongBits(expected.alpha()), Double.doubleToRawLongBits(got.alpha()));
      assertEquals(Double.doubleToRawLongBits(expected.ks()), Double.doubleToRawLongBits(got.ks()));
    }
  }

  @Test
  void weightedSearchEqualsTheDataSearchOnTheExpandedReplicate() {
    // A replicate written out (point i repeated c_i times) and searched as data: the same k, and alpha
    // and the distance equal up to the rounding of sums taken in another order.
    SplittableRandom r = new SplittableRandom(12);
    double[] x = Samples.pareto(8_000, 2.5, 8, false);
    TailSample s = TailSample.prepare(x, x.length, OPTIONS.withKRange(20, 0));
    int[] counts = new int[s.kMax() + 1];
    double[] expanded = new double[3 * x.length];
    int size = 0;
    for (int i = 0; i <= s.kMax(); i++) {
      counts[i] = r.nextInt(3);
      for (int c = 0; c < counts[i]; c++) {
        expanded[size++] = s.largest(i);
      }
    }
    for (int i = s.kMax() + 1; i < s.finite(); i++) { // the rest, once each, below the region
      expanded[size++] = s.largest(i);
    }
    TailSample e = TailSample.prepare(Arrays.copyOf(expanded, size), size, OPTIONS.withKRange(20, s.kMax()));
    int[] grid = KGrid.geometric(20, s.kMax(), 1.02);
    ThresholdChoice asData = ThresholdScan.of(e, grid).choice();
    ThresholdChoice weighted = new WeightedThresholdSearch(s, grid, s.kMax()).search(counts);
    assertEquals(asData.k(), weighted.k());
    assertEquals(asData.xmin(), weighted.xmin());
    assertEquals(asData.alpha(), weighted.alpha(), 1e-12 * asData.alpha());
    assertEquals(asData.ks(), weighted.ks(), 1e-12);
  }

  @Test
  void aTailOfTiesCannotBeFitted() {
    // one 5, then 499 threes, then ones: any k below 499 has only threes between the top point and xmin
    double[] x = new double[1000];
    Arrays.fill(x, 1.0);
    Arrays.fill(x, 1, 500, 3.0);
    x[0] = 5;
    TailSample s = TailSample.prepare(x, x.length, OPTIONS.withKRange(2, 0));
    int[] grid = KGrid.geometric(2, 400, 1.5);
    assertTrue(HillEstimator.alphas(s, new int[] {5})[0] > 0); // the 5 makes the tail non-degenerate
    // without it (a replicate that did not draw it) every candidate is a run of ties
    int[] counts = new int[s.kMax() + 1];
    Arrays.fill(counts, 1);
    counts[0] = 0;
    assertNull(new WeightedThresholdSearch(s, grid, s.kMax()).search(counts));
    counts[0] = 2;
    assertNotNull(new WeightedThresholdSearch(s, grid, s.kMax()).search(counts));
    // and data made of ties only
    double[] flat = new double[1000];
    Arrays.fill(flat, 0, 600, 3.0);
    TailSample f = TailSample.prepare(flat, flat.length, OPTIONS.withKRange(2, 0));
    assertTrue(Double.isNaN(HillEstimator.alphas(f, new int[] {5})[0]));
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> ThresholdScan.of(f, new int[] {2, 3, 400}));
    assertTrue(e.getMessage().contains("tie"), e.getMessage());
  }

  /** The definition: every grid k of the replicate, exact distance, smallest (D, k). */
  private static ThresholdChoice exhaustive(TailSample s, int[] grid, int[] counts) {
    double[] l = s.logs();
    int[] prefix = new int[l.length + 1];
    for (int i = 0; i < l.length; i++) {
      prefix[i + 1] = prefix[i] + counts[i];
    }
    int first = 0;
    while (counts[first] == 0) {
      first++;
    }
    ThresholdChoice best = null;
    for (int k : grid) {
      if (k >= prefix[l.length]) {
        break;
      }
      int t = 0;
      while (prefix[t + 1] <= k) {
        t++;
      }
      if (l[first] == l[t]) {
        continue;
      }
      double a0 = 0, a1 = 0, a2 = 0, a3 = 0; // the documented order of additions
      for (int i = 0; i < t; i++) {
        double v = counts[i] * l[i];
        switch (i & 3) {
          case 0 -> a0 += v;
          case 1 -> a1 += v;
          case 2 -> a2 += v;
          default -> a3 += v;
        }
      }
      double alpha = HillEstimator.alpha(k, (a0 + a1) + (a2 + a3), prefix[t], l[t]);
      double d = KsDistance.bruteForce(l, prefix, t, k, alpha);
      if (best == null || d < best.ks()) {
        best = new ThresholdChoice(k, s.largest(t), alpha, d);
      }
    }
    return best;
  }
}
