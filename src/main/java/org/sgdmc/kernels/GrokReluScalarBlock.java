package org.sgdmc.kernels;

import java.util.Arrays;
import org.sgdmc.models.GrokRelu;
import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;

/**
 * The scalar twin of {@link GrokReluVectorBlock}: one trajectory, one step at a time, the same IEEE operations in the
 * same order. Parameters {@code a_j, w_j, b_j} start at {@code sigma z}, z normals {@code j}, {@code m + j}, {@code
 * 2m + j} of the trajectory's {@link Stream#INIT} stream. Step: for each point i (ascending), {@code pre_ij =
 * fma(w_j, x_i, b_j)}, {@code h_ij = max(pre_ij, 0)}, {@code f_i = fma chain over j ascending of a_j h_ij from 0},
 * {@code r_i = f_i - y_i}; then, i ascending and j inner, {@code ga_j = fma(r_i, h_ij, ga_j)}, {@code s = pre_ij > 0 ?
 * r_i a_j : 0}, {@code gb_j += s}, {@code gw_j = fma(s, x_i, gw_j)} (all from 0); then {@code theta = fma(g_theta,
 * -eta/n, theta (1 - eta lambda))} for a, w and b.
 *
 * <p>Minibatch SGD ({@link GrokRelu#fullBatch()} false): the points of step t are {@code picked[0 .. S-1]}, element
 * b from draw {@code t S + b} of the trajectory's {@link Stream#BATCH} stream ({@link FiniteBatchSampler#pick}), in
 * place of {@code 0 .. n-1}: the same two passes over them in batch order (a point drawn twice counted twice), and the
 * update with {@code -eta/S}. Reshuffled each epoch ({@link GrokRelu#reshuffled()}), the points of step t are batch
 * {@code t mod K} of epoch {@code t div K}'s permutation, rebuilt from scratch at every step ({@link
 * FiniteBatchSampler#reshuffledBatch}, the reference the vector kernel's kept permutations must equal).
 *
 * <p>Event times, per step: at every state t (before step t, and at each snapshot) {@code t1 = t} if unset and
 * {@code train (0.5 / n) <= trainThreshold}, {@code t2 = t} if unset and {@code test (0.5 / TEST_POINTS) <=
 * testThreshold}: {@code train} the fma chain of {@code (f(x_p) - y_p)^2} over the n points ascending, {@code test}
 * the sum of {@code (f(z_p) - f*(z_p))^2} over the test grid through f's kinks ({@link ReluGridSum}: f there equals
 * the step's to rounding, in O(m + TEST_POINTS)). GD has the training residuals from its first pass, so t1 costs one
 * fma a point; the test sum is formed only while t2 is unset, and for SGD the training sum over all n points only
 * while t1 is unset.
 *
 * <p>Channels ({@link #snapshot(GrokRelu, double[], double[], double[], int, int, double[], int, double[], double[],
 * long)}, one routine for both twins): 0: {@code log sqrt(2 L_train)}; 1: {@code log sqrt(2 L_test)}; 2: {@code log
 * |theta|}; 3: the number of kinks; 4 ..: f at {@link GrokRelu#PLOT_POINTS} points of [-1, 1]; {@link #T1}, {@link
 * #T2}: the event times in steps (+inf while unset).
 */
public final class GrokReluScalarBlock implements StateBlock {
  /** The channels of t1 and t2. */
  public static final int T1 = 4 + GrokRelu.PLOT_POINTS;
  public static final int T2 = T1 + 1;
  public static final int CHANNELS = T2 + 1;
  private final GrokRelu model;
  private final long seed;
  private final int width;
  private final int m;
  private final int n;
  private final double[] a;
  private final double[] w;
  private final double[] b;
  private final double[] r;
  private final double[] ga;
  private final double[] gw;
  private final double[] gb;
  private final FiniteBatchSampler sampler; // null for GD and when reshuffled
  private final boolean minibatch; // not full-batch GD: t1 needs the training sum over all n points
  private final int[] points; // the points of one step: 0 .. n-1 for GD, the batch for SGD
  private final long[] draws;
  private final double[] t1;
  private final double[] t2;
  private final double[] slope = new double[ReluGridSum.ROWS]; // the test sum's scratch
  private final double[] level = new double[ReluGridSum.ROWS];
  private long traj0;
  private long now;

  public GrokReluScalarBlock(GrokRelu model, long seed, int width) {
    this.model = model;
    this.seed = seed;
    this.width = width;
    this.m = model.width();
    this.n = model.n();
    this.a = new double[m * width];
    this.w = new double[m * width];
    this.b = new double[m * width];
    this.ga = new double[m];
    this.gw = new double[m];
    this.gb = new double[m];
    this.minibatch = !model.fullBatch();
    this.sampler = !minibatch || model.reshuffled() ? null
        : new FiniteBatchSampler(model.n(), model.batch(), model.withReplacement());
    this.points = new int[model.batch()];
    for (int p = 0; p < points.length && !minibatch; p++) {
      points[p] = p;
    }
    this.r = new double[points.length];
    this.draws = new long[model.batch()];
    this.t1 = new double[width];
    this.t2 = new double[width];
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
    Arrays.fill(t1, Double.POSITIVE_INFINITY);
    Arrays.fill(t2, Double.POSITIVE_INFINITY);
    double s = model.sigma();
    for (int i = 0; i < width; i++) {
      for (int j = 0; j < m; j++) {
        a[j * width + i] = s * Draws.normal(seed, Stream.INIT, traj0 + i, j);
        w[j * width + i] = s * Draws.normal(seed, Stream.INIT, traj0 + i, m + j);
        b[j * width + i] = s * Draws.normal(seed, Stream.INIT, traj0 + i, 2L * m + j);
      }
    }
  }

  @Override
  public void advance(long from, long to) {
    double[] x = model.x(), y = model.y();
    double coef = model.coefficient(), decay = model.decay();
    int count = points.length;
    for (int i = 0; i < width; i++) {
      for (long t = from; t < to; t++) {
        if (model.reshuffled()) {
          FiniteBatchSampler.reshuffledBatch(seed, traj0 + i, t, n, count, points);
        } else if (sampler != null) {
          for (int k = 0; k < count; k++) {
            draws[k] = Draws.bits(seed, Stream.BATCH, traj0 + i, t * count + k);
          }
          sampler.pick(draws, 0, 1, points);
        }
        for (int q = 0; q < count; q++) {
          int p = points[q];
          double f = 0;
          for (int j = 0; j < m; j++) {
            double pre = Math.fma(w[j * width + i], x[p], b[j * width + i]);
            f = Math.fma(a[j * width + i], Math.max(pre, 0.0), f);
          }
          r[q] = f - y[p];
        }
        if (t1[i] == Double.POSITIVE_INFINITY) {
          double train = 0;
          if (!minibatch) {
            for (int q = 0; q < count; q++) {
              train = Math.fma(r[q], r[q], train);
            }
          } else {
            train = trainSum(model, a, w, b, width, i);
          }
          markTrain(model, train, t1, i, t);
        }
        if (t2[i] == Double.POSITIVE_INFINITY) {
          markTest(model, ReluGridSum.sum(model, a, w, b, width, i, slope, level), t2, i, t);
        }
        Arrays.fill(ga, 0.0);
        Arrays.fill(gw, 0.0);
        Arrays.fill(gb, 0.0);
        for (int q = 0; q < count; q++) {
          int p = points[q];
          for (int j = 0; j < m; j++) {
            double pre = Math.fma(w[j * width + i], x[p], b[j * width + i]);
            ga[j] = Math.fma(r[q], Math.max(pre, 0.0), ga[j]);
            double s = pre > 0 ? r[q] * a[j * width + i] : 0.0;
            gb[j] = gb[j] + s;
            gw[j] = Math.fma(s, x[p], gw[j]);
          }
        }
        for (int j = 0; j < m; j++) {
          int at = j * width + i;
          a[at] = Math.fma(ga[j], coef, a[at] * decay);
          w[at] = Math.fma(gw[j], coef, w[at] * decay);
          b[at] = Math.fma(gb[j], coef, b[at] * decay);
        }
      }
    }
    now = to;
  }

  @Override
  public void snapshot(double[] out) {
    for (int i = 0; i < width; i++) {
      snapshot(model, a, w, b, width, i, out, width, t1, t2, now);
    }
  }

  /** {@code 0.5 / n}: from the training sum of squares to L_train. */
  static double trainScale(GrokRelu model) {
    return 0.5 / model.n();
  }

  /** {@code 0.5 / TEST_POINTS}: from the test sum of squares to L_test. */
  static double testScale() {
    return 0.5 / GrokRelu.TEST_POINTS;
  }

  /** t1[i] := t if unset and the training sum of squares {@code train} is at its level. */
  static void markTrain(GrokRelu model, double train, double[] t1, int i, long t) {
    if (t1[i] == Double.POSITIVE_INFINITY && train * trainScale(model) <= model.trainThreshold()) {
      t1[i] = t;
    }
  }

  /** t2[i] := t if unset and the test sum of squares {@code test} is at its level. */
  static void markTest(GrokRelu model, double test, double[] t2, int i, long t) {
    if (t2[i] == Double.POSITIVE_INFINITY && test * testScale() <= model.testThreshold()) {
      t2[i] = t;
    }
  }

  /** The fma chain of {@code (f(x_p) - y_p)^2} over the n points of lane i. */
  static double trainSum(GrokRelu model, double[] a, double[] w, double[] b, int width, int i) {
    double train = 0;
    for (int p = 0; p < model.n(); p++) {
      double e = f(model, a, w, b, width, i, model.x()[p]) - model.y()[p];
      train = Math.fma(e, e, train);
    }
    return train;
  }

  /** The sum of {@code (f(z_p) - f*(z_p))^2} over the test points of lane i, through f's kinks ({@link ReluGridSum}). */
  static double testSum(GrokRelu model, double[] a, double[] w, double[] b, int width, int i) {
    return ReluGridSum.sum(model, a, w, b, width, i, new double[ReluGridSum.ROWS], new double[ReluGridSum.ROWS]);
  }

  /** Trajectory {@code traj0 + i}'s parameters {a, w, b} now (for tests). */
  double[][] parameters(int i) {
    double[][] out = new double[3][m];
    for (int j = 0; j < m; j++) {
      out[0][j] = a[j * width + i];
      out[1][j] = w[j * width + i];
      out[2][j] = b[j * width + i];
    }
    return out;
  }

  /** f at x for lane i. */
  static double f(GrokRelu model, double[] a, double[] w, double[] b, int width, int i, double x) {
    double f = 0;
    for (int j = 0; j < model.width(); j++) {
      double pre = Math.fma(w[j * width + i], x, b[j * width + i]);
      f = Math.fma(a[j * width + i], Math.max(pre, 0.0), f);
    }
    return f;
  }

  /** Every channel of lane i at state {@code now}: channel c to {@code out[c * stride + i]}; marks t1, t2 first. */
  static void snapshot(GrokRelu model, double[] a, double[] w, double[] b, int width, int i, double[] out,
      int stride, double[] t1, double[] t2, long now) {
    double train = trainSum(model, a, w, b, width, i);
    double test = testSum(model, a, w, b, width, i);
    markTrain(model, train, t1, i, now);
    markTest(model, test, t2, i, now);
    out[T1 * stride + i] = t1[i];
    out[T2 * stride + i] = t2[i];
    double norm = 0;
    int m = model.width();
    for (int j = 0; j < m; j++) {
      int at = j * width + i;
      norm = Math.fma(a[at], a[at], norm);
      norm = Math.fma(w[at], w[at], norm);
      norm = Math.fma(b[at], b[at], norm);
    }
    out[i] = GrokLinregScalarBlock.logRoot(train / model.n());
    out[stride + i] = GrokLinregScalarBlock.logRoot(test / GrokRelu.TEST_POINTS);
    out[2 * stride + i] = GrokLinregScalarBlock.logRoot(norm);
    out[3 * stride + i] = kinks(model, a, w, b, width, i);
    for (int p = 0; p < GrokRelu.PLOT_POINTS; p++) {
      double v = f(model, a, w, b, width, i, GrokRelu.gridPoint(p, GrokRelu.PLOT_POINTS));
      out[(4 + p) * stride + i] = Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }
  }

  /**
   * Kinks of lane i's function in [-1, 1]: positions {@code -b_j/w_j} sorted, runs closer than {@link
   * GrokRelu#KINK_MERGE} merged with their slope changes {@code a_j |w_j|} added; those above the threshold counted.
   */
  static double kinks(GrokRelu model, double[] a, double[] w, double[] b, int width, int i) {
    int m = model.width();
    double[][] k = new double[m][];
    int count = 0;
    for (int j = 0; j < m; j++) {
      int at = j * width + i;
      if (w[at] != 0) {
        double pos = -b[at] / w[at];
        if (pos >= -1 && pos <= 1) {
          k[count++] = new double[] {pos, a[at] * Math.abs(w[at])};
        }
      }
    }
    Arrays.sort(k, 0, count, (p, q) -> Double.compare(p[0], q[0]));
    int kinks = 0;
    for (int s = 0; s < count; ) {
      double change = k[s][1];
      int e = s + 1;
      while (e < count && k[e][0] - k[e - 1][0] < GrokRelu.KINK_MERGE) {
        change += k[e][1];
        e++;
      }
      kinks += Math.abs(change) > model.kinkThreshold() ? 1 : 0;
      s = e;
    }
    return kinks;
  }
}
