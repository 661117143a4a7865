package org.sgdmc.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.sgdmc.models.GrokMc;
import org.sgdmc.rng.Stream;
import org.sgdmc.rng.VectorDraws;
import org.sgdmc.rng.VectorShapes;

/**
 * The vectorised matrix-completion kernel: trajectories across lanes, U and V struct-of-arrays ({@code [(i d + k) *
 * width + lane]}), M* and the mask broadcast; every operation of the scalar twin {@link GrokMcScalarBlock} lane-wise,
 * in its order. Snapshots use the twin's own scalar routine on these arrays. Minibatch SGD: the batch's entries
 * differ by lane, so the factor rows are gathered into lane-interleaved buffers, the residuals formed lane-wise, and
 * the gradients scattered back lane by lane in the twin's order; the update is the same vector pass as GD's.
 *
 * <p>Reshuffled each epoch, a lane's batch depends on its step as well as its draws: the sampler keeps each lane's
 * permutation of the observed entries, and every lane goes through its steps in order (segments outer, lane groups,
 * then steps), so it only ever extends the permutation it holds.
 */
public final class GrokMcVectorBlock implements StateBlock {
  private final GrokMc model;
  private final long seed;
  private final int width;
  private final int lanes;
  private final int d;
  private final double[] u;
  private final double[] v;
  private final double[] r; // [(i d + j) * lanes]
  private final double[] gu;
  private final double[] gv;
  private final double[] m;
  private final boolean[] mask;
  private final long[] bits;
  private final double[] normals;
  private final FiniteBatchSampler sampler;
  private final int[] observed;
  private final int[] picked;
  private final int[] entries; // [b * lanes + lane]: the batch's entry i d + j
  private final double[] targets; // [b * lanes + lane]: M* at the lane's batch entry b
  private final double[] us; // scratch of McFactorSteps.batchGradient
  private final double[] vs;
  private final double[] rs;
  private final double[] t1;
  private final double[] t2;
  private final double[] sums; // [lane]: obs, [lanes + lane]: full, of the state being checked
  private final double trainScale;
  private final double testScale;
  // GD forms the unobserved entries (half the product) only while t2 is unset and may be reached: the RMS test
  // error ||W - M*||_F / d at state t is at least its value at the last evaluation minus D, where D bounds
  // ||W_t - W_eval||_F / d and grows each step by (||dU||_F ||V'||_F + ||U||_F ||dV||_F) / d (W = U V^T). Skipping
  // only where the level cannot be reached keeps t2 exact: the scalar twin forms the test sum every step and the
  // twins agree bit for bit.
  private final double[] testRms; // [lane]: the RMS test error at the last evaluation (0: evaluate now)
  private final double[] drift; // [lane]: D since then
  private final double rmsLevel; // the RMS error at the test level, with a margin far above rounding
  private long testSums; // lane-group test sums formed by GD steps (tests: the skip happens)
  private long traj0;
  private long now;

  public GrokMcVectorBlock(GrokMc model, long seed, int width) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    if (width <= 0 || width % sp.length() != 0) {
      throw new IllegalArgumentException("block width " + width + " must be a positive multiple of " + sp.length());
    }
    this.model = model;
    this.seed = seed;
    this.width = width;
    this.lanes = sp.length();
    this.d = model.d();
    this.u = new double[d * d * width];
    this.v = new double[d * d * width];
    this.r = new double[d * d * lanes];
    this.gu = new double[d * d * lanes];
    this.gv = new double[d * d * lanes];
    this.m = model.truth();
    this.mask = model.mask();
    this.sampler = model.fullBatch() ? null
        : new FiniteBatchSampler(model.observedCount(), model.batch(), model.sampling(), width);
    int s = model.batch();
    int drawRows = sampler == null ? 0 : GrokLinregVectorBlock.STEPS_PER_SEGMENT * s + 2;
    this.bits = new long[Math.max(drawRows, 2 * d * d) * width];
    this.normals = new double[2 * d * d * width];
    this.observed = model.observedIndices();
    this.picked = new int[s];
    this.entries = new int[s * lanes];
    this.us = new double[d * lanes];
    this.vs = new double[d * lanes];
    this.targets = new double[s * lanes];
    this.rs = new double[lanes];
    this.t1 = new double[width];
    this.t2 = new double[width];
    this.sums = new double[2 * lanes];
    this.trainScale = GrokMcScalarBlock.trainScale(model);
    this.testScale = GrokMcScalarBlock.testScale(model);
    this.testRms = new double[width];
    this.drift = new double[width];
    this.rmsLevel = Math.sqrt(model.testThreshold() / (testScale * d * d)) * (1 + 1e-9) + 1e-9;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int channels() {
    return GrokMcScalarBlock.CHANNELS;
  }

  @Override
  public void start(long traj0) {
    this.traj0 = traj0;
    this.now = 0;
    java.util.Arrays.fill(t1, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(t2, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(testRms, 0.0); // evaluate at the first step
    java.util.Arrays.fill(drift, 0.0);
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    VectorDraws.normals(seed, Stream.INIT.id, traj0, width, 0, d * d, bits, normals);
    double s = model.sigma();
    for (int k = 0; k < d * d; k++) {
      for (int l = 0; l < width; l += lanes) {
        DoubleVector.fromArray(sp, normals, k * width + l).mul(s).intoArray(u, k * width + l);
        DoubleVector.fromArray(sp, normals, (d * d + k) * width + l).mul(s).intoArray(v, k * width + l);
      }
    }
  }

  @Override
  public void advance(long from, long to) {
    if (sampler != null) {
      int seg = GrokLinregVectorBlock.STEPS_PER_SEGMENT, s = model.batch();
      for (long t = from; t < to; t += seg) {
        int count = (int) Math.min(seg, to - t);
        int row0 = sampler.drawBatches(seed, traj0, width, t, count, bits);
        for (int l = 0; l < width; l += lanes) {
          for (int u0 = 0; u0 < count; u0++) {
            if (VectorEventTimes.open(t1, l) || VectorEventTimes.open(t2, l)) {
              checkAll(l, t + u0);
            }
            sgdStep(l, row0 + u0 * s, t + u0);
          }
        }
      }
      now = to;
      return;
    }
    for (int l = 0; l < width; l += lanes) {
      for (long t = from; t < to; t++) {
        step(l, t);
      }
    }
    now = to;
  }

  /** t1 and t2 of lane group l at state t, from all of W (the SGD path, while some lane has one unset). */
  private void checkAll(int l, long t) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    DoubleVector obs = DoubleVector.zero(sp), full = obs;
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        int ij = i * d + j;
        DoubleVector w = DoubleVector.zero(sp);
        for (int k = 0; k < d; k++) {
          w = DoubleVector.fromArray(sp, u, (i * d + k) * width + l)
              .fma(DoubleVector.fromArray(sp, v, (j * d + k) * width + l), w);
        }
        DoubleVector e = w.sub(m[ij]);
        full = e.fma(e, full);
        obs = mask[ij] ? e.fma(e, obs) : obs;
      }
    }
    obs.intoArray(sums, 0);
    full.intoArray(sums, lanes);
    VectorLevelMarks.mark(sums, 0, trainScale, model.trainThreshold(), t1, l, t);
    VectorLevelMarks.mark(sums, lanes, testScale, model.testThreshold(), t2, l, t);
  }

  /** One GD step of lane group l from state t, marking t1 and t2 of state t on the way. */
  private void step(int l, long t) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    double inv = model.inverseObserved();
    DoubleVector zero = DoubleVector.zero(sp);
    boolean track = VectorEventTimes.open(t2, l);
    boolean testOpen = track && VectorLevelMarks.mayReach(t2, testRms, drift, rmsLevel, l);
    testSums += testOpen ? 1 : 0;
    DoubleVector obs = zero, full = zero;
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        int ij = i * d + j;
        if (!mask[ij]) {
          zero.intoArray(r, ij * lanes);
          if (!testOpen) {
            continue;
          }
        }
        DoubleVector w = zero;
        for (int k = 0; k < d; k++) {
          w = DoubleVector.fromArray(sp, u, (i * d + k) * width + l)
              .fma(DoubleVector.fromArray(sp, v, (j * d + k) * width + l), w);
        }
        DoubleVector e = w.sub(m[ij]);
        full = e.fma(e, full);
        if (mask[ij]) {
          obs = e.fma(e, obs);
          e.mul(inv).intoArray(r, ij * lanes);
        }
      }
    }
    obs.intoArray(sums, 0);
    full.intoArray(sums, lanes);
    VectorLevelMarks.mark(sums, 0, trainScale, model.trainThreshold(), t1, l, t);
    if (testOpen) {
      VectorLevelMarks.mark(sums, lanes, testScale, model.testThreshold(), t2, l, t);
      full.div(d * d).sqrt().intoArray(testRms, l);
      zero.intoArray(drift, l);
    }
    for (int i = 0; i < d; i++) {
      for (int k = 0; k < d; k++) {
        DoubleVector g = zero;
        for (int j = 0; j < d; j++) {
          g = DoubleVector.fromArray(sp, r, (i * d + j) * lanes)
              .fma(DoubleVector.fromArray(sp, v, (j * d + k) * width + l), g);
        }
        g.intoArray(gu, (i * d + k) * lanes);
      }
    }
    for (int j = 0; j < d; j++) {
      for (int k = 0; k < d; k++) {
        DoubleVector g = zero;
        for (int i = 0; i < d; i++) {
          g = DoubleVector.fromArray(sp, r, (i * d + j) * lanes)
              .fma(DoubleVector.fromArray(sp, u, (i * d + k) * width + l), g);
        }
        g.intoArray(gv, (j * d + k) * lanes);
      }
    }
    DoubleVector neg = DoubleVector.broadcast(sp, -model.eta());
    double decay = model.decay();
    DoubleVector du2 = zero, v2 = zero, u2 = zero, dv2 = zero;
    for (int k = 0; k < d * d; k++) {
      int at = k * width + l;
      DoubleVector uOld = DoubleVector.fromArray(sp, u, at);
      DoubleVector vOld = DoubleVector.fromArray(sp, v, at);
      DoubleVector uNew = DoubleVector.fromArray(sp, gu, k * lanes).fma(neg, uOld.mul(decay));
      DoubleVector vNew = DoubleVector.fromArray(sp, gv, k * lanes).fma(neg, vOld.mul(decay));
      uNew.intoArray(u, at);
      vNew.intoArray(v, at);
      if (track) {
        DoubleVector du = uNew.sub(uOld), dv = vNew.sub(vOld);
        du2 = du.fma(du, du2);
        dv2 = dv.fma(dv, dv2);
        u2 = uOld.fma(uOld, u2);
        v2 = vNew.fma(vNew, v2);
      }
    }
    if (track) {
      DoubleVector moved = du2.sqrt().mul(v2.sqrt()).add(u2.sqrt().mul(dv2.sqrt())).div(d);
      DoubleVector.fromArray(sp, drift, l).add(moved).intoArray(drift, l);
    }
  }


  /** How many lane groups' test sums GD steps have formed so far (tests: fewer than the steps while t2 is open). */
  long testSumsFormed() {
    return testSums;
  }

  /** SGD step t of lane group l, its batch from draw row {@code drawRow} of {@code bits}. */
  private void sgdStep(int l, int drawRow, long t) {
    int s = model.batch();
    for (int lane = 0; lane < lanes; lane++) {
      sampler.pick(bits, drawRow * width + l + lane, width, l + lane, t, picked);
      for (int b = 0; b < s; b++) {
        int e = observed[picked[b]];
        entries[b * lanes + lane] = e;
        targets[b * lanes + lane] = m[e];
      }
    }
    McFactorSteps.batchGradient(u, v, width, l, d, s, entries, targets, model.inverseBatch(), us, vs, rs, gu, gv);
    McFactorSteps.descend(u, v, gu, gv, width, l, d * d, model.eta(), model.decay());
  }

  @Override
  public void snapshot(double[] out) {
    for (int l = 0; l < width; l++) {
      GrokMcScalarBlock.snapshot(model, u, v, width, l, out, width, t1, t2, now);
    }
  }
}
