package org.sgdmc.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.sgdmc.models.GrokLinreg;
import org.sgdmc.models.GrokLinregDatasets;
import org.sgdmc.rng.Stream;
import org.sgdmc.rng.VectorDraws;
import org.sgdmc.rng.VectorShapes;

/**
 * {@link GrokLinregVectorBlock} with a dataset per trajectory ({@code --dataset per-trajectory}): each lane has its
 * own X, y, beta* and test level, stored lane-interleaved ({@code x[(m d + c) * width + i]}, {@code y[m * width +
 * i]}, {@code beta[c * width + i]}) and loaded as vectors where the fixed-dataset block broadcasts one value. Every
 * chain adds its terms in the order of {@link GrokLinregScalarBlock}, so it agrees bit for bit with its scalar twin
 * {@link GrokLinregDatasetsScalarBlock}. The datasets of a block are drawn at {@link #start} (scalar draws keyed by
 * (data seed, trajectory)); a block holds {@code width (n d + n + d)} doubles of data, not the ensemble's.
 */
public final class GrokLinregDatasetsVectorBlock implements StateBlock {
  /** Steps per segment of minibatch draws. */
  static final int STEPS_PER_SEGMENT = GrokLinregVectorBlock.STEPS_PER_SEGMENT;

  private final GrokLinregDatasets model;
  private final long seed;
  private final int width;
  private final int lanes;
  private final int n;
  private final int d;
  private final int s;
  private final double[] x; // [(m d + c) * width + i]
  private final double[] y; // [m * width + i]
  private final double[] beta; // [c * width + i]
  private final double[] testLevel; // [i]
  private final double[] scratch; // the ridge solve's
  private final double initScale;
  private final double coefficient;
  private final double decay;
  private final double halfOverN;
  private final double trainThreshold;
  private final FiniteBatchSampler sampler;
  private final double[] w;
  private final double[] t1;
  private final double[] t2;
  private final double[] r; // [m * lanes]
  private final double[] g; // [c * lanes]
  private final double[] xs; // [(b d + c) * lanes + lane]
  private final double[] ys; // [b * lanes + lane]: negated labels
  private final long[] bits;
  private final double[] normals;
  private final int[] picked;
  private final org.sgdmc.rng.DrawBuffer draws = new org.sgdmc.rng.DrawBuffer();
  private long traj0;
  private long now;

  public GrokLinregDatasetsVectorBlock(GrokLinregDatasets model, long seed, int width) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    if (width <= 0 || width % sp.length() != 0) {
      throw new IllegalArgumentException("block width " + width + " must be a positive multiple of " + sp.length());
    }
    this.model = model;
    this.seed = seed;
    this.width = width;
    this.lanes = sp.length();
    this.n = model.datasets().n();
    this.d = model.dim();
    this.s = model.batch();
    long doubles = model.datasets().blockDoubles(width);
    if (doubles > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("the datasets of a block of " + width + " trajectories (" + doubles
          + " doubles) do not fit in arrays");
    }
    this.x = new double[n * d * width];
    this.y = new double[n * width];
    this.beta = new double[d * width];
    this.testLevel = new double[width];
    this.scratch = new double[n * n + n];
    GrokLinreg any = model.at(0); // the factors depend only on eta, lambda, S (rounded as the fixed path does)
    this.coefficient = any.coefficient();
    this.decay = any.decay();
    this.initScale = any.initScale();
    this.halfOverN = 0.5 / n;
    this.trainThreshold = model.trainThreshold();
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
    // each lane's dataset and level, in place: no allocation per block (FastPathTest)
    for (int i = 0; i < width; i++) {
      model.datasets().fill(traj0 + i, x, y, beta, i, width, draws);
      testLevel[i] = GrokLinregDatasets.ridgeTestLoss(x, y, beta, i, width, n, d, model.lambda(), scratch)
          + model.testExcess();
    }
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    VectorDraws.normals(seed, Stream.INIT.id, traj0, width, 0, (d + 1) / 2, bits, normals);
    double scale = initScale;
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

  /** Full residuals {@code X w - y} of lane group j, each lane on its own data, into {@link #r}. */
  private void residuals(int j) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    for (int m = 0; m < n; m++) {
      DoubleVector.fromArray(sp, y, m * width + j).neg().intoArray(r, m * lanes);
    }
    for (int c = 0; c < d; c++) {
      DoubleVector wc = DoubleVector.fromArray(sp, w, c * width + j);
      for (int m = 0; m < n; m++) {
        DoubleVector.fromArray(sp, x, (m * d + c) * width + j).fma(wc, DoubleVector.fromArray(sp, r, m * lanes))
            .intoArray(r, m * lanes);
      }
    }
  }

  private void checkTest(int j, long t) {
    VectorEventTimes.markTestLanes(w, j, width, beta, width, d, testLevel, t2, j, t);
  }

  private void fullBatchStep(int j, long t) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    residuals(j);
    if (VectorEventTimes.open(t1, j)) {
      VectorEventTimes.markTrain(r, n, halfOverN, trainThreshold, t1, j, t);
    }
    checkTest(j, t);
    java.util.Arrays.fill(g, 0.0);
    for (int m = 0; m < n; m++) {
      DoubleVector rm = DoubleVector.fromArray(sp, r, m * lanes);
      for (int c = 0; c < d; c++) {
        DoubleVector.fromArray(sp, x, (m * d + c) * width + j).fma(rm, DoubleVector.fromArray(sp, g, c * lanes))
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
      DoubleVector.fromArray(sp, g, c * lanes).fma(DoubleVector.broadcast(sp, coefficient), wc.mul(decay))
          .intoArray(w, c * width + j);
    }
  }

  private void miniBatchStep(int j, long t, int drawRow) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    if (VectorEventTimes.open(t1, j)) {
      residuals(j);
      VectorEventTimes.markTrain(r, n, halfOverN, trainThreshold, t1, j, t);
    }
    checkTest(j, t);
    for (int lane = 0; lane < lanes; lane++) {
      int i = j + lane;
      sampler.pick(bits, drawRow * width + i, width, i, t, picked); // reshuffled: by lane and step
      for (int b = 0; b < s; b++) {
        int p = picked[b];
        ys[b * lanes + lane] = -y[p * width + i];
        for (int c = 0; c < d; c++) {
          xs[(b * d + c) * lanes + lane] = x[(p * d + c) * width + i];
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
      VectorEventTimes.markTrain(r, n, halfOverN, trainThreshold, t1, j, now);
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
          double e = v - beta[c * width + i];
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
