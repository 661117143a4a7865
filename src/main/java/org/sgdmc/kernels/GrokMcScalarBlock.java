package org.sgdmc.kernels;

import org.sgdmc.models.GrokMc;
import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;
import org.sgdmc.theory.MinNuclearCompletion;

/**
 * The scalar twin of {@link GrokMcVectorBlock}: one trajectory, one step at a time, the same IEEE operations in the
 * same order. {@code U_ik = sigma z_(i d + k)}, {@code V_jk = sigma z_(d^2 + j d + k)}, z normals of the trajectory's
 * {@link Stream#INIT} stream. Step: {@code W_ij = fma chain over k ascending of U_ik V_jk from 0}; {@code R_ij =
 * (W_ij - M*_ij) / |Omega|} on Omega (multiplied by the rounded 1/|Omega|), 0 off it; {@code GU_ik = fma chain over
 * j ascending of R_ij V_jk}, {@code GV_jk = fma chain over i ascending of R_ij U_ik}; {@code U_ik <- fma(GU_ik, -eta,
 * U_ik (1 - eta lambda))}, V likewise.
 *
 * <p>Minibatch SGD ({@link GrokMc#fullBatch()} false): batch element b of step t is observed entry {@code
 * picked[b]} (ascending order of {@code i d + j}) from draw {@code t S + b} of the trajectory's {@link Stream#BATCH}
 * stream ({@link FiniteBatchSampler#pick}); {@code GU}, {@code GV} start at 0 and, for b ascending, {@code r_b =
 * (fma chain over k of U_ik V_jk from 0 - M*_ij) (1/S)}, then for k ascending {@code GU_ik = fma(r_b, V_jk, GU_ik)},
 * {@code GV_jk = fma(r_b, U_ik, GV_jk)} (all at the old factors); the update as above. Reshuffled each epoch
 * ({@link GrokMc#reshuffled()}), {@code picked} is batch {@code t mod K} of epoch {@code t div K}'s permutation of
 * the observed entries, rebuilt from scratch at every step ({@link FiniteBatchSampler#reshuffledBatch}, the
 * reference the vector kernel's kept permutations must equal); at S = |Omega| this path, not GD's, is taken.
 *
 * <p>Event times, per step: at every state t (before step t, and at each snapshot) {@code t1 = t} if unset and
 * {@code obs (0.5 / |Omega|) <= trainThreshold}, {@code t2 = t} if unset and {@code full (0.5 / d^2) <=
 * testThreshold}, where {@code obs} and {@code full} are the fma chains of {@code (W_ij - M*_ij)^2} over the observed
 * and over all entries, row-major (W_ij as in the step). GD forms the observed residuals anyway, so t1 costs one fma
 * an entry; the unobserved entries of W (half the product) are formed only while t2 is unset. SGD forms all of W
 * at every step while t1 or t2 is unset (the price of exact times; none after both are set).
 *
 * <p>Channels ({@link #snapshot(GrokMc, double[], double[], int, int, double[], int, double[], double[], long)},
 * shared by both twins): 0: {@code log sqrt(2 L_obs)}; 1: {@code log sqrt(2 L_test)}; 2: {@code log sqrt(|U|^2 +
 * |V|^2)}; 3: {@code log |W|_*}; 4: {@code log |W - X_nuc|_F}; 5 ..: the top {@link GrokMc#SINGULAR_VALUES} singular
 * values of W; {@link #T1}, {@link #T2}: the event times in steps (+inf while unset).
 */
public final class GrokMcScalarBlock implements StateBlock {
  /** The channels of t1 and t2. */
  public static final int T1 = 5 + GrokMc.SINGULAR_VALUES;
  public static final int T2 = T1 + 1;
  public static final int CHANNELS = T2 + 1;
  private final GrokMc model;
  private final long seed;
  private final int width;
  private final int d;
  private final double[] u;
  private final double[] v;
  private final double[] r;
  private final double[] gu;
  private final double[] gv;
  private final FiniteBatchSampler sampler; // null for GD and when reshuffled
  private final boolean minibatch; // not full-batch GD
  private final int[] observed;
  private final int[] picked;
  private final long[] draws;
  private final double[] truth;
  private final boolean[] mask;
  private final double[] t1;
  private final double[] t2;
  private long traj0;
  private long now;

  public GrokMcScalarBlock(GrokMc model, long seed, int width) {
    this.model = model;
    this.seed = seed;
    this.width = width;
    this.d = model.d();
    this.u = new double[d * d * width];
    this.v = new double[d * d * width];
    this.r = new double[d * d];
    this.gu = new double[d * d];
    this.gv = new double[d * d];
    this.minibatch = !model.fullBatch();
    this.sampler = !minibatch || model.reshuffled() ? null
        : new FiniteBatchSampler(model.observedCount(), model.batch(), model.withReplacement());
    this.observed = model.observedIndices();
    this.picked = new int[model.batch()];
    this.draws = new long[model.batch()];
    this.truth = model.truth();
    this.mask = model.mask();
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
    java.util.Arrays.fill(t1, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(t2, Double.POSITIVE_INFINITY);
    double s = model.sigma();
    for (int i = 0; i < width; i++) {
      for (int k = 0; k < d * d; k++) {
        u[k * width + i] = s * Draws.normal(seed, Stream.INIT, traj0 + i, k);
        v[k * width + i] = s * Draws.normal(seed, Stream.INIT, traj0 + i, (long) d * d + k);
      }
    }
  }

  @Override
  public void advance(long from, long to) {
    if (minibatch) {
      for (int l = 0; l < width; l++) {
        for (long t = from; t < to; t++) {
          if (t1[l] == Double.POSITIVE_INFINITY || t2[l] == Double.POSITIVE_INFINITY) {
            checkAll(l, t);
          }
          sgdStep(l, t);
        }
      }
      now = to;
      return;
    }
    double[] m = model.truth();
    boolean[] mask = model.mask();
    double inv = model.inverseObserved(), decay = model.decay(), neg = -model.eta();
    for (int l = 0; l < width; l++) {
      for (long t = from; t < to; t++) {
        boolean testOpen = t2[l] == Double.POSITIVE_INFINITY;
        double obs = 0, full = 0;
        for (int i = 0; i < d; i++) {
          for (int j = 0; j < d; j++) {
            int ij = i * d + j;
            r[ij] = 0.0;
            if (!mask[ij] && !testOpen) {
              continue; // the step needs no unobserved entry of W
            }
            double wij = 0;
            for (int k = 0; k < d; k++) {
              wij = Math.fma(u[(i * d + k) * width + l], v[(j * d + k) * width + l], wij);
            }
            double e = wij - m[ij];
            full = Math.fma(e, e, full);
            if (mask[ij]) {
              obs = Math.fma(e, e, obs);
              r[ij] = e * inv;
            }
          }
        }
        mark(model, obs, full, t1, t2, l, t);
        for (int i = 0; i < d; i++) {
          for (int k = 0; k < d; k++) {
            double g = 0;
            for (int j = 0; j < d; j++) {
              g = Math.fma(r[i * d + j], v[(j * d + k) * width + l], g);
            }
            gu[i * d + k] = g;
          }
        }
        for (int j = 0; j < d; j++) {
          for (int k = 0; k < d; k++) {
            double g = 0;
            for (int i = 0; i < d; i++) {
              g = Math.fma(r[i * d + j], u[(i * d + k) * width + l], g);
            }
            gv[j * d + k] = g;
          }
        }
        for (int k = 0; k < d * d; k++) {
          int at = k * width + l;
          u[at] = Math.fma(gu[k], neg, u[at] * decay);
          v[at] = Math.fma(gv[k], neg, v[at] * decay);
        }
      }
    }
    now = to;
  }

  @Override
  public void snapshot(double[] out) {
    for (int l = 0; l < width; l++) {
      snapshot(model, u, v, width, l, out, width, t1, t2, now);
    }
  }

  /** t1 and t2 of trajectory l at state t, from all of W. */
  private void checkAll(int l, long t) {
    double obs = 0, full = 0;
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double wij = 0;
        for (int k = 0; k < d; k++) {
          wij = Math.fma(u[(i * d + k) * width + l], v[(j * d + k) * width + l], wij);
        }
        double e = wij - truth[i * d + j];
        full = Math.fma(e, e, full);
        obs = mask[i * d + j] ? Math.fma(e, e, obs) : obs;
      }
    }
    mark(model, obs, full, t1, t2, l, t);
  }

  /** {@code 0.5 / |Omega|}, the factor from the observed sum of squares to L_obs. */
  static double trainScale(GrokMc model) {
    return 0.5 * model.inverseObserved();
  }

  /** {@code 0.5 / d^2}, from the full sum of squares to L_test. */
  static double testScale(GrokMc model) {
    return 0.5 / (model.d() * model.d());
  }

  /** t1[l], t2[l] := t where unset and the losses of the sums {@code obs}, {@code full} are at their levels. */
  static void mark(GrokMc model, double obs, double full, double[] t1, double[] t2, int l, long t) {
    if (t1[l] == Double.POSITIVE_INFINITY && obs * trainScale(model) <= model.trainThreshold()) {
      t1[l] = t;
    }
    if (t2[l] == Double.POSITIVE_INFINITY && full * testScale(model) <= model.testThreshold()) {
      t2[l] = t;
    }
  }

  /** One SGD step of trajectory {@code traj0 + l} at step t (see the class comment). */
  private void sgdStep(int l, long t) {
    int s = model.batch();
    double[] m = truth;
    double inv = model.inverseBatch(), decay = model.decay(), neg = -model.eta();
    if (model.reshuffled()) {
      FiniteBatchSampler.reshuffledBatch(seed, traj0 + l, t, model.observedCount(), s, picked);
    } else {
      for (int b = 0; b < s; b++) {
        draws[b] = Draws.bits(seed, Stream.BATCH, traj0 + l, t * s + b);
      }
      sampler.pick(draws, 0, 1, picked);
    }
    java.util.Arrays.fill(gu, 0.0);
    java.util.Arrays.fill(gv, 0.0);
    for (int b = 0; b < s; b++) {
      int e = observed[picked[b]], i = e / d, j = e % d;
      double w = 0;
      for (int k = 0; k < d; k++) {
        w = Math.fma(u[(i * d + k) * width + l], v[(j * d + k) * width + l], w);
      }
      double r = (w - m[e]) * inv;
      for (int k = 0; k < d; k++) {
        gu[i * d + k] = Math.fma(r, v[(j * d + k) * width + l], gu[i * d + k]);
        gv[j * d + k] = Math.fma(r, u[(i * d + k) * width + l], gv[j * d + k]);
      }
    }
    for (int k = 0; k < d * d; k++) {
      int at = k * width + l;
      u[at] = Math.fma(gu[k], neg, u[at] * decay);
      v[at] = Math.fma(gv[k], neg, v[at] * decay);
    }
  }

  /** Lane l's factors {U, V}, row-major d x d each (for tests). */
  double[][] factors(int l) {
    double[][] out = new double[2][d * d];
    for (int k = 0; k < d * d; k++) {
      out[0][k] = u[k * width + l];
      out[1][k] = v[k * width + l];
    }
    return out;
  }

  /** W = U V^T of lane l, row-major. */
  static double[] product(GrokMc model, double[] u, double[] v, int width, int l) {
    int d = model.d();
    double[] w = new double[d * d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double s = 0;
        for (int k = 0; k < d; k++) {
          s = Math.fma(u[(i * d + k) * width + l], v[(j * d + k) * width + l], s);
        }
        w[i * d + j] = s;
      }
    }
    return w;
  }

  /** Every channel of lane l at state {@code now}: channel c to {@code out[c * stride + l]}; marks t1, t2 first. */
  static void snapshot(GrokMc model, double[] u, double[] v, int width, int l, double[] out, int stride,
      double[] t1, double[] t2, long now) {
    int d = model.d();
    double[] w = product(model, u, v, width, l);
    double[] m = model.truth(), target = model.target();
    boolean[] mask = model.mask();
    double obs = 0, full = 0, norm = 0, dist = 0;
    for (int k = 0; k < d * d; k++) {
      double e = w[k] - m[k];
      full = Math.fma(e, e, full);
      obs = mask[k] ? Math.fma(e, e, obs) : obs;
      double f = w[k] - target[k];
      dist = Math.fma(f, f, dist);
      double uk = u[k * width + l], vk = v[k * width + l];
      norm = Math.fma(uk, uk, norm);
      norm = Math.fma(vk, vk, norm);
    }
    mark(model, obs, full, t1, t2, l, now);
    out[T1 * stride + l] = t1[l];
    out[T2 * stride + l] = t2[l];
    out[l] = GrokLinregScalarBlock.logRoot(obs * model.inverseObserved());
    out[stride + l] = GrokLinregScalarBlock.logRoot(full / (d * d));
    out[2 * stride + l] = GrokLinregScalarBlock.logRoot(norm);
    out[4 * stride + l] = GrokLinregScalarBlock.logRoot(dist);
    boolean finite = true;
    for (double x : w) {
      finite &= Double.isFinite(x);
    }
    double[] s = finite ? MinNuclearCompletion.singularValues(d, w) : null;
    double nuclear = 0;
    for (int k = 0; k < d; k++) {
      nuclear += finite ? s[k] : Double.POSITIVE_INFINITY;
    }
    out[3 * stride + l] = Math.log(nuclear);
    for (int k = 0; k < GrokMc.SINGULAR_VALUES; k++) {
      out[(5 + k) * stride + l] = !finite ? Double.POSITIVE_INFINITY : k < d ? s[k] : 0.0;
    }
  }
}
