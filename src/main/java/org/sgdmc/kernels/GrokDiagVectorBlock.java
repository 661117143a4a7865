package org.sgdmc.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.sgdmc.models.GrokData;
import org.sgdmc.models.GrokDiag;
import org.sgdmc.rng.Stream;
import org.sgdmc.rng.VectorDraws;
import org.sgdmc.rng.VectorShapes;

/**
 * The vectorised diagonal-linear-network kernel: trajectories across lanes, u and v struct-of-arrays, the dataset
 * broadcast; the residual and gradient chains interleaved as in {@link GrokLinregVectorBlock}, each chain in the
 * order of the scalar twin {@link GrokDiagScalarBlock}, which it equals bit for bit.
 */
public final class GrokDiagVectorBlock implements StateBlock {
  private final GrokDiag model;
  private final long seed;
  private final int width;
  private final int lanes;
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
  private final double[] t1;
  private final double[] t2;
  private final double[] bt; // [c * lanes]: beta of one lane group
  private final double[] r;
  private final double[] g;
  private final double[] xs;
  private final double[] ys;
  private final long[] bits;
  private final double[] normals;
  private final int[] picked;
  private long traj0;
  private long now;

  public GrokDiagVectorBlock(GrokDiag model, long seed, int width) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    if (width <= 0 || width % sp.length() != 0) {
      throw new IllegalArgumentException("block width " + width + " must be a positive multiple of " + sp.length());
    }
    GrokData data = model.data();
    this.model = model;
    this.seed = seed;
    this.width = width;
    this.lanes = sp.length();
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
    this.sampler = model.fullBatch() ? null : new FiniteBatchSampler(n, s, model.sampling(), width);
    this.u = new double[d * width];
    this.v = new double[d * width];
    this.t1 = new double[width];
    this.t2 = new double[width];
    this.bt = new double[d * lanes];
    this.r = new double[n * lanes];
    this.g = new double[d * lanes];
    this.xs = new double[s * d * lanes];
    this.ys = new double[s * lanes];
    int drawRows = sampler == null ? 0 : GrokLinregVectorBlock.STEPS_PER_SEGMENT * s + 2;
    int normalRows = 2 * d;
    this.bits = new long[Math.max(drawRows, normalRows) * width];
    this.normals = new double[normalRows * width];
    this.picked = new int[s];
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int channels() {
    return GrokDiagScalarBlock.CHANNELS;
  }

  @Override
  public void start(long traj0) {
    this.traj0 = traj0;
    this.now = 0;
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    VectorDraws.normals(seed, Stream.INIT.id, traj0, width, 0, d, bits, normals);
    double alpha = model.alpha();
    for (int c = 0; c < d; c++) {
      for (int j = 0; j < width; j += lanes) {
        DoubleVector.fromArray(sp, normals, c * width + j).mul(alpha).intoArray(u, c * width + j);
        DoubleVector.fromArray(sp, normals, (d + c) * width + j).mul(alpha).intoArray(v, c * width + j);
      }
    }
    java.util.Arrays.fill(t1, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(t2, Double.POSITIVE_INFINITY);
  }

  @Override
  public void advance(long from, long to) {
    if (sampler == null) {
      for (int j = 0; j < width; j += lanes) {
        for (long t = from; t < to; t++) {
          step(j, t, -1);
        }
      }
    } else {
      int seg = GrokLinregVectorBlock.STEPS_PER_SEGMENT;
      for (long t = from; t < to; t += seg) {
        int count = (int) Math.min(seg, to - t);
        int row0 = sampler.drawBatches(seed, traj0, width, t, count, bits);
        for (int j = 0; j < width; j += lanes) {
          for (int u0 = 0; u0 < count; u0++) {
            step(j, t + u0, row0 + u0 * s);
          }
        }
      }
    }
    now = to;
  }

  private void fillBeta(int j) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    for (int c = 0; c < d; c++) {
      DoubleVector uc = DoubleVector.fromArray(sp, u, c * width + j);
      DoubleVector vc = DoubleVector.fromArray(sp, v, c * width + j);
      uc.fma(uc, vc.mul(vc).neg()).intoArray(bt, c * lanes);
    }
  }

  private void residuals() {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    for (int m = 0; m < n; m++) {
      DoubleVector.broadcast(sp, -y[m]).intoArray(r, m * lanes);
    }
    for (int c = 0; c < d; c++) {
      DoubleVector b = DoubleVector.fromArray(sp, bt, c * lanes);
      for (int m = 0; m < n; m++) {
        DoubleVector.broadcast(sp, x[m * d + c]).fma(b, DoubleVector.fromArray(sp, r, m * lanes))
            .intoArray(r, m * lanes);
      }
    }
  }

  private void checkTrain(int j, long t) {
    VectorEventTimes.markTrain(r, n, halfOverN, model.trainThreshold(), t1, j, t);
  }

  private void checkTest(int j, long t) {
    VectorEventTimes.markTest(bt, 0, lanes, star, model.testThreshold(), t2, j, t);
  }

  private boolean trainOpen(int j) {
    return VectorEventTimes.open(t1, j);
  }

  /** Step t of lane group j; {@code drawRow < 0}: full batch. */
  private void step(int j, long t, int drawRow) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    fillBeta(j);
    if (drawRow < 0 || trainOpen(j)) {
      residuals();
      if (trainOpen(j)) {
        checkTrain(j, t);
      }
    }
    checkTest(j, t);
    java.util.Arrays.fill(g, 0.0);
    if (drawRow < 0) {
      for (int m = 0; m < n; m++) {
        DoubleVector rm = DoubleVector.fromArray(sp, r, m * lanes);
        for (int c = 0; c < d; c++) {
          DoubleVector.broadcast(sp, x[m * d + c]).fma(rm, DoubleVector.fromArray(sp, g, c * lanes))
              .intoArray(g, c * lanes);
        }
      }
    } else {
      for (int lane = 0; lane < lanes; lane++) {
        sampler.pick(bits, drawRow * width + j + lane, width, j + lane, t, picked); // reshuffled: by lane and step
        for (int b = 0; b < s; b++) {
          int p = picked[b];
          ys[b * lanes + lane] = -y[p];
          for (int c = 0; c < d; c++) {
            xs[(b * d + c) * lanes + lane] = x[p * d + c];
          }
        }
      }
      for (int b = 0; b < s; b++) {
        DoubleVector.fromArray(sp, ys, b * lanes).intoArray(r, b * lanes);
      }
      for (int c = 0; c < d; c++) {
        DoubleVector bc = DoubleVector.fromArray(sp, bt, c * lanes);
        for (int b = 0; b < s; b++) {
          DoubleVector.fromArray(sp, xs, (b * d + c) * lanes).fma(bc, DoubleVector.fromArray(sp, r, b * lanes))
              .intoArray(r, b * lanes);
        }
      }
      for (int b = 0; b < s; b++) {
        DoubleVector rb = DoubleVector.fromArray(sp, r, b * lanes);
        for (int c = 0; c < d; c++) {
          DoubleVector.fromArray(sp, xs, (b * d + c) * lanes).fma(rb, DoubleVector.fromArray(sp, g, c * lanes))
              .intoArray(g, c * lanes);
        }
      }
    }
    for (int c = 0; c < d; c++) {
      DoubleVector h = DoubleVector.fromArray(sp, g, c * lanes).mul(factor);
      DoubleVector uc = DoubleVector.fromArray(sp, u, c * width + j);
      DoubleVector vc = DoubleVector.fromArray(sp, v, c * width + j);
      h.neg().fma(uc, uc.mul(decay)).intoArray(u, c * width + j);
      h.fma(vc, vc.mul(decay)).intoArray(v, c * width + j);
    }
  }

  @Override
  public void snapshot(double[] out) {
    for (int j = 0; j < width; j += lanes) {
      fillBeta(j);
      residuals();
      checkTrain(j, now);
      checkTest(j, now);
      for (int lane = 0; lane < lanes; lane++) {
        int i = j + lane;
        double train = 0;
        for (int m = 0; m < n; m++) {
          double p = r[m * lanes + lane];
          train = Math.fma(p, p, train);
        }
        double test = 0, dist = 0, norm = 0, l1 = 0;
        for (int c = 0; c < d; c++) {
          double b = bt[c * lanes + lane];
          double e = b - star[c];
          test = Math.fma(e, e, test);
          double f = b - target[c];
          dist = Math.fma(f, f, dist);
        }
        for (int c = 0; c < d; c++) {
          double uc = u[c * width + i], vc = v[c * width + i];
          norm = Math.fma(uc, uc, norm);
          norm = Math.fma(vc, vc, norm);
          l1 += Math.abs(bt[c * lanes + lane]);
        }
        out[i] = GrokLinregScalarBlock.logRoot(2 * (train * halfOverN));
        out[width + i] = GrokLinregScalarBlock.logRoot(test);
        out[2 * width + i] = GrokLinregScalarBlock.logRoot(norm);
        out[3 * width + i] = GrokLinregScalarBlock.logRoot(dist);
        out[4 * width + i] = Double.isNaN(l1) ? Double.POSITIVE_INFINITY : Math.log(l1);
        out[5 * width + i] = t1[i];
        out[6 * width + i] = t2[i];
      }
    }
  }
}
