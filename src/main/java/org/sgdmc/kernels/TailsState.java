package org.sgdmc.kernels;

import java.util.Arrays;
import org.sgdmc.models.LinearDTails;

/**
 * The state of a block of {@link LinearDTails} trajectories, shared by {@link LinearDTailsVectorBlock} and
 * its scalar twin {@link LinearDTailsScalarBlock} so that both start from, and report, exactly the same
 * representation.
 *
 * <p>Struct-of-arrays, lanes = trajectories: coordinate c of trajectory i's {@code u = w - w_LS} is {@code
 * u[c*width + i]}; its tangent vector {@code v_t = M_{t-1} ... M_0 e_1} is {@code v[c*width + i] *
 * 2^exp[i]}. The kernels multiply v by a power of two from time to time ({@link #renormalise}), which is exact,
 * so the tangent vector never overflows or underflows over 10^7 steps and its log-norm costs one logarithm
 * per snapshot; its coordinates stay below 2 in magnitude after each renormalisation.
 *
 * <p>Divergence: a step after which {@code |u|^2 > }{@link LinearDTails#DIVERGED_SQUARE_NORM} (or is NaN)
 * sets {@code u_0} to NaN. IEEE arithmetic keeps a NaN state NaN (the next residual is NaN, and with it every
 * coordinate), so divergence is sticky at no cost, and a state is diverged exactly when its squared norm is
 * not {@code <=} the threshold. The tangent vector does not depend on u and goes on.
 */
final class TailsState {
  /** Channels of a snapshot: |u|, u_0, ln|v|. */
  private static final int NORM = StationaryBlock.NORM;
  private static final int FIRST = StationaryBlock.COORDINATE;
  private static final int LOG_TANGENT = StationaryBlock.LOG_FACTOR;

  final int width;
  final int d;
  final double[] u;
  final double[] v;
  final long[] exp;

  TailsState(int width, int d) {
    this.width = width;
    this.d = d;
    this.u = new double[d * width];
    this.v = new double[d * width];
    this.exp = new long[width];
  }

  /** Every trajectory at step 0: {@code u = 0} (at w_LS), {@code v = e_1}. */
  void reset() {
    Arrays.fill(u, 0.0);
    Arrays.fill(v, 0.0);
    Arrays.fill(v, 0, width, 1.0);
    Arrays.fill(exp, 0L);
  }

  /** Whether a squared norm of u, formed after a step, says the trajectory has diverged (NaN included). */
  static boolean diverged(double squareNorm) {
    return !(squareNorm <= LinearDTails.DIVERGED_SQUARE_NORM);
  }

  /**
   * Scalar renormalisation of trajectory i's tangent vector: with m the largest |v_c| and e its binary
   * exponent, {@code v *= 2^-e} and {@code exp += e}, so that m lands in [1, 2). Nothing happens when m is 0
   * or subnormal (a collapsed vector, which stays as it is).
   */
  void renormalise(int i) {
    double m = 0.0;
    for (int c = 0; c < d; c++) {
      m = Math.max(m, Math.abs(v[c * width + i]));
    }
    long field = Double.doubleToRawLongBits(m) >>> 52;
    if (field == 0) {
      return;
    }
    double scale = Double.longBitsToDouble((2046 - field) << 52); // 2^-(field - 1023), exact
    for (int c = 0; c < d; c++) {
      v[c * width + i] *= scale;
    }
    exp[i] += field - 1023;
  }

  /**
   * Channel ch of trajectory i to {@code out[ch*width + i]}: {@code |u| = sqrt(sum_c u_c^2)} (fma chain, c
   * ascending) and {@code u_0}, both +inf once diverged; {@code ln|v| = exp ln 2 + ln sqrt(sum_c v_c^2)}, -inf
   * if the tangent vector collapsed to 0. Never NaN; the state is not changed.
   */
  void snapshot(double[] out) {
    for (int i = 0; i < width; i++) {
      double s = 0.0;
      double sv = 0.0;
      for (int c = 0; c < d; c++) {
        double x = u[c * width + i];
        double y = v[c * width + i];
        s = Math.fma(x, x, s);
        sv = Math.fma(y, y, sv);
      }
      boolean gone = diverged(s);
      out[NORM * width + i] = gone ? Double.POSITIVE_INFINITY : Math.sqrt(s);
      out[FIRST * width + i] = gone ? Double.POSITIVE_INFINITY : u[i];
      out[LOG_TANGENT * width + i] = LogScaled.log(Math.sqrt(sv), exp[i]);
    }
  }
}
