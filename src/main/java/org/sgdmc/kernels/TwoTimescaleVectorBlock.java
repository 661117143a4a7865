package org.sgdmc.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.sgdmc.models.TwoTimescale;
import org.sgdmc.models.TwoTimescaleData;
import org.sgdmc.rng.Stream;
import org.sgdmc.rng.VectorDraws;
import org.sgdmc.rng.VectorShapes;

/**
 * The vectorised two-timescale kernel (seed 000): trajectories across lanes, x and y stored struct-of-arrays, the
 * dataset shared by every lane. {@link TwoTimescaleScalarBlock} is its scalar twin, equal bit for bit, and documents
 * the order of operations, which this class keeps while running the residual and gradient chains interleaved
 * (each chain still adds its terms in the same order). Minibatch steps fill a segment's batch draws for the whole
 * block at once, then gather each lane's points; full-batch steps broadcast the points. The regime bookkeeping of
 * every state is masked arithmetic on whole lane groups; the snapshot, read at recording times only, runs lane by
 * lane with the twin's sums. Every helper takes and returns arrays, never vectors (FastPathTest).
 */
public final class TwoTimescaleVectorBlock implements StateBlock {
  /** Steps per segment of minibatch draws. */
  static final int STEPS_PER_SEGMENT = 64;

  private final TwoTimescale model;
  private final long seed;
  private final int width;
  private final int lanes;
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
  private final double[] x;
  private final double[] y;
  private final double[] t1;
  private final double[] t3;
  private final double[] above;
  private final double[] peak;
  private final double[] peakTime;
  private final double[] runMin;
  private final double[] rise;
  private final double[] g; // [k * lanes]: g(eps y) of one lane group
  private final double[] r; // [b * lanes]: residual chains
  private final double[] gx; // [c * lanes]: x-gradient chains
  private final double[] gy; // [k * lanes]: y-gradient chains
  private final double[] ps; // [(b df + c) * lanes + lane]: gathered fast features
  private final double[] qs; // [(b ds + k) * lanes + lane]
  private final double[] ls; // [b * lanes + lane]: negated labels
  private final long[] bits;
  private final double[] normals;
  private final int[] picked;
  private final double[] gl; // the snapshot's g of one trajectory
  private long traj0;
  private long now;

  public TwoTimescaleVectorBlock(TwoTimescale model, long seed, int width) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    if (width <= 0 || width % sp.length() != 0) {
      throw new IllegalArgumentException("block width " + width + " must be a positive multiple of " + sp.length());
    }
    TwoTimescaleData data = model.data();
    this.model = model;
    this.seed = seed;
    this.width = width;
    this.lanes = sp.length();
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
    this.sampler = model.fullBatch() ? null : new FiniteBatchSampler(n, s, model.sampling(), width);
    this.x = new double[df * width];
    this.y = new double[ds * width];
    this.t1 = new double[width];
    this.t3 = new double[width];
    this.above = new double[width];
    this.peak = new double[width];
    this.peakTime = new double[width];
    this.runMin = new double[width];
    this.rise = new double[width];
    this.g = new double[ds * lanes];
    this.r = new double[s * lanes];
    this.gx = new double[df * lanes];
    this.gy = new double[ds * lanes];
    this.ps = new double[s * df * lanes];
    this.qs = new double[s * ds * lanes];
    this.ls = new double[s * lanes];
    int drawRows = sampler == null ? 0 : STEPS_PER_SEGMENT * s + 2;
    int normalRows = df + ds + 1;
    this.bits = new long[Math.max(drawRows, normalRows) * width];
    this.normals = new double[normalRows * width];
    this.picked = new int[s];
    this.gl = new double[ds];
    if (sampler == null) { // full batch: every point in order, gathered once
      for (int b = 0; b < s; b++) {
        for (int lane = 0; lane < lanes; lane++) {
          ls[b * lanes + lane] = -labels[b];
          for (int c = 0; c < df; c++) {
            ps[(b * df + c) * lanes + lane] = p[b * df + c];
          }
          for (int k = 0; k < ds; k++) {
            qs[(b * ds + k) * lanes + lane] = q[b * ds + k];
          }
        }
      }
    }
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int channels() {
    return TwoTimescaleScalarBlock.CHANNELS;
  }

  @Override
  public void start(long traj0) {
    this.traj0 = traj0;
    this.now = 0;
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    VectorDraws.normals(seed, Stream.INIT.id, traj0, width, 0, (df + ds + 1) / 2, bits, normals);
    double sx = model.xInitScale();
    double sy = model.yInitScale();
    for (int c = 0; c < df; c++) {
      for (int j = 0; j < width; j += lanes) {
        DoubleVector.fromArray(sp, normals, c * width + j).mul(sx).intoArray(x, c * width + j);
      }
    }
    for (int k = 0; k < ds; k++) {
      for (int j = 0; j < width; j += lanes) {
        DoubleVector.fromArray(sp, normals, (df + k) * width + j).mul(sy).intoArray(y, k * width + j);
      }
    }
    java.util.Arrays.fill(t1, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(t3, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(above, 0.0);
    java.util.Arrays.fill(peak, 0.0);
    java.util.Arrays.fill(peakTime, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(runMin, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(rise, 0.0);
    for (int j = 0; j < width; j += lanes) {
      check(j, 0);
    }
  }

  @Override
  public void advance(long from, long to) {
    if (sampler == null) {
      for (int j = 0; j < width; j += lanes) {
        for (long t = from; t < to; t++) {
          step(j);
          check(j, t + 1);
        }
      }
    } else {
      for (long t = from; t < to; t += STEPS_PER_SEGMENT) {
        int count = (int) Math.min(STEPS_PER_SEGMENT, to - t);
        int row0 = sampler.drawBatches(seed, traj0, width, t, count, bits);
        for (int j = 0; j < width; j += lanes) {
          for (int u = 0; u < count; u++) {
            gather(j, row0 + u * s, t + u);
            step(j);
            check(j, t + u + 1);
          }
        }
      }
    }
    now = to;
  }

  /** {@code g_k = g(eps y_k)} of lane group j into {@link #g}. */
  private void slowOutputs(int j) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    for (int k = 0; k < ds; k++) {
      DoubleVector u = DoubleVector.fromArray(sp, y, k * width + j).mul(eps);
      (quadratic ? u.mul(u) : u).intoArray(g, k * lanes);
    }
  }

  /**
   * The minibatch points of step t of each lane of group j, from the draws at row {@code drawRow} (reshuffled: the
   * sampler keeps each lane's permutation, and every lane goes through its steps in order).
   */
  private void gather(int j, int drawRow, long t) {
    for (int lane = 0; lane < lanes; lane++) {
      sampler.pick(bits, drawRow * width + j + lane, width, j + lane, t, picked);
      for (int b = 0; b < s; b++) {
        int pt = picked[b];
        ls[b * lanes + lane] = -labels[pt];
        for (int c = 0; c < df; c++) {
          ps[(b * df + c) * lanes + lane] = p[pt * df + c];
        }
        for (int k = 0; k < ds; k++) {
          qs[(b * ds + k) * lanes + lane] = q[pt * ds + k];
        }
      }
    }
  }

  /** One step of lane group j on the gathered points. */
  private void step(int j) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    slowOutputs(j);
    System.arraycopy(ls, 0, r, 0, s * lanes);
    for (int c = 0; c < df; c++) {
      DoubleVector xc = DoubleVector.fromArray(sp, x, c * width + j);
      for (int b = 0; b < s; b++) {
        DoubleVector.fromArray(sp, ps, (b * df + c) * lanes).fma(xc, DoubleVector.fromArray(sp, r, b * lanes))
            .intoArray(r, b * lanes);
      }
    }
    for (int k = 0; k < ds; k++) {
      DoubleVector gk = DoubleVector.fromArray(sp, g, k * lanes);
      for (int b = 0; b < s; b++) {
        DoubleVector.fromArray(sp, qs, (b * ds + k) * lanes).fma(gk, DoubleVector.fromArray(sp, r, b * lanes))
            .intoArray(r, b * lanes);
      }
    }
    java.util.Arrays.fill(gx, 0.0);
    java.util.Arrays.fill(gy, 0.0);
    for (int b = 0; b < s; b++) {
      DoubleVector rb = DoubleVector.fromArray(sp, r, b * lanes);
      for (int c = 0; c < df; c++) {
        DoubleVector.fromArray(sp, ps, (b * df + c) * lanes).fma(rb, DoubleVector.fromArray(sp, gx, c * lanes))
            .intoArray(gx, c * lanes);
      }
      for (int k = 0; k < ds; k++) {
        DoubleVector.fromArray(sp, qs, (b * ds + k) * lanes).fma(rb, DoubleVector.fromArray(sp, gy, k * lanes))
            .intoArray(gy, k * lanes);
      }
    }
    for (int c = 0; c < df; c++) {
      DoubleVector xc = DoubleVector.fromArray(sp, x, c * width + j);
      DoubleVector.fromArray(sp, gx, c * lanes).fma(DoubleVector.broadcast(sp, xFactor), xc)
          .intoArray(x, c * width + j);
    }
    for (int k = 0; k < ds; k++) {
      DoubleVector yk = DoubleVector.fromArray(sp, y, k * width + j);
      DoubleVector coef = quadratic
          ? yk.mul(eps).mul(2.0).mul(yFactor)
          : DoubleVector.broadcast(sp, yFactor);
      DoubleVector.fromArray(sp, gy, k * lanes).fma(coef, yk).intoArray(y, k * width + j);
    }
  }

  /** The regime bookkeeping of lane group j at state t (the twin's {@code check}, lane-wise with masks). */
  private void check(int j, long t) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    slowOutputs(j);
    DoubleVector sum = DoubleVector.zero(sp);
    for (int c = 0; c < df; c++) {
      DoubleVector e = DoubleVector.fromArray(sp, x, c * width + j).sub(xStar[c]);
      sum = e.fma(e, sum);
    }
    for (int k = 0; k < ds; k++) {
      DoubleVector e = DoubleVector.fromArray(sp, g, k * lanes).sub(gStar[k]);
      sum = e.fma(e, sum);
    }
    DoubleVector loss = sum.mul(0.5);
    double time = t;
    DoubleVector first = DoubleVector.fromArray(sp, t1, j);
    VectorMask<Double> hit1 = first.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY)
        .and(loss.compare(VectorOperators.LE, upper));
    first = first.blend(time, hit1);
    first.intoArray(t1, j);
    DoubleVector least = DoubleVector.fromArray(sp, runMin, j).blend(loss, hit1);
    DoubleVector third = DoubleVector.fromArray(sp, t3, j);
    VectorMask<Double> active = first.compare(VectorOperators.NE, Double.POSITIVE_INFINITY)
        .and(third.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
    if (!active.anyTrue()) {
      least.intoArray(runMin, j);
      return;
    }
    VectorMask<Double> low = loss.compare(VectorOperators.LE, lower);
    third.blend(time, active.and(low)).intoArray(t3, j);
    VectorMask<Double> rest = active.andNot(low);
    DoubleVector count = DoubleVector.fromArray(sp, above, j);
    count.blend(count.add(1.0), rest.and(loss.compare(VectorOperators.GT, upper))).intoArray(above, j);
    least = least.blend(loss, rest.and(loss.compare(VectorOperators.LT, least)));
    least.intoArray(runMin, j);
    DoubleVector up = loss.sub(least);
    DoubleVector best = DoubleVector.fromArray(sp, rise, j);
    VectorMask<Double> higher = rest.and(up.compare(VectorOperators.GT, best));
    best.blend(up, higher).intoArray(rise, j);
    DoubleVector.fromArray(sp, peak, j).blend(loss, higher).intoArray(peak, j);
    DoubleVector.fromArray(sp, peakTime, j).blend(time, higher).intoArray(peakTime, j);
  }

  @Override
  public void snapshot(double[] out) {
    for (int i = 0; i < width; i++) {
      for (int k = 0; k < ds; k++) {
        double u = eps * y[k * width + i];
        gl[k] = quadratic ? u * u : u;
      }
      double test = 0;
      for (int c = 0; c < df; c++) {
        double e = x[c * width + i] - xStar[c];
        test = Math.fma(e, e, test);
      }
      for (int k = 0; k < ds; k++) {
        double e = gl[k] - gStar[k];
        test = Math.fma(e, e, test);
      }
      test = 0.5 * test;
      double train = 0;
      for (int mm = 0; mm < n; mm++) {
        double v = -labels[mm];
        for (int c = 0; c < df; c++) {
          v = Math.fma(p[mm * df + c], x[c * width + i], v);
        }
        for (int k = 0; k < ds; k++) {
          v = Math.fma(q[mm * ds + k], gl[k], v);
        }
        train = Math.fma(v, v, train);
      }
      double slow = 0;
      for (int k = 0; k < ds; k++) {
        double e = gl[k] - gStar[k];
        slow = Math.fma(e, e, slow);
      }
      double jitter = 0;
      for (int c = 0; c < df; c++) {
        double lam = c0[c];
        for (int k = 0; k < ds; k++) {
          lam = Math.fma(-m[c * ds + k], gl[k], lam);
        }
        double e = x[c * width + i] - lam;
        jitter = Math.fma(e, e, jitter);
      }
      out[i] = TwoTimescaleScalarBlock.logRoot(2 * test);
      out[width + i] = TwoTimescaleScalarBlock.logRoot(train / n);
      out[2 * width + i] = TwoTimescaleScalarBlock.logRoot(slow);
      out[3 * width + i] = TwoTimescaleScalarBlock.logRoot(jitter);
      out[4 * width + i] = t1[i];
      out[5 * width + i] = t3[i];
      out[6 * width + i] = above[i];
      out[7 * width + i] = TwoTimescaleScalarBlock.logRoot(2 * peak[i]);
      out[8 * width + i] = peakTime[i];
      out[9 * width + i] = TwoTimescaleScalarBlock.logRoot(2 * rise[i]);
    }
  }
}
