package org.sgdmc.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.sgdmc.models.GrokRelu;
import org.sgdmc.models.GrokReluDatasets;
import org.sgdmc.rng.Stream;
import org.sgdmc.rng.VectorDraws;
import org.sgdmc.rng.VectorShapes;

/**
 * The vectorised two-layer ReLU kernel: trajectories across lanes, a, w, b struct-of-arrays, the data broadcast;
 * every operation of the scalar twin {@link GrokReluScalarBlock} lane-wise, in its order. Snapshots use the twin's
 * own scalar routine on these arrays. One step reads its points from lane-interleaved buffers {@code xs}, {@code ys}
 * ({@code [q * lanes + lane]}): for GD the dataset, broadcast once; for minibatch SGD each lane's batch, gathered
 * before the step (the batch draws of a segment of steps come from one Philox pass), so GD and SGD share one pass.
 *
 * <p>With a dataset per trajectory ({@link GrokReluDatasets}; twin {@link GrokReluDatasetsScalarBlock}) each lane's
 * points are kept lane-interleaved ({@code laneX[p * width + lane]}); GD copies a lane group's into xs, ys once per
 * call of {@link #advance}, SGD gathers from them, and the SGD t1 check reads them as vectors: the arithmetic per
 * lane is the fixed path's on that lane's points.
 *
 * <p>The step's passes are ordered for the machine, not for reading: the forward pass takes eight points (then four,
 * then one) against one load of each unit's parameters, and the gradient of a unit is summed over the points and
 * applied before the next unit's (the twin's order over the points is all that fixes the bits). The test loss goes
 * through f's kinks ({@link ReluGridSum}), and both sums of squares that decide t1 and t2 are skipped where a bound
 * shows that no lane can be at its level (see the fields).
 *
 * <p>Reshuffled each epoch, a lane's batch depends on its step as well as its draws: the sampler keeps each lane's
 * permutation, and every lane goes through its steps in order (segments outer, lane groups, then steps), so it only
 * ever extends the permutation it holds.
 */
public final class GrokReluVectorBlock implements StateBlock {
  private final GrokRelu model;
  private final GrokReluDatasets datasets; // null: one dataset for every lane
  private final double[] laneX; // [p * width + lane] with datasets, else empty
  private final double[] laneY;
  private final long[] dataBits; // scratch of the lanes' point draws
  private final double[] dataU; // [p * width + lane]: the uniforms of the lanes' points
  private final GrokRelu[] laneModels; // each lane's model, for snapshots
  private final long seed;
  private final int width;
  private final int lanes;
  private final int m;
  private final int n;
  private final double[] a;
  private final double[] w;
  private final double[] b;
  private final double[] r;
  private final long[] bits;
  private final double[] normals;
  private final FiniteBatchSampler sampler;
  private final int count; // points per step: n for GD, S for SGD
  private final double[] xs; // [q * lanes + lane]: point q of the step's batch
  private final double[] ys;
  private final int[] picked;
  private final double[] t1;
  private final double[] t2;
  private final double[] sums; // [lane]: a sum of squares of the state being checked
  private final double[] testXs; // [p * lanes + lane]: the test point z_p in every lane
  private final double[] testYs; // f*(z_p) alike
  private final double[] trainXs; // the training points alike (SGD's training sum, one dataset for every lane)
  private final double[] trainYs;
  private final double[] errors; // [p * lanes + lane]: residuals at the training points
  private final double[] slope; // [p * lanes + lane]: the test sum's rows (ReluGridSum)
  private final double[] level;
  private final double[] rowOf; // [j * lanes + lane]: unit j's boundary row in the test sum
  private final double[] slopeStep; // [j * lanes + lane]: what unit j adds there
  private final double[] levelStep;
  private static final double TWO_52 = 0x1p52; // x + 2^52 - 2^52 rounds 0 <= x < 2^51 to an integer
  private final double trainScale;
  private final double testScale;
  // Skipping the test sum while t2 is unset (it costs about as much as a step), and SGD's training sum over all n points
  // while t1 is: a lane's RMS error e_t over a set of points can only be at its level once e_eval - D <= level,
  // where e_eval is the RMS at its last evaluation and D bounds the RMS of f_t - f_eval over the points (Minkowski's
  // inequality on the points). D = sum_j |a - a_e| (|w| rho + |b|) + |a_e| (|w - w_e| rho + |b - b_e|), rho the
  // points' RMS |x|, from the parameters now and at the evaluation (|relu(u)| <= |u|, relu is 1-Lipschitz, and
  // Minkowski again over the units and terms): a bound on the displacement, not on the path, so SGD's noise, which
  // mostly cancels over steps, does not make it grow step by step.
  // Skipping only where the level cannot be reached keeps t1 and t2 exact: the scalar twin checks every step and
  // the twins agree bit for bit.
  private final double[] testRms; // [lane]: the RMS test error at the last evaluation (0: evaluate now)
  private final double[] testDrift; // [lane]: D of the state now
  private final double[] testRef; // a, w, b at that evaluation: [(k * m + j) * width + lane], k = 0, 1, 2
  private final double[] trainRms; // the same for SGD's training sum
  private final double[] trainDrift;
  private final double[] trainRef;
  private final double testRho; // rho: the RMS of the test points' |z|
  private final double trainRho; // and of the training points' |x| (1 with a dataset per trajectory: |x| <= 1)
  private final double rmsLevel; // the RMS error at the test level, with a margin far above rounding
  private final double trainRmsLevel;
  // A sum of squares stops early where every open lane's partial sum is above STOP_FACTOR times its level's sum
  // (RMS twice the level): early in a run, when the errors are far above their levels, a block of points shows it,
  // and the lower bound on the RMS that the partial sum gives leaves the skip room to work.
  private static final double STOP_FACTOR = 4;
  private static final int SUM_BLOCK = 8; // points between the checks
  private final double trainStop;
  private long testSums; // lane-group test sums formed since construction (tests: the skip happens)
  private long traj0;
  private long now;
  private long modelsFor = -1; // the traj0 whose lanes' models laneModels holds (with datasets)

  public GrokReluVectorBlock(GrokRelu model, long seed, int width) {
    this(model, null, seed, width);
  }

  /** A dataset per trajectory. */
  public GrokReluVectorBlock(GrokReluDatasets datasets, long seed, int width) {
    this(datasets.base(), datasets, seed, width);
  }

  private GrokReluVectorBlock(GrokRelu model, GrokReluDatasets datasets, long seed, int width) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    if (width <= 0 || width % sp.length() != 0) {
      throw new IllegalArgumentException("block width " + width + " must be a positive multiple of " + sp.length());
    }
    this.model = model;
    this.datasets = datasets;
    this.laneX = new double[datasets == null ? 0 : model.n() * width];
    this.laneY = new double[laneX.length];
    this.dataBits = new long[datasets == null ? 0 : 2 * ((model.n() + 1) / 2) * width];
    this.dataU = new double[dataBits.length];
    this.laneModels = new GrokRelu[width];
    java.util.Arrays.fill(laneModels, model);
    this.seed = seed;
    this.width = width;
    this.lanes = sp.length();
    this.m = model.width();
    this.n = model.n();
    this.a = new double[m * width];
    this.w = new double[m * width];
    this.b = new double[m * width];
    this.sampler = model.fullBatch() ? null
        : new FiniteBatchSampler(model.n(), model.batch(), model.sampling(), width);
    this.count = model.batch();
    this.r = new double[count * lanes];
    int rows = 3 * m + 1;
    int drawRows = sampler == null ? 0 : GrokLinregVectorBlock.STEPS_PER_SEGMENT * count + 2;
    this.bits = new long[Math.max(rows, drawRows) * width];
    this.normals = new double[rows * width];
    this.xs = new double[count * lanes];
    this.ys = new double[count * lanes];
    this.picked = new int[count];
    this.t1 = new double[width];
    this.t2 = new double[width];
    this.sums = new double[lanes];
    this.testXs = new double[GrokRelu.TEST_POINTS * lanes];
    this.testYs = new double[testXs.length];
    double squares = 0;
    for (int p = 0; p < GrokRelu.TEST_POINTS; p++) {
      double z = GrokRelu.gridPoint(p, GrokRelu.TEST_POINTS);
      java.util.Arrays.fill(testXs, p * lanes, (p + 1) * lanes, z);
      java.util.Arrays.fill(testYs, p * lanes, (p + 1) * lanes, model.teacher(z));
      squares = Math.fma(z, z, squares);
    }
    this.testRho = rho(squares, GrokRelu.TEST_POINTS);
    squares = 0;
    this.trainXs = new double[n * lanes];
    this.trainYs = new double[n * lanes];
    for (int p = 0; p < n; p++) {
      java.util.Arrays.fill(trainXs, p * lanes, (p + 1) * lanes, model.x()[p]);
      java.util.Arrays.fill(trainYs, p * lanes, (p + 1) * lanes, model.y()[p]);
      squares = Math.fma(model.x()[p], model.x()[p], squares);
    }
    this.trainRho = datasets == null ? rho(squares, n) : 1; // a trajectory's own points are 2 u - 1
    this.errors = new double[n * lanes];
    this.slope = new double[ReluGridSum.ROWS * lanes];
    this.level = new double[slope.length];
    this.rowOf = new double[m * lanes];
    this.slopeStep = new double[m * lanes];
    this.levelStep = new double[m * lanes];
    this.trainScale = GrokReluScalarBlock.trainScale(model);
    this.testScale = GrokReluScalarBlock.testScale();
    this.testRms = new double[width];
    this.testDrift = new double[width];
    this.trainRms = new double[width];
    this.trainDrift = new double[width];
    this.testRef = new double[3 * m * width];
    this.trainRef = new double[sampler == null ? 0 : 3 * m * width];
    double level = Math.sqrt(model.testThreshold() / (testScale * GrokRelu.TEST_POINTS));
    this.rmsLevel = level * (1 + 1e-9) + 1e-9;
    double trainLevel = Math.sqrt(model.trainThreshold() / (trainScale * n));
    this.trainRmsLevel = trainLevel * (1 + 1e-9) + 1e-9;
    this.trainStop = STOP_FACTOR * model.trainThreshold() / trainScale;
    if (sampler == null && datasets == null) {
      System.arraycopy(trainXs, 0, xs, 0, xs.length);
      System.arraycopy(trainYs, 0, ys, 0, ys.length);
    }
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int channels() {
    return GrokReluScalarBlock.CHANNELS;
  }

  @Override
  public void start(long traj0) {
    this.traj0 = traj0;
    this.now = 0;
    java.util.Arrays.fill(t1, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(t2, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(testRms, 0.0); // evaluate at the first step
    java.util.Arrays.fill(testDrift, 0.0);
    java.util.Arrays.fill(trainRms, 0.0);
    java.util.Arrays.fill(trainDrift, 0.0);
    if (datasets != null) { // start() is on the fast path: no allocation (the lanes' models wait for a snapshot)
      // uniform p of trajectory traj0 + i at dataU[p * width + i], equal to GrokReluDatasets.x's Draws.uniform
      VectorDraws.uniforms(datasets.dataSeed(), Stream.DATASETS.id, traj0, width, 0, (n + 1) / 2, dataBits, dataU);
      for (int k = 0; k < n * width; k++) {
        double x = 2 * dataU[k] - 1;
        laneX[k] = x;
        laneY[k] = model.teacher(x);
      }
    }
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    VectorDraws.normals(seed, Stream.INIT.id, traj0, width, 0, (3 * m + 1) / 2, bits, normals);
    double s = model.sigma();
    for (int j = 0; j < m; j++) {
      for (int l = 0; l < width; l += lanes) {
        DoubleVector.fromArray(sp, normals, j * width + l).mul(s).intoArray(a, j * width + l);
        DoubleVector.fromArray(sp, normals, (m + j) * width + l).mul(s).intoArray(w, j * width + l);
        DoubleVector.fromArray(sp, normals, (2 * m + j) * width + l).mul(s).intoArray(b, j * width + l);
      }
    }
  }

  @Override
  public void advance(long from, long to) {
    if (sampler != null) {
      int seg = GrokLinregVectorBlock.STEPS_PER_SEGMENT;
      for (long t = from; t < to; t += seg) {
        int steps = (int) Math.min(seg, to - t);
        int row0 = sampler.drawBatches(seed, traj0, width, t, steps, bits);
        for (int l = 0; l < width; l += lanes) {
          for (int u0 = 0; u0 < steps; u0++) {
            gather(l, row0 + u0 * count, t + u0);
            step(l, t + u0);
          }
        }
      }
      now = to;
      return;
    }
    for (int l = 0; l < width; l += lanes) {
      if (datasets != null) {
        for (int p = 0; p < n; p++) {
          System.arraycopy(laneX, p * width + l, xs, p * lanes, lanes);
          System.arraycopy(laneY, p * width + l, ys, p * lanes, lanes);
        }
      }
      for (long t = from; t < to; t++) {
        step(l, t);
      }
    }
    now = to;
  }

  /**
   * The residuals {@code f(x_p) - y_p} of lane group l at points p < count into {@code out[p * lanes ..]}, point p
   * of a lane at {@code px[p * stride + offset + lane]} (its target in py alike). Eight points at a time, then four,
   * then one, each point's fma chain over the units ascending as in the scalar twin: the chains hide each other's
   * latency and share the loads of a, w, b (measured per point and unit, 512 and 256 bits alike: eight 0.45 ns,
   * four 0.6-0.8, one with max 1.7-2.8, AMD EPYC Zen 5). relu(pre) is {@code pre} with the lanes {@code <= 0} set to +0: Math.max(pre,
   * 0.0) to the bit (NaN stays NaN, -0.0 becomes +0.0) in a compare and a masked move, where the vector max, bound
   * to Math.max's rules for NaN and signed zeros, takes a sequence of several instructions on x86.
   */
  private void residuals(int l, double[] px, double[] py, int stride, int offset, int count, double[] out) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    DoubleVector zero = DoubleVector.zero(sp);
    int p = 0;
    for (; p + 8 <= count; p += 8) {
      int at0 = p * stride + offset;
      DoubleVector x0 = DoubleVector.fromArray(sp, px, at0);
      DoubleVector x1 = DoubleVector.fromArray(sp, px, at0 + stride);
      DoubleVector x2 = DoubleVector.fromArray(sp, px, at0 + 2 * stride);
      DoubleVector x3 = DoubleVector.fromArray(sp, px, at0 + 3 * stride);
      DoubleVector x4 = DoubleVector.fromArray(sp, px, at0 + 4 * stride);
      DoubleVector x5 = DoubleVector.fromArray(sp, px, at0 + 5 * stride);
      DoubleVector x6 = DoubleVector.fromArray(sp, px, at0 + 6 * stride);
      DoubleVector x7 = DoubleVector.fromArray(sp, px, at0 + 7 * stride);
      DoubleVector f0 = zero, f1 = zero, f2 = zero, f3 = zero, f4 = zero, f5 = zero, f6 = zero, f7 = zero;
      for (int j = 0; j < m; j++) {
        int at = j * width + l;
        DoubleVector aj = DoubleVector.fromArray(sp, a, at);
        DoubleVector wj = DoubleVector.fromArray(sp, w, at);
        DoubleVector bj = DoubleVector.fromArray(sp, b, at);
        DoubleVector pre0 = wj.fma(x0, bj);
        DoubleVector pre1 = wj.fma(x1, bj);
        DoubleVector pre2 = wj.fma(x2, bj);
        DoubleVector pre3 = wj.fma(x3, bj);
        DoubleVector pre4 = wj.fma(x4, bj);
        DoubleVector pre5 = wj.fma(x5, bj);
        DoubleVector pre6 = wj.fma(x6, bj);
        DoubleVector pre7 = wj.fma(x7, bj);
        f0 = aj.fma(pre0.blend(zero, pre0.compare(VectorOperators.LE, 0.0)), f0);
        f1 = aj.fma(pre1.blend(zero, pre1.compare(VectorOperators.LE, 0.0)), f1);
        f2 = aj.fma(pre2.blend(zero, pre2.compare(VectorOperators.LE, 0.0)), f2);
        f3 = aj.fma(pre3.blend(zero, pre3.compare(VectorOperators.LE, 0.0)), f3);
        f4 = aj.fma(pre4.blend(zero, pre4.compare(VectorOperators.LE, 0.0)), f4);
        f5 = aj.fma(pre5.blend(zero, pre5.compare(VectorOperators.LE, 0.0)), f5);
        f6 = aj.fma(pre6.blend(zero, pre6.compare(VectorOperators.LE, 0.0)), f6);
        f7 = aj.fma(pre7.blend(zero, pre7.compare(VectorOperators.LE, 0.0)), f7);
      }
      f0.sub(DoubleVector.fromArray(sp, py, at0)).intoArray(out, p * lanes);
      f1.sub(DoubleVector.fromArray(sp, py, at0 + stride)).intoArray(out, (p + 1) * lanes);
      f2.sub(DoubleVector.fromArray(sp, py, at0 + 2 * stride)).intoArray(out, (p + 2) * lanes);
      f3.sub(DoubleVector.fromArray(sp, py, at0 + 3 * stride)).intoArray(out, (p + 3) * lanes);
      f4.sub(DoubleVector.fromArray(sp, py, at0 + 4 * stride)).intoArray(out, (p + 4) * lanes);
      f5.sub(DoubleVector.fromArray(sp, py, at0 + 5 * stride)).intoArray(out, (p + 5) * lanes);
      f6.sub(DoubleVector.fromArray(sp, py, at0 + 6 * stride)).intoArray(out, (p + 6) * lanes);
      f7.sub(DoubleVector.fromArray(sp, py, at0 + 7 * stride)).intoArray(out, (p + 7) * lanes);
    }
    for (; p + 4 <= count; p += 4) {
      int at0 = p * stride + offset;
      DoubleVector x0 = DoubleVector.fromArray(sp, px, at0);
      DoubleVector x1 = DoubleVector.fromArray(sp, px, at0 + stride);
      DoubleVector x2 = DoubleVector.fromArray(sp, px, at0 + 2 * stride);
      DoubleVector x3 = DoubleVector.fromArray(sp, px, at0 + 3 * stride);
      DoubleVector f0 = zero, f1 = zero, f2 = zero, f3 = zero;
      for (int j = 0; j < m; j++) {
        int at = j * width + l;
        DoubleVector aj = DoubleVector.fromArray(sp, a, at);
        DoubleVector wj = DoubleVector.fromArray(sp, w, at);
        DoubleVector bj = DoubleVector.fromArray(sp, b, at);
        DoubleVector pre0 = wj.fma(x0, bj);
        DoubleVector pre1 = wj.fma(x1, bj);
        DoubleVector pre2 = wj.fma(x2, bj);
        DoubleVector pre3 = wj.fma(x3, bj);
        f0 = aj.fma(pre0.blend(zero, pre0.compare(VectorOperators.LE, 0.0)), f0);
        f1 = aj.fma(pre1.blend(zero, pre1.compare(VectorOperators.LE, 0.0)), f1);
        f2 = aj.fma(pre2.blend(zero, pre2.compare(VectorOperators.LE, 0.0)), f2);
        f3 = aj.fma(pre3.blend(zero, pre3.compare(VectorOperators.LE, 0.0)), f3);
      }
      f0.sub(DoubleVector.fromArray(sp, py, at0)).intoArray(out, p * lanes);
      f1.sub(DoubleVector.fromArray(sp, py, at0 + stride)).intoArray(out, (p + 1) * lanes);
      f2.sub(DoubleVector.fromArray(sp, py, at0 + 2 * stride)).intoArray(out, (p + 2) * lanes);
      f3.sub(DoubleVector.fromArray(sp, py, at0 + 3 * stride)).intoArray(out, (p + 3) * lanes);
    }
    for (; p < count; p++) {
      int atP = p * stride + offset;
      DoubleVector xp = DoubleVector.fromArray(sp, px, atP);
      DoubleVector f = zero;
      for (int j = 0; j < m; j++) {
        int at = j * width + l;
        DoubleVector pre = DoubleVector.fromArray(sp, w, at).fma(xp, DoubleVector.fromArray(sp, b, at));
        f = DoubleVector.fromArray(sp, a, at).fma(pre.blend(zero, pre.compare(VectorOperators.LE, 0.0)), f);
      }
      f.sub(DoubleVector.fromArray(sp, py, atP)).intoArray(out, p * lanes);
    }
  }

  /**
   * {@link #sums} := lane group l's test sums of squares through f's kinks ({@link ReluGridSum}), each lane's
   * operations those of {@link ReluGridSum#scatter} and {@link ReluGridSum#sum}: per unit, its products, its
   * boundary (the kink's grid index, floored and clamped, then corrected one point either way by the activity
   * test) across lanes; only the additions into each lane's boundary row are lane by lane. Then the running sums
   * over the points across lanes.
   */
  private void testSum(int l) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    DoubleVector zero = DoubleVector.zero(sp);
    DoubleVector one = DoubleVector.broadcast(sp, 1.0);
    DoubleVector points = DoubleVector.broadcast(sp, (double) ReluGridSum.POINTS);
    java.util.Arrays.fill(slope, 0.0);
    java.util.Arrays.fill(level, 0.0);
    DoubleVector guardSlope = zero;
    DoubleVector guardLevel = zero;
    DoubleVector firstSlope = zero;
    DoubleVector firstLevel = zero;
    for (int j = 0; j < m; j++) {
      int at = j * width + l;
      DoubleVector aj = DoubleVector.fromArray(sp, a, at);
      DoubleVector wj = DoubleVector.fromArray(sp, w, at);
      DoubleVector bj = DoubleVector.fromArray(sp, b, at);
      DoubleVector s = aj.mul(wj);
      DoubleVector c = aj.mul(bj);
      guardSlope = guardSlope.add(s.mul(0.0));
      guardLevel = guardLevel.add(c.mul(0.0));
      VectorMask<Double> flat = wj.compare(VectorOperators.EQ, 0.0);
      VectorMask<Double> falling = wj.compare(VectorOperators.LT, 0.0);
      DoubleVector sign = one.blend(-1.0, falling).blend(zero, flat); // 0 where w = 0: no boundary row
      DoubleVector first = one.sub(sign).mul(0.5)
          .blend(one.blend(zero, bj.compare(VectorOperators.GT, 0.0).not()), flat);
      firstSlope = firstSlope.add(s.mul(first));
      firstLevel = firstLevel.add(c.mul(first));
      DoubleVector kink = bj.neg().div(wj).add(1.0).mul(ReluGridSum.HALF_STEPS).add(1.0).min(points).max(0.0);
      DoubleVector rounded = kink.add(TWO_52).sub(TWO_52); // the nearest integer: in [0, POINTS], exact
      DoubleVector p = rounded.sub(one, rounded.compare(VectorOperators.GT, kink)); // floor
      DoubleVector ws = sign.mul(wj);
      DoubleVector bs = sign.mul(bj);
      DoubleVector q = ws.fma(p.sub(1.0).mul(2.0).div(ReluGridSum.POINTS - 1).add(-1.0), bs); // at z_(p-1)
      VectorMask<Double> past = q.compare(VectorOperators.GT, 0.0)
          .or(q.compare(VectorOperators.EQ, 0.0).and(falling));
      p = p.sub(one, p.compare(VectorOperators.GT, 0.0).and(past));
      q = ws.fma(p.mul(2.0).div(ReluGridSum.POINTS - 1).add(-1.0), bs); // at z_p
      past = q.compare(VectorOperators.GT, 0.0).or(q.compare(VectorOperators.EQ, 0.0).and(falling));
      p = p.add(one, p.compare(VectorOperators.LT, points).and(past.not()));
      p.intoArray(rowOf, j * lanes);
      s.mul(sign).intoArray(slopeStep, j * lanes);
      c.mul(sign).intoArray(levelStep, j * lanes);
    }
    // lane by lane, units ascending, after all of them: a scalar load right after the vector store that holds its
    // value waits for the store (no forwarding from a wide store to a narrow load at an offset), unit after unit
    for (int k = 0; k < m * lanes; k += lanes) {
      for (int lane = 0; lane < lanes; lane++) {
        int row = (int) rowOf[k + lane] * lanes + lane; // a NaN lane (its sum +inf) goes to row 0
        slope[row] += slopeStep[k + lane];
        level[row] += levelStep[k + lane];
      }
    }
    DoubleVector.fromArray(sp, slope, 0).add(firstSlope).intoArray(slope, 0);
    DoubleVector.fromArray(sp, level, 0).add(firstLevel).intoArray(level, 0);
    DoubleVector s1 = zero;
    DoubleVector s0 = zero;
    DoubleVector sum = zero;
    for (int p = 0; p < ReluGridSum.POINTS; p++) {
      s1 = s1.add(DoubleVector.fromArray(sp, slope, p * lanes));
      s0 = s0.add(DoubleVector.fromArray(sp, level, p * lanes));
      DoubleVector e = s1.fma(DoubleVector.fromArray(sp, testXs, p * lanes), s0)
          .sub(DoubleVector.fromArray(sp, testYs, p * lanes));
      sum = e.fma(e, sum);
    }
    sum = sum.add(guardSlope.add(guardLevel));
    sum.blend(Double.POSITIVE_INFINITY, sum.test(VectorOperators.IS_NAN)).intoArray(sums, 0);
  }

  /** {@link #sums} := the fma chain of e_p^2 over the residuals {@code e[p * lanes ..]}, p < count ascending. */
  private void sumOfSquares(double[] e, int count) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    DoubleVector sum = DoubleVector.zero(sp);
    for (int p = 0; p < count; p++) {
      DoubleVector ep = DoubleVector.fromArray(sp, e, p * lanes);
      sum = ep.fma(ep, sum);
    }
    sum.intoArray(sums, 0);
  }

  /**
   * {@link #sums} := the fma chain of {@code (f(x_p) - y_p)^2} of lane group l, p < count ascending (points as in
   * {@link #residuals}), or a first part of it: it stops after a block of points once every lane whose event
   * {@code times} is unset has a partial sum above {@code stopAbove}. Each term adds a number >= 0 and rounding is
   * monotone, so the whole sum would be larger still: none of those lanes is at its level, and sqrt(part / count)
   * is a lower bound on its RMS error. Returns the points summed.
   */
  private int sumOfSquares(int l, double[] px, double[] py, int stride, int offset, int count, double[] times,
      double stopAbove) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    VectorMask<Double> unset = DoubleVector.fromArray(sp, times, l).compare(VectorOperators.EQ, Double.POSITIVE_INFINITY);
    DoubleVector sum = DoubleVector.zero(sp);
    int p = 0;
    while (p < count) {
      int block = Math.min(SUM_BLOCK, count - p);
      residuals(l, px, py, stride, offset + p * stride, block, errors);
      for (int q = 0; q < block; q++) {
        DoubleVector eq = DoubleVector.fromArray(sp, errors, q * lanes);
        sum = eq.fma(eq, sum);
      }
      p += block;
      if (!sum.compare(VectorOperators.LE, stopAbove).and(unset).anyTrue()) {
        break;
      }
    }
    sum.intoArray(sums, 0);
    return p;
  }

  /** Each lane's batch of step t of lane group l, from draw row {@code drawRow} of {@code bits}, into xs and ys. */
  private void gather(int l, int drawRow, long t) {
    double[] x = model.x(), y = model.y();
    for (int lane = 0; lane < lanes; lane++) {
      sampler.pick(bits, drawRow * width + l + lane, width, l + lane, t, picked);
      for (int q = 0; q < count; q++) {
        if (datasets == null) {
          xs[q * lanes + lane] = x[picked[q]];
          ys[q * lanes + lane] = y[picked[q]];
        } else {
          xs[q * lanes + lane] = laneX[picked[q] * width + l + lane];
          ys[q * lanes + lane] = laneY[picked[q] * width + l + lane];
        }
      }
    }
  }

  /** One step of lane group l from state t on the points in xs, ys, marking t1 and t2 of state t on the way. */
  private void step(int l, long t) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    residuals(l, xs, ys, lanes, 0, count, r);
    boolean trainOpen = VectorEventTimes.open(t1, l);
    boolean trackTrain = sampler != null && trainOpen; // SGD: the training sum is skipped under the bound as well
    if (sampler == null ? trainOpen
        : trackTrain && VectorLevelMarks.mayReach(t1, trainRms, trainDrift, trainRmsLevel, l)) {
      if (sampler == null) {
        sumOfSquares(r, count);
      } else {
        if (datasets == null) {
          sumOfSquares(l, trainXs, trainYs, lanes, 0, n, t1, trainStop);
        } else {
          sumOfSquares(l, laneX, laneY, width, l, n, t1, trainStop);
        }
      }
      VectorLevelMarks.mark(sums, 0, trainScale, model.trainThreshold(), t1, l, t);
      if (sampler != null) {
        DoubleVector.fromArray(sp, sums, 0).div(n).sqrt().intoArray(trainRms, l);
        keepReference(l, trainRef);
      }
    }
    boolean trackTest = VectorEventTimes.open(t2, l);
    if (trackTest && VectorLevelMarks.mayReach(t2, testRms, testDrift, rmsLevel, l)) {
      testSums++;
      testSum(l);
      VectorLevelMarks.mark(sums, 0, testScale, model.testThreshold(), t2, l, t);
      DoubleVector.fromArray(sp, sums, 0).div(GrokRelu.TEST_POINTS).sqrt().intoArray(testRms, l);
      keepReference(l, testRef);
    }
    descend(l, trackTest, trackTrain);
  }

  /**
   * The step of lane group l on the residuals r at the points xs, with the bounds D of the new parameters where their
   * event time is still open. Unit by unit: its gradient summed over the points in order (the twin's sums, whose order
   * over the points is all that fixes their bits), then its step and its share of D; the new parameters of a unit are
   * not read by any other unit's gradient.
   */
  private void descend(int l, boolean trackTest, boolean trackTrain) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    DoubleVector zero = DoubleVector.zero(sp);
    DoubleVector coef = DoubleVector.broadcast(sp, model.coefficient());
    double decay = model.decay();
    int stride = m * width;
    DoubleVector testMoved = zero;
    DoubleVector trainMoved = zero;
    for (int j = 0; j < m; j++) {
      int at = j * width + l;
      DoubleVector aOld = DoubleVector.fromArray(sp, a, at);
      DoubleVector wOld = DoubleVector.fromArray(sp, w, at);
      DoubleVector bOld = DoubleVector.fromArray(sp, b, at);
      DoubleVector ga = zero, gw = zero, gb = zero;
      for (int p = 0; p < count; p++) {
        DoubleVector xp = DoubleVector.fromArray(sp, xs, p * lanes);
        DoubleVector rp = DoubleVector.fromArray(sp, r, p * lanes);
        DoubleVector pre = wOld.fma(xp, bOld);
        ga = rp.fma(pre.blend(zero, pre.compare(VectorOperators.LE, 0.0)), ga);
        DoubleVector s = zero.blend(rp.mul(aOld), pre.compare(VectorOperators.GT, 0.0));
        gb = gb.add(s);
        gw = s.fma(xp, gw);
      }
      DoubleVector aNew = ga.fma(coef, aOld.mul(decay));
      DoubleVector wNew = gw.fma(coef, wOld.mul(decay));
      DoubleVector bNew = gb.fma(coef, bOld.mul(decay));
      aNew.intoArray(a, at);
      wNew.intoArray(w, at);
      bNew.intoArray(b, at);
      if (trackTest) { // |a - a_e| (|w| rho + |b|) + |a_e| (|w - w_e| rho + |b - b_e|), see the fields
        DoubleVector aRef = DoubleVector.fromArray(sp, testRef, at);
        DoubleVector wRef = DoubleVector.fromArray(sp, testRef, stride + at);
        DoubleVector bRef = DoubleVector.fromArray(sp, testRef, 2 * stride + at);
        testMoved = testMoved.add(aNew.sub(aRef).abs().mul(wNew.abs().mul(testRho).add(bNew.abs())))
            .add(aRef.abs().mul(wNew.sub(wRef).abs().mul(testRho).add(bNew.sub(bRef).abs())));
      }
      if (trackTrain) {
        DoubleVector aRef = DoubleVector.fromArray(sp, trainRef, at);
        DoubleVector wRef = DoubleVector.fromArray(sp, trainRef, stride + at);
        DoubleVector bRef = DoubleVector.fromArray(sp, trainRef, 2 * stride + at);
        trainMoved = trainMoved.add(aNew.sub(aRef).abs().mul(wNew.abs().mul(trainRho).add(bNew.abs())))
            .add(aRef.abs().mul(wNew.sub(wRef).abs().mul(trainRho).add(bNew.sub(bRef).abs())));
      }
    }
    if (trackTest) {
      testMoved.intoArray(testDrift, l);
    }
    if (trackTrain) {
      trainMoved.intoArray(trainDrift, l);
    }
  }

  /**
   * The RMS sqrt(squares / count) of points whose squares sum to {@code squares}, rounded up by a relative 1e-12 so
   * that the bound stays a bound whatever the rounding.
   */
  private static double rho(double squares, int count) {
    return Math.sqrt(squares / count) * (1 + 1e-12);
  }

  /** ref := lane group l's a, w, b now (an evaluation's parameters, for the bound D). */
  private void keepReference(int l, double[] ref) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    int stride = m * width;
    for (int j = 0; j < m; j++) {
      int at = j * width + l;
      DoubleVector.fromArray(sp, a, at).intoArray(ref, at);
      DoubleVector.fromArray(sp, w, at).intoArray(ref, stride + at);
      DoubleVector.fromArray(sp, b, at).intoArray(ref, 2 * stride + at);
    }
  }


  /** How many lane groups' test sums the steps have formed so far (tests: fewer than the steps while t2 is open). */
  long testSumsFormed() {
    return testSums;
  }


  @Override
  public void snapshot(double[] out) {
    if (datasets != null && modelsFor != traj0) { // each lane's own model, for its training loss
      for (int i = 0; i < width; i++) {
        laneModels[i] = datasets.at(traj0 + i);
      }
      modelsFor = traj0;
    }
    for (int i = 0; i < width; i++) {
      GrokReluScalarBlock.snapshot(laneModels[i], a, w, b, width, i, out, width, t1, t2, now);
    }
  }
}
