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
  private final double[] ga;
  private final double[] gw;
  private final double[] gb;
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
  private final double[] testX; // the test points z_p
  private final double[] testY; // f*(z_p)
  private final double trainScale;
  private final double testScale;
  // Skipping the test sum while t2 is unset (it costs more than a step), and SGD's training sum over all n points
  // while t1 is: a lane's RMS error e_t over a set of points can only be at its level once e_eval - D <= level,
  // where e_eval is the RMS at its last evaluation and D bounds sup_|x|<=X |f_t(x) - f_eval(x)| (the triangle
  // inequality on the points). D grows each step by sum_j |a'-a| (|w'| X + |b'|) + |a| (|w'-w| X + |b'-b|).
  // Skipping only where the level cannot be reached keeps t1 and t2 exact: the scalar twin checks every step and
  // the twins agree bit for bit.
  private final double[] testRms; // [lane]: the RMS test error at the last evaluation (0: evaluate now)
  private final double[] drift; // [lane]: D since then
  private final double[] trainRms; // the same for SGD's training sum
  private final double[] trainDrift;
  private final double xMax; // X: the largest |x| of the test and the training points
  private final double rmsLevel; // the RMS error at the test level, with a margin far above rounding
  private final double trainRmsLevel;
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
    this.ga = new double[m * lanes];
    this.gw = new double[m * lanes];
    this.gb = new double[m * lanes];
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
    this.testX = new double[GrokRelu.TEST_POINTS];
    this.testY = new double[GrokRelu.TEST_POINTS];
    for (int p = 0; p < testX.length; p++) {
      testX[p] = GrokRelu.gridPoint(p, GrokRelu.TEST_POINTS);
      testY[p] = model.teacher(testX[p]);
    }
    this.trainScale = GrokReluScalarBlock.trainScale(model);
    this.testScale = GrokReluScalarBlock.testScale();
    this.testRms = new double[width];
    this.drift = new double[width];
    this.trainRms = new double[width];
    this.trainDrift = new double[width];
    double largest = datasets == null ? 0 : 1; // a trajectory's own points are 2 u - 1
    for (double x : testX) {
      largest = Math.max(largest, Math.abs(x));
    }
    for (double x : model.x()) {
      largest = Math.max(largest, Math.abs(x));
    }
    this.xMax = largest;
    double level = Math.sqrt(model.testThreshold() / (testScale * testX.length));
    this.rmsLevel = level * (1 + 1e-9) + 1e-9;
    double trainLevel = Math.sqrt(model.trainThreshold() / (trainScale * n));
    this.trainRmsLevel = trainLevel * (1 + 1e-9) + 1e-9;
    if (sampler == null && datasets == null) {
      for (int p = 0; p < n; p++) {
        java.util.Arrays.fill(xs, p * lanes, (p + 1) * lanes, model.x()[p]);
        java.util.Arrays.fill(ys, p * lanes, (p + 1) * lanes, model.y()[p]);
      }
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
    java.util.Arrays.fill(drift, 0.0);
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
   * The fma chain of {@code (f(px_p) - py_p)^2}, p ascending over {@code count} points, of lane group l into
   * {@link #sums}: SGD's training sum (all n points) and the test sum.
   */
  private void sumSquares(int l, double[] px, double[] py, int count) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    DoubleVector sum = DoubleVector.zero(sp);
    for (int p = 0; p < count; p++) {
      DoubleVector xp = DoubleVector.broadcast(sp, px[p]);
      DoubleVector f = DoubleVector.zero(sp);
      for (int j = 0; j < m; j++) {
        DoubleVector pre = DoubleVector.fromArray(sp, w, j * width + l).fma(xp, DoubleVector.fromArray(sp, b, j * width + l));
        f = DoubleVector.fromArray(sp, a, j * width + l).fma(pre.max(0.0), f);
      }
      DoubleVector e = f.sub(py[p]);
      sum = e.fma(e, sum);
    }
    sum.intoArray(sums, 0);
  }

  /** {@link #sumSquares} over each lane's own n points (SGD's t1 check with a dataset per trajectory). */
  private void laneSumSquares(int l) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    DoubleVector sum = DoubleVector.zero(sp);
    for (int p = 0; p < n; p++) {
      DoubleVector xp = DoubleVector.fromArray(sp, laneX, p * width + l);
      DoubleVector f = DoubleVector.zero(sp);
      for (int j = 0; j < m; j++) {
        DoubleVector pre = DoubleVector.fromArray(sp, w, j * width + l).fma(xp, DoubleVector.fromArray(sp, b, j * width + l));
        f = DoubleVector.fromArray(sp, a, j * width + l).fma(pre.max(0.0), f);
      }
      DoubleVector e = f.sub(DoubleVector.fromArray(sp, laneY, p * width + l));
      sum = e.fma(e, sum);
    }
    sum.intoArray(sums, 0);
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
    DoubleVector zero = DoubleVector.zero(sp);
    for (int p = 0; p < count; p++) {
      DoubleVector xp = DoubleVector.fromArray(sp, xs, p * lanes);
      DoubleVector f = zero;
      for (int j = 0; j < m; j++) {
        DoubleVector pre = DoubleVector.fromArray(sp, w, j * width + l).fma(xp, DoubleVector.fromArray(sp, b, j * width + l));
        f = DoubleVector.fromArray(sp, a, j * width + l).fma(pre.max(0.0), f);
      }
      f.sub(DoubleVector.fromArray(sp, ys, p * lanes)).intoArray(r, p * lanes);
    }
    boolean trackTrain = sampler != null && VectorEventTimes.open(t1, l);
    if (sampler == null ? VectorEventTimes.open(t1, l)
        : trackTrain && VectorLevelMarks.mayReach(t1, trainRms, trainDrift, trainRmsLevel, l)) {
      if (sampler == null) {
        DoubleVector sum = zero;
        for (int p = 0; p < count; p++) {
          DoubleVector rp = DoubleVector.fromArray(sp, r, p * lanes);
          sum = rp.fma(rp, sum);
        }
        sum.intoArray(sums, 0);
      } else if (datasets == null) {
        sumSquares(l, model.x(), model.y(), n);
      } else {
        laneSumSquares(l);
      }
      VectorLevelMarks.mark(sums, 0, trainScale, model.trainThreshold(), t1, l, t);
      if (sampler != null) {
        DoubleVector.fromArray(sp, sums, 0).div(n).sqrt().intoArray(trainRms, l);
        zero.intoArray(trainDrift, l);
      }
    }
    boolean trackTest = VectorEventTimes.open(t2, l);
    boolean track = trackTest || trackTrain;
    if (trackTest && VectorLevelMarks.mayReach(t2, testRms, drift, rmsLevel, l)) {
      testSums++;
      sumSquares(l, testX, testY, testX.length);
      VectorLevelMarks.mark(sums, 0, testScale, model.testThreshold(), t2, l, t);
      DoubleVector.fromArray(sp, sums, 0).div(testX.length).sqrt().intoArray(testRms, l);
      zero.intoArray(drift, l);
    }
    java.util.Arrays.fill(ga, 0.0);
    java.util.Arrays.fill(gw, 0.0);
    java.util.Arrays.fill(gb, 0.0);
    for (int p = 0; p < count; p++) {
      DoubleVector xp = DoubleVector.fromArray(sp, xs, p * lanes);
      DoubleVector rp = DoubleVector.fromArray(sp, r, p * lanes);
      for (int j = 0; j < m; j++) {
        DoubleVector aj = DoubleVector.fromArray(sp, a, j * width + l);
        DoubleVector pre = DoubleVector.fromArray(sp, w, j * width + l).fma(xp, DoubleVector.fromArray(sp, b, j * width + l));
        rp.fma(pre.max(0.0), DoubleVector.fromArray(sp, ga, j * lanes)).intoArray(ga, j * lanes);
        VectorMask<Double> on = pre.compare(VectorOperators.GT, 0.0);
        DoubleVector s = zero.blend(rp.mul(aj), on);
        DoubleVector.fromArray(sp, gb, j * lanes).add(s).intoArray(gb, j * lanes);
        s.fma(xp, DoubleVector.fromArray(sp, gw, j * lanes)).intoArray(gw, j * lanes);
      }
    }
    DoubleVector coef = DoubleVector.broadcast(sp, model.coefficient());
    double decay = model.decay();
    DoubleVector moved = zero;
    for (int j = 0; j < m; j++) {
      int at = j * width + l;
      DoubleVector aOld = DoubleVector.fromArray(sp, a, at);
      DoubleVector wOld = DoubleVector.fromArray(sp, w, at);
      DoubleVector bOld = DoubleVector.fromArray(sp, b, at);
      DoubleVector aNew = DoubleVector.fromArray(sp, ga, j * lanes).fma(coef, aOld.mul(decay));
      DoubleVector wNew = DoubleVector.fromArray(sp, gw, j * lanes).fma(coef, wOld.mul(decay));
      DoubleVector bNew = DoubleVector.fromArray(sp, gb, j * lanes).fma(coef, bOld.mul(decay));
      aNew.intoArray(a, at);
      wNew.intoArray(w, at);
      bNew.intoArray(b, at);
      if (track) {
        DoubleVector ofA = aNew.sub(aOld).abs().mul(wNew.abs().mul(xMax).add(bNew.abs()));
        DoubleVector ofUnit = aOld.abs().mul(wNew.sub(wOld).abs().mul(xMax).add(bNew.sub(bOld).abs()));
        moved = moved.add(ofA).add(ofUnit);
      }
    }
    if (trackTest) {
      DoubleVector.fromArray(sp, drift, l).add(moved).intoArray(drift, l);
    }
    if (trackTrain) {
      DoubleVector.fromArray(sp, trainDrift, l).add(moved).intoArray(trainDrift, l);
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
