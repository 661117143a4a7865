package org.sgdmc.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Lambda for a finite dataset: exact sums, exact enumeration, the Monte Carlo fallback, the stable set. */
class Linreg1dFiniteDataTest {
  private static final double[] TINY = {0.3, -1.7, 0.9, 2.4, -0.05};

  private static double lambdaS1(double lr, double[] x) {
    double sum = 0;
    for (double xi : x) {
      sum += Math.log(Math.abs(1 - lr * xi * xi));
    }
    return sum / x.length;
  }

  /** Average of log|1 - lr q| over every ordered S-tuple of indices (distinct ones if without replacement). */
  private static double bruteForce(double lr, double[] x, int batch, boolean withReplacement) {
    int n = x.length;
    int[] idx = new int[batch];
    double sum = 0;
    long count = 0;
    while (true) {
      boolean distinct = true;
      for (int i = 0; i < batch && distinct; i++) {
        for (int j = 0; j < i; j++) {
          distinct &= idx[i] != idx[j];
        }
      }
      if (withReplacement || distinct) {
        double q = 0;
        for (int i : idx) {
          q += x[i] * x[i];
        }
        sum += Math.log(Math.abs(1 - lr * q / batch));
        count++;
      }
      int d = batch - 1;
      while (d >= 0 && ++idx[d] == n) {
        idx[d--] = 0;
      }
      if (d < 0) {
        return sum / count;
      }
    }
  }

  @Test
  void batchOneIsTheExactSumOfSeedEquation7() {
    for (double lr : new double[] {0.1, 0.5, 1.3, 4.0, 17.0}) {
      Estimate e = Linreg1dTheory.lyapunovFinite(lr, TINY, 1, true);
      assertEquals(lambdaS1(lr, TINY), e.value(), 1e-14);
      assertEquals(Estimate.METHOD_EXACT_SUM, e.method());
      assertEquals(0.0, e.stderr());
      assertEquals(e, Linreg1dTheory.lyapunovFinite(lr, TINY, 1, false));
    }
  }

  @Test
  void lambdaIsMinusInfinityExactlyAtLrEqualToOneOverXSquared() {
    // x^2 = 0.25 and lr = 4: lr x^2 = 1 exactly in doubles, so the step lands on the minimum (Prop. 3).
    double[] x = {0.5, 1.3, -2.2};
    assertEquals(Double.NEGATIVE_INFINITY, Linreg1dTheory.lyapunovFinite(4.0, x, 1, true).value());
    double next = Linreg1dTheory.lyapunovFinite(Math.nextUp(4.0), x, 1, true).value();
    assertTrue(Double.isFinite(next) && next < -10, "one ulp away: " + next);
    // With S = 2 the batch {0.5, 0.5} (probability 1/9 with replacement) has q = 0.25: also -infinity.
    assertEquals(Double.NEGATIVE_INFINITY, Linreg1dTheory.lyapunovFinite(4.0, x, 2, true).value());
  }

  @Test
  void enumerationEqualsBruteForceOverAllOrderedBatches() {
    for (boolean withReplacement : new boolean[] {true, false}) {
      for (int batch = 2; batch <= 5; batch++) {
        for (double lr : new double[] {0.2, 0.9, 2.5, 9.0}) {
          Estimate e = Linreg1dTheory.lyapunovFinite(lr, TINY, batch, withReplacement);
          assertEquals(Estimate.METHOD_EXACT_ENUMERATION, e.method());
          assertEquals(bruteForce(lr, TINY, batch, withReplacement), e.value(), 1e-13,
              "S = " + batch + ", with replacement " + withReplacement + ", lr = " + lr);
        }
      }
    }
  }

  @Test
  void batchMeanLawCountsAndProbabilities() {
    assertEquals(126, BatchMeanLaw.count(5, 5, true));
    assertEquals(10, BatchMeanLaw.count(5, 3, false));
    assertEquals(2_001_000, BatchMeanLaw.count(2000, 2, true));
    assertEquals(Long.MAX_VALUE, BatchMeanLaw.count(1000, 500, false));
    for (boolean withReplacement : new boolean[] {true, false}) {
      for (int batch = 1; batch <= 5; batch++) {
        BatchMeanLaw law = BatchMeanLaw.enumerate(TINY, batch, withReplacement, 1000);
        assertEquals(BatchMeanLaw.count(TINY.length, batch, withReplacement), law.size());
        assertEquals(1.0, law.expectation(q -> 1.0), 1e-14);
        assertEquals(DataMoments.of(TINY, true).m2(), law.expectation(q -> q), 1e-14);
      }
    }
    // Two points, large S: the depth of the multiset recursion is min(S, N), not S.
    BatchMeanLaw big = BatchMeanLaw.enumerate(new double[] {1, 2}, 100_000, true, 200_000);
    assertEquals(100_001, big.size());
    assertEquals(1.0, big.expectation(q -> 1.0), 1e-12);
    assertEquals(2.5, big.expectation(q -> q), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> BatchMeanLaw.enumerate(TINY, 3, true, 34));
  }

  @Test
  void monteCarloFallbackAgreesWithEnumerationWithinFiveStandardErrors() {
    // Forced by an enumeration limit of 0. 2e5 batches; a correct estimator misses by more than 5 stderr
    // with probability 5.7e-7 per comparison (normal limit of the regression estimator), 8 comparisons.
    double[] x = new double[12];
    SplittableRandom rng = new SplittableRandom(7);
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextGaussian();
    }
    for (boolean withReplacement : new boolean[] {true, false}) {
      for (double lr : new double[] {0.3, 1.5, 2.6, 6.0}) {
        int batch = 3;
        double exact = Linreg1dTheory.lyapunovFinite(lr, x, batch, withReplacement).value();
        Estimate mc = Linreg1dTheory.lyapunovFinite(lr, x, batch, withReplacement, 0, 200_000, 11);
        assertEquals(Estimate.METHOD_MONTE_CARLO, mc.method());
        assertFalse(mc.isExact());
        assertTrue(mc.stderr() > 0 && mc.stderr() < 0.01, "stderr " + mc.stderr());
        assertTrue(Math.abs(mc.value() - exact) < 5 * mc.stderr(),
            "with replacement " + withReplacement + ", lr = " + lr + ": " + mc + " vs " + exact);
      }
    }
  }

  /**
   * Issue 15, item 5: past the stored enumeration's 2e6 contents (N = 2100, S = 2: 2.2e6 pairs; with
   * replacement 2.2e6 multisets) the exponent is still exact, summed as the batches are visited, and equals a
   * plain double loop over every pair here (ordered pairs for with replacement). The old code fell back on
   * Monte Carlo, with a standard error far above the simulation's.
   */
  @Test
  void largeDatasetsAreStillEnumeratedExactly() {
    double[] x = new double[2100];
    SplittableRandom rng = new SplittableRandom(15);
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextGaussian();
    }
    double lr = 0.9;
    double pairs = 0, ordered = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x.length; j++) {
        double v = Math.log(Math.abs(1 - lr * (x[i] * x[i] + x[j] * x[j]) / 2));
        ordered += v;
        if (j > i) {
          pairs += v;
        }
      }
    }
    pairs /= x.length * (x.length - 1.0) / 2;
    ordered /= (double) x.length * x.length;
    assertTrue(BatchMeanLaw.count(x.length, 2, false) > Linreg1dTheory.DEFAULT_ENUMERATION_LIMIT);
    Estimate without = Linreg1dTheory.lyapunovFinite(lr, x, 2, false);
    assertEquals(Estimate.METHOD_EXACT_ENUMERATION, without.method());
    assertEquals(pairs, without.value(), 1e-11 * Math.abs(pairs));
    Estimate with = Linreg1dTheory.lyapunovFinite(lr, x, 2, true);
    assertEquals(Estimate.METHOD_EXACT_ENUMERATION, with.method());
    assertEquals(ordered, with.value(), 1e-11 * Math.abs(ordered));
  }

  @Test
  void controlVariatesShrinkTheStandardErrorAtSmallLearningRates() {
    double[] x = {0.4, 1.1, -0.8, 1.9, 0.2, -1.3, 0.7, 2.2};
    Estimate mc = Linreg1dTheory.lyapunovFinite(0.05, x, 3, true, 0, 20_000, 3);
    // Plain Monte Carlo: sd(log|1 - lr q|) / sqrt(n). The regression removes the part linear and quadratic
    // in q, which at lr = 0.05 is nearly all of it.
    BatchMeanLaw law = BatchMeanLaw.enumerate(x, 3, true, 1000);
    double mean = law.expectation(q -> Math.log(1 - 0.05 * q));
    double variance = law.expectation(q -> Math.pow(Math.log(1 - 0.05 * q) - mean, 2));
    double plainStderr = Math.sqrt(variance / 20_000);
    assertTrue(mc.stderr() < 0.05 * plainStderr, mc + " vs plain " + plainStderr);
  }

  @Test
  void stableIntervalsCoverExactlyTheLearningRatesWithNegativeLambda() {
    double[] x = {0.35, -0.9, 1.2, 1.6, -2.1, 0.6, 1.05, 3.0};
    for (int batch : new int[] {1, 2, 3}) {
      for (boolean withReplacement : new boolean[] {true, false}) {
        double lrMax = 12;
        List<Linreg1dTheory.Interval> stable =
            Linreg1dTheory.stableIntervalsFinite(x, batch, withReplacement, lrMax);
        assertEquals(0.0, stable.get(0).lo());
        String where = "S = " + batch + ", with replacement " + withReplacement;
        // Endpoints are sign changes to within a few ulps (stripes can be far narrower than 1e-9, with
        // slopes of 1e11 near their pole, so |Lambda(end)| itself need not be small). A stripe narrower
        // than one ulp is reported as lo == hi.
        for (Linreg1dTheory.Interval i : stable) {
          assertTrue(i.lo() <= i.hi(), where);
          double lo = i.lo();
          double hi = i.hi();
          if (lo > 0) {
            assertTrue(lambda(lo - 4 * Math.ulp(lo), x, batch, withReplacement) >= 0, where + " left of " + lo);
          }
          if (hi < lrMax) {
            assertTrue(lambda(hi + 4 * Math.ulp(hi), x, batch, withReplacement) >= 0, where + " right of " + hi);
          }
          if (hi - lo > 16 * Math.ulp(hi)) {
            if (lo > 0) {
              assertTrue(lambda(lo + 4 * Math.ulp(lo), x, batch, withReplacement) < 0, where + " at " + lo);
            }
            assertTrue(lambda(hi - 4 * Math.ulp(hi), x, batch, withReplacement) < 0, where + " at " + hi);
          }
        }
        // A fine scan agrees with membership everywhere except within 1e-9 of an endpoint.
        for (double lr = 0.01; lr < lrMax; lr += 0.0037) {
          double value = Linreg1dTheory.lyapunovFinite(lr, x, batch, withReplacement).value();
          boolean inside = false;
          boolean nearEnd = false;
          for (Linreg1dTheory.Interval i : stable) {
            inside |= lr > i.lo() && lr < i.hi();
            nearEnd |= Math.abs(lr - i.lo()) < 1e-9 || Math.abs(lr - i.hi()) < 1e-9;
          }
          if (!nearEnd) {
            assertEquals(inside, value < 0, where + " at lr = " + lr + ", Lambda = " + value);
          }
        }
      }
    }
  }

  private static double lambda(double lr, double[] x, int batch, boolean withReplacement) {
    return Linreg1dTheory.lyapunovFinite(lr, x, batch, withReplacement).value();
  }

  @Test
  void everyPoleOneOverXSquaredLiesInAStableInterval() {
    // Seed Prop. 3 / eq. (8): a stripe of stability around each 1/x_i^2, even far above 2/h, and even with
    // an outlier that drives the moment thresholds to zero (seed Fig. 2).
    double[] x = {20.0, 0.35, -0.9, 1.2, 1.6, -2.1, 0.6, 1.05};
    List<Linreg1dTheory.Interval> stable = Linreg1dTheory.stableIntervalsFinite(x, 1, true, 20);
    for (double xi : x) {
      double pole = 1 / (xi * xi);
      assertTrue(stable.stream().anyMatch(i -> i.lo() < pole && pole < i.hi()), "pole " + pole);
    }
    DataMoments d = DataMoments.of(x, true);
    assertTrue(Linreg1dTheory.lrGd(d) < 0.05 && Linreg1dTheory.lrMeanSquare(d, 1) < 0.01);
    assertTrue(stable.stream().anyMatch(i -> i.hi() > 1 / (0.35 * 0.35)));
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> Linreg1dTheory.lyapunovFinite(0.0, TINY, 1, true));
    assertThrows(IllegalArgumentException.class,
        () -> Linreg1dTheory.lyapunovFinite(1.0, new double[0], 1, true));
    assertThrows(IllegalArgumentException.class,
        () -> Linreg1dTheory.lyapunovFinite(1.0, new double[] {1, Double.NaN}, 1, true));
    assertThrows(IllegalArgumentException.class, () -> Linreg1dTheory.lyapunovFinite(1.0, TINY, 6, false));
    assertThrows(IllegalArgumentException.class, () -> Linreg1dTheory.lyapunovFinite(1.0, TINY, 0, true));
  }
}
