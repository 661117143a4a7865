package org.sgdmc.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.sgdmc.models.NoiseModel;
import org.sgdmc.models.TwoBasin;
import org.sgdmc.rng.StableShape;
import org.sgdmc.rng.Stream;
import org.sgdmc.rng.VectorDraws;
import org.sgdmc.rng.VectorShapes;

/**
 * The vectorised kernel of {@link TwoBasin}: trajectories across lanes, steps in segments whose random numbers are
 * filled for the whole block at once; each substep is one array pass over the block ({@link #pass}): the gradient
 * with the side's coefficients blended by {@code x >= 0}, the new (x, y) from the noise increments already in
 * {@code nzx, nzy}, and the exit test as masks. Minibatch steps first gather each lane's batch means (a scalar loop
 * per lane: the batches differ). {@link TwoBasinScalarBlock} is its scalar twin, equal bit for bit. Once every lane
 * has exited, {@link #advance} returns at once.
 */
public final class TwoBasinVectorBlock implements StateBlock {
  static final int DRAWS_PER_SEGMENT = 48;

  private final TwoBasin model;
  private final long seed;
  private final int width;
  private final double[] x;
  private final double[] y;
  private final double[] exit;
  private final double[] side;
  private final double[] axbar;
  private final double[] aybar;
  private final double[] bbar;
  private final FiniteBatchSampler sampler;
  private final int stepsPerSegment;
  private final long[] bits;
  private final double[] draws;
  private final int[] picks;
  private final StableShape shape;
  private final double[] left;
  private final double[] right;
  private int alive;
  private long traj0;

  public TwoBasinVectorBlock(TwoBasin model, long seed, int width) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    if (width <= 0 || width % sp.length() != 0) {
      throw new IllegalArgumentException("block width " + width + " must be a positive multiple of " + sp.length());
    }
    this.model = model;
    this.seed = seed;
    this.width = width;
    this.x = new double[width];
    this.y = new double[width];
    this.exit = new double[width];
    this.side = new double[width];
    this.axbar = new double[width];
    this.aybar = new double[width];
    this.bbar = new double[width];
    this.sampler = new FiniteBatchSampler(model.ax().length, model.batch(), true);
    int perStep = switch (model.noise()) {
      case MINIBATCH -> model.batch();
      case GAUSSIAN -> 3 * model.substeps();
      default -> 2 * model.substeps();
    };
    this.stepsPerSegment = Math.max(1, DRAWS_PER_SEGMENT / perStep);
    int rows = 2 * (stepsPerSegment * perStep + 2);
    this.bits = new long[rows * width];
    this.draws = new double[rows * width];
    this.picks = new int[model.batch()];
    this.shape = model.noise() == NoiseModel.STABLE ? StableShape.of(model.alpha()) : null;
    this.left = model.sideCoefficients(false);
    this.right = model.sideCoefficients(true);
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int channels() {
    return TwoBasinScalarBlock.CHANNELS;
  }

  @Override
  public void start(long traj0) {
    this.traj0 = traj0;
    java.util.Arrays.fill(x, model.start());
    java.util.Arrays.fill(y, 0.0);
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
          long k0 = 3 * t * l;
          long block0 = k0 >>> 1;
          long block1 = (k0 + 3L * n * l + 1) >>> 1;
          VectorDraws.normals(seed, Stream.NOISE.id, traj0, width, block0, (int) (block1 - block0), bits, draws);
          int row0 = (int) (k0 - 2 * block0);
          for (int s = 0; s < n * l; s++) {
            gaussianPass((row0 + 3 * s) * width, t * l + s + 1);
          }
        }
        case STABLE -> {
          VectorDraws.symmetricStables(seed, Stream.NOISE.id, traj0, width, 2 * t * l, 2 * n * l, shape, bits, draws);
          for (int s = 0; s < n * l; s++) {
            stablePass(2 * s * width, t * l + s + 1);
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
    for (int t = 0; t < steps; t++) {
      for (int j = 0; j < width; j++) {
        sampler.pick(bits, (row0 + t * b) * width + j, width, picks);
        axbar[j] = DoubleWellScalarBlock.batchMean(model.ax(), picks, b);
        aybar[j] = DoubleWellScalarBlock.batchMean(model.ay(), picks, b);
        bbar[j] = DoubleWellScalarBlock.batchMean(model.b(), picks, b);
      }
      sgdPass(t0 + t + 1);
    }
  }

  /** One SGD step over the block from the batch means; {@code count}: the exit time if it exits. */
  private void sgdPass(long count) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    double kappa = model.kappa();
    double cy = model.cy();
    double rho = model.rho();
    double cyr = cy * rho;
    DoubleVector negLr = DoubleVector.broadcast(sp, -model.lr());
    double lo = model.exitLow();
    double hi = model.exitHigh();
    double ye = model.yExit();
    double sideLo = model.sideLow();
    double sideHi = model.sideHigh();
    double c = count;
    for (int j = 0; j < width; j += sp.length()) {
      DoubleVector px = DoubleVector.fromArray(sp, x, j);
      DoubleVector py = DoubleVector.fromArray(sp, y, j);
      VectorMask<Double> pos = px.compare(VectorOperators.GE, 0.0);
      DoubleVector c2 = DoubleVector.broadcast(sp, left[0]).blend(right[0], pos);
      DoubleVector c3 = DoubleVector.broadcast(sp, left[1]).blend(right[1], pos);
      DoubleVector fp = px.mul(px.fma(c3.fma(px, c2), DoubleVector.broadcast(sp, -kappa)));
      DoubleVector gx = px.mul(cyr).fma(py.mul(py), fp);
      DoubleVector gy = px.mul(rho).fma(px, DoubleVector.broadcast(sp, 1.0)).mul(cy).mul(py);
      DoubleVector bb = DoubleVector.fromArray(sp, bbar, j);
      DoubleVector nx = gx.add(bb.fma(px, DoubleVector.fromArray(sp, axbar, j))).fma(negLr, px);
      DoubleVector ny = gy.add(bb.fma(py, DoubleVector.fromArray(sp, aybar, j))).fma(negLr, py);
      DoubleVector e = DoubleVector.fromArray(sp, exit, j);
      VectorMask<Double> in = e.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY);
      VectorMask<Double> low = nx.compare(VectorOperators.LE, lo);
      VectorMask<Double> high = nx.compare(VectorOperators.GE, hi);
      VectorMask<Double> hit = in.and(low.or(high).or(ny.abs().compare(VectorOperators.GE, ye)));
      px.blend(nx, in).intoArray(x, j);
      py.blend(ny, in).intoArray(y, j);
      e.blend(c, hit).intoArray(exit, j);
      DoubleVector s = DoubleVector.broadcast(sp, -1.0).blend(sideLo, low).blend(sideHi, high);
      DoubleVector.fromArray(sp, side, j).blend(s, hit).intoArray(side, j);
    }
  }

  /** One Euler-Maruyama substep, normals xi1, xi2, xi3 in the rows at {@code off}, {@code off + width}, ... */
  private void gaussianPass(int off, long count) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    double kappa = model.kappa();
    double cy = model.cy();
    double rho = model.rho();
    double cyr = cy * rho;
    DoubleVector negDt = DoubleVector.broadcast(sp, -model.dt());
    double scale = model.gaussianScale();
    double sa = model.sa();
    double sb = model.sb();
    double lo = model.exitLow();
    double hi = model.exitHigh();
    double ye = model.yExit();
    double sideLo = model.sideLow();
    double sideHi = model.sideHigh();
    double c = count;
    for (int j = 0; j < width; j += sp.length()) {
      DoubleVector px = DoubleVector.fromArray(sp, x, j);
      DoubleVector py = DoubleVector.fromArray(sp, y, j);
      VectorMask<Double> pos = px.compare(VectorOperators.GE, 0.0);
      DoubleVector c2 = DoubleVector.broadcast(sp, left[0]).blend(right[0], pos);
      DoubleVector c3 = DoubleVector.broadcast(sp, left[1]).blend(right[1], pos);
      DoubleVector fp = px.mul(px.fma(c3.fma(px, c2), DoubleVector.broadcast(sp, -kappa)));
      DoubleVector gx = px.mul(cyr).fma(py.mul(py), fp);
      DoubleVector gy = px.mul(rho).fma(px, DoubleVector.broadcast(sp, 1.0)).mul(cy).mul(py);
      DoubleVector xi1 = DoubleVector.fromArray(sp, draws, off + j);
      DoubleVector xi2 = DoubleVector.fromArray(sp, draws, off + width + j);
      DoubleVector xi3 = DoubleVector.fromArray(sp, draws, off + 2 * width + j);
      DoubleVector nx = gx.fma(negDt, px).add(px.mul(sb).fma(xi3, xi1.mul(sa)).mul(scale));
      DoubleVector ny = gy.fma(negDt, py).add(py.mul(sb).fma(xi3, xi2.mul(sa)).mul(scale));
      DoubleVector e = DoubleVector.fromArray(sp, exit, j);
      VectorMask<Double> in = e.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY);
      VectorMask<Double> low = nx.compare(VectorOperators.LE, lo);
      VectorMask<Double> high = nx.compare(VectorOperators.GE, hi);
      VectorMask<Double> hit = in.and(low.or(high).or(ny.abs().compare(VectorOperators.GE, ye)));
      px.blend(nx, in).intoArray(x, j);
      py.blend(ny, in).intoArray(y, j);
      e.blend(c, hit).intoArray(exit, j);
      DoubleVector s = DoubleVector.broadcast(sp, -1.0).blend(sideLo, low).blend(sideHi, high);
      DoubleVector.fromArray(sp, side, j).blend(s, hit).intoArray(side, j);
    }
  }

  /** One Euler-Maruyama substep of the stable-driven SDE, Z1 and Z2 in the rows at {@code off}, {@code off + width}. */
  private void stablePass(int off, long count) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    double kappa = model.kappa();
    double cy = model.cy();
    double rho = model.rho();
    double cyr = cy * rho;
    DoubleVector negDt = DoubleVector.broadcast(sp, -model.dt());
    double step = model.stableStep();
    double lo = model.exitLow();
    double hi = model.exitHigh();
    double ye = model.yExit();
    double sideLo = model.sideLow();
    double sideHi = model.sideHigh();
    double c = count;
    for (int j = 0; j < width; j += sp.length()) {
      DoubleVector px = DoubleVector.fromArray(sp, x, j);
      DoubleVector py = DoubleVector.fromArray(sp, y, j);
      VectorMask<Double> pos = px.compare(VectorOperators.GE, 0.0);
      DoubleVector c2 = DoubleVector.broadcast(sp, left[0]).blend(right[0], pos);
      DoubleVector c3 = DoubleVector.broadcast(sp, left[1]).blend(right[1], pos);
      DoubleVector fp = px.mul(px.fma(c3.fma(px, c2), DoubleVector.broadcast(sp, -kappa)));
      DoubleVector gx = px.mul(cyr).fma(py.mul(py), fp);
      DoubleVector gy = px.mul(rho).fma(px, DoubleVector.broadcast(sp, 1.0)).mul(cy).mul(py);
      DoubleVector nx = gx.fma(negDt, px).add(DoubleVector.fromArray(sp, draws, off + j).mul(step));
      DoubleVector ny = gy.fma(negDt, py).add(DoubleVector.fromArray(sp, draws, off + width + j).mul(step));
      DoubleVector e = DoubleVector.fromArray(sp, exit, j);
      VectorMask<Double> in = e.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY);
      VectorMask<Double> low = nx.compare(VectorOperators.LE, lo);
      VectorMask<Double> high = nx.compare(VectorOperators.GE, hi);
      VectorMask<Double> hit = in.and(low.or(high).or(ny.abs().compare(VectorOperators.GE, ye)));
      px.blend(nx, in).intoArray(x, j);
      py.blend(ny, in).intoArray(y, j);
      e.blend(c, hit).intoArray(exit, j);
      DoubleVector s = DoubleVector.broadcast(sp, -1.0).blend(sideLo, low).blend(sideHi, high);
      DoubleVector.fromArray(sp, side, j).blend(s, hit).intoArray(side, j);
    }
  }

  @Override
  public void snapshot(double[] out) {
    System.arraycopy(exit, 0, out, TwoBasinScalarBlock.EXIT * width, width);
    System.arraycopy(side, 0, out, TwoBasinScalarBlock.SIDE * width, width);
    for (int i = 0; i < width; i++) {
      out[TwoBasinScalarBlock.X * width + i] = Double.isNaN(x[i]) ? Double.POSITIVE_INFINITY : x[i];
      out[TwoBasinScalarBlock.Y * width + i] = Double.isNaN(y[i]) ? Double.POSITIVE_INFINITY : y[i];
    }
  }
}
