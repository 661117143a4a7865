package org.sgdmc.kernels;

/**
 * The k tangent vectors of a block of trajectories and the running products of their QR diagonals: the
 * state of a Lyapunov-spectrum kernel ({@link LinearDVectorBlock}, {@link LinearDScalarBlock}), shared by a
 * vector kernel and its scalar twin so that both start from, and report, exactly the same representation.
 *
 * <p>Struct-of-arrays, lanes = trajectories: entry c of tangent vector a of trajectory i is
 * {@code q[(a*d + c)*width + i]}, so one vector load takes that entry for consecutive trajectories. The
 * product {@code P_a = prod R_aa} of the a-th diagonal entries of all QR factorisations so far is kept in
 * {@link LogScaled} form, {@code mant[a*width + i] * 2^exp[a*width + i]}, so it never overflows and its log
 * costs one logarithm when reported rather than one per re-orthonormalisation.
 *
 * <p>What is reported (observable a of trajectory i at step t): {@code L_a(t) = log P_a + log R'_aa}, R' from
 * a QR of a copy of the current tangent vectors. In exact arithmetic that is the log of the a-th diagonal of
 * the QR factorisation of {@code M_t ... M_1 Q_0}, whatever the re-orthonormalisation schedule, because a QR
 * of a product of QR factors is the product of the R factors; computing it on a copy leaves the state, and
 * so every later value, independent of when the engine asks. {@code L_1(t) = log|M_t ... M_1 e_1|} is the
 * log-distance of SGD started at {@code w_0 - w* = e_1}; {@code L_1 + ... + L_a} is the log of the a-volume
 * spanned by the images of {@code e_1 .. e_a}.
 *
 * <p>A tangent vector whose component orthogonal to the previous ones has norm below {@link
 * Double#MIN_NORMAL} (exactly 0 when a batch maps it into their span, as a singular M can) counts as
 * collapsed: it is set to 0 and stays 0, and its {@code L_a} is -inf from then on. Within the growth bound
 * of {@link org.sgdmc.models.LinearD} no other way to reach that norm exists except shrinking by a factor
 * 2^-1000 within one interval, which is a collapse for every practical purpose.
 */
final class Tangents {
  final int width;
  final int d;
  final int k;
  final double[] q;
  final double[] mant;
  final long[] exp;
  // scratch for reporting
  private final double[] copy;
  private final double[] rdiag;
  private final double[] oneMant = new double[1];
  private final long[] oneExp = new long[1];

  Tangents(int width, int d, int k) {
    this.width = width;
    this.d = d;
    this.k = k;
    this.q = new double[k * d * width];
    this.mant = new double[k * width];
    this.exp = new long[k * width];
    this.copy = new double[k * d];
    this.rdiag = new double[k];
  }

  /** Every trajectory's tangent vectors at {@code e_1 .. e_k} and every product at 1. */
  void reset() {
    java.util.Arrays.fill(q, 0.0);
    for (int a = 0; a < k; a++) {
      for (int i = 0; i < width; i++) {
        q[(a * d + a) * width + i] = 1.0;
      }
    }
    java.util.Arrays.fill(mant, 1.0);
    java.util.Arrays.fill(exp, 0L);
  }

  /**
   * Modified Gram-Schmidt, in place, on the k vectors of length d at {@code v[off + (a*d + c)*stride]}; the
   * norms (the diagonal of R) go to {@code rdiag}. The reference order of operations, which the vector
   * kernel repeats lane by lane: for each a, for each b < a, {@code p = sum_c v_b[c] v_a[c]} (fma chain from
   * 0, c ascending), then {@code v_a[c] = fma(-p, v_b[c], v_a[c])}; then {@code s = sum_c v_a[c]^2} (fma chain),
   * {@code r = sqrt(s)} and {@code v_a[c] *= 1/r}, or r = 0 and {@code v_a = 0} if {@code r < MIN_NORMAL}.
   */
  static void orthonormalise(double[] v, int off, int stride, int d, int k, double[] rdiag) {
    for (int a = 0; a < k; a++) {
      int va = off + a * d * stride;
      for (int b = 0; b < a; b++) {
        int vb = off + b * d * stride;
        double p = 0.0;
        for (int c = 0; c < d; c++) {
          p = Math.fma(v[vb + c * stride], v[va + c * stride], p);
        }
        double np = -p;
        for (int c = 0; c < d; c++) {
          v[va + c * stride] = Math.fma(np, v[vb + c * stride], v[va + c * stride]);
        }
      }
      double s = 0.0;
      for (int c = 0; c < d; c++) {
        double x = v[va + c * stride];
        s = Math.fma(x, x, s);
      }
      double r = Math.sqrt(s);
      double inv = 1.0 / r;
      if (!(r >= Double.MIN_NORMAL)) {
        r = 0.0;
        inv = 0.0;
      }
      for (int c = 0; c < d; c++) {
        v[va + c * stride] *= inv;
      }
      rdiag[a] = r;
    }
  }

  /** Scalar re-orthonormalisation of trajectory {@code i}: QR in place, the norms multiplied into the products. */
  void orthonormalise(int i) {
    orthonormalise(q, i, width, d, k, rdiag);
    for (int a = 0; a < k; a++) {
      mant[a * width + i] *= rdiag[a];
      LogScaled.renormalise(mant, exp, a * width + i);
    }
  }

  /** {@code out[i] = L_which} of each trajectory (see the class comment); the state is not changed. */
  void logs(int which, double[] out) {
    for (int i = 0; i < width; i++) {
      for (int e = 0; e < k * d; e++) {
        copy[e] = q[e * width + i];
      }
      orthonormalise(copy, 0, 1, d, which + 1, rdiag);
      oneMant[0] = mant[which * width + i] * rdiag[which];
      oneExp[0] = exp[which * width + i];
      LogScaled.renormalise(oneMant, oneExp, 0);
      out[i] = LogScaled.log(oneMant[0], oneExp[0]);
    }
  }
}
