package org.sgdmc.kernels;

import org.sgdmc.models.FeatureData;
import org.sgdmc.models.Linreg1d;
import org.sgdmc.models.Precision;
import org.sgdmc.rng.Draws;
import org.sgdmc.rng.SingleDraws;
import org.sgdmc.rng.Stream;

/**
 * The scalar twin of {@link Linreg1dVectorBlock}, written for clarity: one trajectory, one step at a time,
 * every random number fetched by its coordinates. It performs the same IEEE operations in the same order,
 * so the two agree bit for bit; it is the reference, not the workhorse.
 */
public final class Linreg1dScalarBlock implements TrajectoryBlock {
  private final Linreg1d model;
  private final long seed;
  private final int width;
  private final Distances distances;
  private final double[] squares; // x_i^2 of a finite dataset, null for Gaussian data
  private final boolean single; // single-precision draws
  private long traj0;

  public Linreg1dScalarBlock(Linreg1d model, long seed, int width) {
    this(model, seed, width, Precision.DOUBLE);
  }

  public Linreg1dScalarBlock(Linreg1d model, long seed, int width, Precision precision) {
    this.single = precision == Precision.SINGLE;
    this.model = model;
    this.seed = seed;
    this.width = width;
    this.distances = new Distances(width);
    this.squares = model.data() instanceof FeatureData.Finite f ? f.squares() : null;
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
    int interval = model.renormalisationInterval();
    double[] mant = distances.mant;
    long[] exp = distances.exp;
    for (int i = 0; i < width; i++) {
      for (long t = from; t < to; t++) {
        double q = batchMeanSquare(traj0 + i, t);
        mant[i] *= Math.fma(q, -model.lr(), 1.0); // 1 - lr q, rounded once
        if ((t - from + 1) % interval == 0) {
          LogScaled.renormalise(mant, exp, i);
        }
      }
      LogScaled.renormalise(mant, exp, i);
    }
  }

  /** q_t of one trajectory: the batch mean of x^2, summed in draw order. */
  double batchMeanSquare(long traj, long t) {
    int s = model.batch();
    long k0 = t * s;
    double sum = 0;
    if (squares == null) {
      for (int j = 0; j < s; j++) {
        sum += single ? SingleDraws.normalSquare(seed, Stream.DATA, traj, k0 + j)
            : Draws.normalSquare(seed, Stream.DATA, traj, k0 + j);
      }
    } else if (model.reshuffled()) { // batch b = t mod K of the epoch's permutation (FiniteBatchSampler)
      int[] chosen = new int[s];
      FiniteBatchSampler.reshuffledBatch(seed, traj, t, squares.length, s, chosen);
      for (int j = 0; j < s; j++) {
        sum += squares[chosen[j]];
      }
    } else if (model.withReplacement()) {
      for (int j = 0; j < s; j++) {
        sum += squares[(int) Draws.index(Draws.bits(seed, Stream.BATCH, traj, k0 + j), squares.length)];
      }
    } else {
      int[] chosen = new int[s];
      int n = squares.length;
      for (int j = 0; j < s; j++) { // Floyd's algorithm: a uniform s-subset from exactly s draws
        int bound = n - s + j;
        int pick = (int) Draws.index(Draws.bits(seed, Stream.BATCH, traj, k0 + j), bound + 1L);
        for (int m = 0; m < j; m++) {
          if (chosen[m] == pick) {
            pick = bound;
            break;
          }
        }
        chosen[j] = pick;
        sum += squares[pick];
      }
    }
    return single ? SingleDraws.offPowersOfTwo(sum / s) : sum / s;
  }

  @Override
  public void logDistance(double[] out) {
    distances.logs(out);
  }
}
