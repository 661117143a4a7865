package org.sgdmc.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.sgdmc.models.Activation;
import org.sgdmc.models.RegressionData;
import org.sgdmc.models.TwoLayerNet;

/**
 * Stability theory for the two-parameter nets at their stationary points (seed 002, Sec. 4.2-4.3).
 *
 * <p><b>The saddle C at the origin.</b> Every per-sample loss is stationary there, and its Hessian is
 * {@code [[0, -chi], [-chi, 0]]} with {@code chi = c0 x y}, c0 = act'(0) (1 for tanh, 1/2 for swish): to first
 * order SGD is the rank-0 saddle of Sec. 4.2, {@code h = u + w -> (1 + lr q) h}, {@code m = w - u -> (1 - lr q)
 * m}, q the batch mean of chi. So (Prop. 2) C attracts in probability iff both
 * {@code Lambda+ = E log|1 + lr q|} and {@code Lambda- = E log|1 - lr q|} are negative; C is then a fixed point
 * of every step, so "attracts" means the trajectory converges to it.
 *
 * <p><b>A minimum.</b> Off interpolation the per-sample gradients do not vanish, so SGD does not converge;
 * linearised, the deviation follows the random affine map {@code d -> (I - (lr/S) sum_j H_j) d - lr g_B}. It
 * has a stationary law around the minimum iff the top Lyapunov exponent of the matrix products is negative
 * (Kesten; seed 002, App. A.3), estimated here by Monte Carlo. GD's threshold is 2/h, h the top eigenvalue.
 */
public final class TwoLayerTheory {
  /** Most batch contents summed exactly before Monte Carlo takes over. */
  static final long ENUMERATION_LIMIT = 2_000_000;
  /** Batches drawn by a Monte Carlo estimate of the saddle exponents. */
  static final int SADDLE_SAMPLES = 200_000;
  /** Fixed seed of the theory's Monte Carlo, so its values reproduce. */
  public static final long THEORY_SEED = 0x5EED_0004L;

  private TwoLayerTheory() {}

  /** chi_i = c0 x_i y_i of each training point. */
  public static double[] chi(Activation act, RegressionData d) {
    double c0 = act.slopeAtZero();
    double[] chi = new double[d.size()];
    for (int i = 0; i < chi.length; i++) {
      chi[i] = c0 * d.x(i) * d.y(i);
    }
    return chi;
  }

  /**
   * {Lambda+, Lambda-} at C: exact sum for S = 1, exact enumeration of the batches while there are at most
   * {@value #ENUMERATION_LIMIT}, else Monte Carlo over {@value #SADDLE_SAMPLES} batches (stderr > 0).
   */
  public static Estimate[] saddleExponents(Activation act, RegressionData d, double lr, int batch, boolean withReplacement) {
    double[] chi = chi(act, d);
    if (batch == 1) {
      double plus = 0, minus = 0;
      for (double c : chi) {
        plus += logAbsOnePlus(lr, c);
        minus += logAbsOnePlus(-lr, c);
      }
      return new Estimate[] {
        new Estimate(plus / chi.length, 0, Estimate.METHOD_EXACT_SUM),
        new Estimate(minus / chi.length, 0, Estimate.METHOD_EXACT_SUM)};
    }
    if (BatchMeanLaw.count(chi.length, batch, withReplacement) <= ENUMERATION_LIMIT) {
      BatchMeanLaw law = BatchMeanLaw.enumerateMeans(chi, batch, withReplacement, ENUMERATION_LIMIT);
      return new Estimate[] {
        new Estimate(law.expectation(q -> logAbsOnePlus(lr, q)), 0, Estimate.METHOD_EXACT_ENUMERATION),
        new Estimate(law.expectation(q -> logAbsOnePlus(-lr, q)), 0, Estimate.METHOD_EXACT_ENUMERATION)};
    }
    SplittableRandom rng = new SplittableRandom(THEORY_SEED);
    int n = chi.length;
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    double sp = 0, sp2 = 0, sm = 0, sm2 = 0;
    for (int k = 0; k < SADDLE_SAMPLES; k++) {
      double sum = 0;
      for (int j = 0; j < batch; j++) {
        int r = withReplacement ? rng.nextInt(n) : j + rng.nextInt(n - j);
        if (!withReplacement) {
          int t = perm[j];
          perm[j] = perm[r];
          perm[r] = t;
          r = perm[j];
        }
        sum += chi[r];
      }
      double q = sum / batch;
      double p = logAbsOnePlus(lr, q), m = logAbsOnePlus(-lr, q);
      sp += p;
      sp2 += p * p;
      sm += m;
      sm2 += m * m;
    }
    double k = SADDLE_SAMPLES;
    return new Estimate[] {
      new Estimate(sp / k, Math.sqrt(Math.max(0, sp2 / k - (sp / k) * (sp / k)) / (k - 1)), Estimate.METHOD_MONTE_CARLO_PLAIN),
      new Estimate(sm / k, Math.sqrt(Math.max(0, sm2 / k - (sm / k) * (sm / k)) / (k - 1)), Estimate.METHOD_MONTE_CARLO_PLAIN)};
  }

  /** log|1 + a q|, with relative accuracy for small a q. */
  static double logAbsOnePlus(double a, double q) {
    double y = a * q;
    return Math.abs(y) < 0.5 ? Math.log1p(y) : Math.log(Math.abs(Math.fma(a, q, 1.0)));
  }

  /**
   * The learning rates in [lrMin, lrMax] where C attracts in probability (both saddle exponents negative), as
   * intervals {lo, hi}: found on a grid of {@code points} log-spaced learning rates and refined by bisection
   * to 1e-9 relative (an interval that reaches an end of the range is cut there). With finite data the
   * exponents have a -infinity pole at each lr = 1/|q_b| (the stripes of seed 002, Fig. 2), around which a
   * narrow attractive interval may exist; the grid finds those only if it lands in one, so the list is of
   * the intervals at the grid's resolution.
   */
  public static List<double[]> saddleAttractiveIntervals(Activation act, RegressionData d, int batch,
      boolean withReplacement, double lrMin, double lrMax, int points) {
    if (!(lrMin > 0 && lrMax > lrMin && points >= 2)) {
      throw new IllegalArgumentException("need 0 < lrMin < lrMax and at least 2 points");
    }
    List<double[]> out = new ArrayList<>();
    double prevLr = lrMin;
    boolean prevIn = attracts(act, d, lrMin, batch, withReplacement);
    double start = lrMin;
    for (int i = 1; i < points; i++) {
      double lr = lrMin * Math.pow(lrMax / lrMin, i / (double) (points - 1));
      boolean in = attracts(act, d, lr, batch, withReplacement);
      if (in && !prevIn) {
        start = edge(act, d, batch, withReplacement, prevLr, lr, false);
      } else if (!in && prevIn) {
        out.add(new double[] {start, edge(act, d, batch, withReplacement, prevLr, lr, true)});
      }
      prevIn = in;
      prevLr = lr;
    }
    if (prevIn) {
      out.add(new double[] {start, lrMax});
    }
    return out;
  }

  /** A range of learning rates that holds every attractive interval of C: 1e-3 to 1e3 over mean |chi|. */
  public static double[] saddleSearchRange(Activation act, RegressionData d) {
    double m = 0;
    for (double c : chi(act, d)) {
      m += Math.abs(c);
    }
    m /= d.size();
    return new double[] {1e-3 / m, 1e3 / m};
  }

  private static boolean attracts(Activation act, RegressionData d, double lr, int batch, boolean withReplacement) {
    Estimate[] e = saddleExponents(act, d, lr, batch, withReplacement);
    return e[0].value() < 0 && e[1].value() < 0;
  }

  /** Bisection for the edge in (a, b]: attractive at a iff {@code leaving}. */
  private static double edge(Activation act, RegressionData d, int batch, boolean wr, double a, double b, boolean leaving) {
    while (b - a > 1e-9 * b) {
      double mid = 0.5 * (a + b);
      if (attracts(act, d, mid, batch, wr) == leaving) {
        a = mid;
      } else {
        b = mid;
      }
    }
    return 0.5 * (a + b);
  }

  /**
   * The top Lyapunov exponent of the SGD linearised at the stationary point (u, w): products of
   * {@code I - (lr/S) sum_{j in B_t} H_j(u, w)}, estimated from {@code steps} random batches (a vector
   * renormalised every step, the log-norms averaged; the stderr from 20 consecutive blocks of steps) after
   * {@code steps / 10} steps of burn-in. Batches without replacement are partial Fisher-Yates shuffles.
   */
  public static Estimate linearisedExponent(Activation act, RegressionData d, double u, double w, double lr,
      int batch, boolean withReplacement, int steps) {
    int n = d.size();
    double[][] h = new double[n][];
    for (int i = 0; i < n; i++) {
      h[i] = TwoLayerNet.sampleHessian(act, d.x(i), d.y(i), u, w);
    }
    SplittableRandom rng = new SplittableRandom(THEORY_SEED);
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    double lrS = lr / batch;
    double v0 = 0.6, v1 = 0.8; // generic: not an eigenvector of the saddle's commuting factors (along (1, +-1))
    int blocks = 20, perBlock = Math.max(1, steps / blocks), burn = Math.max(1, steps / 10);
    double[] blockMeans = new double[blocks];
    for (int k = -burn; k < blocks * perBlock; k++) {
      double huu = 0, huw = 0, hww = 0;
      for (int j = 0; j < batch; j++) {
        int r = withReplacement ? rng.nextInt(n) : j + rng.nextInt(n - j);
        if (!withReplacement) {
          int t = perm[j];
          perm[j] = perm[r];
          perm[r] = t;
          r = perm[j];
        }
        huu += h[r][0];
        huw += h[r][1];
        hww += h[r][2];
      }
      double a = v0 - lrS * (huu * v0 + huw * v1);
      double b = v1 - lrS * (huw * v0 + hww * v1);
      double norm = Math.hypot(a, b);
      if (norm == 0) {
        return new Estimate(Double.NEGATIVE_INFINITY, 0, Estimate.METHOD_MONTE_CARLO_PLAIN);
      }
      v0 = a / norm;
      v1 = b / norm;
      if (k >= 0) {
        blockMeans[k / perBlock] += Math.log(norm) / perBlock;
      }
    }
    double mean = 0;
    for (double m : blockMeans) {
      mean += m / blocks;
    }
    double var = 0;
    for (double m : blockMeans) {
      var += (m - mean) * (m - mean) / (blocks - 1);
    }
    return new Estimate(mean, Math.sqrt(var / blocks), Estimate.METHOD_MONTE_CARLO_PLAIN);
  }
}
