package org.sgdmc.stats.tails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The pruned KS distance is the plain loop's maximum, to the bit, and the plain loop is the KS distance. */
class KsDistanceTest {
  private static final TailFitOptions WIDE = TailFitOptions.defaults().withKRange(2, 0);

  @Test
  void plainLoopIsTheSupremumOfTheDistanceBetweenTheTwoLaws() {
    // y = 8, 4, 4, 2 above xmin = 1 (k = 4, with a tie), alpha = 1: S = 1/8, 1/4, 1/4, 1/2. The empirical
    // survival function P(Y >= y) is 1/4 at 8, 3/4 at 4, 1 at 2; the supremum of |S_emp - S| over y in
    // [1, inf) is attained at a jump: just above 4 the empirical value is 1/4, the fitted one 1/4 - 0, at 4
    // it is 3/4 against 1/4 (distance 1/2), just above 2: 3/4 against 1/2, at 2: 1 against 1/2 (1/2).
    double[] logs = logsOf(8, 4, 4, 2, 1);
    assertEquals(0.5, KsDistance.bruteForce(logs, null, 4, 4, 1.0), 1e-15);
    assertEquals(0.5, new KsDistance().unweighted(logs, 4, 1.0), 1e-15);
    // weights (1, 0, 2, 1): the replicate is {8, 4, 4, 2} again, so the same distance
    int[] prefix = {0, 1, 1, 3, 4};
    double[] five = logsOf(8, 4.5, 4, 2, 1);
    assertEquals(KsDistance.bruteForce(logs, null, 4, 4, 1.0), KsDistance.bruteForce(five, prefix, 4, 4, 1.0));
    // k = 6 beyond the weight 4 above xmin: two copies of xmin itself, where the empirical law jumps by 2/6;
    // just above xmin it is 4/6 against the fit's 1, the largest distance (the terms at 8, 4, 4, 2 are 1/8,
    // 1/12, 1/4, 1/6)
    assertEquals(1 / 3.0, KsDistance.bruteForce(logs, null, 4, 6, 1.0), 1e-15);
    assertEquals(1 / 3.0, new KsDistance().weighted(logs, new int[] {0, 1, 2, 3, 4}, 4, 6, 1.0), 1e-15);
  }

  @Test
  void prunedEqualsPlainLoopOnParetoTailsAtEveryK() {
    TailSample s = TailSample.prepare(Samples.pareto(200_000, 1.3, 11, true), 200_000, WIDE);
    int[] grid = KGrid.geometric(2, s.kMax(), 1.15);
    double[] alpha = HillEstimator.alphas(s, grid);
    KsDistance pruned = new KsDistance();
    for (int g = 0; g < grid.length; g++) {
      int k = grid[g];
      for (double a : new double[] {alpha[g], 0.5 * alpha[g], 1.7 * alpha[g]}) { // fitted and badly wrong
        assertBitEqual(KsDistance.bruteForce(s.logs(), null, k, k, a), pruned.unweighted(s.logs(), k, a), k);
      }
    }
    // and it looked at far fewer points than the plain loops
    long plain = 0;
    for (int k : grid) {
      plain += 3L * k;
    }
    assertTrue(pruned.evaluations < plain / 10, pruned.evaluations + " of " + plain);
  }

  @Test
  void prunedEqualsPlainLoopOnWeightedTailsWithZerosAndTies() {
    SplittableRandom r = new SplittableRandom(5);
    // discrete magnitudes give long runs of ties; weights 0..3 (a third zero) as in a cluster bootstrap
    double[] x = new double[50_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.floor(Math.pow(1 - r.nextDouble(), -1 / 1.1) * 4) + 1;
    }
    TailSample s = TailSample.prepare(x, x.length, WIDE);
    int m = s.kMax();
    int[] prefix = new int[m + 2];
    for (int i = 0; i <= m; i++) {
      prefix[i + 1] = prefix[i] + r.nextInt(4);
    }
    KsDistance pruned = new KsDistance();
    for (int t = 1; t <= m; t = t < 50 ? t + 1 : (int) (t * 1.3)) {
      int wt = prefix[t];
      for (int k : new int[] {Math.max(1, wt), wt + 1 + r.nextInt(5)}) {
        for (double a : new double[] {0.3, 1.1, 4.0}) {
          double expected = KsDistance.bruteForce(s.logs(), prefix, t, k, a);
          assertBitEqual(expected, pruned.weighted(s.logs(), prefix, t, k, a), t);
        }
      }
    }
  }

  @Test
  void aLimitStopsEarlyOnlyAboveIt() {
    TailSample s = TailSample.prepare(Samples.pareto(100_000, 2.0, 3, false), 100_000, WIDE);
    int[] prefix = new int[s.kMax() + 2];
    for (int i = 0; i < prefix.length; i++) {
      prefix[i] = i;
    }
    KsDistance d = new KsDistance();
    for (int k : new int[] {100, 5_000, 40_000}) {
      double alpha = HillEstimator.alphas(s, new int[] {k})[0];
      double exact = KsDistance.bruteForce(s.logs(), null, k, k, alpha);
      // below the limit: exact; at it: exact unless asked to stop there; above: some term above the limit
      assertBitEqual(exact, d.weighted(s.logs(), prefix, k, k, alpha, exact * 1.01, false), k);
      assertBitEqual(exact, d.weighted(s.logs(), prefix, k, k, alpha, exact, false), k);
      double stopped = d.weighted(s.logs(), prefix, k, k, alpha, exact, true);
      assertTrue(stopped == exact, "reaching the limit exactly is a term equal to it");
      double above = d.weighted(s.logs(), prefix, k, k, alpha, exact / 2, false);
      assertTrue(above > exact / 2 && above <= exact, k + ": " + above);
    }
  }

  private static double[] logsOf(double... descending) {
    double origin = Math.log(descending[descending.length - 1]);
    return Arrays.stream(descending).map(v -> Math.log(v) - origin).toArray();
  }

  private static void assertBitEqual(double expected, double actual, int at) {
    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
        "at " + at + ": " + expected + " vs " + actual);
  }
}
