package org.sgdmc.theory;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code Lambda(lr, S) = E log|1 - lr q|} for {@code q = chi^2_S / S} (Gaussian data, fresh draws), by
 * tanh-sinh quadrature on a grid of pieces adapted to the density and to the pole {@code c = 1/lr}.
 *
 * <p>The density of q is Gamma(shape {@code k = S/2}, scale {@code 2/S}): mean 1, standard deviation
 * {@code sigma = sqrt(2/S)}; it behaves like {@code q^(k-1)} at 0 (singular for S = 1, a branch point for
 * every odd S). The factor {@code log|1 - lr q|} has an integrable logarithmic singularity at {@code c}.
 * The pieces:
 *
 * <ol>
 *   <li>The support is cut to {@code [lo, hi]} where the Chernoff bound {@code P(q > x), P(q < x) <=
 *       exp(-k (x - 1 - log x))} is below {@code e^-50}; {@code lo = 0} unless that lower point exceeds
 *       1/4 (S of about 158 and more), so a branch point at 0 is either an endpoint or far from every piece.
 *   <li>Breakpoints at {@code 1} and {@code 1 +- j sigma} for {@code j = 1, 2, 3, 4, 6, 8, 12, 16, ...}:
 *       pieces about one sigma wide in the bulk, growing geometrically in the tails, so the peak of width
 *       {@code sqrt(2/S)} is resolved for every S (checked up to 4096).
 *   <li>{@code c} becomes a breakpoint, and a grid breakpoint closer to c than a quarter of the grid cell
 *       is dropped, so the singularity is an endpoint of its two pieces and at least a comparable width
 *       away from every other piece (tanh-sinh converges slowly near singularities outside the interval).
 *   <li>Pieces ending at c evaluate {@code log|1 - lr q| = log(lr |q - c|)} from the distance to c that
 *       the quadrature supplies, exact far below the ulp of c; elsewhere {@code log1p(-lr q)} keeps the
 *       relative accuracy for small lr.
 * </ol>
 *
 * <p>Accuracy: each piece is converged to {@code max(1e-15, 1e-13 |piece|)} on successive step halvings;
 * the sum of those estimates is returned as the error and is itself pessimistic by orders of magnitude.
 * Checked against adaptive Gauss-Legendre with a different split, against the closed forms for S = 1
 * (Dawson function) and S = 2 (exponential integral), and against Monte Carlo (see the tests).
 */
final class GaussianLyapunov {
  /** Tail mass left out on each side: at most e^-50 = 2e-22 by the Chernoff bound. */
  private static final double TAIL_EXPONENT = 50.0;
  /** The bulk breakpoint offsets in units of sigma before geometric growth takes over. */
  private static final double[] FIRST_OFFSETS = {1, 2, 3, 4};
  /** Per-piece absolute tolerance of the tanh-sinh levels. */
  private static final double PIECE_ABS_TOL = 1e-15;
  /** Per-piece relative tolerance of the tanh-sinh levels. */
  private static final double PIECE_REL_TOL = 1e-13;

  private GaussianLyapunov() {}

  /** Lambda with its error estimate. */
  static Quadrature.Result integrate(double lr, int batch) {
    double k = 0.5 * batch;
    double logNorm = SpecialFunctions.gammaMeanOneLogNormalisation(k);
    double c = 1.0 / lr;
    double[] breaks = breakpoints(batch, c);
    double value = 0;
    double error = 0;
    int evaluations = 0;
    for (int i = 0; i + 1 < breaks.length; i++) {
      double a = breaks[i];
      double b = breaks[i + 1];
      boolean poleLeft = a == c;
      boolean poleRight = b == c;
      Quadrature.EndpointIntegrand f = (fromLeft, fromRight) -> {
        double q = fromLeft <= fromRight ? a + fromLeft : b - fromRight;
        if (!(q > 0)) {
          return 0.0;
        }
        double density = Math.exp(SpecialFunctions.gammaMeanOneLogDensity(q, k, logNorm));
        double g;
        if (poleRight) {
          g = Math.log(lr * fromRight);
        } else if (poleLeft) {
          g = Math.log(lr * fromLeft);
        } else {
          g = Linreg1dTheory.logAbsOneMinus(lr, q);
        }
        return density * g;
      };
      Quadrature.Result r = Quadrature.tanhSinh(f, a, b, PIECE_ABS_TOL, PIECE_REL_TOL);
      value += r.value();
      error += r.errorEstimate();
      evaluations += r.evaluations();
    }
    return new Quadrature.Result(value, error, evaluations);
  }

  /** The total probability mass the pieces see: 1 up to the tails and the quadrature error. */
  static Quadrature.Result mass(int batch) {
    double k = 0.5 * batch;
    double logNorm = SpecialFunctions.gammaMeanOneLogNormalisation(k);
    double[] breaks = breakpoints(batch, Double.NaN);
    double value = 0;
    double error = 0;
    int evaluations = 0;
    for (int i = 0; i + 1 < breaks.length; i++) {
      double a = breaks[i];
      double b = breaks[i + 1];
      Quadrature.Result r = Quadrature.tanhSinh((fromLeft, fromRight) -> {
        double q = fromLeft <= fromRight ? a + fromLeft : b - fromRight;
        return q > 0 ? Math.exp(SpecialFunctions.gammaMeanOneLogDensity(q, k, logNorm)) : 0.0;
      }, a, b, PIECE_ABS_TOL, PIECE_REL_TOL);
      value += r.value();
      error += r.errorEstimate();
      evaluations += r.evaluations();
    }
    return new Quadrature.Result(value, error, evaluations);
  }

  /** The sorted breakpoints for batch S and pole c (NaN: no pole). */
  static double[] breakpoints(int batch, double c) {
    double k = 0.5 * batch;
    double sigma = Math.sqrt(2.0 / batch);
    double hi = upperCut(k);
    double lo = lowerCut(k);
    List<Double> grid = new ArrayList<>();
    grid.add(lo);
    List<Double> below = new ArrayList<>();
    List<Double> above = new ArrayList<>();
    double j = 0;
    for (int n = 0; ; n++) {
      j = n < FIRST_OFFSETS.length ? FIRST_OFFSETS[n] : j * (n % 2 == 0 ? 1.5 : 4.0 / 3.0);
      double down = 1.0 - j * sigma;
      double up = 1.0 + j * sigma;
      if (down > lo) {
        below.add(down);
      }
      if (up < hi) {
        above.add(up);
      }
      if (down <= lo && up >= hi) {
        break;
      }
    }
    for (int i = below.size() - 1; i >= 0; i--) {
      grid.add(below.get(i));
    }
    grid.add(1.0);
    grid.addAll(above);
    grid.add(hi);
    if (c > lo && c < hi) {
      int cell = 0;
      while (grid.get(cell + 1) <= c) {
        cell++;
      }
      double left = grid.get(cell);
      double right = grid.get(cell + 1);
      if (left != c) {
        double width = right - left;
        boolean dropRight = right - c < 0.25 * width && cell + 1 < grid.size() - 1;
        boolean dropLeft = c - left < 0.25 * width && cell > 0;
        if (dropRight) {
          grid.remove(cell + 1);
        }
        grid.add(cell + 1, c);
        if (dropLeft) {
          grid.remove(cell);
        }
      }
    }
    double[] out = new double[grid.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = grid.get(i);
    }
    return out;
  }

  /** The x > 1 with {@code k (x - 1 - log x) = TAIL_EXPONENT}, by Newton from the right (convex, rising). */
  static double upperCut(double k) {
    double a = TAIL_EXPONENT / k;
    double x = 1.0 + a + Math.sqrt(2.0 * a);
    for (int i = 0; i < 100; i++) {
      double step = (SpecialFunctions.gammaRate(x) - a) / (1.0 - 1.0 / x);
      x -= step;
      if (Math.abs(step) <= 1e-15 * x) {
        break;
      }
    }
    return x;
  }

  /** 0, or the x in (1/4, 1) with {@code k (x - 1 - log x) = TAIL_EXPONENT} when there is one. */
  static double lowerCut(double k) {
    double a = TAIL_EXPONENT / k;
    if (SpecialFunctions.gammaRate(0.25) <= a) {
      return 0.0;
    }
    double lo = 0.25;
    double hi = 1.0;
    for (int i = 0; i < 100 && hi - lo > 1e-15; i++) {
      double mid = 0.5 * (lo + hi);
      if (SpecialFunctions.gammaRate(mid) > a) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
