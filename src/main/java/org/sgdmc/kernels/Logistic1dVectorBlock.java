package org.sgdmc.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.sgdmc.models.Logistic1d;
import org.sgdmc.models.NoiseModel;
import org.sgdmc.rng.Stream;
import org.sgdmc.rng.VectorDraws;
import org.sgdmc.rng.VectorShapes;
import org.sgdmc.rng.ArrayTranscendentals;

/**
 * The vectorised kernel of {@link Logistic1d}: trajectories across lanes, steps in segments whose random numbers
 * are filled for the whole block at once (Philox across trajectories). Minibatch steps gather each lane's batch
 * and step it as {@link Logistic1dScalarBlock#minibatchStep} does (a gather per lane: the batches differ); the
 * Euler-Maruyama substeps sum L' and Sigma over the n points lane-vector by lane-vector with the vector sigmoid.
 * {@link Logistic1dScalarBlock} is its scalar twin, equal bit for bit.
 */
public final class Logistic1dVectorBlock implements StationaryBlock {
  static final int DRAWS_PER_SEGMENT = 32;

  private final Logistic1d model;
  private final long seed;
  private final int width;
  private final double[] theta;
  private final double[] c;
  private final FiniteBatchSampler sampler;
  private final int stepsPerSegment;
  private final long[] bits;
  private final double[] draws;
  private final int[] picks;
  private final double[] sum; // per-lane sums of the current substep
  private final double[] sumSq;
  private final double[] expBuf;
  private long traj0;

  public Logistic1dVectorBlock(Logistic1d model, long seed, int width) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    if (width <= 0 || width % sp.length() != 0) {
      throw new IllegalArgumentException("block width " + width + " must be a positive multiple of " + sp.length());
    }
    this.model = model;
    this.seed = seed;
    this.width = width;
    this.theta = new double[width];
    this.c = model.c();
    this.sampler = new FiniteBatchSampler(c.length, model.batch(), model.sampling(), width);
    int perStep = model.noise() == NoiseModel.MINIBATCH ? model.batch() : model.substeps();
    this.stepsPerSegment = Math.max(1, DRAWS_PER_SEGMENT / perStep);
    int rows = stepsPerSegment * perStep + 2;
    this.bits = new long[rows * width];
    this.draws = new double[rows * width];
    this.picks = new int[model.batch()];
    this.sum = new double[width];
    this.sumSq = new double[width];
    this.expBuf = new double[width];
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public void start(long traj0) {
    this.traj0 = traj0;
    java.util.Arrays.fill(theta, model.thetaStar());
  }

  @Override
  public void advance(long from, long to) {
    for (long t = from; t < to; t += stepsPerSegment) {
      int n = (int) Math.min(stepsPerSegment, to - t);
      if (model.noise() == NoiseModel.MINIBATCH) {
        minibatchSteps(t, n);
      } else {
        int l = model.substeps();
        eulerSteps(fillNoiseNormals(t * l, n * l), n * l);
      }
    }
  }

  private void minibatchSteps(long t0, int steps) {
    int b = model.batch();
    int row0 = sampler.drawBatches(seed, traj0, width, t0, steps, bits);
    double negLr = -model.lr();
    for (int t = 0; t < steps; t++) {
      for (int j = 0; j < width; j++) {
        sampler.pick(bits, (row0 + t * b) * width + j, width, j, t0 + t, picks);
        theta[j] = Logistic1dScalarBlock.minibatchStep(c, picks, b, theta[j], negLr);
      }
    }
  }

  /** Normals {@code k0 .. k0+count-1} of the noise stream; returns the row holding normal k0. */
  private int fillNoiseNormals(long k0, int count) {
    long block0 = k0 >>> 1;
    long block1 = (k0 + count + 1) >>> 1;
    VectorDraws.normals(seed, Stream.NOISE.id, traj0, width, block0, (int) (block1 - block0), bits, draws);
    return (int) (k0 - 2 * block0);
  }

  /**
   * Euler-Maruyama substeps. Each substep is passes over the block rather than a loop with the state in
   * registers: the exponential of every data point's logit comes from an out-of-line array pass
   * ({@link ArrayTranscendentals}), because with the sigmoid inside this loop C2 reached its inlining node
   * limit and left a vector call that boxed (about 50 MB per block; FastPathTest). The sums run in the same
   * order, so the bits are those of the scalar twin.
   */
  private void eulerSteps(int row0, int substeps) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    DoubleVector negH = DoubleVector.broadcast(sp, -(model.lr() / model.substeps()));
    DoubleVector one = DoubleVector.broadcast(sp, 1.0);
    double scale = Logistic1dScalarBlock.noiseScale(model);
    double n = c.length;
    for (int t = 0; t < substeps; t++) {
      java.util.Arrays.fill(sum, 0.0);
      java.util.Arrays.fill(sumSq, 0.0);
      for (double ci : c) {
        ArrayTranscendentals.expOfProduct(theta, -ci, expBuf, width); // exp(-(x ci)): the sigmoid's exponential
        for (int j = 0; j < width; j += sp.length()) {
          DoubleVector e = DoubleVector.fromArray(sp, expBuf, j);
          DoubleVector g = one.div(e.add(1.0)).mul(ci); // VectorTranscendentals.sigmoid's operations
          DoubleVector.fromArray(sp, sum, j).add(g).intoArray(sum, j);
          g.fma(g, DoubleVector.fromArray(sp, sumSq, j)).intoArray(sumSq, j);
        }
      }
      for (int j = 0; j < width; j += sp.length()) {
        DoubleVector x = DoubleVector.fromArray(sp, theta, j);
        DoubleVector mean = DoubleVector.fromArray(sp, sum, j).div(n);
        DoubleVector var = DoubleVector.fromArray(sp, sumSq, j).div(n).sub(mean.mul(mean)).max(0.0);
        DoubleVector xi = DoubleVector.fromArray(sp, draws, (row0 + t) * width + j);
        mean.fma(negH, x).add(var.sqrt().mul(scale).mul(xi)).intoArray(theta, j);
      }
    }
  }

  @Override
  public void snapshot(double[] out) {
    Logistic1dScalarBlock.snapshot(theta, model.thetaStar(), out);
  }
}
