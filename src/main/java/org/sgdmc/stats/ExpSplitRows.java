package org.sgdmc.stats;

import org.sgdmc.rng.ExpSplit;
import org.sgdmc.rng.ExpSplitVector;

/**
 * Picks the vector or the scalar {@code e^(2l)} split for a row of log-distances; both give the same bits,
 * so the choice changes only the speed.
 */
final class ExpSplitRows {
  private static final boolean VECTOR = org.sgdmc.kernels.VectorizationProvider.lookup().vectorised();

  private ExpSplitRows() {}

  static void fill(double[] l, int n, double[] m, long[] k) {
    if (VECTOR) {
      ExpSplitVector.fill(l, n, m, k);
    } else {
      ExpSplit.scalar(l, n, m, k);
    }
  }
}
