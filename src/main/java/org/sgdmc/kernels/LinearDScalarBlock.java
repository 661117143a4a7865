package org.sgdmc.kernels;

import org.sgdmc.models.LinearD;
import org.sgdmc.models.PointData;
import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;

/**
 * The scalar twin of {@link LinearDVectorBlock}, written for clarity: one trajectory, one step at a time,
 * every random number fetched by its coordinates. It performs the same IEEE operations in the same order,
 * so the two agree bit for bit; it is the reference, not the workhorse.
 *
 * <p>One step of one trajectory, with the batch's points {@code x_1 .. x_S} (the order that defines the bits):
 * for each tangent vector a and batch point j, {@code g_aj = (sum_c x_jc q_ac) * (-lr/S)} (fma chain from 0, c
 * ascending, then one multiply by the rounded {@code -lr/S}); then {@code q_ac <- fma(x_Sc, g_aS, ... fma(x_1c,
 * g_a1, q_ac))}, j ascending. So {@code M q = q - (lr/S) sum_j x_j (x_j . q)} costs O(S d) per vector and the
 * d x d matrix is never formed. After every step t with {@code (t + 1) mod r == 0} the tangent vectors are
 * re-orthonormalised ({@link Tangents#orthonormalise(double[], int, int, int, int, double[])}).
 *
 * <p>Where the points come from (trajectory i, step t, batch element j, coordinate c):
 * <ul>
 *   <li>Gaussian, diagonal Sigma: {@code x_jc = sqrt(Sigma_cc) * z}, z normal number {@code (t S + j) d + c}
 *       of stream {@link Stream#DATA} ({@link Draws#normal});
 *   <li>Gaussian, full Sigma = L L^T: with {@code z_c} those same normals, {@code x_jc = fma(L_cc, z_c, ...
 *       fma(L_c1, z_1, L_c0 * z_0))};
 *   <li>finite data: the batch's indices from draws {@code t S + j} of stream {@link Stream#BATCH}, with
 *       replacement (multiply-shift) or without (Floyd's algorithm), as in {@code linreg1d}.
 * </ul>
 */
public final class LinearDScalarBlock implements TrajectoryBlock {
  private final LinearD model;
  private final long seed;
  private final int width;
  private final int d;
  private final int k;
  private final int batch;
  private final double coefficient;
  private final Tangents tangents;
  private final double[] scales; // diagonal Gaussian
  private final double[][] factor; // full-covariance Gaussian
  private final double[][] points; // finite data
  private final double[][] x; // the batch of the current step
  private final double[] z;
  private final double[][] g;
  private long traj0;

  public LinearDScalarBlock(LinearD model, long seed, int width) {
    this.model = model;
    this.seed = seed;
    this.width = width;
    this.d = model.dim();
    this.k = model.exponents();
    this.batch = model.batch();
    this.coefficient = stepCoefficient(model);
    this.tangents = new Tangents(width, d, k);
    this.scales = model.data() instanceof PointData.Gaussian gauss ? gauss.scales() : null;
    this.factor = model.data() instanceof PointData.CorrelatedGaussian cg ? cg.factor() : null;
    this.points = model.data() instanceof PointData.Finite f ? f.points() : null;
    this.x = new double[batch][d];
    this.z = new double[d];
    this.g = new double[k][batch];
  }

  /** {@code -lr/S}, rounded once: the factor of every batch point's contribution. */
  static double stepCoefficient(LinearD model) {
    return -(model.lr() / model.batch());
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public void start(long traj0) {
    this.traj0 = traj0;
    tangents.reset();
  }

  @Override
  public void advance(long from, long to) {
    int r = model.reorthInterval();
    for (int i = 0; i < width; i++) {
      for (long t = from; t < to; t++) {
        batchPoints(traj0 + i, t);
        step(i);
        if ((t + 1) % r == 0) {
          tangents.orthonormalise(i);
        }
      }
    }
  }

  /** Fills {@link #x} with the S points of step t of trajectory {@code traj}. */
  void batchPoints(long traj, long t) {
    if (points != null) {
      int[] idx = batchIndices(traj, t);
      for (int j = 0; j < batch; j++) {
        System.arraycopy(points[idx[j]], 0, x[j], 0, d);
      }
      return;
    }
    for (int j = 0; j < batch; j++) {
      long k0 = (t * batch + j) * d;
      if (scales != null) {
        for (int c = 0; c < d; c++) {
          x[j][c] = scales[c] * Draws.normal(seed, Stream.DATA, traj, k0 + c);
        }
      } else {
        for (int c = 0; c < d; c++) {
          z[c] = Draws.normal(seed, Stream.DATA, traj, k0 + c);
        }
        for (int c = 0; c < d; c++) {
          double acc = factor[c][0] * z[0];
          for (int e = 1; e <= c; e++) {
            acc = Math.fma(factor[c][e], z[e], acc);
          }
          x[j][c] = acc;
        }
      }
    }
  }

  private int[] batchIndices(long traj, long t) {
    int n = points.length;
    int[] chosen = new int[batch];
    if (model.reshuffled()) { // batch b = t mod K of the epoch's permutation (FiniteBatchSampler)
      FiniteBatchSampler.reshuffledBatch(seed, traj, t, n, batch, chosen);
      return chosen;
    }
    for (int j = 0; j < batch; j++) {
      long bits = Draws.bits(seed, Stream.BATCH, traj, t * batch + j);
      if (model.withReplacement()) {
        chosen[j] = (int) Draws.index(bits, n);
        continue;
      }
      int bound = n - batch + j; // Floyd's algorithm: a uniform S-subset from exactly S draws
      int pick = (int) Draws.index(bits, bound + 1L);
      for (int m = 0; m < j; m++) {
        if (chosen[m] == pick) {
          pick = bound;
          break;
        }
      }
      chosen[j] = pick;
    }
    return chosen;
  }

  /** {@code q_a <- M q_a} for every tangent vector of trajectory i. */
  private void step(int i) {
    double[] q = tangents.q;
    for (int a = 0; a < k; a++) {
      for (int j = 0; j < batch; j++) {
        double p = 0.0;
        for (int c = 0; c < d; c++) {
          p = Math.fma(x[j][c], q[(a * d + c) * width + i], p);
        }
        g[a][j] = p * coefficient;
      }
    }
    for (int a = 0; a < k; a++) {
      for (int c = 0; c < d; c++) {
        int at = (a * d + c) * width + i;
        double v = q[at];
        for (int j = 0; j < batch; j++) {
          v = Math.fma(x[j][c], g[a][j], v);
        }
        q[at] = v;
      }
    }
  }

  @Override
  public void logDistance(double[] out) {
    tangents.logs(0, out);
  }

  @Override
  public int observables() {
    return k;
  }

  /** {@code L_which}: the accumulated log of the which-th QR diagonal (see {@link Tangents}). */
  @Override
  public void logDistance(int which, double[] out) {
    tangents.logs(which, out);
  }
}
