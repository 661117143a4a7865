package org.sgdmc.stats.tails;

/**
 * The Kolmogorov-Smirnov distance between the tail points above a threshold and the Pareto law fitted to
 * them (Clauset, Shalizi, Newman 2009, Sec. 3.3), computed exactly but without looking at most points.
 *
 * <p>The tail is {@code y_0 >= ... >= y_(t-1)} above {@code xmin = y_t}, point i with integer multiplicity
 * {@code w_i} (all 1 for the data themselves; bootstrap counts, possibly 0, for a replicate), {@code W_i =
 * w_0 + ... + w_(i-1)} and {@code k} points in all (k may exceed {@code W_t}: the rest are copies of
 * {@code y_t} itself). With the fitted survival function {@code S_i = (y_i/xmin)^-alpha = exp(-alpha (l_i -
 * l_t))} the distance is
 *
 * <pre>
 *   D = max over i &lt; t of max(S_i - W_i/k, W_(i+1)/k - S_i),   and 1 - W_t/k if W_t &lt; k,
 * </pre>
 *
 * the usual two one-sided maxima at the ends of each run of equal points. A point of weight 0 gives terms
 * that are at most D (they compare the fit with the empirical law at a point where it has no jump), so a
 * replicate's tail is evaluated on the original points, unchanged.
 *
 * <p>Pruning, and why the result is still exact to the bit. Both {@code S_i} (as computed: {@link Math#log}
 * and {@link Math#exp} are semi-monotonic, and so is rounding) and {@code W_i / k} are non-decreasing in i.
 * So for every i strictly between two evaluated points {@code a < b} the terms are bounded by
 * {@code S_b - W_(a+1)/k} and {@code W_b/k - S_a}, again as computed. A stretch whose bound does not exceed
 * the largest term seen so far cannot change the maximum and is skipped; the others are split into
 * {@value #FAN_OUT} parts, the most promising (largest bound) first, recursively, down to {@value #LEAF}
 * points that are evaluated one by one. The search starts from a window around where the previous call
 * found its maximum (neighbouring k on a grid peak in nearly the same place), so that the bar is high from
 * the start. The result is the maximum of the very same terms a plain loop computes, so it equals the plain
 * loop's result bit for bit (the tests hold it to {@link #bruteForce}). The deviation behaves like a
 * Brownian bridge of height {@code 1/sqrt(k)}, so only the stretches near its maximum survive: the cost is
 * of order {@code sqrt(k)} evaluations instead of k.
 *
 * <p>A search for the smallest D over many k only needs the exact D of the winner: given a {@code limit}, an
 * evaluation stops as soon as a term shows that D exceeds it, and returns that term (a lower bound, above the
 * limit).
 *
 * <p>Not thread-safe: it holds scratch space; use one per thread.
 */
final class KsDistance {
  /** Parts a stretch is split into. */
  static final int FAN_OUT = 16;
  /** Stretches of at most this many points are evaluated point by point. */
  static final int LEAF = 32;
  /** Points evaluated around the previous call's maximum before the search. */
  static final int WINDOW = 16;
  /** Deep enough for 2^31 points: each level divides a stretch by at least FAN_OUT. */
  private static final int MAX_DEPTH = 12;

  private final int[][] at = new int[MAX_DEPTH][FAN_OUT + 1];
  private final double[][] survivalAt = new double[MAX_DEPTH][FAN_OUT + 1];
  private final double[][] boundOf = new double[MAX_DEPTH][FAN_OUT + 1];
  /** Fitted survival terms evaluated since construction (for tests and tuning). */
  long evaluations;

  // the evaluation in progress
  private double[] logs;
  private int[] prefix;
  private double logXmin;
  private double negAlpha;
  private double invK;
  private double best;
  private int bestAt;
  private double limit;
  private boolean stopAtLimit;
  /** Where the previous evaluation found its maximum: the start of the next. */
  private int hint;

  /** D for the unweighted tail: the top {@code k} points, {@code xmin = y_k}. */
  double unweighted(double[] logs, int k, double alpha) {
    return evaluate(logs, null, k, k, alpha, Double.POSITIVE_INFINITY, false);
  }

  /**
   * D for a weighted tail: points {@code 0 .. t-1} with prefix weights {@code prefix[i] = W_i} (so
   * {@code prefix[0] = 0}, and entries up to {@code prefix[t]} are read), k points in all, {@code xmin = y_t}.
   */
  double weighted(double[] logs, int[] prefix, int t, int k, double alpha) {
    return evaluate(logs, prefix, t, k, alpha, Double.POSITIVE_INFINITY, false);
  }

  /**
   * As {@link #weighted}, but once D is known to exceed {@code limit} (or to reach it, if {@code
   * orEqual}) it returns at once a term that shows it. Exact whenever the result is below the limit.
   */
  double weighted(double[] logs, int[] prefix, int t, int k, double alpha, double limit, boolean orEqual) {
    return evaluate(logs, prefix, t, k, alpha, limit, orEqual);
  }

  /**
   * A lower bound of the weighted D: the largest term at {@code points} evenly spaced points of the tail
   * (and the term of the copies of xmin). Cheap, for ordering candidates; it does not move the start hint.
   */
  double probe(double[] logs, int[] prefix, int t, int k, double alpha, int points) {
    this.logs = logs;
    this.prefix = prefix;
    this.logXmin = logs[t];
    this.negAlpha = -alpha;
    this.invK = 1.0 / k;
    int wt = weightBelow(t);
    double bound = wt < k ? 1.0 - wt * invK : 0;
    int saved = bestAt;
    best = bound;
    for (int j = 0; j < points; j++) {
      int i = (int) ((long) (t - 1) * j / Math.max(1, points - 1));
      update(i, survival(i));
    }
    bound = best;
    bestAt = saved;
    this.logs = null;
    this.prefix = null;
    return bound;
  }

  private double evaluate(double[] logs, int[] prefix, int t, int k, double alpha, double limit, boolean orEqual) {
    if (!(alpha > 0) || t < 1 || k < 1) {
      throw new IllegalArgumentException("need alpha > 0 and a non-empty tail: " + alpha + ", " + t + ", " + k);
    }
    this.logs = logs;
    this.prefix = prefix;
    this.logXmin = logs[t];
    this.negAlpha = -alpha;
    this.invK = 1.0 / k;
    this.limit = limit;
    this.stopAtLimit = orEqual;
    best = 0;
    bestAt = 0;
    int wt = weightBelow(t);
    if (wt < k) {
      best = 1.0 - wt * invK;
    }
    int last = t - 1;
    int from = Math.max(0, Math.min(hint, last) - WINDOW / 2);
    int to = Math.min(last, from + WINDOW);
    double sFrom = survival(from);
    update(from, sFrom);
    double sTo = sFrom;
    for (int i = from + 1; i <= to; i++) {
      sTo = survival(i);
      update(i, sTo);
    }
    if (from > 0 && !done()) {
      double s0 = survival(0);
      update(0, s0);
      refine(0, from, s0, sFrom, 0);
    }
    if (to < last && !done()) {
      double sLast = survival(last);
      update(last, sLast);
      refine(to, last, sTo, sLast, 0);
    }
    hint = bestAt;
    this.logs = null;
    this.prefix = null;
    return best;
  }

  private boolean done() {
    return best > limit || (stopAtLimit && best == limit);
  }

  /** Brings the maximum over the points strictly between evaluated points a and b up to date. */
  private void refine(int a, int b, double sa, double sb, int depth) {
    if (b - a <= 1 || bound(a, b, sa, sb) <= best || done()) {
      return;
    }
    if (b - a - 1 <= LEAF) {
      for (int i = a + 1; i < b; i++) {
        update(i, survival(i));
      }
      return;
    }
    int[] p = at[depth];
    double[] s = survivalAt[depth];
    double[] bounds = boundOf[depth];
    p[0] = a;
    s[0] = sa;
    long span = b - a;
    for (int j = 1; j < FAN_OUT; j++) {
      int i = a + (int) (span * j / FAN_OUT);
      p[j] = i;
      s[j] = survival(i);
      update(i, s[j]);
    }
    p[FAN_OUT] = b;
    s[FAN_OUT] = sb;
    int most = 0;
    for (int j = 0; j < FAN_OUT; j++) {
      bounds[j] = bound(p[j], p[j + 1], s[j], s[j + 1]);
      if (bounds[j] > bounds[most]) {
        most = j;
      }
    }
    refineIfAbove(p, s, bounds, most, depth);
    for (int j = 0; j < FAN_OUT && !done(); j++) {
      if (j != most) {
        refineIfAbove(p, s, bounds, j, depth);
      }
    }
  }

  private void refineIfAbove(int[] p, double[] s, double[] bounds, int j, int depth) {
    if (bounds[j] > best) {
      refine(p[j], p[j + 1], s[j], s[j + 1], depth + 1);
    }
  }

  /** An upper bound on every term strictly between a and b. */
  private double bound(int a, int b, double sa, double sb) {
    return larger(sb - weightBelow(a + 1) * invK, weightBelow(b) * invK - sa);
  }

  private void update(int i, double s) {
    double term = larger(s - weightBelow(i) * invK, weightBelow(i + 1) * invK - s);
    if (term > best) {
      best = term;
      bestAt = i;
    }
  }

  private double survival(int i) {
    evaluations++;
    return Math.exp(negAlpha * (logs[i] - logXmin));
  }

  /** {@code W_i}: total weight of the points above point i. */
  private int weightBelow(int i) {
    return prefix == null ? i : prefix[i];
  }

  private static double larger(double x, double y) {
    return x >= y ? x : y;
  }

  /** The plain O(t) loop over every term: the definition the pruned evaluation is held to. */
  static double bruteForce(double[] logs, int[] prefix, int t, int k, double alpha) {
    double lt = logs[t];
    double negAlpha = -alpha;
    double invK = 1.0 / k;
    double best = 0;
    int wt = prefix == null ? t : prefix[t];
    if (wt < k) {
      best = 1.0 - wt * invK;
    }
    for (int i = 0; i < t; i++) {
      double s = Math.exp(negAlpha * (logs[i] - lt));
      int wi = prefix == null ? i : prefix[i];
      int wi1 = prefix == null ? i + 1 : prefix[i + 1];
      best = larger(best, larger(s - wi * invK, wi1 * invK - s));
    }
    return best;
  }
}
