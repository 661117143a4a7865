package org.sgdmc.stats.tails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdmc.rng.Philox4x32;
import org.sgdmc.rng.StreamLayout;
import org.sgdmc.theory.SpecialFunctions;

/**
 * The bootstrap's random numbers: their coordinates in the Philox layout, exact binomial variates, and
 * multinomial cluster counts.
 *
 * <p>Chi-square tests use the upper 10^-4 point of their distribution (Wilson-Hilferty), so each has a
 * false-failure probability of 10^-4; bins are merged until every expected count is at least 5.
 */
class ResamplingDrawsTest {
  private static final long SEED = 20240611L;

  @Test
  void replicateDrawsAreThePhiloxDrawsOfTheReplicatesTrajectory() {
    ReplicateDraws rng = new ReplicateDraws();
    int[] ctr = new int[4];
    int[] key = new int[2];
    int[] out = new int[4];
    StreamLayout.key(SEED, key);
    for (long b : new long[] {0, 3, 5_000_000_123L}) {
      rng.start(SEED, b);
      for (long j = 0; j < 100; j++) { // several refills of the buffer
        StreamLayout.counter(b, ReplicateDraws.STREAM, j >>> 1, ctr);
        Philox4x32.block(ctr, key, out);
        int w = (int) (j & 1) * 2;
        assertEquals(StreamLayout.join(out[w], out[w + 1]), rng.next(), "replicate " + b + ", draw " + j);
      }
    }
  }

  @Test
  void binomialLogPmfMatchesLogGammas() {
    long[][] cases = {{10, 3, 7}, {1000, 1, 3}, {123_457, 1024, 123_457}, {1_000_000, 1, 2}};
    for (long[] c : cases) {
      long n = c[0];
      double p = (double) c[1] / c[2];
      double q = 1 - p;
      for (long x : new long[] {0, 1, n / 3, (long) (n * p), n - 1, n}) {
        double direct = SpecialFunctions.logFactorial(n) - SpecialFunctions.logFactorial(x)
            - SpecialFunctions.logFactorial(n - x) + (x == 0 ? 0 : x * Math.log(p)) + (n - x == 0 ? 0 : (n - x) * Math.log(q));
        // log-gammas of n ~ 10^6 carry an absolute rounding error of about 1e-9
        assertEquals(direct, Binomial.logPmf(x, n, p, q), 1e-8 + 1e-12 * Math.abs(direct), n + ", " + x);
      }
    }
  }

  @Test
  void binomialVariatesFollowTheBinomialLaw() {
    long[][] cases = {{20, 3, 10}, {50, 7, 10}, {1000, 1024, 5000}, {5_000_000, 1024, 5_000_000},
        {100_000_000, 1, 3}, {1, 1, 2}, {7, 0, 3}, {7, 3, 3}};
    ReplicateDraws rng = new ReplicateDraws();
    for (long[] c : cases) {
      long n = c[0];
      rng.start(SEED, n);
      int draws = 20_000;
      long[] xs = new long[draws];
      for (int i = 0; i < draws; i++) {
        xs[i] = Binomial.draw(n, c[1], c[2], rng);
        assertTrue(xs[i] >= 0 && xs[i] <= n);
      }
      if (c[1] == 0 || c[1] == c[2]) {
        for (long x : xs) {
          assertEquals(c[1] == 0 ? 0 : n, x);
        }
        continue;
      }
      double p = (double) c[1] / c[2];
      assertChiSquare(xs, x -> Math.exp(Binomial.logPmf(x, n, p, 1 - p)), n, n + " x " + p);
    }
  }

  @Test
  void multinomialCountsOfAllCellsAddUpToTheDraws() {
    ReplicateDraws rng = new ReplicateDraws();
    int[] counts = new int[3000];
    for (long draws : new long[] {3000, 10, 123_456}) {
      rng.start(SEED, draws);
      MultinomialCounts.draw(counts, 3000, draws, 3000, rng); // two full blocks and a partial one
      long sum = 0;
      for (int c : counts) {
        sum += c;
      }
      assertEquals(draws, sum);
    }
  }

  @Test
  void eachCellReceivesABinomialCountInFullAndPartialBlocks() {
    // n = 2500 draws into 2500 cells (two blocks of 1024 and one of 452): every cell's count is
    // Binomial(2500, 1/2500). Pool the first full block and, separately, the partial block, over replicates.
    int cells = 2500;
    int[] counts = new int[cells];
    ReplicateDraws rng = new ReplicateDraws();
    int replicates = 40;
    long[] fullBlock = new long[1024 * replicates];
    long[] partialBlock = new long[452 * replicates];
    for (int b = 0; b < replicates; b++) {
      rng.start(SEED, b);
      MultinomialCounts.draw(counts, cells, cells, cells, rng);
      for (int i = 0; i < 1024; i++) {
        fullBlock[b * 1024 + i] = counts[i];
      }
      for (int i = 0; i < 452; i++) {
        partialBlock[b * 452 + i] = counts[2048 + i];
      }
    }
    double p = 1.0 / cells;
    assertChiSquare(fullBlock, x -> Math.exp(Binomial.logPmf(x, cells, p, 1 - p)), cells, "first block");
    assertChiSquare(partialBlock, x -> Math.exp(Binomial.logPmf(x, cells, p, 1 - p)), cells, "last block");
  }

  @Test
  void theFirstCellsOfManyGetTheirShare() {
    // 300 of 10^6 cells after 10^6 draws: their total is Binomial(10^6, 3e-4), mean 300, variance 299.9
    int[] counts = new int[300];
    ReplicateDraws rng = new ReplicateDraws();
    int replicates = 2000;
    long[] totals = new long[replicates];
    for (int b = 0; b < replicates; b++) {
      rng.start(SEED, b);
      MultinomialCounts.draw(counts, 300, 1_000_000, 1_000_000, rng);
      for (int c : counts) {
        totals[b] += c;
      }
    }
    double p = 3e-4;
    assertChiSquare(totals, x -> Math.exp(Binomial.logPmf(x, 1_000_000, p, 1 - p)), 1_000_000, "300 cells");
  }

  interface Pmf {
    double at(long x);
  }

  /**
   * Chi-square goodness of fit at false-failure probability 1e-4 for variates in [0, n] with mean and
   * variance those of the pmf's law (given as {@code n} and a success probability {@code p}); the range
   * mean +- 12 sd holds all but 1e-30 of the mass, and bins are merged to expected counts >= 5.
   */
  static void assertChiSquare(long[] xs, Pmf pmf, long n, String what) {
    double mean = 0;
    for (long x : xs) {
      mean += x;
    }
    mean /= xs.length; // only centres the window; the test is of the pmf itself
    double sd = Math.sqrt(Math.max(mean, 1));
    long lo = Math.max(0, (long) (mean - 12 * sd - 10));
    long hi = Math.min(n, (long) (mean + 12 * sd + 10));
    int width = (int) (hi - lo + 1);
    long[] observed = new long[width];
    for (long x : xs) {
      assertTrue(x >= lo && x <= hi, what + ": " + x + " outside [" + lo + ", " + hi + "]");
      observed[(int) (x - lo)]++;
    }
    int draws = xs.length;
    double[] mass = new double[width];
    double total = 0;
    for (int i = 0; i < width; i++) {
      mass[i] = pmf.at(lo + i);
      total += mass[i];
    }
    assertEquals(1.0, total, 1e-9, what + ": the window misses mass");
    double chi2 = 0;
    int bins = 0;
    double expected = 0;
    long seen = 0;
    double massLeft = total;
    for (int i = 0; i < width; i++) {
      expected += draws * mass[i];
      seen += observed[i];
      massLeft -= mass[i];
      if (expected >= 5 && draws * massLeft >= 5) {
        chi2 += (seen - expected) * (seen - expected) / expected;
        bins++;
        expected = 0;
        seen = 0;
      }
    }
    chi2 += (seen - expected) * (seen - expected) / expected;
    bins++;
    int df = bins - 1;
    assertTrue(df >= 1, what + ": too few bins");
    double z = 3.719; // upper 1e-4 point of the standard normal
    double h = 2.0 / (9 * df);
    double critical = df * Math.pow(1 - h + z * Math.sqrt(h), 3);
    assertTrue(chi2 < critical, String.format("%s: chi2 = %.1f on %d df, critical %.1f", what, chi2, df, critical));
  }
}
