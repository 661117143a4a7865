package org.sgdmc.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.sgdmc.models.FeatureData;
import org.sgdmc.models.Linreg1d;
import org.sgdmc.models.Precision;
import org.sgdmc.rng.Stream;
import org.sgdmc.rng.VectorDraws;
import org.sgdmc.rng.VectorShapes;
import org.sgdmc.rng.VectorSingleDraws;

/**
 * The vectorised {@code linreg1d} kernel: trajectories across lanes, steps in segments. For each segment
 * it (1) fills the segment's random numbers for the whole block at once (Philox and Box-Muller, vectorised
 * across trajectories), (2) forms q_t, the batch mean of x^2, and (3) runs the steps lane-vector by
 * lane-vector, the distance staying in a register from the first step of the segment to the last and
 * renormalised every few steps (see {@link LogScaled}). Memory traffic beyond L1 happens only at
 * recording times. {@link Linreg1dScalarBlock} is its scalar twin, equal bit for bit.
 *
 * <p>With {@link Precision#SINGLE} the Gaussian draws come from {@link VectorSingleDraws} (four normals per
 * Philox block, float functions on twice the lanes), widened to double; the steps are the same.
 */
public final class Linreg1dVectorBlock implements TrajectoryBlock {
  /** Normals (or batch draws) filled per segment and trajectory; scratch = 2 x 8 x this x width bytes. */
  static final int DRAWS_PER_SEGMENT = 32;

  private final Linreg1d model;
  private final long seed;
  private final int width;
  private final int batch;
  private final double negLr;
  private final int interval;
  private final int stepsPerSegment;
  private final Distances distances;
  private final long[] bits;
  private final double[] draws; // x^2 of normals (Gaussian data), one row per draw
  private final double[] q; // batch means, one row per step (S > 1 or finite data)
  private final FiniteBatchSampler sampler; // null for Gaussian data
  private final boolean single; // single-precision draws
  private final int[] words; // Philox words of the single-precision draws, null for double
  private long traj0;

  public Linreg1dVectorBlock(Linreg1d model, long seed, int width) {
    this(model, seed, width, Precision.DOUBLE);
  }

  public Linreg1dVectorBlock(Linreg1d model, long seed, int width, Precision precision) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    if (width <= 0 || width % sp.length() != 0) {
      throw new IllegalArgumentException("block width " + width + " must be a positive multiple of " + sp.length());
    }
    this.model = model;
    this.seed = seed;
    this.width = width;
    this.batch = model.batch();
    this.negLr = -model.lr();
    this.interval = model.renormalisationInterval();
    this.stepsPerSegment = Math.max(1, DRAWS_PER_SEGMENT / batch);
    this.single = precision == Precision.SINGLE;
    if (single && model.data() instanceof FeatureData.Finite) {
      throw new IllegalArgumentException("single-precision draws are for Gaussian data; finite data draws only indices");
    }
    // +2 (+6 in single precision, four normals a block): a segment may start and end inside a Philox block
    int drawRows = stepsPerSegment * batch + (single ? 6 : 2);
    this.distances = new Distances(width);
    this.bits = new long[drawRows * width];
    this.draws = new double[drawRows * width];
    this.q = new double[stepsPerSegment * width];
    this.words = single ? new int[drawRows * width] : null;
    this.sampler = model.data() instanceof FeatureData.Finite f
        ? new FiniteBatchSampler(f.squares(), batch, model.sampling(), width) : null;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public void start(long traj0) {
    this.traj0 = traj0;
    distances.reset(model.initialDistance());
  }

  @Override
  public void advance(long from, long to) {
    for (long t = from; t < to; t += stepsPerSegment) {
      int n = (int) Math.min(stepsPerSegment, to - t);
      if (sampler != null) {
        fillFiniteBatchMeans(t, n);
        step(q, 0, n);
      } else if (batch == 1) {
        int row = fillNormalSquares(t, n);
        step(draws, row * width, n); // q_t = x_t^2 / 1, exactly x_t^2
      } else {
        int row = fillNormalSquares(t * batch, n * batch);
        gaussianBatchMeans(row, n);
        step(q, 0, n);
      }
    }
  }

  /** Fills the squares of normals {@code k0 .. k0+count-1}; returns the row that holds normal k0. */
  private int fillNormalSquares(long k0, int count) {
    if (single) {
      long block0 = k0 >>> 2;
      long block1 = (k0 + count + 3) >>> 2;
      VectorSingleDraws.normalSquares(seed, Stream.DATA.id, traj0, width, block0, (int) (block1 - block0), words, draws);
      return (int) (k0 - 4 * block0);
    }
    long block0 = k0 >>> 1;
    long block1 = (k0 + count + 1) >>> 1;
    VectorDraws.normalSquares(seed, Stream.DATA.id, traj0, width, block0, (int) (block1 - block0), bits, draws);
    return (int) (k0 - 2 * block0);
  }

  /** q rows from S consecutive rows of squares each, summed in draw order, as the scalar twin does. */
  private void gaussianBatchMeans(int row0, int steps) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    double s = batch;
    for (int t = 0; t < steps; t++) {
      int base = (row0 + t * batch) * width;
      for (int j = 0; j < width; j += sp.length()) {
        DoubleVector sum = DoubleVector.zero(sp);
        for (int d = 0; d < batch; d++) {
          sum = sum.add(DoubleVector.fromArray(sp, draws, base + d * width + j));
        }
        sum.div(s).intoArray(q, t * width + j);
      }
    }
    if (single) {
      VectorSingleDraws.offPowersOfTwo(q, 0, steps * width); // see SingleDraws.offPowersOfTwo
    }
  }

  /** q rows for finite data: batch indices from vectorised Philox draws, the sums in scalar code. */
  private void fillFiniteBatchMeans(long t0, int steps) {
    sampler.batchMeans(seed, traj0, width, t0, steps, bits, q);
  }


  /** Multiplies each distance by 1 - lr q_t for {@code steps} rows of {@code src} starting at {@code off}. */
  private void step(double[] src, int off, int steps) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    double[] mant = distances.mant;
    long[] exp = distances.exp;
    for (int j = 0; j < width; j += sp.length()) {
      DoubleVector m = DoubleVector.fromArray(sp, mant, j);
      int t = 0;
      while (t < steps) {
        int stop = Math.min(steps, t + interval);
        for (; t < stop; t++) {
          DoubleVector qt = DoubleVector.fromArray(sp, src, off + t * width + j);
          m = m.mul(qt.fma(negLr, 1.0));
        }
        m.intoArray(mant, j);
        VectorLogScaled.renormalise(mant, j, exp, j);
        m = DoubleVector.fromArray(sp, mant, j);
      }
      m.intoArray(mant, j);
    }
  }

  @Override
  public void logDistance(double[] out) {
    distances.logsVector(out);
  }
}
