package org.sgdmc.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.sgdmc.models.GrokMc;
import org.sgdmc.models.GrokMcDatasets;
import org.sgdmc.rng.DrawBuffer;
import org.sgdmc.rng.Stream;
import org.sgdmc.rng.VectorDraws;
import org.sgdmc.rng.VectorShapes;

/**
 * Matrix completion with a dataset per trajectory ({@link GrokMcDatasets}): every lane its own truth
 * M* and mask, lane-interleaved ({@code [(i d + j) * width + lane]}), loaded as vectors where {@link
 * GrokMcVectorBlock} broadcasts. Full-batch GD: since the masks differ by lane, every step forms all of W and
 * blends: a lane's residual {@code (W_ij - M*_ij) (1/|Omega|)} (its own rounded 1/|Omega|) where it observes (i, j), 0 where not,
 * and its observed sum of squares likewise; the full sum only while t2 is unset in some lane of the group. Otherwise
 * the fixed block's operations in its order, so lane i equals {@link GrokMcScalarBlock} of width 1 on {@link
 * GrokMcDatasets#at}(i) bit for bit ({@link GrokMcDatasetsScalarBlock}). Minibatch SGD: GrokMcVectorBlock's step,
 * each lane's batch drawn from its own observed entries (its own count of them) and its residuals against its own
 * truth; t1 and t2 from all of W at every step while some lane of the group has one unset, as the fixed block.
 *
 * <p>start() draws the lanes' data into the block's arrays without allocating (FastPathTest counts it); the lanes'
 * models, needed only for the recorded values (their targets, the first trajectories' ADMM solves), are built at the
 * block's first snapshot.
 */
public final class GrokMcDatasetsVectorBlock implements StateBlock {
  private final GrokMcDatasets datasets;
  private final GrokMc base;
  private final long seed;
  private final int width;
  private final int lanes;
  private final int d;
  private final double[] u;
  private final double[] v;
  private final double[] r; // [(i d + j) * lanes]
  private final double[] gu;
  private final double[] gv;
  private final double[] truth; // [(i d + j) * width + lane]
  private final double[] mask; // 1 observed, 0 not
  private final double[] inverse; // [lane]: 1 / |Omega|
  private final double[] trainScale; // [lane]: 0.5 / |Omega|
  private final double[] ab;
  private final DrawBuffer draws = new DrawBuffer();
  private final long[] bits;
  private final double[] normals;
  private final double[] t1;
  private final double[] t2;
  private final double[] sums; // [lane]: obs, [lanes + lane]: full
  private final double testScale;
  private final GrokMc[] models;
  // minibatch SGD: each lane's observed entries ascending ([lane * d^2 + q]) and their number; the sampler picks from
  // the first |Omega| of d^2 points, which is the pick of a sampler of |Omega| points (the twin's)
  private final FiniteBatchSampler sampler; // null for GD
  private final int[] observedOf;
  private final int[] counts;
  private final int[] picked;
  private final int[] entries; // [b * lanes + lane]: the batch's entry i d + j
  private final double[] targets; // [b * lanes + lane]: the lane's truth at its batch entry b
  private final double[] us; // scratch of McFactorSteps.batchGradient
  private final double[] vs;
  private final double[] rs;
  private boolean modelsBuilt;
  private long traj0;
  private long now;

  public GrokMcDatasetsVectorBlock(GrokMcDatasets datasets, long seed, int width) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    if (width <= 0 || width % sp.length() != 0) {
      throw new IllegalArgumentException("block width " + width + " must be a positive multiple of " + sp.length());
    }
    this.datasets = datasets;
    this.base = datasets.base();
    this.seed = seed;
    this.width = width;
    this.lanes = sp.length();
    this.d = base.d();
    this.u = new double[d * d * width];
    this.v = new double[d * d * width];
    this.r = new double[d * d * lanes];
    this.gu = new double[d * d * lanes];
    this.gv = new double[d * d * lanes];
    this.truth = new double[d * d * width];
    this.mask = new double[d * d * width];
    this.inverse = new double[width];
    this.trainScale = new double[width];
    this.ab = new double[2 * d * base.rank()];
    this.sampler = base.fullBatch() ? null : new FiniteBatchSampler(d * d, base.batch(), base.sampling(), width);
    int s = base.batch();
    this.observedOf = new int[sampler == null ? 0 : d * d * width];
    this.counts = new int[width];
    this.picked = new int[s];
    this.entries = new int[sampler == null ? 0 : s * lanes];
    this.us = new double[d * lanes];
    this.vs = new double[d * lanes];
    this.targets = new double[s * lanes];
    this.rs = new double[lanes];
    int drawRows = sampler == null ? 0 : GrokLinregVectorBlock.STEPS_PER_SEGMENT * s + 2;
    this.bits = new long[Math.max(drawRows, 2 * d * d) * width];
    this.normals = new double[2 * d * d * width];
    this.t1 = new double[width];
    this.t2 = new double[width];
    this.sums = new double[2 * lanes];
    this.testScale = GrokMcScalarBlock.testScale(base);
    this.models = new GrokMc[width];
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
    this.modelsBuilt = false;
    java.util.Arrays.fill(t1, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(t2, Double.POSITIVE_INFINITY);
    for (int lane = 0; lane < width; lane++) {
      int count = datasets.fill(traj0 + lane, draws, ab, truth, mask, lane, width);
      inverse[lane] = 1.0 / count; // GrokMc.inverseObserved()
      trainScale[lane] = 0.5 * inverse[lane]; // GrokMcScalarBlock.trainScale
      counts[lane] = count;
      if (sampler != null) {
        if (count < (base.withReplacement() ? 1 : base.batch() + 1)) { // the twin's model refuses it too
          throw new IllegalStateException("trajectory " + (traj0 + lane) + "'s dataset observes " + count
              + " entries: too few for batches of " + base.batch());
        }
        for (int e = 0, q = 0; e < d * d; e++) {
          if (mask[e * width + lane] != 0) {
            observedOf[lane * d * d + q++] = e;
          }
        }
      }
    }
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    VectorDraws.normals(seed, Stream.INIT.id, traj0, width, 0, d * d, bits, normals);
    double s = base.sigma();
    for (int k = 0; k < d * d; k++) {
      for (int l = 0; l < width; l += lanes) {
        DoubleVector.fromArray(sp, normals, k * width + l).mul(s).intoArray(u, k * width + l);
        DoubleVector.fromArray(sp, normals, (d * d + k) * width + l).mul(s).intoArray(v, k * width + l);
      }
    }
  }

  @Override
  public void advance(long from, long to) {
    if (sampler != null) { // GrokMcVectorBlock's SGD loop
      int seg = GrokLinregVectorBlock.STEPS_PER_SEGMENT, s = base.batch();
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

  /** One GD step of lane group l from state t, marking t1 and t2 of state t on the way. */
  private void step(int l, long t) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    DoubleVector zero = DoubleVector.zero(sp);
    DoubleVector inv = DoubleVector.fromArray(sp, inverse, l);
    boolean testOpen = VectorEventTimes.open(t2, l);
    DoubleVector obs = zero, full = zero;
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        int ij = i * d + j;
        DoubleVector w = zero;
        for (int k = 0; k < d; k++) {
          w = DoubleVector.fromArray(sp, u, (i * d + k) * width + l)
              .fma(DoubleVector.fromArray(sp, v, (j * d + k) * width + l), w);
        }
        DoubleVector e = w.sub(DoubleVector.fromArray(sp, truth, ij * width + l));
        VectorMask<Double> seen = DoubleVector.fromArray(sp, mask, ij * width + l).compare(VectorOperators.NE, 0.0);
        if (testOpen) {
          full = e.fma(e, full);
        }
        obs = obs.blend(e.fma(e, obs), seen);
        zero.blend(e.mul(inv), seen).intoArray(r, ij * lanes);
      }
    }
    obs.intoArray(sums, 0);
    full.intoArray(sums, lanes);
    markTrain(l, t); // each lane's own 0.5/|Omega|, as the twin's mark
    if (testOpen) {
      VectorLevelMarks.mark(sums, lanes, testScale, base.testThreshold(), t2, l, t);
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
    McFactorSteps.descend(u, v, gu, gv, width, l, d * d, base.eta(), base.decay());
  }

  /** t1 and t2 of lane group l at state t from all of W, each lane's observed sum by its own mask (the SGD path). */
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
        DoubleVector e = w.sub(DoubleVector.fromArray(sp, truth, ij * width + l));
        VectorMask<Double> seen = DoubleVector.fromArray(sp, mask, ij * width + l).compare(VectorOperators.NE, 0.0);
        full = e.fma(e, full);
        obs = obs.blend(e.fma(e, obs), seen);
      }
    }
    obs.intoArray(sums, 0);
    full.intoArray(sums, lanes);
    markTrain(l, t);
    VectorLevelMarks.mark(sums, lanes, testScale, base.testThreshold(), t2, l, t);
  }

  /** t1 := t in the lanes of group l where it is unset and their observed sum is at the level (own 0.5/|Omega|). */
  private void markTrain(int l, long t) {
    for (int lane = 0; lane < lanes; lane++) {
      if (t1[l + lane] == Double.POSITIVE_INFINITY && sums[lane] * trainScale[l + lane] <= base.trainThreshold()) {
        t1[l + lane] = t;
      }
    }
  }

  /**
   * SGD step t of lane group l, its batch from draw row {@code drawRow} of {@code bits}: GrokMcVectorBlock's, each
   * lane's batch from its own observed entries and its residuals against its own truth.
   */
  private void sgdStep(int l, int drawRow, long t) {
    int s = base.batch();
    for (int lane = 0; lane < lanes; lane++) {
      sampler.pick(bits, drawRow * width + l + lane, width, counts[l + lane], picked);
      for (int b = 0; b < s; b++) {
        int e = observedOf[(l + lane) * d * d + picked[b]];
        entries[b * lanes + lane] = e;
        targets[b * lanes + lane] = truth[e * width + l + lane];
      }
    }
    McFactorSteps.batchGradient(u, v, width, l, d, s, entries, targets, base.inverseBatch(), us, vs, rs, gu, gv);
    McFactorSteps.descend(u, v, gu, gv, width, l, d * d, base.eta(), base.decay());
  }

  @Override
  public void snapshot(double[] out) {
    if (!modelsBuilt) {
      for (int l = 0; l < width; l++) {
        models[l] = datasets.at(traj0 + l);
      }
      modelsBuilt = true;
    }
    for (int l = 0; l < width; l++) {
      GrokMcScalarBlock.snapshot(models[l], u, v, width, l, out, width, t1, t2, now);
    }
  }
}
