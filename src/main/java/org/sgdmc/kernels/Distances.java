package org.sgdmc.kernels;

/**
 * The distances |w - w*| of a block of trajectories in {@link LogScaled} form, struct-of-arrays: mantissas
 * in one array, binary exponents in another. Shared by a vector kernel and its scalar twin, so both start
 * from, and report, exactly the same representation.
 */
final class Distances {
  final double[] mant;
  final long[] exp;

  Distances(int width) {
    mant = new double[width];
    exp = new long[width];
  }

  int width() {
    return mant.length;
  }

  /** Every trajectory at {@code initial} (finite, > 0). */
  void reset(double initial) {
    for (int i = 0; i < mant.length; i++) {
      LogScaled.set(initial, mant, exp, i);
    }
  }

  /** {@link #logs} with vectors, for the vector kernels only: the same bits. */
  void logsVector(double[] out) {
    VectorLogScaled.logs(mant, exp, out, mant.length);
  }

  /** {@code log |w - w*|} of each trajectory, {@code -inf} where it is exactly 0. */
  void logs(double[] out) {
    for (int i = 0; i < mant.length; i++) {
      out[i] = LogScaled.log(mant[i], exp[i]);
    }
  }
}
