package org.sgdmc.sweep;

import java.util.List;
import java.util.Map;

/**
 * A model that a sweep can run with common random numbers: its per-step growth factors are linear in two
 * random coefficients,
 *
 * <pre>  factor_e(t) = 1 + c1_e(cell) A_t + c2_e(cell) B_t,   e = 0 .. exponents()-1,  </pre>
 *
 * where (A_t, B_t) depend on the random draws and on the "stream" parameters alone (batch size, dataset),
 * and (c1, c2) on the rest of the cell's parameters (learning rate, label mixing mu, two-point value a,
 * outlier size, ...). Cells that share stream parameters then share their draws: the coefficients of a
 * trajectory block are generated once and every cell of the grid runs on them. This is what makes a
 * 200 x 200 diagram with 10^4 trajectories per cell a matter of minutes. Each cell's estimate is still an
 * ordinary unbiased ensemble estimate; neighbouring cells are positively correlated, which keeps phase
 * boundaries free of speckle.
 *
 * <p>linreg1d: factor = 1 - lr q with q = A (Gaussian) or, with an outlier x_1^2 = C, q = C A + B where
 * A = (copies of point 1 in the batch)/S and B = (sum of the other squares)/S. Saddle: 1 +- lr chi_bar
 * with chi_bar = mu A + (1 - mu) B, A and B the batch means of x^2 and x eps, or A + a B for two-point data.
 */
public interface SweepFamily {

  /** The model's name on the command line. */
  String model();

  /** Names of the parameters that may be swept or fixed, in display order. */
  List<String> parameters();

  /** Default values of the parameters (every name in {@link #parameters()}). */
  Map<String, Double> defaults();

  /** The parameters that change the random coefficients; cells agreeing on these share draws. */
  List<String> streamParameters();

  /** Number of exponents per cell (1: linreg1d; 2: the saddle's lambda_plus and lambda_minus). */
  int exponents();

  /** Names of the exponents for files, e.g. {@code lyapunov} or {@code lyapunov_plus, lyapunov_minus}. */
  List<String> exponentNames();

  /** Checks a cell's parameters; one-line IllegalArgumentException if they are not a valid model. */
  void validate(Map<String, Double> params);

  /** The coefficient source for one combination of stream parameters. */
  CoefficientSource source(Map<String, Double> streamParams, long seed);

  /** Fills {@code c1[e], c2[e]} for the cell. */
  void factors(Map<String, Double> params, double[] c1, double[] c2);

  /** The exact (or numerically exact) exponents of the cell, one per exponent. */
  double[] theory(Map<String, Double> params);

  /**
   * Classifies a cell from its exponents and their standard errors (or from theory with zero errors):
   * a phase code, or 0 where the family has no phases or the exponents do not decide it. Codes are listed by {@link #phaseNames()}.
   */
  default int phase(Map<String, Double> params, double[] lambda, double[] stderr) {
    return 0;
  }

  /**
   * How the family's finite-data cells draw their batches ({@code /parameters@sampling} of the sweep file), or
   * null for a family without finite data.
   */
  default org.sgdmc.models.Sampling sampling() {
    return null;
  }

  /** Names of phase codes 0, 1, 2, ... (empty when the family has no phases). */
  default List<String> phaseNames() {
    return List.of();
  }

  /** Random coefficients of one stream-parameter combination. */
  interface CoefficientSource {
    /**
     * Fills {@code a[t*width + j]}, {@code b[t*width + j]} for trajectories {@code traj0 .. traj0+width-1}
     * and steps {@code 0 .. steps-1}; a function of (seed, trajectory, step) only.
     */
    void fill(long traj0, int width, int steps, double[] a, double[] b);

    /** Upper bounds on |A_t| and |B_t| (to bound one factor for renormalisation). */
    double maxAbsA();

    double maxAbsB();
  }
}
