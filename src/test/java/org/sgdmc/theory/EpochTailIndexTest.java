package org.sgdmc.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The tail index under random reshuffling solves {@code E|A|^alpha = 1} for the epoch's product A: checked
 * against a brute force over every permutation (not the partitions the enumeration walks), at S = 1 the
 * epoch is certain and the tail light, and beyond the enumeration limit sampled epochs agree with the exact
 * index.
 */
class EpochTailIndexTest {
  private static final double[] X = {0.3, -1.1, 0.7, 1.6, -0.4, 0.9, -1.3};

  /** E|A|^s over every one of the N! permutations, the first K S positions cut into batches in order. */
  private static double bruteForceMoment(double lr, double[] x, int batch, double s) {
    int n = x.length;
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    double sum = 0;
    long count = 0;
    do {
      double a = 1;
      for (int b = 0; b < n / batch; b++) {
        double q = 0;
        for (int j = 0; j < batch; j++) {
          q += x[p[b * batch + j]] * x[p[b * batch + j]];
        }
        a *= 1 - lr * q / batch;
      }
      sum += Math.pow(Math.abs(a), s);
      count++;
    } while (nextPermutation(p));
    return sum / count;
  }

  private static boolean nextPermutation(int[] p) {
    int i = p.length - 2;
    while (i >= 0 && p[i] >= p[i + 1]) {
      i--;
    }
    if (i < 0) {
      return false;
    }
    int j = p.length - 1;
    while (p[j] <= p[i]) {
      j--;
    }
    int t = p[i];
    p[i] = p[j];
    p[j] = t;
    for (int l = i + 1, r = p.length - 1; l < r; l++, r--) {
      t = p[l];
      p[l] = p[r];
      p[r] = t;
    }
    return true;
  }

  @Test
  void theIndexMakesTheEpochsMomentOneOverEveryPermutation() {
    for (double lr : new double[] {1.5, 2.0}) {
      for (int batch : new int[] {2, 3}) {
        TailIndex t = EpochTailIndex.linreg1d(lr, X, batch);
        assertEquals(TailIndex.Regime.POWER_LAW, t.regime(), "lr " + lr + ", S " + batch);
        assertEquals(1.0, bruteForceMoment(lr, X, batch, t.index()), 1e-9, "lr " + lr + ", S " + batch);
        // the step's exponent, the one without replacement
        assertEquals(Linreg1dTheory.lyapunovFinite(lr, X, batch, false).value(), t.lyapunov().value(), 1e-14);
        assertEquals(Estimate.METHOD_EXACT_ENUMERATION, t.method());
      }
    }
  }

  /** Drawn afresh the same data have a much heavier tail: the epoch averages the batches' factors. */
  @Test
  void reshufflingLightensTheTail() {
    TailIndex epoch = EpochTailIndex.linreg1d(2.0, X, 2);
    TailIndex fresh = TailIndexTheory.linreg1dFinite(2.0, X, 2, false);
    assertTrue(epoch.index() > 2 * fresh.index(), epoch.index() + " vs " + fresh.index());
  }

  @Test
  void atBatchOneTheEpochIsCertainAndTheTailLight() {
    double lr = 1.2;
    double log = 0;
    for (double v : X) {
      log += Math.log(Math.abs(1 - lr * v * v));
    }
    TailIndex t = EpochTailIndex.linreg1d(lr, X, 1);
    assertTrue(log < 0, "pick an lr with a stationary law");
    assertEquals(TailIndex.Regime.LIGHT_TAIL, t.regime());
    assertTrue(TailIndexTheory.linreg1dFinite(lr, X, 1, false).regime() == TailIndex.Regime.POWER_LAW);
  }

  /**
   * Limit 10 partitions forces the sampled epochs (200,000 of them, the most it samples): within 4 of their
   * standard errors of the exact index (false failure 6e-5 for a Gaussian error) and within 2%.
   */
  @Test
  void sampledEpochsAgreeWithTheEnumeration() {
    TailIndex exact = EpochTailIndex.linreg1d(2.0, X, 2);
    TailIndex sampled = EpochTailIndex.linreg1d(2.0, X, 2, 10, EpochTailIndex.DEFAULT_SEED);
    assertEquals(Estimate.METHOD_MONTE_CARLO_PLAIN, sampled.method());
    assertTrue(sampled.indexStderr() > 0);
    assertEquals(exact.index(), sampled.index(), 4 * sampled.indexStderr());
    assertEquals(exact.index(), sampled.index(), 0.02 * exact.index());
  }
}
