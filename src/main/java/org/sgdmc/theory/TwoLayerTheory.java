package org.sgdmc.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.sgdmc.models.Activation;
import org.sgdmc.models.RegressionData;
import org.sgdmc.models.Sampling;
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
   * Most batch contents for which {@link #saddleAttractiveIntervals} is exact. Its cost grows as atoms^2 (a pass
   * over the atoms for every piece between poles): 40 ms for swish2's S = 1 (100 atoms), but about 10 s for
   * S = 2 (4950), too slow for every run's printout, so S = 2 keeps the grid.
   */
  static final int EXACT_INTERVAL_ATOMS = 1_000;

  /**
   * The learning rates in [lrMin, lrMax] where C attracts in probability (both saddle exponents negative), as
   * intervals {lo, hi} (an interval that reaches an end of the range is cut there).
   *
   * <p>Where the exponents are exact (S = 1, or an enumerated batch law of at most {@value
   * #EXACT_INTERVAL_ATOMS} atoms) no interval can be missed, however narrow: with finite data
   * {@code f(lr) = sum_b p_b log|1 + s lr q_b|} (s = +-1) has a -infinity pole at each {@code lr = 1/|q_b|}
   * with {@code s q_b < 0}, and between two poles {@code f'' = -sum_b p_b q_b^2 / (1 + s lr q_b)^2 < 0}: f is
   * strictly concave there, so its set {@code f >= 0} is one interval or empty. Each piece between poles is
   * therefore settled exactly by its maximum (bisection on the decreasing f') and, if that is >= 0, the two
   * roots on either side of it (bisection on monotone f). A grid, whatever its resolution, can step over the
   * hairline stripes next to a pole (issue 15: [2.38924, 2.39647] and stripes near 3.0993, 3.2314, 3.3611 and
   * 3.5785 on swish2's data seed 85 were missed by 2000 log-spaced points).
   *
   * <p>Otherwise (Monte Carlo exponents, or more atoms) the list is found on a grid of {@code points}
   * log-spaced learning rates refined by bisection, and is complete only at the grid's resolution.
   */
  public static List<double[]> saddleAttractiveIntervals(Activation act, RegressionData d, int batch,
      boolean withReplacement, double lrMin, double lrMax, int points) {
    if (!(lrMin > 0 && lrMax > lrMin && points >= 2)) {
      throw new IllegalArgumentException("need 0 < lrMin < lrMax and at least 2 points");
    }
    BatchMeanLaw law = exactLaw(act, d, batch, withReplacement);
    if (law != null && law.size() <= EXACT_INTERVAL_ATOMS) {
      return intersect(negativeSet(law, +1, lrMin, lrMax), negativeSet(law, -1, lrMin, lrMax));
    }
    return gridIntervals(act, d, batch, withReplacement, lrMin, lrMax, points);
  }

  /** Whether {@link #saddleAttractiveIntervals} is exact (cannot miss an interval) for this batch and sampling. */
  public static boolean saddleIntervalsExact(Activation act, RegressionData d, int batch, boolean withReplacement) {
    BatchMeanLaw law = exactLaw(act, d, batch, withReplacement);
    return law != null && law.size() <= EXACT_INTERVAL_ATOMS;
  }

  /** The law of the batch mean of chi that {@link #saddleExponents} sums exactly, merged; null for Monte Carlo. */
  private static BatchMeanLaw exactLaw(Activation act, RegressionData d, int batch, boolean withReplacement) {
    // batch contents bound the atoms; beyond the limit saddleExponents may still enumerate, but the exact
    // interval search (about atoms^2 operations) would take seconds to minutes
    if (BatchMeanLaw.count(d.size(), batch, withReplacement) > EXACT_INTERVAL_ATOMS) {
      return null;
    }
    return BatchMeanLaw.enumerateMeans(chi(act, d), batch, withReplacement, ENUMERATION_LIMIT).merged();
  }

  /** {@code sum_b p_b log|1 + s lr q_b|}. */
  private static double f(BatchMeanLaw law, int s, double lr) {
    double sum = 0;
    for (int b = 0; b < law.size(); b++) {
      sum += law.p(b) * logAbsOnePlus(s * lr, law.q(b));
    }
    return sum;
  }

  /**
   * {@code {f'(lr), f''(lr)}}: {@code f' = sum_b p_b s q_b / (1 + s lr q_b)}, strictly decreasing between poles,
   * and {@code f'' = -sum_b p_b q_b^2 / (1 + s lr q_b)^2}.
   */
  private static double[] fPrimes(BatchMeanLaw law, int s, double lr) {
    double d1 = 0, d2 = 0;
    for (int b = 0; b < law.size(); b++) {
      double q = s * law.q(b);
      double r = q / Math.fma(lr, q, 1.0);
      d1 += law.p(b) * r;
      d2 -= law.p(b) * r * r;
    }
    return new double[] {d1, d2};
  }

  /** {@code {f(lr), f'(lr)}}. */
  private static double[] fAndPrime(BatchMeanLaw law, int s, double lr) {
    return new double[] {f(law, s, lr), fPrimes(law, s, lr)[0]};
  }

  /**
   * The zero of a function g in (l, r), g(l) and g(r) of opposite signs ({@code positiveLeft}: g > 0 left of the
   * zero), by Newton's method kept inside the bracket (bisection where a step would leave it), to the last bit
   * of the bracket. {@code g} returns {g, g'}. Returns the bracket's end on the side {@code keepPositive}.
   */
  private static double zero(java.util.function.DoubleFunction<double[]> g, double l, double r, boolean positiveLeft,
      boolean keepPositive) {
    double x = 0.5 * (l + r);
    for (int it = 0; it < 300; it++) {
      double[] v = g.apply(x);
      if ((v[0] > 0) == positiveLeft) {
        l = x;
      } else {
        r = x;
      }
      double mid = 0.5 * (l + r);
      if (mid <= l || mid >= r) {
        break;
      }
      double newton = x - v[0] / v[1];
      // Newton where it stays well inside the bracket; else bisect (next to a pole Newton crawls)
      x = newton > l && newton < r && Double.isFinite(newton) ? newton : mid;
      if (it % 4 == 3) {
        x = mid; // a bisection now and then bounds the work even where Newton converges slowly
      }
    }
    return keepPositive == positiveLeft ? l : r;
  }

  /**
   * The learning rates in [lo, hi] where {@code f < 0}, as disjoint sorted intervals; a pole (f = -infinity)
   * belongs to the set, so the pieces on either side of it join there.
   */
  static List<double[]> negativeSet(BatchMeanLaw law, int s, double lo, double hi) {
    java.util.TreeSet<Double> poles = new java.util.TreeSet<>();
    for (int b = 0; b < law.size(); b++) {
      double q = s * law.q(b);
      if (q < 0 && law.p(b) > 0) {
        double pole = -1.0 / q;
        if (pole > lo && pole < hi) {
          poles.add(pole);
        }
      }
    }
    List<Double> cuts = new ArrayList<>();
    cuts.add(lo);
    cuts.addAll(poles);
    cuts.add(hi);
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i + 1 < cuts.size(); i++) {
      double a = cuts.get(i), b = cuts.get(i + 1);
      boolean poleA = i > 0, poleB = i + 2 < cuts.size();
      // the maximiser of the concave piece: f' > 0 left of it, < 0 right of it (+-infinity next to a pole)
      double m;
      if (!poleA && fPrimes(law, s, a)[0] <= 0) {
        m = a;
      } else if (!poleB && fPrimes(law, s, b)[0] >= 0) {
        m = b;
      } else {
        m = zero(x -> fPrimes(law, s, x), a, b, true, true);
      }
      double top = f(law, s, m);
      if (!(top >= 0)) {
        add(out, a, b);
        continue;
      }
      // f >= 0 on [r1, r2] around m; negative left of r1 (if f(a) < 0) and right of r2 (if f(b) < 0)
      if (poleA || f(law, s, a) < 0) {
        add(out, a, root(law, s, a, m, true));
      }
      if (poleB || f(law, s, b) < 0) {
        add(out, root(law, s, m, b, false), b);
      }
    }
    return out;
  }

  /**
   * The root of f in (a, b), f increasing there ({@code rising}) or decreasing; returns the end of the final
   * bracket on the negative side, so the interval it closes holds only learning rates where f < 0.
   */
  private static double root(BatchMeanLaw law, int s, double a, double b, boolean rising) {
    return zero(x -> fAndPrime(law, s, x), a, b, !rising, false);
  }

  /** Appends [a, b], joining it to the last interval when they touch (at a pole). */
  private static void add(List<double[]> out, double a, double b) {
    if (!(b > a)) {
      return;
    }
    if (!out.isEmpty() && out.get(out.size() - 1)[1] >= a) {
      out.get(out.size() - 1)[1] = Math.max(out.get(out.size() - 1)[1], b);
    } else {
      out.add(new double[] {a, b});
    }
  }

  /** The intersection of two sorted lists of disjoint intervals. */
  static List<double[]> intersect(List<double[]> x, List<double[]> y) {
    List<double[]> out = new ArrayList<>();
    int i = 0, j = 0;
    while (i < x.size() && j < y.size()) {
      double lo = Math.max(x.get(i)[0], y.get(j)[0]), hi = Math.min(x.get(i)[1], y.get(j)[1]);
      if (hi > lo) {
        out.add(new double[] {lo, hi});
      }
      if (x.get(i)[1] < y.get(j)[1]) {
        i++;
      } else {
        j++;
      }
    }
    return out;
  }

  /** The grid search, for the exponents that are not exact (see {@link #saddleAttractiveIntervals}). */
  private static List<double[]> gridIntervals(Activation act, RegressionData d, int batch,
      boolean withReplacement, double lrMin, double lrMax, int points) {
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
    return linearisedExponent(act, d, u, w, lr, batch, Sampling.of(withReplacement), steps);
  }

  /**
   * {@link #linearisedExponent(Activation, RegressionData, double, double, double, int, boolean, int)} for any
   * sampling. Reshuffled, the factors of one epoch come from one permutation (batch b of the epoch takes
   * positions b S .. b S + S - 1 of a Fisher-Yates shuffle run forward through the epoch), and the burn-in and
   * the 20 blocks are whole epochs, so the blocks stay independent. The factors at a minimum do not commute,
   * so unlike the saddle's exponents this one depends on the order within an epoch, not only on each batch's law.
   */
  public static Estimate linearisedExponent(Activation act, RegressionData d, double u, double w, double lr,
      int batch, Sampling sampling, int steps) {
    boolean withReplacement = sampling.withReplacement();
    boolean reshuffle = sampling == Sampling.RESHUFFLE;
    int perEpoch = reshuffle ? (int) Sampling.batchesPerEpoch(d.size(), batch) : 1;
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
    perBlock = roundUp(perBlock, perEpoch);
    burn = roundUp(burn, perEpoch);
    double[] blockMeans = new double[blocks];
    for (int k = -burn; k < blocks * perBlock; k++) {
      double huu = 0, huw = 0, hww = 0;
      int first = reshuffle ? ((k + burn) % perEpoch) * batch : 0; // the batch's first position in the shuffle
      for (int j = 0; j < batch; j++) {
        int pos = first + j;
        int r = withReplacement ? rng.nextInt(n) : pos + rng.nextInt(n - pos);
        if (!withReplacement) {
          int t = perm[pos];
          perm[pos] = perm[r];
          perm[r] = t;
          r = perm[pos];
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

  /** The smallest multiple of {@code m} that is at least {@code v}. */
  private static int roundUp(int v, int m) {
    return (v + m - 1) / m * m;
  }
}
