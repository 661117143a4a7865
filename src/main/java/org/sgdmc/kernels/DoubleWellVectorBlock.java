package org.sgdmc.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.sgdmc.models.DoubleWell;
import org.sgdmc.models.NoiseModel;
import org.sgdmc.rng.StableShape;
import org.sgdmc.rng.Stream;
import org.sgdmc.rng.VectorDraws;
import org.sgdmc.rng.VectorShapes;

/**
 * The vectorised kernel of {@link DoubleWell}: trajectories across lanes, steps in segments whose random numbers are
 * filled for the whole block at once (Philox across trajectories; normals and stable numbers by the array passes of
 * {@link VectorDraws}). Each substep is one array pass over the block: the new theta of every lane, then the exit
 * test as masks (a lane still inside moves; the first theta at or past an exit stores its exit time and side; an
 * exited lane keeps its values). Minibatch steps first gather each lane's batch means of a and b (a scalar loop per
 * lane: the batches differ). {@link DoubleWellScalarBlock} is its scalar twin, equal bit for bit. Once every lane has
 * exited, {@link #advance} returns at once.
 */
public final class DoubleWellVectorBlock implements StateBlock {
  static final int DRAWS_PER_SEGMENT = 32;

  private final DoubleWell model;
  private final long seed;
  private final int width;
  private final double[] theta;
  private final double[] exit;
  private final double[] side;
  private final double[] abar;
  private final double[] bbar;
  private final FiniteBatchSampler sampler;
  private final int stepsPerSegment;
  private final long[] bits;
  private final double[] draws;
  private final int[] picks;
  private final StableShape shape;
  private final double[] sig;
  private int alive;
  private long traj0;

  public DoubleWellVectorBlock(DoubleWell model, long seed, int width) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    if (width <= 0 || width % sp.length() != 0) {
      throw new IllegalArgumentException("block width " + width + " must be a positive multiple of " + sp.length());
    }
    this.model = model;
    this.seed = seed;
    this.width = width;
    this.theta = new double[width];
    this.exit = new double[width];
    this.side = new double[width];
    this.abar = new double[width];
    this.bbar = new double[width];
    this.sampler = new FiniteBatchSampler(model.a().length, model.batch(), true);
    int perStep = model.noise() == NoiseModel.MINIBATCH ? model.batch() : model.substeps();
    this.stepsPerSegment = Math.max(1, DRAWS_PER_SEGMENT / perStep);
    int rows = 2 * (stepsPerSegment * perStep + 2);
    this.bits = new long[rows * width];
    this.draws = new double[rows * width];
    this.picks = new int[model.batch()];
    this.shape = model.noise() == NoiseModel.STABLE ? StableShape.of(model.alpha()) : null;
    this.sig = model.sigmaCoefficients();
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int channels() {
    return DoubleWellScalarBlock.CHANNELS;
  }

  @Override
  public void start(long traj0) {
    this.traj0 = traj0;
    java.util.Arrays.fill(theta, model.start());
    java.util.Arrays.fill(exit, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(side, 0.0);
    alive = width;
  }

  @Override
  public void advance(long from, long to) {
    int l = model.substeps();
    for (long t = from; t < to && alive > 0; t += stepsPerSegment) {
      int n = (int) Math.min(stepsPerSegment, to - t);
      switch (model.noise()) {
        case MINIBATCH -> minibatchSteps(t, n);
        case GAUSSIAN -> {
          int row0 = fillNoiseNormals(t * l, n * l);
          for (int s = 0; s < n * l; s++) {
            gaussianPass((row0 + s) * width, t * l + s + 1);
          }
        }
        case STABLE -> {
          VectorDraws.symmetricStables(seed, Stream.NOISE.id, traj0, width, t * l, n * l, shape, bits, draws);
          for (int s = 0; s < n * l; s++) {
            stablePass(s * width, t * l + s + 1);
          }
        }
        default -> throw new IllegalStateException(model.noise().toString());
      }
      int inside = 0;
      for (int j = 0; j < width; j++) {
        if (exit[j] == Double.POSITIVE_INFINITY) {
          inside++;
        }
      }
      alive = inside;
    }
  }

  private void minibatchSteps(long t0, int steps) {
    int b = model.batch();
    int row0 = sampler.drawBatches(seed, traj0, width, t0, steps, bits);
    double[] a = model.a();
    double[] bv = model.b();
    for (int t = 0; t < steps; t++) {
      for (int j = 0; j < width; j++) {
        sampler.pick(bits, (row0 + t * b) * width + j, width, picks);
        abar[j] = DoubleWellScalarBlock.batchMean(a, picks, b);
        bbar[j] = DoubleWellScalarBlock.batchMean(bv, picks, b);
      }
      sgdPass(t0 + t + 1);
    }
  }

  /** Normals {@code k0 .. k0+count-1} of the noise stream; returns the row holding normal k0. */
  private int fillNoiseNormals(long k0, int count) {
    long block0 = k0 >>> 1;
    long block1 = (k0 + count + 1) >>> 1;
    VectorDraws.normals(seed, Stream.NOISE.id, traj0, width, block0, (int) (block1 - block0), bits, draws);
    return (int) (k0 - 2 * block0);
  }

  /** One SGD step over the block, from the batch means in abar, bbar; {@code count}: the exit time if it exits. */
  private void sgdPass(long count) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    double k = model.k();
    double q = model.q();
    double negLr = -model.lr();
    DoubleVector vNegLr = DoubleVector.broadcast(sp, negLr);
    double right = model.exitRight();
    double left = model.exitLeft();
    double c = count;
    for (int j = 0; j < width; j += sp.length()) {
      DoubleVector x = DoubleVector.fromArray(sp, theta, j);
      DoubleVector g = x.mul(k).mul(x.mul(x).fma(q, -1.0));
      DoubleVector ab = DoubleVector.fromArray(sp, bbar, j).fma(x, DoubleVector.fromArray(sp, abar, j));
      DoubleVector nx = g.add(ab).fma(vNegLr, x);
      DoubleVector e = DoubleVector.fromArray(sp, exit, j);
      VectorMask<Double> in = e.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY);
      VectorMask<Double> toRight = nx.compare(VectorOperators.GE, right);
      VectorMask<Double> hit = in.and(toRight.or(nx.compare(VectorOperators.LE, left)));
      x.blend(nx, in).intoArray(theta, j);
      e.blend(c, hit).intoArray(exit, j);
      DoubleVector.fromArray(sp, side, j).blend(DoubleVector.broadcast(sp, -1.0).blend(1.0, toRight), hit)
          .intoArray(side, j);
    }
  }

  /** One Euler-Maruyama substep over the block, normals at {@code draws[off ..]}. */
  private void gaussianPass(int off, long count) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    double k = model.k();
    double q = model.q();
    double negDt = -model.dt();
    DoubleVector vNegDt = DoubleVector.broadcast(sp, negDt);
    double scale = model.gaussianScale();
    double s0 = sig[0];
    double s1 = sig[1];
    double s2 = sig[2];
    double right = model.exitRight();
    double left = model.exitLeft();
    double c = count;
    for (int j = 0; j < width; j += sp.length()) {
      DoubleVector x = DoubleVector.fromArray(sp, theta, j);
      DoubleVector g = x.mul(k).mul(x.mul(x).fma(q, -1.0));
      DoubleVector var = x.fma(x.fma(s2, s1), DoubleVector.broadcast(sp, s0)).max(0.0);
      DoubleVector xi = DoubleVector.fromArray(sp, draws, off + j);
      DoubleVector nx = g.fma(vNegDt, x).add(var.sqrt().mul(scale).mul(xi));
      DoubleVector e = DoubleVector.fromArray(sp, exit, j);
      VectorMask<Double> in = e.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY);
      VectorMask<Double> toRight = nx.compare(VectorOperators.GE, right);
      VectorMask<Double> hit = in.and(toRight.or(nx.compare(VectorOperators.LE, left)));
      x.blend(nx, in).intoArray(theta, j);
      e.blend(c, hit).intoArray(exit, j);
      DoubleVector.fromArray(sp, side, j).blend(DoubleVector.broadcast(sp, -1.0).blend(1.0, toRight), hit)
          .intoArray(side, j);
    }
  }

  /** One Euler-Maruyama substep of the stable-driven SDE, stable numbers at {@code draws[off ..]}. */
  private void stablePass(int off, long count) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    double k = model.k();
    double q = model.q();
    double negDt = -model.dt();
    DoubleVector vNegDt = DoubleVector.broadcast(sp, negDt);
    double step = model.stableStep();
    double right = model.exitRight();
    double left = model.exitLeft();
    double c = count;
    for (int j = 0; j < width; j += sp.length()) {
      DoubleVector x = DoubleVector.fromArray(sp, theta, j);
      DoubleVector g = x.mul(k).mul(x.mul(x).fma(q, -1.0));
      DoubleVector z = DoubleVector.fromArray(sp, draws, off + j);
      DoubleVector nx = g.fma(vNegDt, x).add(z.mul(step));
      DoubleVector e = DoubleVector.fromArray(sp, exit, j);
      VectorMask<Double> in = e.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY);
      VectorMask<Double> toRight = nx.compare(VectorOperators.GE, right);
      VectorMask<Double> hit = in.and(toRight.or(nx.compare(VectorOperators.LE, left)));
      x.blend(nx, in).intoArray(theta, j);
      e.blend(c, hit).intoArray(exit, j);
      DoubleVector.fromArray(sp, side, j).blend(DoubleVector.broadcast(sp, -1.0).blend(1.0, toRight), hit)
          .intoArray(side, j);
    }
  }

  @Override
  public void snapshot(double[] out) {
    System.arraycopy(exit, 0, out, DoubleWellScalarBlock.EXIT * width, width);
    System.arraycopy(side, 0, out, DoubleWellScalarBlock.SIDE * width, width);
    for (int i = 0; i < width; i++) {
      out[DoubleWellScalarBlock.THETA * width + i] = Double.isNaN(theta[i]) ? Double.POSITIVE_INFINITY : theta[i];
    }
  }
}
