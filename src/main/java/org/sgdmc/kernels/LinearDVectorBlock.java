package org.sgdmc.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.sgdmc.models.LinearD;
import org.sgdmc.models.PointData;
import org.sgdmc.rng.Stream;
import org.sgdmc.rng.VectorDraws;
import org.sgdmc.rng.VectorShapes;

/**
 * The vectorised {@code linear-d} kernel: the Lyapunov spectrum of {@code v <- (I - (lr/S) sum_j x_j x_j^T) v}
 * with trajectories across lanes. The k tangent vectors of a block are stored struct-of-arrays ({@link
 * Tangents}), so each lane holds one trajectory's entry and every operation of the scalar reference becomes
 * one lane-wise vector operation. For each segment of steps it (1) fills the segment's points for the whole
 * block (vectorised Philox and Box-Muller, then the Sigma^(1/2) transform; or vectorised batch draws and a
 * gather from a finite dataset), and (2) runs the segment's steps lane-vector by lane-vector, so a lane
 * group's tangent vectors stay in L1 from the first step of the segment to the last, re-orthonormalising
 * them by modified Gram-Schmidt at every multiple of r. {@link LinearDScalarBlock} is its scalar twin, equal
 * bit for bit (it also documents the order of operations and the draw index of every coordinate).
 */
public final class LinearDVectorBlock implements TrajectoryBlock {
  /** Rows of point coordinates filled per segment (at least one step's S d); scratch = 16 x this x width bytes. */
  static final int ROWS_PER_SEGMENT = 64;

  private final long seed;
  private final int width;
  private final int d;
  private final int k;
  private final int batch;
  private final int interval;
  private final double coefficient;
  private final int stepsPerSegment;
  private final Tangents tangents;
  private final double[] scales; // diagonal Gaussian; null if every scale is 1 (multiplying by 1 is exact)
  private final double[] factor; // full-covariance Gaussian: L row-major, d x d
  private final boolean gaussian;
  private final double[] points; // finite data, row-major N x d
  private final FiniteBatchSampler sampler;
  private final int[] picked;
  private final long[] bits;
  private final double[] xs; // coordinate c of batch point j of step u at row (u S + j) d + c (+ an offset)
  private final double[] g; // (lane group scratch) g_aj at [(a S + j) * lanes]
  private long traj0;

  public LinearDVectorBlock(LinearD model, long seed, int width) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    if (width <= 0 || width % sp.length() != 0) {
      throw new IllegalArgumentException("block width " + width + " must be a positive multiple of " + sp.length());
    }
    this.seed = seed;
    this.width = width;
    this.d = model.dim();
    this.k = model.exponents();
    this.batch = model.batch();
    this.interval = model.reorthInterval();
    this.coefficient = LinearDScalarBlock.stepCoefficient(model);
    int perStep = batch * d;
    this.stepsPerSegment = Math.max(1, ROWS_PER_SEGMENT / perStep);
    int rows = stepsPerSegment * perStep + 2; // +2: a segment may start and end inside a Philox block
    this.tangents = new Tangents(width, d, k);
    this.bits = new long[rows * width];
    this.xs = new double[rows * width];
    this.g = new double[k * batch * sp.length()];
    this.picked = new int[batch];
    PointData data = model.data();
    this.gaussian = !(data instanceof PointData.Finite);
    if (data instanceof PointData.Gaussian gauss) {
      double[] s = gauss.scales();
      boolean ones = true;
      for (double v : s) {
        ones &= v == 1.0;
      }
      this.scales = ones ? null : s;
      this.factor = null;
    } else if (data instanceof PointData.CorrelatedGaussian cg) {
      this.scales = null;
      this.factor = new double[d * d];
      double[][] l = cg.factor();
      for (int c = 0; c < d; c++) {
        System.arraycopy(l[c], 0, factor, c * d, d);
      }
    } else {
      this.scales = null;
      this.factor = null;
    }
    if (data instanceof PointData.Finite f) {
      this.points = f.flat();
      this.sampler = new FiniteBatchSampler((int) f.size(), batch, model.sampling(), width);
    } else {
      this.points = null;
      this.sampler = null;
    }
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
    int lanes = VectorShapes.DOUBLES.length();
    int perStep = batch * d;
    for (long t = from; t < to; t += stepsPerSegment) {
      int n = (int) Math.min(stepsPerSegment, to - t);
      int row0 = gaussian ? fillGaussianPoints(t, n) : fillFinitePoints(t, n);
      for (int j = 0; j < width; j += lanes) {
        for (int u = 0; u < n; u++) {
          step(j, row0 + u * perStep);
          if ((t + u + 1) % interval == 0) {
            orthonormalise(j);
          }
        }
      }
    }
  }

  /** Points of steps t .. t+n-1 from normals {@code t S d ..}; returns the row of step t's first coordinate. */
  private int fillGaussianPoints(long t, int n) {
    long k0 = t * batch * d;
    int count = n * batch * d;
    long block0 = k0 >>> 1;
    long block1 = (k0 + count + 1) >>> 1;
    VectorDraws.normals(seed, Stream.DATA.id, traj0, width, block0, (int) (block1 - block0), bits, xs);
    int row0 = (int) (k0 - 2 * block0);
    if (scales != null) {
      scaleRows(row0, count);
    } else if (factor != null) {
      for (int p = 0; p < count; p += d) {
        correlate(row0 + p);
      }
    }
    return row0;
  }

  /** {@code x = sqrt(Sigma_cc) z} row by row; k0 is a multiple of d, so row {@code row0 + r} is coordinate r mod d. */
  private void scaleRows(int row0, int count) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    for (int r = 0; r < count; r++) {
      double s = scales[r % d];
      int base = (row0 + r) * width;
      for (int j = 0; j < width; j += sp.length()) {
        DoubleVector.fromArray(sp, xs, base + j).mul(s).intoArray(xs, base + j);
      }
    }
  }

  /** {@code x = L z} in place for the point whose coordinates start at {@code row}; c descending, so z_0..z_c are intact. */
  private void correlate(int row) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    for (int c = d - 1; c >= 0; c--) {
      int lc = c * d;
      for (int j = 0; j < width; j += sp.length()) {
        DoubleVector acc = DoubleVector.fromArray(sp, xs, row * width + j).mul(factor[lc]);
        for (int e = 1; e <= c; e++) {
          acc = DoubleVector.fromArray(sp, xs, (row + e) * width + j).fma(DoubleVector.broadcast(sp, factor[lc + e]), acc);
        }
        acc.intoArray(xs, (row + c) * width + j);
      }
    }
  }

  /** Points of steps t .. t+n-1 gathered from the dataset by batch draws {@code t S ..}; returns row 0. */
  private int fillFinitePoints(long t, int n) {
    int drawRow0 = sampler.drawBatches(seed, traj0, width, t, n, bits);
    for (int u = 0; u < n; u++) {
      for (int i = 0; i < width; i++) {
        sampler.pick(bits, (drawRow0 + u * batch) * width + i, width, i, t + u, picked);
        for (int j = 0; j < batch; j++) {
          int p = picked[j] * d;
          int row = (u * batch + j) * d;
          for (int c = 0; c < d; c++) {
            xs[(row + c) * width + i] = points[p + c];
          }
        }
      }
    }
    return 0;
  }

  /** One SGD step of every tangent vector of lane group j, the step's points starting at {@code row}. */
  private void step(int j, int row) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    int lanes = sp.length();
    double[] q = tangents.q;
    for (int a = 0; a < k; a++) {
      int qa = a * d * width + j;
      for (int s = 0; s < batch; s++) {
        int xj = (row + s * d) * width + j;
        DoubleVector p = DoubleVector.zero(sp);
        for (int c = 0; c < d; c++) {
          p = DoubleVector.fromArray(sp, xs, xj + c * width).fma(DoubleVector.fromArray(sp, q, qa + c * width), p);
        }
        p.mul(coefficient).intoArray(g, (a * batch + s) * lanes);
      }
    }
    for (int a = 0; a < k; a++) {
      int qa = a * d * width + j;
      for (int c = 0; c < d; c++) {
        DoubleVector v = DoubleVector.fromArray(sp, q, qa + c * width);
        for (int s = 0; s < batch; s++) {
          DoubleVector x = DoubleVector.fromArray(sp, xs, (row + s * d + c) * width + j);
          v = x.fma(DoubleVector.fromArray(sp, g, (a * batch + s) * lanes), v);
        }
        v.intoArray(q, qa + c * width);
      }
    }
  }

  /** Lane-wise {@link Tangents#orthonormalise(int)} of lane group j: the same operations, bit for bit. */
  private void orthonormalise(int j) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    double[] q = tangents.q;
    for (int a = 0; a < k; a++) {
      int qa = a * d * width + j;
      for (int b = 0; b < a; b++) {
        project(qa, b * d * width + j);
      }
      DoubleVector s = DoubleVector.zero(sp);
      for (int c = 0; c < d; c++) {
        DoubleVector v = DoubleVector.fromArray(sp, q, qa + c * width);
        s = v.fma(v, s);
      }
      DoubleVector r = s.sqrt();
      DoubleVector inv = DoubleVector.broadcast(sp, 1.0).div(r);
      VectorMask<Double> collapsed = r.compare(VectorOperators.GE, Double.MIN_NORMAL).not();
      r = r.blend(0.0, collapsed);
      inv = inv.blend(0.0, collapsed);
      for (int c = 0; c < d; c++) {
        DoubleVector.fromArray(sp, q, qa + c * width).mul(inv).intoArray(q, qa + c * width);
      }
      int pa = a * width + j;
      DoubleVector.fromArray(sp, tangents.mant, pa).mul(r).intoArray(tangents.mant, pa);
      VectorLogScaled.renormalise(tangents.mant, pa, tangents.exp, pa);
    }
  }

  /** {@code q_a -= (q_b . q_a) q_b} for the lane group whose vectors start at {@code qa} and {@code qb}. */
  private void project(int qa, int qb) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    double[] q = tangents.q;
    DoubleVector p = DoubleVector.zero(sp);
    for (int c = 0; c < d; c++) {
      p = DoubleVector.fromArray(sp, q, qb + c * width).fma(DoubleVector.fromArray(sp, q, qa + c * width), p);
    }
    DoubleVector np = p.neg();
    for (int c = 0; c < d; c++) {
      np.fma(DoubleVector.fromArray(sp, q, qb + c * width), DoubleVector.fromArray(sp, q, qa + c * width))
          .intoArray(q, qa + c * width);
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

  @Override
  public void logDistance(int which, double[] out) {
    tangents.logs(which, out);
  }
}
