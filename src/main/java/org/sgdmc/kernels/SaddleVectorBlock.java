package org.sgdmc.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.sgdmc.models.Saddle;
import org.sgdmc.models.SaddleData;
import org.sgdmc.rng.Philox4x32Vector;
import org.sgdmc.rng.Stream;
import org.sgdmc.rng.VectorDraws;
import org.sgdmc.rng.VectorShapes;

/**
 * The vectorised {@code saddle} kernel, shaped like {@link Linreg1dVectorBlock}: trajectories across lanes,
 * steps in segments. For each segment it fills the batch means chib of every step for the whole block at
 * once (Philox, Box-Muller and the chi of each batch element vectorised across trajectories), then runs
 * the steps lane-vector by lane-vector with h = w + u and m = w - u in registers, both in {@link LogScaled}
 * form: they grow or decay exponentially, so w and u themselves would overflow (their exact decoupling is
 * Saddle's class comment). {@link SaddleScalarBlock} is its scalar twin, equal bit for bit; it also says
 * which random number goes where.
 */
public final class SaddleVectorBlock implements TrajectoryBlock {
  /** Batch elements filled per segment and trajectory (Gaussian data: one Philox block each). */
  static final int ELEMENTS_PER_SEGMENT = 32;

  private final Saddle model;
  private final long seed;
  private final int width;
  private final int batch;
  private final double lr;
  private final double negLr;
  private final int interval;
  private final int stepsPerSegment;
  private final Distances h;
  private final Distances m;
  private final long[] bits;
  private final double[] draws; // normals (Gaussian data), two rows per batch element
  private final double[] chib; // batch means, one row per step
  private final FiniteBatchSampler sampler; // null unless finite data
  private long traj0;

  public SaddleVectorBlock(Saddle model, long seed, int width) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    if (width <= 0 || width % sp.length() != 0) {
      throw new IllegalArgumentException("block width " + width + " must be a positive multiple of " + sp.length());
    }
    this.model = model;
    this.seed = seed;
    this.width = width;
    this.batch = model.batch();
    this.lr = model.lr();
    this.negLr = -model.lr();
    this.interval = model.renormalisationInterval();
    this.stepsPerSegment = Math.max(1, ELEMENTS_PER_SEGMENT / batch);
    // Gaussian: 2 normals per element; two-point and finite: 1 draw per element, +2 for a segment that
    // starts and ends inside a Philox block.
    int rows = 2 * stepsPerSegment * batch + 2;
    this.h = new Distances(width);
    this.m = new Distances(width);
    this.bits = new long[rows * width];
    this.draws = model.data() instanceof SaddleData.Gaussian ? new double[rows * width] : null;
    this.chib = new double[stepsPerSegment * width];
    this.sampler = model.data() instanceof SaddleData.Finite f
        ? new FiniteBatchSampler(f.chi(), batch, model.sampling(), width) : null;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int observables() {
    return 2;
  }

  @Override
  public void start(long traj0) {
    this.traj0 = traj0;
    h.reset(model.h0());
    m.reset(model.m0());
  }

  @Override
  public void advance(long from, long to) {
    for (long t = from; t < to; t += stepsPerSegment) {
      int n = (int) Math.min(stepsPerSegment, to - t);
      switch (model.data()) {
        case SaddleData.Gaussian g -> fillGaussianBatchMeans(t, n, g.mu());
        case SaddleData.TwoPoint p -> fillTwoPointBatchMeans(t, n, p.a());
        case SaddleData.Finite f -> fillFiniteBatchMeans(t, n);
      }
      step(n);
    }
  }

  /** chib rows for Gaussian data: normals 2e and 2e + 1 of element e are rows 2d and 2d + 1 of the fill. */
  private void fillGaussianBatchMeans(long t0, int steps, double mu) {
    long e0 = t0 * batch;
    VectorDraws.normals(seed, Stream.DATA.id, traj0, width, e0, steps * batch, bits, draws);
    gaussianChiMeans(steps, mu, SaddleData.Gaussian.NOISE_SD * (1.0 - mu));
  }

  private void gaussianChiMeans(int steps, double mu, double noise) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    DoubleVector muv = DoubleVector.broadcast(sp, mu);
    double s = batch;
    for (int t = 0; t < steps; t++) {
      int base = 2 * t * batch * width;
      for (int j = 0; j < width; j += sp.length()) {
        DoubleVector sum = DoubleVector.zero(sp);
        for (int d = 0; d < batch; d++) {
          int row = base + 2 * d * width + j;
          DoubleVector x = DoubleVector.fromArray(sp, draws, row);
          DoubleVector z = DoubleVector.fromArray(sp, draws, row + width);
          sum = sum.add(x.mul(x.fma(muv, z.mul(noise))));
        }
        sum.div(s).intoArray(chib, t * width + j);
      }
    }
  }

  /** chib rows for two-point data: chi = a where the draw's top bit is set, else 1. */
  private void fillTwoPointBatchMeans(long t0, int steps, double a) {
    long e0 = t0 * batch;
    long block0 = e0 >>> 1;
    long block1 = (e0 + (long) steps * batch + 1) >>> 1;
    Philox4x32Vector.fillBits(seed, Stream.DATA.id, traj0, width, block0, (int) (block1 - block0), bits, 0);
    twoPointChiMeans((int) (e0 - 2 * block0), steps, a);
  }

  private void twoPointChiMeans(int row0, int steps, double a) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    VectorSpecies<Long> lp = VectorShapes.LONGS;
    DoubleVector one = DoubleVector.broadcast(sp, 1.0);
    DoubleVector av = DoubleVector.broadcast(sp, a);
    double s = batch;
    for (int t = 0; t < steps; t++) {
      int base = (row0 + t * batch) * width;
      for (int j = 0; j < width; j += sp.length()) {
        DoubleVector sum = DoubleVector.zero(sp);
        for (int d = 0; d < batch; d++) {
          LongVector b = LongVector.fromArray(lp, bits, base + d * width + j);
          VectorMask<Double> top = b.compare(VectorOperators.LT, 0L).cast(sp);
          sum = sum.add(one.blend(av, top));
        }
        sum.div(s).intoArray(chib, t * width + j);
      }
    }
  }

  /** chib rows for finite data: batch indices from vectorised Philox draws, the sums in scalar code. */
  private void fillFiniteBatchMeans(long t0, int steps) {
    sampler.batchMeans(seed, traj0, width, t0, steps, bits, chib);
  }


  /** Multiplies h by 1 + lr chib_t and m by 1 - lr chib_t for the first {@code steps} rows of chib. */
  private void step(int steps) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    for (int j = 0; j < width; j += sp.length()) {
      DoubleVector hv = DoubleVector.fromArray(sp, h.mant, j);
      DoubleVector mv = DoubleVector.fromArray(sp, m.mant, j);
      int t = 0;
      while (t < steps) {
        int stop = Math.min(steps, t + interval);
        for (; t < stop; t++) {
          DoubleVector c = DoubleVector.fromArray(sp, chib, t * width + j);
          hv = hv.mul(c.fma(lr, 1.0));
          mv = mv.mul(c.fma(negLr, 1.0));
        }
        hv.intoArray(h.mant, j);
        mv.intoArray(m.mant, j);
        VectorLogScaled.renormalise(h.mant, j, h.exp, j);
        VectorLogScaled.renormalise(m.mant, j, m.exp, j);
        hv = DoubleVector.fromArray(sp, h.mant, j);
        mv = DoubleVector.fromArray(sp, m.mant, j);
      }
      hv.intoArray(h.mant, j);
      mv.intoArray(m.mant, j);
    }
  }

  @Override
  public void logDistance(double[] out) {
    h.logsVector(out);
  }

  @Override
  public void logDistance(int which, double[] out) {
    switch (which) {
      case Saddle.OBSERVABLE_H -> h.logsVector(out);
      case Saddle.OBSERVABLE_M -> m.logsVector(out);
      default -> throw new IndexOutOfBoundsException("observable " + which + " of the saddle's 2");
    }
  }
}
