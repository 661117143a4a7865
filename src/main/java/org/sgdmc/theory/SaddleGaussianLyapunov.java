package org.sgdmc.theory;

/**
 * {@code Lambda_s = E log|1 + s lr chib|} for the saddle with Gaussian data (x ~ N(0, 1), eps ~ N(0, 4), y =
 * mu x + (1 - mu) eps, fresh each step) and any batch size S, s = +-1: a one-dimensional quadrature over
 * the batch's {@code q = (1/S) sum_j x_j^2} of a closed-form inner expectation.
 *
 * <p>Reduction: write eps_j = 2 z_j. Then {@code chib = (1/S) sum_j (mu x_j^2 + 2 (1 - mu) x_j z_j)}, and given
 * the x's, {@code sum_j x_j z_j} is N(0, S q). So {@code chib = mu q + 2 (1 - mu) sqrt(q / S) Z} with Z ~ N(0, 1)
 * independent of {@code q ~ Gamma(S/2, 2/S)} (mean 1), and
 *
 * <pre>  Lambda_s = E_q [ E_Z log|c(q) + d(q) Z| ],  c = 1 + s lr mu q,  d = 2 lr |1 - mu| sqrt(q / S),</pre>
 *
 * whose inner expectation is {@link NormalLogAbs} (sign of Z is irrelevant by symmetry).
 *
 * <p>The outer integral is {@link GaussianLyapunov}'s: tanh-sinh on its density-adapted pieces, with the
 * zero {@code q* = -1 / (s lr mu)} of c inserted as a breakpoint when it lies in the support. Near q* the
 * integrand is a logarithm smoothed over a width {@code d(q*) / (lr |mu|)}: sharp when |1 - mu| is small and
 * a true logarithmic singularity at mu = 1 (where the model is linreg1d in disguise). Pieces ending at q*
 * compute c from the distance to q* that the quadrature supplies, so neither case loses accuracy to
 * cancellation. When the smoothing width is far below the piece, extra breakpoints at q* +- 4^j times it
 * keep each piece's integrand simple.
 *
 * <p>Accuracy: each piece is converged to {@code max(1e-14, 1e-12 |piece|)} between successive step halvings;
 * the sum of those differences is returned as the error and overstates it. Cost: see {@link
 * SaddleTheory#lyapunovGaussian}.
 */
final class SaddleGaussianLyapunov {
  /** Per-piece absolute tolerance of the tanh-sinh levels. */
  private static final double PIECE_ABS_TOL = 1e-14;
  /** Per-piece relative tolerance of the tanh-sinh levels. */
  private static final double PIECE_REL_TOL = 1e-12;

  private SaddleGaussianLyapunov() {}

  /** Lambda_s with its error estimate. */
  static Quadrature.Result integrate(double lr, int sign, double mu, int batch) {
    double k = 0.5 * batch;
    double logNorm = SpecialFunctions.gammaMeanOneLogNormalisation(k);
    double slope = sign * lr * mu; // c(q) = 1 + slope q
    double noise = 2.0 * lr * Math.abs(1.0 - mu) / Math.sqrt(batch); // d(q) = noise sqrt(q)
    double pole = slope < 0 ? -1.0 / slope : Double.NaN;
    double[] breaks = refineAtPole(GaussianLyapunov.breakpoints(batch, pole), pole,
        noise * Math.sqrt(pole) / -slope);
    double value = 0;
    double error = 0;
    int evaluations = 0;
    for (int i = 0; i + 1 < breaks.length; i++) {
      double a = breaks[i];
      double b = breaks[i + 1];
      boolean poleLeft = a == pole;
      boolean poleRight = b == pole;
      Quadrature.EndpointIntegrand f = (fromLeft, fromRight) -> {
        double q = fromLeft <= fromRight ? a + fromLeft : b - fromRight;
        if (!(q > 0)) {
          return 0.0;
        }
        double density = Math.exp(SpecialFunctions.gammaMeanOneLogDensity(q, k, logNorm));
        if (density == 0) {
          return 0.0;
        }
        double d = noise * Math.sqrt(q);
        double inner;
        if (poleRight) {
          inner = NormalLogAbs.expectedLogAbs(-slope * fromRight, d); // c = slope (q - q*)
        } else if (poleLeft) {
          inner = NormalLogAbs.expectedLogAbs(slope * fromLeft, d);
        } else {
          inner = NormalLogAbs.expectedLogAbsOnePlus(slope * q, d);
        }
        return density * inner;
      };
      Quadrature.Result r = Quadrature.tanhSinh(f, a, b, PIECE_ABS_TOL, PIECE_REL_TOL);
      value += r.value();
      error += r.errorEstimate();
      evaluations += r.evaluations();
    }
    return new Quadrature.Result(value, error, evaluations);
  }

  /**
   * Adds breakpoints at {@code pole +- width 4^j} (j = 0, 1, ...) inside the two pieces that end at the pole,
   * down to one eighth of each piece, when the smoothing width is far below the piece width.
   */
  static double[] refineAtPole(double[] breaks, double pole, double width) {
    int at = -1;
    for (int i = 0; i < breaks.length; i++) {
      if (breaks[i] == pole) {
        at = i;
      }
    }
    if (at < 0 || !(width > 0)) {
      return breaks;
    }
    java.util.List<Double> out = new java.util.ArrayList<>();
    for (int i = 0; i < breaks.length; i++) {
      if (i == at) {
        double left = at > 0 ? pole - breaks[at - 1] : 0;
        java.util.List<Double> below = new java.util.ArrayList<>();
        for (double off = width; off < left / 8; off *= 4) {
          below.add(pole - off);
        }
        for (int j = below.size() - 1; j >= 0; j--) {
          out.add(below.get(j));
        }
        out.add(pole);
        double right = at + 1 < breaks.length ? breaks[at + 1] - pole : 0;
        for (double off = width; off < right / 8; off *= 4) {
          out.add(pole + off);
        }
      } else {
        out.add(breaks[i]);
      }
    }
    double[] result = new double[out.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = out.get(i);
    }
    return result;
  }
}
