package org.sgdmc.kernels;

import org.sgdmc.models.TwoTimescale;
import org.sgdmc.models.TwoTimescaleData;
import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;

/**
 * The scalar twin of {@link TwoTimescaleVectorBlock}, written for clarity: one trajectory, one step at a time, with
 * the same IEEE operations in the same order, so the two agree bit for bit (no transcendental function is used).
 *
 * <p>Trajectory i starts at {@code x_c = xInitScale z_c}, {@code y_k = yInitScale z_(dFast+k)}, z normal number c of
 * its {@link Stream#INIT} stream, and its state 0 is checked (see below). Step t:
 * <ul>
 *   <li>{@code u_k = eps * y_k}, {@code g_k = u_k} (linear) or {@code u_k * u_k} (quadratic);
 *   <li>residuals {@code r_j = fma(q_j(s-1), g_(s-1), ... fma(q_j0, g_0, fma(p_j(d-1), x_(d-1), ... fma(p_j0, x_0,
 *       -l_j))))} of the batch's points, j in draw order (all n in order for full-batch GD);
 *   <li>gradient sums {@code G_c = fma(p_(S-1)c, r_(S-1), ... fma(p_0c, r_0, 0))} and likewise {@code H_k} with q;
 *   <li>{@code x_c <- fma(G_c, -a/S, x_c)}; {@code y_k <- fma(H_k, -(a eps)/S, y_k)} (linear) or
 *       {@code fma(H_k, (2 u_k) * (-(a eps)/S), y_k)} (quadratic);
 * </ul>
 * then the new state t + 1 is checked. Checking state t: the test loss {@code L = 0.5 * (fma chain of (x_c - x*_c)^2,
 * c ascending, continued by (g_k - g*_k)^2, k ascending)}; {@code t1 = t} if unset and {@code L <= upper}; then, once
 * t1 is set (which also sets the running minimum m to L) and while t3 is not: {@code t3 = t} if {@code L <= lower},
 * else the count above the band grows by one when {@code L > upper}, {@code m = L} when {@code L < m}, and
 * {@code (rise, peak, peakTime) = (L - m, L, t)} when {@code L - m > rise}: the ascent is the largest rise of L
 * above its running minimum. Minibatch j of step t: draws
 * {@code t S .. t S + S - 1} of the trajectory's {@link Stream#BATCH} stream ({@link FiniteBatchSampler}); reshuffled,
 * batch t mod K of epoch t div K's permutation ({@link FiniteBatchSampler#reshuffledBatch}).
 *
 * <p>Channels of a snapshot: 0: {@code log sqrt(2 L_test)}; 1: {@code log sqrt(2 L_train) = log(|r| / sqrt n)};
 * 2: {@code log|g(u) - g(u*)|} (the slow part's error); 3: {@code log|x - lambda(u)|}, lambda(u) = argmin_x f(x, u)
 * = c0 - M g(u) on the training set (the fast coordinate's jitter about its slow manifold); 4: t1; 5: t3; 6: the
 * steps above the band; 7: {@code log sqrt(2 peak)}, L where the ascent peaks (-inf without an ascent); 8: the peak's
 * step (+inf without an ascent); 9: {@code log sqrt(2 rise)}, the ascent's height (-inf without one). Logs of roots, so
 * that the engine's log-distance statistics apply ({@code log_mean_square} is {@code log E[2 L]}).
 */
public final class TwoTimescaleScalarBlock implements StateBlock {
  public static final int CHANNELS = 10;
  private final TwoTimescale model;
  private final long seed;
  private final int width;
  private final int n;
  private final int df;
  private final int ds;
  private final int s;
  private final boolean quadratic;
  private final double eps;
  private final double[] p;
  private final double[] q;
  private final double[] labels;
  private final double[] xStar;
  private final double[] gStar;
  private final double[] c0;
  private final double[] m;
  private final double xFactor;
  private final double yFactor;
  private final double upper;
  private final double lower;
  private final FiniteBatchSampler sampler;
  private final double[] x; // [c * width + i]
  private final double[] y; // [k * width + i]
  private final double[] t1;
  private final double[] t3;
  private final double[] above;
  private final double[] peak;
  private final double[] peakTime;
  private final double[] runMin;
  private final double[] rise;
  private final double[] r;
  private final double[] g;
  private final int[] picked;
  private final long[] draws;
  private long traj0;
  private long now;

  public TwoTimescaleScalarBlock(TwoTimescale model, long seed, int width) {
    TwoTimescaleData data = model.data();
    this.model = model;
    this.seed = seed;
    this.width = width;
    this.n = data.n();
    this.df = data.dFast();
    this.ds = data.dSlow();
    this.s = model.batch();
    this.quadratic = model.coupling() == TwoTimescale.Coupling.QUADRATIC;
    this.eps = model.eps();
    this.p = data.p();
    this.q = data.q();
    this.labels = data.labels();
    this.xStar = data.xStar();
    this.gStar = data.gStar();
    double[][] lambda = data.fastMinimiser();
    this.c0 = lambda[0];
    this.m = lambda[1];
    this.xFactor = model.xFactor();
    this.yFactor = model.yFactor();
    this.upper = model.upperLevel();
    this.lower = model.lowerLevel();
    this.sampler = model.fullBatch() ? null : new FiniteBatchSampler(n, s, model.withReplacement());
    this.x = new double[df * width];
    this.y = new double[ds * width];
    this.t1 = new double[width];
    this.t3 = new double[width];
    this.above = new double[width];
    this.peak = new double[width];
    this.peakTime = new double[width];
    this.runMin = new double[width];
    this.rise = new double[width];
    this.r = new double[n];
    this.g = new double[ds];
    this.picked = new int[s];
    this.draws = new long[s];
    for (int j = 0; j < s; j++) {
      picked[j] = j;
    }
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int channels() {
    return CHANNELS;
  }

  @Override
  public void start(long traj0) {
    this.traj0 = traj0;
    this.now = 0;
    double sx = model.xInitScale();
    double sy = model.yInitScale();
    for (int i = 0; i < width; i++) {
      for (int c = 0; c < df; c++) {
        x[c * width + i] = sx * Draws.normal(seed, Stream.INIT, traj0 + i, c);
      }
      for (int k = 0; k < ds; k++) {
        y[k * width + i] = sy * Draws.normal(seed, Stream.INIT, traj0 + i, df + k);
      }
      t1[i] = Double.POSITIVE_INFINITY;
      t3[i] = Double.POSITIVE_INFINITY;
      above[i] = 0;
      peak[i] = 0;
      peakTime[i] = Double.POSITIVE_INFINITY;
      runMin[i] = Double.POSITIVE_INFINITY;
      rise[i] = 0;
      check(i, 0);
    }
  }

  @Override
  public void advance(long from, long to) {
    for (int i = 0; i < width; i++) {
      for (long t = from; t < to; t++) {
        step(i, t);
        check(i, t + 1);
      }
    }
    now = to;
  }

  /** {@code g_k = g(eps y_k)} of trajectory i into {@link #g}. */
  private void slowOutputs(int i) {
    for (int k = 0; k < ds; k++) {
      double u = eps * y[k * width + i];
      g[k] = quadratic ? u * u : u;
    }
  }

  /** The test loss of trajectory i (with {@link #g} filled). */
  private double testLoss(int i) {
    double sum = 0;
    for (int c = 0; c < df; c++) {
      double e = x[c * width + i] - xStar[c];
      sum = Math.fma(e, e, sum);
    }
    for (int k = 0; k < ds; k++) {
      double e = g[k] - gStar[k];
      sum = Math.fma(e, e, sum);
    }
    return 0.5 * sum;
  }

  /** The regime bookkeeping of trajectory i at state t (see the class comment). */
  private void check(int i, long t) {
    slowOutputs(i);
    double loss = testLoss(i);
    if (t1[i] == Double.POSITIVE_INFINITY && loss <= upper) {
      t1[i] = t;
      runMin[i] = loss;
    }
    if (t1[i] != Double.POSITIVE_INFINITY && t3[i] == Double.POSITIVE_INFINITY) {
      if (loss <= lower) {
        t3[i] = t;
      } else {
        if (loss > upper) {
          above[i] += 1;
        }
        if (loss < runMin[i]) {
          runMin[i] = loss;
        }
        double up = loss - runMin[i];
        if (up > rise[i]) {
          rise[i] = up;
          peak[i] = loss;
          peakTime[i] = t;
        }
      }
    }
  }

  /** The residual of point mm for trajectory i (with {@link #g} filled). */
  private double residual(int i, int mm) {
    double v = -labels[mm];
    for (int c = 0; c < df; c++) {
      v = Math.fma(p[mm * df + c], x[c * width + i], v);
    }
    for (int k = 0; k < ds; k++) {
      v = Math.fma(q[mm * ds + k], g[k], v);
    }
    return v;
  }

  private void step(int i, long t) {
    if (model.reshuffled()) { // batch t mod K of the epoch's permutation, rebuilt from scratch (the reference)
      FiniteBatchSampler.reshuffledBatch(seed, traj0 + i, t, n, s, picked);
    } else if (sampler != null) {
      for (int j = 0; j < s; j++) {
        draws[j] = Draws.bits(seed, Stream.BATCH, traj0 + i, t * s + j);
      }
      sampler.pick(draws, 0, 1, picked);
    }
    slowOutputs(i);
    for (int j = 0; j < s; j++) {
      r[j] = residual(i, picked[j]);
    }
    for (int c = 0; c < df; c++) {
      double sum = 0;
      for (int j = 0; j < s; j++) {
        sum = Math.fma(p[picked[j] * df + c], r[j], sum);
      }
      int at = c * width + i;
      x[at] = Math.fma(sum, xFactor, x[at]);
    }
    for (int k = 0; k < ds; k++) {
      double sum = 0;
      for (int j = 0; j < s; j++) {
        sum = Math.fma(q[picked[j] * ds + k], r[j], sum);
      }
      int at = k * width + i;
      if (quadratic) {
        double u = eps * y[at];
        y[at] = Math.fma(sum, (2 * u) * yFactor, y[at]);
      } else {
        y[at] = Math.fma(sum, yFactor, y[at]);
      }
    }
  }

  @Override
  public void snapshot(double[] out) {
    for (int i = 0; i < width; i++) {
      slowOutputs(i);
      double test = testLoss(i);
      double train = 0;
      for (int mm = 0; mm < n; mm++) {
        double v = residual(i, mm);
        train = Math.fma(v, v, train);
      }
      double slow = 0;
      for (int k = 0; k < ds; k++) {
        double e = g[k] - gStar[k];
        slow = Math.fma(e, e, slow);
      }
      double jitter = 0;
      for (int c = 0; c < df; c++) {
        double lam = c0[c];
        for (int k = 0; k < ds; k++) {
          lam = Math.fma(-m[c * ds + k], g[k], lam);
        }
        double e = x[c * width + i] - lam;
        jitter = Math.fma(e, e, jitter);
      }
      out[i] = logRoot(2 * test);
      out[width + i] = logRoot(train / n);
      out[2 * width + i] = logRoot(slow);
      out[3 * width + i] = logRoot(jitter);
      out[4 * width + i] = t1[i];
      out[5 * width + i] = t3[i];
      out[6 * width + i] = above[i];
      out[7 * width + i] = logRoot(2 * peak[i]);
      out[8 * width + i] = peakTime[i];
      out[9 * width + i] = logRoot(2 * rise[i]);
    }
  }

  /** {@code log sqrt(v) = 0.5 log v}; +inf for a value that overflowed to inf or NaN (never NaN). */
  static double logRoot(double v) {
    return Double.isNaN(v) ? Double.POSITIVE_INFINITY : 0.5 * Math.log(v);
  }
}
