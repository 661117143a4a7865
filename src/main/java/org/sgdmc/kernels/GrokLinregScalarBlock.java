package org.sgdmc.kernels;

import org.sgdmc.models.GrokData;
import org.sgdmc.models.GrokLinreg;
import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;

/**
 * The scalar twin of {@link GrokLinregVectorBlock}, written for clarity: one trajectory, one step at a time. It
 * performs the same IEEE operations in the same order, so the two agree bit for bit.
 *
 * <p>Trajectory i starts at {@code w_0c = (alpha/sqrt(d)) z_c}, z_c normal c of its {@link Stream#INIT} stream.
 * At every state t (before step t is taken, and at each snapshot) the event times are checked: {@code t1 = t} if
 * it is unset and {@code L_train(w_t) <= trainThreshold}, {@code t2 = t} likewise for the test loss. Step t:
 * <ul>
 *   <li>residuals {@code r_j = fma(x_j(d-1), w_(d-1), ... fma(x_j0, w_0, -y_j))} (c ascending) of the batch's
 *       points, j in draw order (all n points in order for full-batch GD);
 *   <li>gradient sums {@code g_c = fma(x_(S-1)c, r_(S-1), ... fma(x_0c, r_0, 0))} (j ascending);
 *   <li>{@code w_c <- fma(g_c, -eta/S, w_c * (1 - eta lambda))}.
 * </ul>
 * The training loss is {@code (sum_j r_j^2 as an fma chain, j ascending over all n points) * (0.5/n)}, the test loss
 * {@code 0.5 * (sum_c (w_c - beta*_c)^2 as an fma chain)}. Minibatch j of step t: draws {@code t S .. t S + S - 1}
 * of the trajectory's {@link Stream#BATCH} stream ({@link FiniteBatchSampler}); reshuffled, batch t mod K of epoch t div
 * K's permutation ({@link FiniteBatchSampler#reshuffledBatch}), so at S = n every point once a step, in permuted order.
 *
 * <p>Channels of a snapshot: 0: {@code log sqrt(2 L_train) = log(|X w - y| / sqrt n)}; 1: {@code log|w - beta*| =
 * log sqrt(2 L_test)}; 2: {@code log|w|}; 3: t1; 4: t2 (event times in steps, +inf while not reached). Logs of
 * root losses, so that the engine's log-distance statistics apply: their {@code log_mean_square} is
 * {@code log E[2 L]}.
 */
public final class GrokLinregScalarBlock implements StateBlock {
  public static final int CHANNELS = 5;
  private final GrokLinreg model;
  private final long seed;
  private final int width;
  private final int n;
  private final int d;
  private final int s;
  private final double[] x;
  private final double[] y;
  private final double[] beta;
  private final double coefficient;
  private final double decay;
  private final double halfOverN;
  private final FiniteBatchSampler sampler;
  private final double[] w; // [c * width + i]
  private final double[] t1;
  private final double[] t2;
  private final double[] r;
  private final int[] picked;
  private final long[] draws;
  private long traj0;
  private long now;

  public GrokLinregScalarBlock(GrokLinreg model, long seed, int width) {
    GrokData data = model.data();
    this.model = model;
    this.seed = seed;
    this.width = width;
    this.n = data.n();
    this.d = data.d();
    this.s = model.batch();
    this.x = data.x();
    this.y = data.y();
    this.beta = data.betaStar();
    this.coefficient = model.coefficient();
    this.decay = model.decay();
    this.halfOverN = 0.5 / n;
    this.sampler = model.fullBatch() || model.reshuffled() ? null // reshuffled: the reference, in step()
        : new FiniteBatchSampler(n, s, model.withReplacement());
    this.w = new double[d * width];
    this.t1 = new double[width];
    this.t2 = new double[width];
    this.r = new double[n];
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
    double scale = model.initScale();
    for (int i = 0; i < width; i++) {
      for (int c = 0; c < d; c++) {
        w[c * width + i] = scale * Draws.normal(seed, Stream.INIT, traj0 + i, c);
      }
      t1[i] = Double.POSITIVE_INFINITY;
      t2[i] = Double.POSITIVE_INFINITY;
    }
  }

  @Override
  public void advance(long from, long to) {
    for (int i = 0; i < width; i++) {
      for (long t = from; t < to; t++) {
        check(i, t);
        step(i, t);
      }
    }
    now = to;
  }

  /** Sets t1 and t2 of trajectory i to t where they are unset and its losses at state t are at their levels. */
  private void check(int i, long t) {
    if (t1[i] == Double.POSITIVE_INFINITY && trainLoss(i) <= model.trainThreshold()) {
      t1[i] = t;
    }
    if (t2[i] == Double.POSITIVE_INFINITY && 0.5 * testSum(i) <= model.testThreshold()) {
      t2[i] = t;
    }
  }

  /** The training loss of trajectory i's current w. */
  private double trainLoss(int i) {
    double sum = 0;
    for (int m = 0; m < n; m++) {
      double p = -y[m];
      for (int c = 0; c < d; c++) {
        p = Math.fma(x[m * d + c], w[c * width + i], p);
      }
      sum = Math.fma(p, p, sum);
    }
    return sum * halfOverN;
  }

  /** {@code |w - beta*|^2} of trajectory i. */
  private double testSum(int i) {
    double sum = 0;
    for (int c = 0; c < d; c++) {
      double e = w[c * width + i] - beta[c];
      sum = Math.fma(e, e, sum);
    }
    return sum;
  }

  private double normSum(int i) {
    double sum = 0;
    for (int c = 0; c < d; c++) {
      double v = w[c * width + i];
      sum = Math.fma(v, v, sum);
    }
    return sum;
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
    for (int j = 0; j < s; j++) {
      int m = picked[j];
      double p = -y[m];
      for (int c = 0; c < d; c++) {
        p = Math.fma(x[m * d + c], w[c * width + i], p);
      }
      r[j] = p;
    }
    for (int c = 0; c < d; c++) {
      double g = 0;
      for (int j = 0; j < s; j++) {
        g = Math.fma(x[picked[j] * d + c], r[j], g);
      }
      int at = c * width + i;
      w[at] = Math.fma(g, coefficient, w[at] * decay);
    }
  }

  @Override
  public void snapshot(double[] out) {
    for (int i = 0; i < width; i++) {
      check(i, now);
      out[i] = logRoot(2 * trainLoss(i));
      out[width + i] = logRoot(testSum(i));
      out[2 * width + i] = logRoot(normSum(i));
      out[3 * width + i] = t1[i];
      out[4 * width + i] = t2[i];
    }
  }

  /** {@code log sqrt(v) = 0.5 log v}; +inf for a value that overflowed to inf or NaN (never NaN). */
  static double logRoot(double v) {
    return Double.isNaN(v) ? Double.POSITIVE_INFINITY : 0.5 * Math.log(v);
  }

  /** The current w of trajectory {@code traj0 + i} (for the exact-solution tests). */
  public double[] weights(int i) {
    double[] out = new double[d];
    for (int c = 0; c < d; c++) {
      out[c] = w[c * width + i];
    }
    return out;
  }
}
