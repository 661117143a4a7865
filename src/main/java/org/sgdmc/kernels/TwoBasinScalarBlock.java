package org.sgdmc.kernels;

import org.sgdmc.models.NoiseModel;
import org.sgdmc.models.TwoBasin;
import org.sgdmc.rng.Draws;
import org.sgdmc.rng.StableShape;
import org.sgdmc.rng.Stream;

/**
 * The scalar twin of {@link TwoBasinVectorBlock}: one trajectory and one (sub)step at a time, every random number
 * fetched by its coordinates, the same IEEE operations in the same order, so the two agree bit for bit.
 *
 * <p>Substep k = t l + j of step t, from (x, y), with {@code gx = fma(cy rho x, y y, f'(x))},
 * {@code gy = (cy fma(rho x, x, 1)) y}, f' by {@link TwoBasin#fPrime(double, double, double, double)} with the
 * coefficients of the side {@code x >= 0}:
 * <ul>
 *   <li>minibatch (l = 1): draws {@code t B + i} of {@link Stream#BATCH} pick the batch (with replacement), the
 *       batch means of ax, ay, b summed in draw order; {@code x' = fma(-lr, gx + fma(bbar, x, axbar), x)}, the same
 *       for y;
 *   <li>gaussian: normals 3k, 3k+1, 3k+2 of {@link Stream#NOISE};
 *       {@code x' = fma(-dt, gx, x) + scale fma(sb x, xi3, sa xi1)}, {@code y' = fma(-dt, gy, y) + scale
 *       fma(sb y, xi3, sa xi2)}, scale = {@link TwoBasin#gaussianScale};
 *   <li>stable: symmetric stable numbers 2k, 2k+1 of {@link Stream#NOISE}; {@code x' = fma(-dt, gx, x) + step Z1}.
 * </ul>
 * A trajectory still inside moves; the first (x', y') with {@code x' <= exitLow}, {@code x' >= exitHigh} or
 * {@code |y'| >= yExit} is kept, with the substep count k + 1 as its exit time and its side (+1: crossed into the
 * other basin; -1: outwards); then it is frozen. The stable draws are the only transcendental functions, and they
 * agree bit for bit between {@link Draws} and {@link org.sgdmc.rng.VectorDraws}.
 *
 * <p>Channels: {@link #EXIT} (substeps, +infinity while inside), {@link #SIDE} (0 while inside), {@link #X},
 * {@link #Y}.
 */
public final class TwoBasinScalarBlock implements StateBlock {
  public static final int EXIT = 0;
  public static final int SIDE = 1;
  public static final int X = 2;
  public static final int Y = 3;
  public static final int CHANNELS = 4;

  private final TwoBasin model;
  private final long seed;
  private final int width;
  private final double[] x;
  private final double[] y;
  private final double[] exit;
  private final double[] side;
  private final FiniteBatchSampler sampler;
  private final long[] batchBits;
  private final int[] picks;
  private final StableShape shape;
  private final double[] left;
  private final double[] right;
  private long traj0;

  public TwoBasinScalarBlock(TwoBasin model, long seed, int width) {
    this.model = model;
    this.seed = seed;
    this.width = width;
    this.x = new double[width];
    this.y = new double[width];
    this.exit = new double[width];
    this.side = new double[width];
    this.sampler = new FiniteBatchSampler(model.ax().length, model.batch(), true);
    this.batchBits = new long[model.batch()];
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
    return CHANNELS;
  }

  @Override
  public void start(long traj0) {
    this.traj0 = traj0;
    java.util.Arrays.fill(x, model.start());
    java.util.Arrays.fill(y, 0.0);
    java.util.Arrays.fill(exit, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(side, 0.0);
  }

  @Override
  public void advance(long from, long to) {
    int l = model.substeps();
    double negDt = -model.dt();
    double cyr = model.cy() * model.rho();
    double sa = model.sa();
    double sb = model.sb();
    for (int i = 0; i < width; i++) {
      long traj = traj0 + i;
      for (long t = from; t < to && exit[i] == Double.POSITIVE_INFINITY; t++) {
        for (int j = 0; j < l && exit[i] == Double.POSITIVE_INFINITY; j++) {
          long sub = t * l + j;
          double px = x[i];
          double py = y[i];
          double[] c = px >= 0 ? right : left;
          double gx = Math.fma(cyr * px, py * py, TwoBasin.fPrime(px, c[0], c[1], model.kappa()));
          double gy = (model.cy() * Math.fma(model.rho() * px, px, 1.0)) * py;
          double nx;
          double ny;
          switch (model.noise()) {
            case MINIBATCH -> {
              int bsz = model.batch();
              for (int m = 0; m < bsz; m++) {
                batchBits[m] = Draws.bits(seed, Stream.BATCH, traj, t * bsz + m);
              }
              sampler.pick(batchBits, 0, 1, picks);
              double bbar = DoubleWellScalarBlock.batchMean(model.b(), picks, bsz);
              double negLr = -model.lr();
              nx = Math.fma(negLr, gx + Math.fma(bbar, px, DoubleWellScalarBlock.batchMean(model.ax(), picks, bsz)),
                  px);
              ny = Math.fma(negLr, gy + Math.fma(bbar, py, DoubleWellScalarBlock.batchMean(model.ay(), picks, bsz)),
                  py);
            }
            case GAUSSIAN -> {
              double xi1 = Draws.normal(seed, Stream.NOISE, traj, 3 * sub);
              double xi2 = Draws.normal(seed, Stream.NOISE, traj, 3 * sub + 1);
              double xi3 = Draws.normal(seed, Stream.NOISE, traj, 3 * sub + 2);
              double scale = model.gaussianScale();
              nx = Math.fma(negDt, gx, px) + scale * Math.fma(sb * px, xi3, sa * xi1);
              ny = Math.fma(negDt, gy, py) + scale * Math.fma(sb * py, xi3, sa * xi2);
            }
            case STABLE -> {
              double step = model.stableStep();
              nx = Math.fma(negDt, gx, px) + step * Draws.symmetricStable(seed, Stream.NOISE, traj, 2 * sub, shape);
              ny = Math.fma(negDt, gy, py) + step * Draws.symmetricStable(seed, Stream.NOISE, traj, 2 * sub + 1, shape);
            }
            default -> throw new IllegalStateException(model.noise().toString());
          }
          x[i] = nx;
          y[i] = ny;
          boolean low = nx <= model.exitLow();
          boolean high = nx >= model.exitHigh();
          if (low || high || Math.abs(ny) >= model.yExit()) {
            exit[i] = sub + 1;
            side[i] = high ? model.sideHigh() : low ? model.sideLow() : -1.0;
          }
        }
      }
    }
  }

  @Override
  public void snapshot(double[] out) {
    System.arraycopy(exit, 0, out, EXIT * width, width);
    System.arraycopy(side, 0, out, SIDE * width, width);
    for (int i = 0; i < width; i++) {
      out[X * width + i] = Double.isNaN(x[i]) ? Double.POSITIVE_INFINITY : x[i];
      out[Y * width + i] = Double.isNaN(y[i]) ? Double.POSITIVE_INFINITY : y[i];
    }
  }
}
