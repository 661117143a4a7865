package org.sgdmc.kernels;

import org.sgdmc.models.Linreg1dTails;
import org.sgdmc.rng.Draws;
import org.sgdmc.rng.StableShape;
import org.sgdmc.rng.Stream;

/**
 * The scalar twin of {@link Linreg1dTailsVectorBlock}: one trajectory and one step at a time, every random
 * number fetched by its coordinates, the same IEEE operations in the same order, so the two agree bit for bit.
 *
 * <p>Random numbers: minibatch noise on the stream uses Box-Muller block {@code t S + i} of
 * {@link Stream#DATA} for point i of step t (x its cosine normal, eps its sine normal); on a finite dataset
 * draw {@code t S + i} of {@link Stream#BATCH} picks point i (see {@link FiniteBatchSampler}); reshuffled, step t
 * takes batch t mod K of its epoch's permutation ({@link FiniteBatchSampler#reshuffledBatch}). The Gaussian
 * models use normal t of {@link Stream#NOISE}, the stable model stable t of {@link Stream#NOISE}.
 */
public final class Linreg1dTailsScalarBlock implements StationaryBlock {
  private final Linreg1dTails model;
  private final long seed;
  private final int width;
  private final TailsStep step;
  private final double[] u;
  private final double[] mant;
  private final long[] exp;
  private final FiniteBatchSampler sampler; // null for the stream
  private final double[] squares;
  private final double[] products;
  private final long[] batchBits;
  private final int[] picks;
  private final StableShape shape; // null unless the noise is stable
  private long traj0;

  public Linreg1dTailsScalarBlock(Linreg1dTails model, long seed, int width) {
    this.model = model;
    this.seed = seed;
    this.width = width;
    this.step = new TailsStep(model);
    this.u = new double[width];
    this.mant = new double[width];
    this.exp = new long[width];
    int s = model.batch();
    this.sampler = step.newSampler(1);
    this.squares = step.squares;
    this.products = step.products;
    this.batchBits = new long[s];
    this.picks = new int[s];
    this.shape = model.noise() == org.sgdmc.models.NoiseModel.STABLE ? StableShape.of(model.stableAlpha()) : null;
  }

  @Override
  public int width() {
    return width;
  }


  @Override
  public void start(long traj0) {
    this.traj0 = traj0;
    java.util.Arrays.fill(u, 0.0);
    java.util.Arrays.fill(mant, 1.0);
    java.util.Arrays.fill(exp, 0L);
  }

  @Override
  public void advance(long from, long to) {
    int interval = model.renormalisationInterval();
    for (int i = 0; i < width; i++) {
      long traj = traj0 + i;
      for (long t = from; t < to; t++) {
        double a = stepOne(traj, t, i);
        mant[i] *= a;
        if ((t - from + 1) % interval == 0) {
          LogScaled.renormalise(mant, exp, i);
        }
      }
      LogScaled.renormalise(mant, exp, i);
    }
  }

  /** Advances u of lane i by step t; returns the step's multiplicative factor a_t. */
  private double stepOne(long traj, long t, int i) {
    double x = u[i];
    switch (model.noise()) {
      case MINIBATCH -> {
        double a;
        double b;
        if (sampler == null) {
          double sumSq = 0;
          double sumXe = 0;
          for (int j = 0; j < model.batch(); j++) {
            long k = 2 * (t * model.batch() + j);
            double xj = Draws.normal(seed, Stream.DATA, traj, k);
            double ej = Draws.normal(seed, Stream.DATA, traj, k + 1);
            sumSq += xj * xj;
            sumXe += xj * ej;
          }
          a = step.factor(sumSq);
          b = step.offset(sumXe);
        } else {
          if (model.reshuffled()) { // batch t mod K of the epoch's permutation, built from scratch (the reference)
            FiniteBatchSampler.reshuffledBatch(seed, traj, t, squares.length, model.batch(), picks);
          } else {
            for (int j = 0; j < model.batch(); j++) {
              batchBits[j] = Draws.bits(seed, Stream.BATCH, traj, t * model.batch() + j);
            }
            sampler.pick(batchBits, 0, 1, picks);
          }
          double sumSq = 0;
          double sumXe = 0;
          for (int j = 0; j < model.batch(); j++) {
            sumSq += squares[picks[j]];
            sumXe += products[picks[j]];
          }
          a = step.factor(sumSq);
          b = step.offset(sumXe);
        }
        u[i] = Math.fma(a, x, b);
        return a;
      }
      case GAUSSIAN -> {
        // l substeps of dt = lr / l, normals t l .. t l + l - 1; the factor product renormalised after each
        // (exact: a power of 2), so that l factors never overflow between renormalisations
        for (int j = 0; j < step.substeps; j++) {
          double xi = Draws.normal(seed, Stream.NOISE, traj, t * step.substeps + j);
          u[i] = step.gaussian(u[i], xi);
          if (step.substeps == 1) {
            return step.gaussianFactor(xi);
          }
          mant[i] *= step.gaussianFactor(xi);
          LogScaled.renormalise(mant, exp, i);
        }
        return 1.0; // the substeps' factors are already in the product
      }
      case GAUSSIAN_CONSTANT -> {
        double xi = Draws.normal(seed, Stream.NOISE, traj, t);
        u[i] = Math.fma(step.contraction, x, step.constantAmplitude * xi);
        return step.contraction;
      }
      case STABLE -> {
        double z = Draws.symmetricStable(seed, Stream.NOISE, traj, t, shape);
        u[i] = Math.fma(step.contraction, x, step.stableScale * z);
        return step.contraction;
      }
      default -> throw new AssertionError(model.noise());
    }
  }

  @Override
  public void snapshot(double[] out) {
    TailsStep.snapshot(u, mant, exp, out);
  }
}
