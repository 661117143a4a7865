package org.sgdmc.kernels;

import org.sgdmc.models.LinearDTails;
import org.sgdmc.models.PointData;
import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;

/**
 * The scalar twin of {@link LinearDTailsVectorBlock}, written for clarity: one trajectory, one step at a
 * time, every random number fetched by its coordinates. It performs the same IEEE operations in the same
 * order, so the two agree bit for bit; it is the reference, not the workhorse.
 *
 * <p>One step of one trajectory with the batch's points {@code x_1 .. x_S} and residuals {@code e_1 .. e_S}
 * (the order that defines the bits): for each batch point s, {@code g_s = ((sum_c x_sc u_c) - e_s) * (-lr/S)}
 * and {@code h_s = (sum_c x_sc v_c) * (-lr/S)} (fma chains from 0, c ascending; one multiply by the rounded
 * {@code -lr/S}); then for each c, {@code u_c <- fma(x_Sc, g_S, ... fma(x_1c, g_1, u_c))} and the same for v
 * with h, s ascending. So all S gradients are taken at the old u. Then {@code q = sum_c u_c^2} (fma chain, c
 * ascending, new u): if it is not {@code <=} {@link LinearDTails#DIVERGED_SQUARE_NORM}, {@code u_0 <- NaN}
 * (sticky divergence, see {@link TailsState}). After every step t with {@code (t + 1) mod r == 0}, r the
 * model's {@link LinearDTails#tangentInterval}, v is renormalised by a power of two ({@link
 * TailsState#renormalise}).
 *
 * <p>Where the batch comes from (trajectory i, step t, batch point s):
 * <ul>
 *   <li>stream: with {@code k = (t S + s)(d + 1)}, {@code x_sc = sqrt(Sigma_cc) * z_(k+c)} for c < d and
 *       {@code e_s = sigma * z_(k+d)}, z_k normal number k of stream {@link Stream#DATA} ({@link Draws#normal});
 *   <li>finite data: point indices from draws {@code t S + s} of stream {@link Stream#BATCH}, with replacement
 *       (multiply-shift) or without (Floyd's algorithm), as {@link FiniteBatchSampler}, or reshuffled: batch
 *       {@code t mod K} of the epoch's permutation, built from scratch at every step by {@link
 *       FiniteBatchSampler#reshuffledBatch} (the same draws); x_s and e_s are that point and its least-squares
 *       residual.
 * </ul>
 */
public final class LinearDTailsScalarBlock implements StationaryBlock {
  private final LinearDTails model;
  private final long seed;
  private final int width;
  private final int d;
  private final int batch;
  private final double coefficient;
  private final int interval;
  private final TailsState state;
  private final double[] scales; // stream
  private final double[][] points; // finite data
  private final double[] residuals; // finite data
  private final double[][] x; // the batch of the current step
  private final double[] e;
  private final double[] gu;
  private final double[] gv;
  private final int[] chosen;
  private long traj0;

  public LinearDTailsScalarBlock(LinearDTails model, long seed, int width) {
    if (width <= 0) {
      throw new IllegalArgumentException("block width must be positive, not " + width);
    }
    this.model = model;
    this.seed = seed;
    this.width = width;
    this.d = model.dim();
    this.batch = model.batch();
    this.coefficient = stepCoefficient(model);
    this.interval = model.tangentInterval();
    this.state = new TailsState(width, d);
    this.scales = model.data() instanceof PointData.Gaussian g ? g.scales() : null;
    this.points = model.data() instanceof PointData.Finite f ? f.points() : null;
    this.residuals = points != null ? model.fit().residuals() : null;
    this.x = new double[batch][d];
    this.e = new double[batch];
    this.gu = new double[batch];
    this.gv = new double[batch];
    this.chosen = new int[batch];
  }

  /** {@code -lr/S}, rounded once: the factor of every batch point's contribution. */
  static double stepCoefficient(LinearDTails model) {
    return -(model.lr() / model.batch());
  }

  @Override
  public int width() {
    return width;
  }


  @Override
  public void start(long traj0) {
    this.traj0 = traj0;
    state.reset();
  }

  @Override
  public void advance(long from, long to) {
    for (int i = 0; i < width; i++) {
      for (long t = from; t < to; t++) {
        batchPoints(traj0 + i, t);
        step(i);
        if ((t + 1) % interval == 0) {
          state.renormalise(i);
        }
      }
    }
  }

  /** Fills {@link #x} and {@link #e} with the S points and residuals of step t of trajectory {@code traj}. */
  void batchPoints(long traj, long t) {
    if (points == null) {
      for (int s = 0; s < batch; s++) {
        long k = (t * batch + s) * (d + 1);
        for (int c = 0; c < d; c++) {
          x[s][c] = scales[c] * Draws.normal(seed, Stream.DATA, traj, k + c);
        }
        e[s] = model.sigma() * Draws.normal(seed, Stream.DATA, traj, k + d);
      }
      return;
    }
    int n = points.length;
    if (model.reshuffled()) {
      FiniteBatchSampler.reshuffledBatch(seed, traj, t, n, batch, chosen);
      for (int s = 0; s < batch; s++) {
        System.arraycopy(points[chosen[s]], 0, x[s], 0, d);
        e[s] = residuals[chosen[s]];
      }
      return;
    }
    for (int s = 0; s < batch; s++) {
      long bits = Draws.bits(seed, Stream.BATCH, traj, t * batch + s);
      int pick;
      if (model.withReplacement()) {
        pick = (int) Draws.index(bits, n);
      } else {
        int bound = n - batch + s; // Floyd's algorithm: a uniform S-subset from exactly S draws
        pick = (int) Draws.index(bits, bound + 1L);
        for (int m = 0; m < s; m++) {
          if (chosen[m] == pick) {
            pick = bound;
            break;
          }
        }
      }
      chosen[s] = pick;
      System.arraycopy(points[pick], 0, x[s], 0, d);
      e[s] = residuals[pick];
    }
  }

  /** One SGD step of u and of the tangent vector v of trajectory i, with the batch in {@link #x}, {@link #e}. */
  private void step(int i) {
    double[] u = state.u;
    double[] v = state.v;
    for (int s = 0; s < batch; s++) {
      double pu = 0.0;
      double pv = 0.0;
      for (int c = 0; c < d; c++) {
        pu = Math.fma(x[s][c], u[c * width + i], pu);
        pv = Math.fma(x[s][c], v[c * width + i], pv);
      }
      gu[s] = (pu - e[s]) * coefficient;
      gv[s] = pv * coefficient;
    }
    double q = 0.0;
    for (int c = 0; c < d; c++) {
      int at = c * width + i;
      double uc = u[at];
      double vc = v[at];
      for (int s = 0; s < batch; s++) {
        uc = Math.fma(x[s][c], gu[s], uc);
        vc = Math.fma(x[s][c], gv[s], vc);
      }
      u[at] = uc;
      v[at] = vc;
      q = Math.fma(uc, uc, q);
    }
    if (TailsState.diverged(q)) {
      u[i] = Double.NaN;
    }
  }

  @Override
  public void snapshot(double[] out) {
    state.snapshot(out);
  }
}
