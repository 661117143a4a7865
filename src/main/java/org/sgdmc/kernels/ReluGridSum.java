package org.sgdmc.kernels;

import java.util.Arrays;
import org.sgdmc.models.GrokRelu;

/**
 * The test sum of squares of the two-layer ReLU net, {@code sum_p (f(z_p) - f*(z_p))^2} over the uniform test grid
 * {@code z_p} ({@link GrokRelu#gridPoint}, p < {@link GrokRelu#TEST_POINTS}), formed through the kinks of f instead of
 * unit by unit at every point: O(m + P) a trajectory, not O(m P).
 *
 * <p>Unit j is active ({@code w_j z + b_j > 0}) on an interval of grid indices: from its boundary on where {@code w_j >
 * 0}, before it where {@code w_j < 0}, everywhere or nowhere where {@code w_j = 0} (by the sign of {@code b_j}). On
 * the grid, f is {@code S1_p z_p + S0_p} with {@code S1_p, S0_p} the sums of {@code a_j w_j, a_j b_j} over the units
 * active at p: each unit adds its products to row 0 and/or the row of its boundary ({@link #scatter}), and the pass
 * over the points ({@link #sum}) keeps running sums of those rows. Activity is decided exactly as the step
 * decides it ({@code fma(w, z_p, b) > 0}, whose sign is the exact sign of {@code w z_p + b}): the boundary comes from
 * the kink {@code -b/w} and is corrected by one grid point either way against that test. f differs from the unit by
 * unit sum by rounding only (a few ulps of {@code sum_j |a_j| (|w_j| + |b_j|)}); both twins use these routines, the
 * vector kernel with its pass over the points across lanes, in the same order, so they agree to the bit.
 *
 * <p>A lane whose products are not all finite (a diverged trajectory, or a NaN) gets +inf: diverged, not NaN.
 */
final class ReluGridSum {
  static final int POINTS = GrokRelu.TEST_POINTS;
  /** Rows of the scatter arrays: one per point and one past the end (units whose boundary is past the grid). */
  static final int ROWS = POINTS + 1;
  static final double HALF_STEPS = (POINTS - 1) / 2.0; // z_p = -1 + p / HALF_STEPS
  private static final double[] GRID = new double[POINTS]; // z_p, GrokRelu.gridPoint's values

  static {
    for (int p = 0; p < POINTS; p++) {
      GRID[p] = GrokRelu.gridPoint(p, POINTS);
    }
  }

  private ReluGridSum() {}

  /**
   * The rows of lane i's units, into {@code slope[p * stride + lane]} and {@code level[p * stride + lane]} (which
   * the caller zeroed): for unit j ascending, {@code a_j w_j} and {@code a_j b_j} added at its boundary where {@code
   * w_j > 0} (active from there) and subtracted there where {@code w_j < 0} (inactive from there); the units active
   * at the first point ({@code w_j < 0}, or {@code w_j = 0 < b_j}) summed apart, j ascending, and that sum added to
   * row 0 last (a running sum in registers, not a chain of loads and stores through row 0). Returns 0, or NaN where a
   * product is not finite.
   */
  static double scatter(double[] a, double[] w, double[] b, int m, int width, int i, double[] slope, double[] level,
      int stride, int lane) {
    double guardSlope = 0; // two chains, not one twice as long
    double guardLevel = 0;
    double firstSlope = 0;
    double firstLevel = 0;
    for (int j = 0; j < m; j++) {
      int at = j * width + i;
      double aj = a[at];
      double wj = w[at];
      double bj = b[at];
      double s = aj * wj;
      double c = aj * bj;
      guardSlope += s * 0.0; // NaN once a product is inf or NaN
      guardLevel += c * 0.0;
      if (wj == 0) { // rare: active everywhere or nowhere
        if (bj > 0) {
          firstSlope += s;
          firstLevel += c;
        }
        continue;
      }
      double sign = Math.copySign(1.0, wj); // no branch on the sign of w: it is a coin toss
      double first = (1 - sign) * 0.5; // 1 where w < 0: active from the first point
      firstSlope += s * first; // adding +-0 leaves a sum unchanged: sums start at +0 and never become -0
      firstLevel += c * first;
      int row = boundary(wj, bj) * stride + lane;
      slope[row] += s * sign;
      level[row] += c * sign;
    }
    slope[lane] += firstSlope;
    level[lane] += firstLevel;
    return guardSlope + guardLevel;
  }

  /**
   * The first grid index p (0 .. POINTS) at which {@code (fma(w, z_p, b) > 0) == (w > 0)}: where a unit with {@code w
   * > 0} switches on, or one with {@code w < 0} switches off ({@code w != 0}). The test is monotone in p; the kink's
   * grid coordinate {@code (k + 1) HALF_STEPS} with {@code k = -b/w} is within rounding of it, so one step either way
   * settles it (clamping decides kinks far outside the grid; a NaN kink gives 0).
   */
  static int boundary(double w, double b) {
    double c = (-b / w + 1) * HALF_STEPS + 1;
    int p = (int) Math.max(0.0, Math.min(c, POINTS));
    // q = fma(|w|, z, sign(w) b) = sign(w) fma(w, z, b) exactly (rounding to nearest is symmetric), so that the tests
    // below come out the same way (almost always false) whatever the sign of w: no coin-toss branch
    double sign = Math.copySign(1.0, w);
    double ws = sign * w;
    double bs = sign * b;
    if (p > 0 && past(Math.fma(ws, GRID[p - 1], bs), w)) {
      p--;
    }
    if (p < POINTS && !past(Math.fma(ws, GRID[p], bs), w)) {
      p++;
    }
    return p;
  }

  /**
   * Whether a grid point with {@code q = sign(w) fma(w, z, b)} is at or past the boundary: {@code q > 0} (w > 0:
   * active), or {@code q = 0} where w < 0 (inactive: fma(w, z, b) = 0 is not > 0).
   */
  private static boolean past(double q, double w) {
    return q > 0 || (q == 0 && w < 0);
  }

  /**
   * Lane i's test sum of squares, scalar: {@link #scatter} into {@code slope} and {@code level} (scratch of {@link
   * #ROWS} each), then the running sums over the points ascending.
   */
  static double sum(GrokRelu model, double[] a, double[] w, double[] b, int width, int i, double[] slope,
      double[] level) {
    Arrays.fill(slope, 0, ROWS, 0.0);
    Arrays.fill(level, 0, ROWS, 0.0);
    double guard = scatter(a, w, b, model.width(), width, i, slope, level, 1, 0);
    double s1 = 0;
    double s0 = 0;
    double sum = 0;
    for (int p = 0; p < POINTS; p++) {
      double z = GRID[p];
      s1 += slope[p];
      s0 += level[p];
      double e = Math.fma(s1, z, s0) - model.teacher(z);
      sum = Math.fma(e, e, sum);
    }
    return diverged(sum + guard);
  }

  /** A NaN sum (a diverged lane) as +inf. */
  static double diverged(double sum) {
    return Double.isNaN(sum) ? Double.POSITIVE_INFINITY : sum;
  }
}
