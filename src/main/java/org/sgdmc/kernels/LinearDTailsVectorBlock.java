package org.sgdmc.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.sgdmc.models.LinearDTails;
import org.sgdmc.models.PointData;
import org.sgdmc.rng.Stream;
import org.sgdmc.rng.VectorDraws;
import org.sgdmc.rng.VectorShapes;

/**
 * The vectorised {@link LinearDTails} kernel: SGD off interpolation, {@code u <- M u + (lr/S) sum_i x_i e_i},
 * and beside it the tangent vector {@code v <- M v}, trajectories across lanes. For each segment of steps it
 * (1) fills the segment's points for the whole block (vectorised Philox and Box-Muller, scaled by the
 * features' standard deviations and the label noise sigma; or vectorised batch draws and a gather of points
 * and residuals from the dataset), and (2) runs the segment's steps lane group by lane group, so a lane
 * group's u and v stay in L1 from the first step of the segment to the last. {@link LinearDTailsScalarBlock}
 * is its scalar twin, equal bit for bit; it documents the order of operations and the draw coordinates.
 *
 * <p>Snapshot channels ({@link StationaryBlock}): 0 = |u|, 1 = u_0 (both +inf once diverged), 2 = ln|v|; see
 * {@link TailsState}.
 */
public final class LinearDTailsVectorBlock implements StationaryBlock {
  /** Rows of point coordinates filled per segment (at least one step's S (d+1)); scratch = 16 x this x width bytes. */
  static final int ROWS_PER_SEGMENT = 64;

  private final long seed;
  private final int width;
  private final int d;
  private final int batch;
  private final int stride; // rows per batch point: d coordinates, then the residual
  private final int perStep;
  private final double coefficient;
  private final int interval;
  private final int stepsPerSegment;
  private final TailsState state;
  private final boolean stream;
  private final double[] rowScales; // factor of row r mod stride of a stream's normals; null if all are 1
  private final double[] table; // finite data: point i's coordinates then its residual, at [i * stride ..]
  private final FiniteBatchSampler sampler;
  private final int[] picked;
  private final long[] bits;
  private final double[] xs; // row (u S + s) stride + c: coordinate c (c = d: residual) of point s of step u
  private final double[] g; // lane group scratch: [2 s * lanes] the u factor, [(2 s + 1) * lanes] the v factor
  private long traj0;

  public LinearDTailsVectorBlock(LinearDTails model, long seed, int width) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    if (width <= 0 || width % sp.length() != 0) {
      throw new IllegalArgumentException("block width " + width + " must be a positive multiple of " + sp.length());
    }
    this.seed = seed;
    this.width = width;
    this.d = model.dim();
    this.batch = model.batch();
    this.stride = d + 1;
    this.perStep = batch * stride;
    this.coefficient = LinearDTailsScalarBlock.stepCoefficient(model);
    this.interval = model.tangentInterval();
    this.stepsPerSegment = Math.max(1, ROWS_PER_SEGMENT / perStep);
    int rows = stepsPerSegment * perStep + 2; // +2: a segment may start and end inside a Philox block
    this.state = new TailsState(width, d);
    this.bits = new long[rows * width];
    this.xs = new double[rows * width];
    this.g = new double[2 * batch * sp.length()];
    this.picked = new int[batch];
    this.stream = model.isStream();
    if (model.data() instanceof PointData.Gaussian gauss) {
      double[] s = gauss.scales();
      double[] f = new double[stride];
      boolean ones = model.sigma() == 1.0;
      for (int c = 0; c < d; c++) {
        f[c] = s[c];
        ones &= s[c] == 1.0;
      }
      f[d] = model.sigma();
      this.rowScales = ones ? null : f;
      this.table = null;
      this.sampler = null;
    } else {
      PointData.Finite f = (PointData.Finite) model.data();
      double[][] p = f.points();
      this.table = new double[p.length * stride];
      for (int i = 0; i < p.length; i++) {
        System.arraycopy(p[i], 0, table, i * stride, d);
        table[i * stride + d] = model.fit().residual(i);
      }
      this.rowScales = null;
      // reshuffled, the sampler keeps each lane's permutation from one segment to the next
      this.sampler = new FiniteBatchSampler(p.length, batch, model.sampling(), width);
    }
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
    int lanes = VectorShapes.DOUBLES.length();
    for (long t = from; t < to; t += stepsPerSegment) {
      int n = (int) Math.min(stepsPerSegment, to - t);
      int row0 = stream ? fillStream(t, n) : fillFinite(t, n);
      for (int j = 0; j < width; j += lanes) {
        runSegment(j, t, n, row0);
      }
    }
  }

  /** Steps t .. t+n-1 of lane group j, their points from row {@code row0} on. */
  private void runSegment(int j, long t, int n, int row0) {
    for (int s = 0; s < n; s++) {
      gradients(j, row0 + s * perStep);
      update(j, row0 + s * perStep);
      if ((t + s + 1) % interval == 0) {
        renormalise(j);
      }
    }
  }

  /** Points of steps t .. t+n-1 from normals {@code t S (d+1) ..}; returns the row of step t's first one. */
  private int fillStream(long t, int n) {
    long k0 = t * perStep;
    int count = n * perStep;
    long block0 = k0 >>> 1;
    long block1 = (k0 + count + 1) >>> 1;
    VectorDraws.normals(seed, Stream.DATA.id, traj0, width, block0, (int) (block1 - block0), bits, xs);
    int row0 = (int) (k0 - 2 * block0);
    if (rowScales != null) {
      for (int r = 0; r < count; r++) {
        scaleRow(row0 + r, rowScales[r % stride]); // k0 is a multiple of d + 1
      }
    }
    return row0;
  }

  /** Row r times s, unless s is 1 (then the product is the row itself, so skipping it changes no bit). */
  private void scaleRow(int r, double s) {
    if (s == 1.0) {
      return;
    }
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    int base = r * width;
    for (int j = 0; j < width; j += sp.length()) {
      DoubleVector.fromArray(sp, xs, base + j).mul(s).intoArray(xs, base + j);
    }
  }

  /**
   * Points and residuals of steps t .. t+n-1 gathered by batch draws {@code t S ..}; returns row 0. Reshuffled,
   * the sampler takes each lane's batch from its epoch's permutation, step by step in order.
   */
  private int fillFinite(long t, int n) {
    int drawRow0 = sampler.drawBatches(seed, traj0, width, t, n, bits);
    for (int s = 0; s < n; s++) {
      for (int i = 0; i < width; i++) {
        gather(drawRow0, s, i, t + s);
      }
    }
    return 0;
  }

  /** The batch of step s of the segment (step t of the run) for trajectory {@code traj0 + i}, into its column. */
  private void gather(int drawRow0, int s, int i, long t) {
    sampler.pick(bits, (drawRow0 + s * batch) * width + i, width, i, t, picked);
    for (int b = 0; b < batch; b++) {
      int p = picked[b] * stride;
      int at = (s * batch + b) * stride * width + i;
      for (int c = 0; c < stride; c++) {
        xs[at + c * width] = table[p + c];
      }
    }
  }

  /** For each batch point s of lane group j: {@code (x_s . u - e_s) (-lr/S)} and {@code (x_s . v) (-lr/S)}. */
  private void gradients(int j, int row) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    int lanes = sp.length();
    double[] u = state.u;
    double[] v = state.v;
    for (int s = 0; s < batch; s++) {
      int xr = (row + s * stride) * width + j;
      DoubleVector pu = DoubleVector.zero(sp);
      DoubleVector pv = DoubleVector.zero(sp);
      for (int c = 0; c < d; c++) {
        DoubleVector x = DoubleVector.fromArray(sp, xs, xr + c * width);
        pu = x.fma(DoubleVector.fromArray(sp, u, c * width + j), pu);
        pv = x.fma(DoubleVector.fromArray(sp, v, c * width + j), pv);
      }
      DoubleVector e = DoubleVector.fromArray(sp, xs, xr + d * width);
      pu.sub(e).mul(coefficient).intoArray(g, 2 * s * lanes);
      pv.mul(coefficient).intoArray(g, (2 * s + 1) * lanes);
    }
  }

  /** {@code u_c <- fma(x_sc, g_s, u_c)} and likewise v, s ascending; then the divergence test on |u|^2. */
  private void update(int j, int row) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    int lanes = sp.length();
    double[] u = state.u;
    double[] v = state.v;
    DoubleVector sq = DoubleVector.zero(sp);
    for (int c = 0; c < d; c++) {
      int at = c * width + j;
      DoubleVector uc = DoubleVector.fromArray(sp, u, at);
      DoubleVector vc = DoubleVector.fromArray(sp, v, at);
      for (int s = 0; s < batch; s++) {
        DoubleVector x = DoubleVector.fromArray(sp, xs, (row + s * stride + c) * width + j);
        uc = x.fma(DoubleVector.fromArray(sp, g, 2 * s * lanes), uc);
        vc = x.fma(DoubleVector.fromArray(sp, g, (2 * s + 1) * lanes), vc);
      }
      uc.intoArray(u, at);
      vc.intoArray(v, at);
      sq = uc.fma(uc, sq);
    }
    VectorMask<Double> gone = sq.compare(VectorOperators.LE, LinearDTails.DIVERGED_SQUARE_NORM).not();
    if (gone.anyTrue()) {
      DoubleVector.fromArray(sp, u, j).blend(Double.NaN, gone).intoArray(u, j);
    }
  }

  /** Lane-wise {@link TailsState#renormalise(int)} of lane group j: the same operations, bit for bit. */
  private void renormalise(int j) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    double[] v = state.v;
    DoubleVector m = DoubleVector.zero(sp);
    for (int c = 0; c < d; c++) {
      m = m.max(DoubleVector.fromArray(sp, v, c * width + j).abs());
    }
    LongVector field = m.viewAsIntegralLanes().lanewise(VectorOperators.LSHR, 52);
    VectorMask<Long> tiny = field.compare(VectorOperators.EQ, 0L);
    DoubleVector scale = field.neg().add(2046L).lanewise(VectorOperators.LSHL, 52)
        .blend(Double.doubleToRawLongBits(1.0), tiny).viewAsFloatingLanes();
    for (int c = 0; c < d; c++) {
      DoubleVector.fromArray(sp, v, c * width + j).mul(scale).intoArray(v, c * width + j);
    }
    LongVector e = LongVector.fromArray(field.species(), state.exp, j);
    e.add(field.sub(1023L), tiny.not()).intoArray(state.exp, j);
  }

  @Override
  public void snapshot(double[] out) {
    state.snapshot(out);
  }
}
