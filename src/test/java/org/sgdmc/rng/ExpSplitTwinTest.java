package org.sgdmc.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The split e^(2l) = m 2^k: the vector pass equals its scalar twin bit for bit (whole vectors and the scalar
 * tail, at this host's width), and ln(m 2^k) is 2l to a relative 2^-50: the rounding of 2l / ln 2 to a double
 * costs a relative error of about |2l| 2^-53 in m 2^k itself, so the check is made on the logarithm, which
 * is what the streamed mean square reports.
 */
class ExpSplitTwinTest {

  @Test
  void vectorPassEqualsScalarTwinBitForBit() {
    SplittableRandom rnd = new SplittableRandom(17);
    int n = 5 * VectorShapes.DOUBLES.length() + 3; // a scalar tail
    double[] l = new double[n];
    for (int i = 0; i < n; i++) {
      l[i] = switch (i % 4) {
        case 0 -> rnd.nextGaussian() * 1e5; // far outside the double range of e^(2l)
        case 1 -> rnd.nextGaussian();
        case 2 -> -Math.scalb(rnd.nextDouble(), -60);
        default -> (rnd.nextDouble() - 0.5) * 700;
      };
    }
    double[] mv = new double[n], ms = new double[n];
    long[] kv = new long[n], ks = new long[n];
    ExpSplitVector.fill(l, n, mv, kv);
    ExpSplit.scalar(l, n, ms, ks);
    for (int i = 0; i < n; i++) {
      assertEquals(Double.doubleToRawLongBits(ms[i]), Double.doubleToRawLongBits(mv[i]), "m at " + i + ", l = " + l[i]);
      assertEquals(ks[i], kv[i], "k at " + i);
    }
  }

  @Test
  void theSplitIsTheExponentialToTheRoundingOfItsArgument() {
    SplittableRandom rnd = new SplittableRandom(18);
    double[] l = new double[1000];
    for (int i = 0; i < l.length; i++) {
      l[i] = i % 2 == 0 ? (rnd.nextDouble() - 0.5) * 700 : rnd.nextGaussian() * 1e6;
    }
    double[] m = new double[l.length];
    long[] k = new long[l.length];
    ExpSplit.scalar(l, l.length, m, k);
    for (int i = 0; i < l.length; i++) {
      assertTrue(m[i] > 0.7 && m[i] < 1.42, "m = " + m[i]);
      double log = Math.log(m[i]) + k[i] * Math.log(2);
      assertEquals(2 * l[i], log, Math.scalb(Math.max(1, Math.abs(2 * l[i])), -50), "l = " + l[i]);
    }
  }
}
