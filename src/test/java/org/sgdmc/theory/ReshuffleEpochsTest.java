package org.sgdmc.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link ReshuffleEpochs} against a brute force over every permutation (each epoch of reshuffling is one, cut
 * into batches in order), and against the exponent without replacement it must equal by linearity. All
 * comparisons are of exact sums: no false failures beyond rounding.
 */
class ReshuffleEpochsTest {
  private static final double[] X = {0.3, -1.2, 2.5, 0.05, -0.7, 1.9, -3.1};

  /** E log|A|, Var log|A| and E A^2 over all N! permutations, batches b = positions bS..bS+S-1. */
  private static double[] bruteForce(double lr, double[] x, int batch) {
    int n = x.length, k = n / batch;
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    double sum = 0, sumSq = 0, square = 0;
    long count = 0;
    do {
      double log = 0, a = 1;
      for (int b = 0; b < k; b++) {
        double q = 0;
        for (int j = 0; j < batch; j++) {
          q += x[p[b * batch + j]] * x[p[b * batch + j]];
        }
        q /= batch;
        log += Math.log(Math.abs(1 - lr * q));
        a *= 1 - lr * q;
      }
      sum += log;
      sumSq += log * log;
      square += a * a;
      count++;
    } while (next(p));
    double mean = sum / count;
    return new double[] {mean, sumSq / count - mean * mean, square / count, count};
  }

  /** The next permutation in lexicographic order; false after the last. */
  private static boolean next(int[] p) {
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
    int t = p[i]; p[i] = p[j]; p[j] = t;
    for (int a = i + 1, b = p.length - 1; a < b; a++, b--) {
      t = p[a]; p[a] = p[b]; p[b] = t;
    }
    return true;
  }

  @Test
  void theEnumerationAgreesWithEveryPermutation() {
    for (int s : new int[] {1, 2, 3, 4, 7}) { // 7 = 2*3 + 1 and 4 + 3 leave points out; 7 = N is GD
      for (double lr : new double[] {0.3, 0.8, 1.7}) {
        double[] brute = bruteForce(lr, X, s);
        ReshuffleEpochs e = ReshuffleEpochs.enumerate(lr, X, s, ReshuffleEpochs.DEFAULT_LIMIT);
        String where = "S=" + s + " lr=" + lr;
        assertEquals(ReshuffleEpochs.count(X.length, s), e.partitions(), where);
        assertEquals(brute[0], e.meanLog(), 1e-12 * (1 + Math.abs(brute[0])), where);
        assertEquals(brute[1], e.varianceLog(), 1e-11 * (1 + brute[1]), where);
        assertEquals(brute[2], e.meanSquare(), 1e-12 * brute[2], where);
      }
    }
  }

  @Test
  void theCountIsTheNumberOfPartitions() {
    assertEquals(105, ReshuffleEpochs.count(8, 2)); // 8! / (2^4 4!)
    assertEquals(7 * 10, ReshuffleEpochs.count(7, 3)); // C(7,1) choices of the dropped point, then 6!/(3!^2 2!)
    assertEquals(1, ReshuffleEpochs.count(5, 5));
    assertEquals(15400, ReshuffleEpochs.count(12, 3));
  }

  /** Each batch of an epoch is alone a uniform S-subset, so the exponent a step is the one without replacement. */
  @Test
  void theExponentIsTheOneWithoutReplacement() {
    double[] x = org.sgdmc.models.Datasets.gaussian(11, 3.0, 7).x();
    for (int s : new int[] {1, 2, 3, 5}) {
      for (double lr : new double[] {0.2, 0.9}) {
        ReshuffleEpochs e = ReshuffleEpochs.enumerate(lr, x, s, ReshuffleEpochs.DEFAULT_LIMIT);
        double without = Linreg1dTheory.lyapunovFinite(lr, x, s, false).value();
        assertEquals(without, e.lyapunov(), 1e-13, "S=" + s + " lr=" + lr);
      }
    }
  }

  /** S = 1: an epoch multiplies by every factor once, so log|A| is certain; drawn afresh it is not. */
  @Test
  void batchesOfOneMakeTheEpochCertain() {
    double lr = 0.7, mean = 0, var = 0;
    for (double v : X) {
      mean += Math.log(Math.abs(1 - lr * v * v)) / X.length;
    }
    for (double v : X) {
      double d = Math.log(Math.abs(1 - lr * v * v)) - mean;
      var += d * d / X.length;
    }
    assertEquals(0.0, ReshuffleEpochs.enumerate(lr, X, 1, ReshuffleEpochs.DEFAULT_LIMIT).varianceLog(), 1e-24);
    assertEquals(var, Linreg1dTheory.logVarianceFinite(lr, X, 1, false), 1e-13 * var);
  }

  @Test
  void theMeanSquareEdgeIsWhereTheEpochMeanSquareCrossesOne() {
    for (int s : new int[] {1, 2, 3}) {
      double edge = ReshuffleEpochs.meanSquareThreshold(X, s, ReshuffleEpochs.DEFAULT_LIMIT);
      assertTrue(ReshuffleEpochs.enumerate(edge * (1 - 1e-6), X, s, Long.MAX_VALUE).meanSquare() < 1, "S=" + s);
      assertTrue(ReshuffleEpochs.enumerate(edge * (1 + 1e-6), X, s, Long.MAX_VALUE).meanSquare() > 1, "S=" + s);
      for (double lr = edge / 50; lr < edge; lr += edge / 50) { // and nowhere below it
        assertTrue(ReshuffleEpochs.enumerate(lr, X, s, Long.MAX_VALUE).meanSquare() < 1, "S=" + s + " lr=" + lr);
      }
    }
    // S = N: one batch, the full gradient: A = 1 - lr E[x^2], so the edge is GD's 2 / E[x^2]
    double m2 = 0;
    for (double v : X) {
      m2 += v * v / X.length;
    }
    assertEquals(2 / m2, ReshuffleEpochs.meanSquareThreshold(X, X.length, 10), 1e-12 * (2 / m2));
  }

  @Test
  void refusesWhatItCannotEnumerate() {
    assertThrows(IllegalArgumentException.class, () -> ReshuffleEpochs.enumerate(0.5, X, 8, 100));
    assertThrows(IllegalArgumentException.class, () -> ReshuffleEpochs.enumerate(0.5, new double[20], 2, 1000));
    assertThrows(IllegalArgumentException.class, () -> ReshuffleEpochs.enumerate(-1, X, 2, 1000));
  }
}
