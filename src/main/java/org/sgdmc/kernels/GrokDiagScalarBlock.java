package org.sgdmc.kernels;

import org.sgdmc.models.GrokData;
import org.sgdmc.models.GrokDiag;
import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;

/**
 * The scalar twin of {@link GrokDiagVectorBlock}, written for clarity: one trajectory, one step at a time, the
 * same IEEE operations in the same order.
 *
 * <p>Trajectory i starts at {@code u_0c = alpha z_c}, {@code v_0c = alpha z_(d+c)}, z normals of its {@link
 * Stream#INIT} stream. Step t: {@code beta_c = fma(u_c, u_c, -(v_c v_c))}; at state t the event times are checked
 * as in {@link GrokLinregScalarBlock} (training loss {@code (sum_m r_m^2) * (0.5/n)}, all n points; test loss
 * {@code 0.5 sum_c (beta_c - beta*_c)^2}); then the batch's residuals {@code r_j = fma chain over c ascending of
 * x_jc beta_c from -y_j}, {@code g_c = fma chain over j ascending of x_jc r_j from 0}, {@code h_c = (2 eta/S) g_c},
 * {@code u_c <- fma(-h_c, u_c, u_c (1 - eta lambda))}, {@code v_c <- fma(h_c, v_c, v_c (1 - eta lambda))}.
 * Minibatches as in {@link GrokLinregScalarBlock}.
 *
 * <p>Channels: 0: {@code log sqrt(2 L_train)}; 1: {@code log|beta - beta*|}; 2: {@code log sqrt(|u|^2 + |v|^2)};
 * 3: {@code log|beta - target|} (the minimum-l1 interpolant); 4: {@code log |beta|_1}; 5: t1; 6: t2.
 */
public final class GrokDiagScalarBlock implements StateBlock {
  public static final int CHANNELS = 7;
  private final GrokDiag model;
  private final long seed;
  private final int width;
  private final int n;
  private final int d;
  private final int s;
  private final double[] x;
  private final double[] y;
  private final double[] star;
  private final double[] target;
  private final double decay;
  private final double factor;
  private final double halfOverN;
  private final FiniteBatchSampler sampler;
  private final double[] u;
  private final double[] v;
  private final double[] beta;
  private final double[] t1;
  private final double[] t2;
  private final double[] r;
  private final int[] picked;
  private final long[] draws;
  private long traj0;
  private long now;

  public GrokDiagScalarBlock(GrokDiag model, long seed, int width) {
    GrokData data = model.data();
    this.model = model;
    this.seed = seed;
    this.width = width;
    this.n = data.n();
    this.d = data.d();
    this.s = model.batch();
    this.x = data.x();
    this.y = data.y();
    this.star = data.betaStar();
    this.target = model.target();
    this.decay = model.decay();
    this.factor = model.factor();
    this.halfOverN = 0.5 / n;
    this.sampler = model.fullBatch() || model.reshuffled() ? null // reshuffled: the reference, in step()
        : new FiniteBatchSampler(n, s, model.withReplacement());
    this.u = new double[d * width];
    this.v = new double[d * width];
    this.beta = new double[d];
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
    for (int i = 0; i < width; i++) {
      for (int c = 0; c < d; c++) {
        u[c * width + i] = model.alpha() * Draws.normal(seed, Stream.INIT, traj0 + i, c);
        v[c * width + i] = model.alpha() * Draws.normal(seed, Stream.INIT, traj0 + i, d + c);
      }
      t1[i] = Double.POSITIVE_INFINITY;
      t2[i] = Double.POSITIVE_INFINITY;
    }
  }

  @Override
  public void advance(long from, long to) {
    for (int i = 0; i < width; i++) {
      for (long t = from; t < to; t++) {
        fillBeta(i);
        check(i, t);
        step(i, t);
      }
    }
    now = to;
  }

  private void fillBeta(int i) {
    for (int c = 0; c < d; c++) {
      double uc = u[c * width + i], vc = v[c * width + i];
      beta[c] = Math.fma(uc, uc, -(vc * vc));
    }
  }

  private void check(int i, long t) {
    if (t1[i] == Double.POSITIVE_INFINITY && trainSum() * halfOverN <= model.trainThreshold()) {
      t1[i] = t;
    }
    if (t2[i] == Double.POSITIVE_INFINITY && 0.5 * distanceSum(star) <= model.testThreshold()) {
      t2[i] = t;
    }
  }

  private double trainSum() {
    double sum = 0;
    for (int m = 0; m < n; m++) {
      double p = -y[m];
      for (int c = 0; c < d; c++) {
        p = Math.fma(x[m * d + c], beta[c], p);
      }
      sum = Math.fma(p, p, sum);
    }
    return sum;
  }

  private double distanceSum(double[] to) {
    double sum = 0;
    for (int c = 0; c < d; c++) {
      double e = beta[c] - to[c];
      sum = Math.fma(e, e, sum);
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
        p = Math.fma(x[m * d + c], beta[c], p);
      }
      r[j] = p;
    }
    for (int c = 0; c < d; c++) {
      double g = 0;
      for (int j = 0; j < s; j++) {
        g = Math.fma(x[picked[j] * d + c], r[j], g);
      }
      double h = factor * g;
      int at = c * width + i;
      u[at] = Math.fma(-h, u[at], u[at] * decay);
      v[at] = Math.fma(h, v[at], v[at] * decay);
    }
  }

  @Override
  public void snapshot(double[] out) {
    for (int i = 0; i < width; i++) {
      fillBeta(i);
      check(i, now);
      double norm = 0, l1 = 0;
      for (int c = 0; c < d; c++) {
        double uc = u[c * width + i], vc = v[c * width + i];
        norm = Math.fma(uc, uc, norm);
        norm = Math.fma(vc, vc, norm);
        l1 += Math.abs(beta[c]);
      }
      out[i] = GrokLinregScalarBlock.logRoot(2 * (trainSum() * halfOverN));
      out[width + i] = GrokLinregScalarBlock.logRoot(distanceSum(star));
      out[2 * width + i] = GrokLinregScalarBlock.logRoot(norm);
      out[3 * width + i] = GrokLinregScalarBlock.logRoot(distanceSum(target));
      out[4 * width + i] = Double.isNaN(l1) ? Double.POSITIVE_INFINITY : Math.log(l1);
      out[5 * width + i] = t1[i];
      out[6 * width + i] = t2[i];
    }
  }

  /** beta of trajectory {@code traj0 + i} now (for tests). */
  public double[] beta(int i) {
    fillBeta(i);
    return beta.clone();
  }
}
