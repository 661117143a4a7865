package org.sgdmc.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** An exact sum is the true sum, rounded once, in any order and however it was split and merged. */
class ExactSumTest {

  private static double reference(List<Double> xs) {
    BigDecimal s = BigDecimal.ZERO;
    for (double x : xs) {
      s = s.add(new BigDecimal(x));
    }
    return s.round(MathContext.DECIMAL128).doubleValue(); // 34 digits, then to double: correctly rounded here
  }

  private static List<Double> awkwardValues(long seed, int n) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Double> xs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double x = switch (i % 5) {
        case 0 -> rnd.nextGaussian();
        case 1 -> rnd.nextGaussian() * 1e300;
        case 2 -> rnd.nextGaussian() * 1e-300;
        case 3 -> Double.MIN_VALUE * rnd.nextInt(1, 1000);
        default -> -1e16 * rnd.nextDouble();
      };
      xs.add(x);
    }
    xs.add(1e308);
    xs.add(-1e308); // cancels exactly
    return xs;
  }

  @Test
  void sumOfDoublesIsTheCorrectlyRoundedTrueSumWhateverTheOrderAndSplit() {
    List<Double> xs = awkwardValues(1, 5000);
    double expected = reference(xs);
    for (long seed = 0; seed < 5; seed++) {
      List<Double> shuffled = new ArrayList<>(xs);
      Collections.shuffle(shuffled, new java.util.Random(seed));
      ExactSum[] parts = {new ExactSum(), new ExactSum(), new ExactSum()};
      for (int i = 0; i < shuffled.size(); i++) {
        parts[(int) ((i * 7 + seed) % 3)].add(shuffled.get(i));
      }
      parts[2].merge(parts[0]);
      parts[2].merge(parts[1]);
      assertEquals(expected, parts[2].value(), "seed " + seed);
      assertEquals(xs.size() - countZeros(xs), parts[2].terms());
    }
  }

  private static long countZeros(List<Double> xs) {
    return xs.stream().filter(x -> x == 0.0).count();
  }

  @Test
  void cancellationThatDoubleArithmeticLosesIsKept() {
    ExactSum s = new ExactSum();
    s.add(1e20);
    s.add(1.0);
    s.add(-1e20);
    assertEquals(1.0, s.value());
    assertEquals(0.0, new ExactSum().value());
  }

  @Test
  void manyAdditionsDoNotOverflowTheCarrySaveLimbs() {
    ExactSum s = new ExactSum();
    double x = Math.nextDown(2.0); // all 53 mantissa bits set: the largest pieces per limb
    int n = (1 << 28) + 12345; // past one normalisation
    for (int i = 0; i < n; i++) {
      s.add(x);
    }
    assertEquals(new BigDecimal(x).multiply(BigDecimal.valueOf(n)).doubleValue(), s.value());
  }

  @Test
  void sumsOfExponentialsReachFarBeyondTheDoubleRangeAndAgreeWithLogSumExp() {
    SplittableRandom rnd = new SplittableRandom(3);
    double[] x = new double[20000];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < x.length; i++) {
      x[i] = 3000 + 400 * rnd.nextGaussian(); // e^x overflows a double for every one of them
      max = Math.max(max, x[i]);
    }
    double s = 0;
    for (double v : x) {
      s += Math.exp(v - max);
    }
    double logSumExp = max + Math.log(s);
    ExactSum a = ExactSum.unbounded(), b = ExactSum.unbounded();
    for (int i = 0; i < x.length; i++) {
      a.addExp(x[i]);
      b.addExp(x[x.length - 1 - i]);
    }
    assertEquals(logSumExp, a.exact().log(), 1e-12 * Math.abs(logSumExp));
    assertEquals(a.exact(), b.exact(), "order must not matter, even with truncation");
  }

  @Test
  void truncationDropsTheSameTermsWhicheverComesFirst() {
    ExactSum up = ExactSum.unbounded(), down = ExactSum.unbounded();
    double[] xs = {-5000, -800, 0.5, -1, 700, 1.5, -799};
    for (double x : xs) {
      up.addExp(x);
    }
    for (int i = xs.length - 1; i >= 0; i--) {
      down.addExp(xs[i]);
    }
    assertEquals(up.exact(), down.exact());
    ExactSum merged = ExactSum.unbounded();
    ExactSum low = ExactSum.unbounded();
    low.addExp(-5000);
    low.addExp(-800);
    merged.merge(low);
    for (double x : new double[] {0.5, -1, 700, 1.5, -799}) {
      merged.addExp(x);
    }
    assertEquals(up.exact(), merged.exact());
  }

  @Test
  void nonFiniteInputIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ExactSum().add(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new ExactSum().add(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> ExactSum.unbounded().addExp(Double.NaN));
  }

  @Test
  void aRowAddedAtOnceEqualsItsTermsAddedOneByOne() {
    SplittableRandom rnd = new SplittableRandom(9);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + rnd.nextInt(80);
      double scale = Math.scalb(1.0, rnd.nextInt(-1000, 900)); // down into the subnormals
      double spread = trial % 3 == 0 ? 1e-3 : trial % 3 == 1 ? 1e6 : 1e30; // inside and beyond the 57-bit row
      double[] x = new double[n];
      for (int j = 0; j < n; j++) {
        x[j] = j % 7 == 3 ? 0.0 : scale * rnd.nextGaussian() * Math.pow(spread, rnd.nextDouble());
      }
      ExactSum rows = new ExactSum(), single = new ExactSum();
      rows.addAll(x, n);
      for (double v : x) {
        single.add(v);
      }
      assertEquals(single.exact(), rows.exact(), "trial " + trial);
      assertEquals(single.terms(), rows.terms());
    }
  }

  @Test
  void rowsOfFarApartTermsTruncateAsTheTermsWould() {
    // three rows: one low, one 2^18 buckets higher (two super-buckets up), one in between; any grouping
    long[][] mant = {{3, 5, -7}, {1L << 52, 9, 11}, {13, 15, 17}};
    long[][] exp = {{-40, -30, -20}, {32L << 18, (32L << 18) + 10, (32L << 18) + 50}, {32L << 13, 32L << 13, 1 + (32L << 13)}};
    ExactSum byRows = ExactSum.unbounded(), byTerms = ExactSum.unbounded(), reversed = ExactSum.unbounded();
    for (int r = 0; r < 3; r++) {
      byRows.addTerms(mant[r], exp[r], 3);
      for (int j = 0; j < 3; j++) {
        byTerms.addTerm(mant[r][j] < 0, Math.abs(mant[r][j]), exp[r][j]);
      }
      reversed.addTerms(mant[2 - r], exp[2 - r], 3);
    }
    assertEquals(byTerms.exact(), byRows.exact());
    assertEquals(byTerms.exact(), reversed.exact());
  }

  @Test
  void rowsOfLargeTermsCarryBetweenTheTwoWordsOfTheRowTotal() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (int trial = 0; trial < 100; trial++) {
      int n = 1 + rnd.nextInt(64);
      long[] mant = new long[n], exp = new long[n];
      long base = rnd.nextLong(-5000, 5000);
      for (int j = 0; j < n; j++) {
        long a = (1L << 52) | rnd.nextLong(1L << 52); // full 53-bit mantissas: the low word wraps often
        mant[j] = trial % 2 == 0 || rnd.nextBoolean() ? a : -a;
        exp[j] = base + rnd.nextInt(58); // within one row's 57-bit spread
      }
      ExactSum rows = ExactSum.unbounded(), single = ExactSum.unbounded();
      rows.addTerms(mant, exp, n);
      for (int j = 0; j < n; j++) {
        single.addTerm(mant[j] < 0, Math.abs(mant[j]), exp[j]);
      }
      assertEquals(single.exact(), rows.exact(), "trial " + trial);
    }
  }
}
