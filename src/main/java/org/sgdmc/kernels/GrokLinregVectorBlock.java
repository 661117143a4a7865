package org.sgdmc.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.sgdmc.models.GrokData;
import org.sgdmc.models.GrokLinreg;
import org.sgdmc.rng.Stream;
import org.sgdmc.rng.VectorDraws;
import org.sgdmc.rng.VectorShapes;

/**
 * The vectorised grokking linear-regression kernel: trajectories across lanes, w stored struct-of-arrays
 * ({@code w[c * width + i]}), the dataset shared by every lane and broadcast. {@link GrokLinregScalarBlock} is its
 * scalar twin, equal bit for bit; it documents the order of operations, which this class keeps while running the
 * n residual chains (and the d gradient chains) interleaved, for instruction-level parallelism: each chain still
 * adds its terms in the same order. Full-batch steps need no random numbers; minibatch steps fill a segment's batch
 * draws for the whole block at once, then gather each lane's points (reshuffled, from each lane's permutation, which
 * the sampler keeps: every lane goes through its steps in order).
 */
public final class GrokLinregVectorBlock implements StateBlock {
  /** Steps per segment of minibatch draws. */
  static final int STEPS_PER_SEGMENT = 64;

  private final GrokLinreg model;
  private final long seed;
  private final int width;
  private final int lanes;
  private final int n;
  private final int d;
  private final int s;
  private final double[] x;
  private final double[] y;
  private final double[] beta;
  private final double coefficient;
  private final double decay;
  private final double halfOverN;
  private final double trainThreshold;
  private final double testThreshold;
  private final FiniteBatchSampler sampler;
  private final double[] w;
  private final double[] t1;
  private final double[] t2;
  private final double[] r; // [m * lanes]: residual chains of one lane group
  private final double[] g; // [c * lanes]: gradient chains
  private final double[] xs; // minibatch points of one step of a lane group: [(j d + c) * lanes + lane]
  private final double[] ys; // [j * lanes + lane]: their negated labels
  private final long[] bits;
  private final double[] normals;
  private final int[] picked;
  private long traj0;
  private long now;

  public GrokLinregVectorBlock(GrokLinreg model, long seed, int width) {
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
    this.beta = data.betaStar();
    this.coefficient = model.coefficient();
    this.decay = model.decay();
    this.halfOverN = 0.5 / n;
    this.trainThreshold = model.trainThreshold();
    this.testThreshold = model.testThreshold();
    this.sampler = model.fullBatch() ? null : new FiniteBatchSampler(n, s, model.sampling(), width);
    this.w = new double[d * width];
    this.t1 = new double[width];
    this.t2 = new double[width];
    this.r = new double[n * lanes];
    this.g = new double[d * lanes];
    this.xs = new double[s * d * lanes];
    this.ys = new double[s * lanes];
    int drawRows = sampler == null ? 0 : STEPS_PER_SEGMENT * s + 2;
    int normalRows = d + 1;
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
    return GrokLinregScalarBlock.CHANNELS;
  }

  @Override
  public void start(long traj0) {
    this.traj0 = traj0;
    this.now = 0;
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    VectorDraws.normals(seed, Stream.INIT.id, traj0, width, 0, (d + 1) / 2, bits, normals);
    double scale = model.initScale();
    for (int c = 0; c < d; c++) {
      for (int j = 0; j < width; j += lanes) {
        DoubleVector.fromArray(sp, normals, c * width + j).mul(scale).intoArray(w, c * width + j);
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
          fullBatchStep(j, t);
        }
      }
    } else {
      for (long t = from; t < to; t += STEPS_PER_SEGMENT) {
        int count = (int) Math.min(STEPS_PER_SEGMENT, to - t);
        int row0 = sampler.drawBatches(seed, traj0, width, t, count, bits);
        for (int j = 0; j < width; j += lanes) {
          for (int u = 0; u < count; u++) {
            miniBatchStep(j, t + u, row0 + u * s);
          }
        }
      }
    }
    now = to;
  }

  /** Full residuals {@code X w - y} of lane group j into {@link #r} (chains over c interleaved across points). */
  private void residuals(int j) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    for (int m = 0; m < n; m++) {
      DoubleVector.broadcast(sp, -y[m]).intoArray(r, m * lanes);
    }
    for (int c = 0; c < d; c++) {
      DoubleVector wc = DoubleVector.fromArray(sp, w, c * width + j);
      for (int m = 0; m < n; m++) {
        DoubleVector.broadcast(sp, x[m * d + c]).fma(wc, DoubleVector.fromArray(sp, r, m * lanes))
            .intoArray(r, m * lanes);
      }
    }
  }

  /** t1 := t in the lanes of group j where it is unset and the training loss (from {@link #r}) is at its level. */
  private void checkTrain(int j, long t) {
    VectorEventTimes.markTrain(r, n, halfOverN, trainThreshold, t1, j, t);
  }

  /** Whether some lane of group j has not yet reached its train level. */
  private boolean trainOpen(int j) {
    return VectorEventTimes.open(t1, j);
  }

  /** t2 := t where unset and the test loss is at its level. */
  private void checkTest(int j, long t) {
    VectorEventTimes.markTest(w, j, width, beta, testThreshold, t2, j, t);
  }

  private void fullBatchStep(int j, long t) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    residuals(j);
    if (trainOpen(j)) {
      checkTrain(j, t);
    }
    checkTest(j, t);
    java.util.Arrays.fill(g, 0.0);
    for (int m = 0; m < n; m++) {
      DoubleVector rm = DoubleVector.fromArray(sp, r, m * lanes);
      for (int c = 0; c < d; c++) {
        DoubleVector.broadcast(sp, x[m * d + c]).fma(rm, DoubleVector.fromArray(sp, g, c * lanes))
            .intoArray(g, c * lanes);
      }
    }
    update(j);
  }

  /** {@code w_c <- fma(g_c, -eta/S, w_c * (1 - eta lambda))} for lane group j. */
  private void update(int j) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    for (int c = 0; c < d; c++) {
      DoubleVector wc = DoubleVector.fromArray(sp, w, c * width + j);
      DoubleVector.fromArray(sp, g, c * lanes).fma(DoubleVector.broadcast(sp, coefficient), wc.mul(decay)).intoArray(w, c * width + j);
    }
  }

  private void miniBatchStep(int j, long t, int drawRow) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    if (trainOpen(j)) {
      residuals(j);
      checkTrain(j, t);
    }
    checkTest(j, t);
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
      DoubleVector wc = DoubleVector.fromArray(sp, w, c * width + j);
      for (int b = 0; b < s; b++) {
        DoubleVector.fromArray(sp, xs, (b * d + c) * lanes).fma(wc, DoubleVector.fromArray(sp, r, b * lanes))
            .intoArray(r, b * lanes);
      }
    }
    java.util.Arrays.fill(g, 0.0);
    for (int b = 0; b < s; b++) {
      DoubleVector rb = DoubleVector.fromArray(sp, r, b * lanes);
      for (int c = 0; c < d; c++) {
        DoubleVector.fromArray(sp, xs, (b * d + c) * lanes).fma(rb, DoubleVector.fromArray(sp, g, c * lanes))
            .intoArray(g, c * lanes);
      }
    }
    update(j);
  }

  @Override
  public void snapshot(double[] out) {
    for (int j = 0; j < width; j += lanes) {
      residuals(j);
      checkTrain(j, now);
      checkTest(j, now);
      for (int lane = 0; lane < lanes; lane++) {
        int i = j + lane;
        double train = 0;
        for (int m = 0; m < n; m++) {
          double p = r[m * lanes + lane];
          train = Math.fma(p, p, train);
        }
        double test = 0, norm = 0;
        for (int c = 0; c < d; c++) {
          double v = w[c * width + i];
          double e = v - beta[c];
          test = Math.fma(e, e, test);
          norm = Math.fma(v, v, norm);
        }
        out[i] = GrokLinregScalarBlock.logRoot(2 * (train * halfOverN));
        out[width + i] = GrokLinregScalarBlock.logRoot(test);
        out[2 * width + i] = GrokLinregScalarBlock.logRoot(norm);
        out[3 * width + i] = t1[i];
        out[4 * width + i] = t2[i];
      }
    }
  }
}
