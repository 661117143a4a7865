package org.sgdmc.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.sgdmc.models.Linreg1dTails;
import org.sgdmc.rng.StableShape;
import org.sgdmc.rng.Stream;
import org.sgdmc.rng.VectorDraws;
import org.sgdmc.rng.VectorShapes;

/**
 * The vectorised kernel of {@link Linreg1dTails}: trajectories across lanes, steps in segments. Each segment
 * fills its random numbers for the whole block (Philox, Box-Muller or Chambers-Mallows-Stuck, vectorised
 * across trajectories), turns them into per-step coefficient rows, then runs the steps lane-vector by
 * lane-vector with u and the factor product in registers. {@link Linreg1dTailsScalarBlock} is its scalar
 * twin, equal bit for bit; {@link TailsStep} holds the shared constants and says what each channel means.
 */
public final class Linreg1dTailsVectorBlock implements StationaryBlock {
  /** Random numbers per trajectory filled per segment; scratch is a few times this x width doubles. */
  static final int DRAWS_PER_SEGMENT = 32;

  private final Linreg1dTails model;
  private final long seed;
  private final int width;
  private final TailsStep step;
  private final int interval;
  private final int stepsPerSegment;
  private final double[] u;
  private final double[] mant;
  private final long[] exp;
  private final long[] bits;
  private final double[] draws;
  private final double[] a; // per-step factor rows (minibatch)
  private final double[] b; // per-step offset rows (minibatch)
  private final FiniteBatchSampler sampler; // null for the stream
  private final double[] squares;
  private final double[] products;
  private final int[] picks;
  private final StableShape shape; // null unless the noise is stable
  private long traj0;

  public Linreg1dTailsVectorBlock(Linreg1dTails model, long seed, int width) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    if (width <= 0 || width % sp.length() != 0) {
      throw new IllegalArgumentException("block width " + width + " must be a positive multiple of " + sp.length());
    }
    this.model = model;
    this.seed = seed;
    this.width = width;
    this.step = new TailsStep(model);
    this.interval = model.renormalisationInterval();
    int s = model.batch();
    this.stepsPerSegment = switch (model.noise()) {
      case MINIBATCH -> Math.max(1, DRAWS_PER_SEGMENT / (2 * s)); // two normals (x, eps) per point
      case GAUSSIAN -> Math.max(1, DRAWS_PER_SEGMENT / model.substeps()); // l normals per step
      default -> DRAWS_PER_SEGMENT;
    };
    // Box-Muller pairs, +2: a segment may start inside a pair; Gaussian substeps: l normals per step
    int rows = 2 * stepsPerSegment * Math.max(s, model.substeps()) + 2;
    this.u = new double[width];
    this.mant = new double[width];
    this.exp = new long[width];
    this.bits = new long[rows * width];
    this.draws = new double[rows * width];
    this.a = new double[stepsPerSegment * width];
    this.b = new double[stepsPerSegment * width];
    this.sampler = step.newSampler(width);
    this.squares = step.squares;
    this.products = step.products;
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
    for (long t = from; t < to; t += stepsPerSegment) {
      int n = (int) Math.min(stepsPerSegment, to - t);
      switch (model.noise()) {
        case MINIBATCH -> {
          if (sampler == null) {
            streamCoefficients(t, n);
          } else {
            finiteCoefficients(t, n);
          }
          affineSteps(n);
        }
        case GAUSSIAN -> {
          int l = step.substeps; // substep j of step t uses normal t l + j: the substeps run as steps
          gaussianSteps(fillNoiseNormals(t * l, n * l), n * l);
        }
        case GAUSSIAN_CONSTANT -> constantSteps(fillNoiseNormals(t, n), n, step.constantAmplitude);
        case STABLE -> {
          VectorDraws.symmetricStables(seed, Stream.NOISE.id, traj0, width, t, n, shape, bits, draws);
          constantSteps(0, n, step.stableScale);
        }
      }
    }
  }

  /** Rows of a and b from Box-Muller pairs (x, eps) of blocks {@code t0 S ..}: the stream's minibatches. */
  private void streamCoefficients(long t0, int steps) {
    int s = model.batch();
    VectorDraws.normals(seed, Stream.DATA.id, traj0, width, t0 * s, steps * s, bits, draws);
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    for (int t = 0; t < steps; t++) {
      for (int j = 0; j < width; j += sp.length()) {
        DoubleVector sumSq = DoubleVector.zero(sp);
        DoubleVector sumXe = DoubleVector.zero(sp);
        for (int i = 0; i < s; i++) {
          int row = 2 * (t * s + i) * width + j;
          DoubleVector x = DoubleVector.fromArray(sp, draws, row);
          DoubleVector e = DoubleVector.fromArray(sp, draws, row + width);
          sumSq = sumSq.add(x.mul(x));
          sumXe = sumXe.add(x.mul(e));
        }
        coefficients(sumSq, sumXe, t * width + j);
      }
    }
  }

  /** a = fma(sumSq / S, -lr, 1) and b = offsetScale * (sumXe / S), as {@link TailsStep}. */
  private void coefficients(DoubleVector sumSq, DoubleVector sumXe, int at) {
    sumSq.div(step.batch).fma(step.negLr, 1.0).intoArray(a, at);
    sumXe.div(step.batch).mul(step.offsetScale).intoArray(b, at);
  }

  /**
   * Rows of a and b for a finite dataset: vectorised batch draws, scalar gathers in draw order; reshuffled,
   * the sampler takes each lane's batch from its epoch's permutation (kept between segments).
   */
  private void finiteCoefficients(long t0, int steps) {
    int s = model.batch();
    int row0 = sampler.drawBatches(seed, traj0, width, t0, steps, bits);
    for (int t = 0; t < steps; t++) {
      for (int j = 0; j < width; j++) {
        sampler.pick(bits, (row0 + t * s) * width + j, width, j, t0 + t, picks);
        double sumSq = 0;
        double sumXe = 0;
        for (int i = 0; i < s; i++) {
          sumSq += squares[picks[i]];
          sumXe += products[picks[i]];
        }
        a[t * width + j] = step.factor(sumSq);
        b[t * width + j] = step.offset(sumXe);
      }
    }
  }

  /** Normals {@code t0 .. t0+steps-1} of the noise stream; returns the row holding normal t0. */
  private int fillNoiseNormals(long t0, int steps) {
    long block0 = t0 >>> 1;
    long block1 = (t0 + steps + 1) >>> 1;
    VectorDraws.normals(seed, Stream.NOISE.id, traj0, width, block0, (int) (block1 - block0), bits, draws);
    return (int) (t0 - 2 * block0);
  }

  /** u = fma(a, u, b) and the product times a, for rows 0 .. steps-1 of a and b. */
  private void affineSteps(int steps) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    for (int j = 0; j < width; j += sp.length()) {
      DoubleVector x = DoubleVector.fromArray(sp, u, j);
      DoubleVector m = DoubleVector.fromArray(sp, mant, j);
      int t = 0;
      while (t < steps) {
        int stop = Math.min(steps, t + interval);
        for (; t < stop; t++) {
          DoubleVector at = DoubleVector.fromArray(sp, a, t * width + j);
          x = at.fma(x, DoubleVector.fromArray(sp, b, t * width + j));
          m = m.mul(at);
        }
        m.intoArray(mant, j);
        VectorLogScaled.renormalise(mant, j, exp, j);
        m = DoubleVector.fromArray(sp, mant, j);
      }
      x.intoArray(u, j);
      m.intoArray(mant, j);
    }
  }

  /** The Gaussian model's (sub)steps, noise rows from {@code row0} of the draws. */
  private void gaussianSteps(int row0, int steps) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    DoubleVector varC = DoubleVector.broadcast(sp, step.varC);
    DoubleVector contraction = DoubleVector.broadcast(sp, step.emContraction);
    for (int j = 0; j < width; j += sp.length()) {
      DoubleVector x = DoubleVector.fromArray(sp, u, j);
      DoubleVector m = DoubleVector.fromArray(sp, mant, j);
      int t = 0;
      while (t < steps) {
        int stop = Math.min(steps, t + interval);
        for (; t < stop; t++) {
          DoubleVector xi = DoubleVector.fromArray(sp, draws, (row0 + t) * width + j);
          DoubleVector v = x.fma(step.varA, -step.varTwoB).fma(x, varC).max(0.0);
          x = x.fma(contraction, v.sqrt().mul(step.lrRootF).mul(xi));
          m = m.mul(xi.fma(step.spread, step.emContraction));
        }
        m.intoArray(mant, j);
        VectorLogScaled.renormalise(mant, j, exp, j);
        m = DoubleVector.fromArray(sp, mant, j);
      }
      x.intoArray(u, j);
      m.intoArray(mant, j);
    }
  }

  /** u = fma(c, u, amplitude * noise) with a deterministic factor c (constant Gaussian and stable noise). */
  private void constantSteps(int row0, int steps, double amplitude) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    double c = step.contraction;
    DoubleVector cv = DoubleVector.broadcast(sp, c);
    for (int j = 0; j < width; j += sp.length()) {
      DoubleVector x = DoubleVector.fromArray(sp, u, j);
      DoubleVector m = DoubleVector.fromArray(sp, mant, j);
      int t = 0;
      while (t < steps) {
        int stop = Math.min(steps, t + interval);
        for (; t < stop; t++) {
          DoubleVector z = DoubleVector.fromArray(sp, draws, (row0 + t) * width + j);
          x = x.fma(cv, z.mul(amplitude));
          m = m.mul(c);
        }
        m.intoArray(mant, j);
        VectorLogScaled.renormalise(mant, j, exp, j);
        m = DoubleVector.fromArray(sp, mant, j);
      }
      x.intoArray(u, j);
      m.intoArray(mant, j);
    }
  }

  @Override
  public void snapshot(double[] out) {
    TailsStep.snapshot(u, mant, exp, out);
  }
}
