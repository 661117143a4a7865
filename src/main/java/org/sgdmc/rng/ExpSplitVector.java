package org.sgdmc.rng;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/** The vector twin of {@link ExpSplit#scalar}: the same operations lane-wise, bit for bit. */
public final class ExpSplitVector {
  private static final double TWO_LOG2E = ExpSplit.TWO_LOG2E;
  private static final double LN2 = ExpSplit.LN2;
  private static final double ROUNDER = ExpSplit.ROUNDER;
  private static final long ROUNDER_BITS = ExpSplit.ROUNDER_BITS;

  private ExpSplitVector() {}

  /** Fills {@code m[i]}, {@code k[i]} for i < n: whole vectors, then the scalar twin for the tail. */
  public static void fill(double[] l, int n, double[] m, long[] k) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    int i = 0;
    for (int bound = sp.loopBound(n); i < bound; i += sp.length()) {
      DoubleVector y = DoubleVector.fromArray(sp, l, i).mul(TWO_LOG2E);
      DoubleVector kr = y.add(ROUNDER);
      LongVector kl = kr.viewAsIntegralLanes().sub(ROUNDER_BITS);
      kl.intoArray(k, i);
      VectorTranscendentals.exp(y.sub(kr.sub(ROUNDER)).mul(LN2)).intoArray(m, i);
    }
    ExpSplit.scalar(l, i, n, m, k); // scalar tail
  }
}
