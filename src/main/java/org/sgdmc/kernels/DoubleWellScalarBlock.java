package org.sgdmc.kernels;

import org.sgdmc.models.DoubleWell;
import org.sgdmc.models.NoiseModel;
import org.sgdmc.rng.Draws;
import org.sgdmc.rng.StableShape;
import org.sgdmc.rng.Stream;

/**
 * The scalar twin of {@link DoubleWellVectorBlock}: one trajectory and one (sub)step at a time, every random number
 * fetched by its coordinates, the same IEEE operations in the same order, so the two agree bit for bit.
 *
 * <p>Substep k = t l + j (j = 0 .. l-1) of step t, from theta to theta':
 * <ul>
 *   <li>minibatch (l = 1): draws {@code t B + i} of {@link Stream#BATCH} pick the batch (with replacement);
 *       {@code theta' = fma(-lr, U'(theta) + fma(bbar, theta, abar), theta)}, abar and bbar the batch means of a and b
 *       summed in draw order;
 *   <li>gaussian: normal k of {@link Stream#NOISE};
 *       {@code theta' = fma(-dt, U'(theta), theta) + lr sqrt(1/(B l)) sqrt(max(Sigma(theta), 0)) xi};
 *   <li>stable: symmetric stable number k of {@link Stream#NOISE};
 *       {@code theta' = fma(-dt, U'(theta), theta) + epsilon dt^(1/alpha) Z};
 * </ul>
 * with {@code U'(theta) = (k theta) fma(theta theta, q, -1)} ({@link DoubleWell#gradient}) and
 * {@code Sigma(theta) = fma(theta, fma(S_bb, theta, 2 S_ab), S_aa)}. A trajectory still inside
 * {@code (exitLeft, exitRight)} moves; the first theta' at or past an exit is kept, with the substep count k + 1 as
 * its exit time and the side (+1 right, -1 left); from then on it is frozen. The stable draws are the only
 * transcendental functions, and they agree bit for bit between {@link Draws} and {@link org.sgdmc.rng.VectorDraws}.
 *
 * <p>Snapshot channels: {@link #EXIT} (the exit time in substeps, +infinity while inside: censored),
 * {@link #SIDE} (+1, -1, or 0 while inside) and {@link #THETA}.
 */
public final class DoubleWellScalarBlock implements StateBlock {
  public static final int EXIT = 0;
  public static final int SIDE = 1;
  public static final int THETA = 2;
  public static final int CHANNELS = 3;

  private final DoubleWell model;
  private final long seed;
  private final int width;
  private final double[] theta;
  private final double[] exit;
  private final double[] side;
  private final FiniteBatchSampler sampler;
  private final long[] batchBits;
  private final int[] picks;
  private final StableShape shape;
  private final double[] sig;
  private long traj0;

  public DoubleWellScalarBlock(DoubleWell model, long seed, int width) {
    this.model = model;
    this.seed = seed;
    this.width = width;
    this.theta = new double[width];
    this.exit = new double[width];
    this.side = new double[width];
    this.sampler = new FiniteBatchSampler(model.a().length, model.batch(), true);
    this.batchBits = new long[model.batch()];
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
    return CHANNELS;
  }

  @Override
  public void start(long traj0) {
    this.traj0 = traj0;
    java.util.Arrays.fill(theta, model.start());
    java.util.Arrays.fill(exit, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(side, 0.0);
  }

  @Override
  public void advance(long from, long to) {
    double k = model.k();
    double q = model.q();
    int l = model.substeps();
    for (int i = 0; i < width; i++) {
      long traj = traj0 + i;
      for (long t = from; t < to && exit[i] == Double.POSITIVE_INFINITY; t++) {
        for (int j = 0; j < l && exit[i] == Double.POSITIVE_INFINITY; j++) {
          long sub = t * l + j;
          double x = theta[i];
          double nx;
          switch (model.noise()) {
            case MINIBATCH -> {
              int bsz = model.batch();
              for (int m = 0; m < bsz; m++) {
                batchBits[m] = Draws.bits(seed, Stream.BATCH, traj, t * bsz + m);
              }
              sampler.pick(batchBits, 0, 1, picks);
              nx = sgdStep(k, q, x, batchMean(model.a(), picks, bsz), batchMean(model.b(), picks, bsz), -model.lr());
            }
            case GAUSSIAN -> nx = gaussianStep(k, q, x, -model.dt(), sig, model.gaussianScale(),
                Draws.normal(seed, Stream.NOISE, traj, sub));
            case STABLE -> nx = stableStep(k, q, x, -model.dt(), model.stableStep(),
                Draws.symmetricStable(seed, Stream.NOISE, traj, sub, shape));
            default -> throw new IllegalStateException(model.noise().toString());
          }
          theta[i] = nx;
          if (nx >= model.exitRight() || nx <= model.exitLeft()) {
            exit[i] = sub + 1;
            side[i] = nx >= model.exitRight() ? 1.0 : -1.0;
          }
        }
      }
    }
  }

  /** The batch mean of {@code v} over {@code picks[0 .. bsz-1]}, summed in draw order. */
  static double batchMean(double[] v, int[] picks, int bsz) {
    double s = 0;
    for (int m = 0; m < bsz; m++) {
      s += v[picks[m]];
    }
    return s / bsz;
  }

  /** One SGD step on the batch with means abar, bbar. */
  static double sgdStep(double k, double q, double x, double abar, double bbar, double negLr) {
    return Math.fma(negLr, DoubleWell.gradient(k, q, x) + Math.fma(bbar, x, abar), x);
  }

  /** One Euler-Maruyama substep with the state-dependent covariance. */
  static double gaussianStep(double k, double q, double x, double negDt, double[] sig, double scale, double xi) {
    double var = Math.max(Math.fma(x, Math.fma(sig[2], x, sig[1]), sig[0]), 0.0);
    return Math.fma(negDt, DoubleWell.gradient(k, q, x), x) + scale * Math.sqrt(var) * xi;
  }

  /** One Euler-Maruyama substep of the stable-driven SDE. */
  static double stableStep(double k, double q, double x, double negDt, double step, double z) {
    return Math.fma(negDt, DoubleWell.gradient(k, q, x), x) + step * z;
  }

  @Override
  public void snapshot(double[] out) {
    System.arraycopy(exit, 0, out, EXIT * width, width);
    System.arraycopy(side, 0, out, SIDE * width, width);
    for (int i = 0; i < width; i++) {
      out[THETA * width + i] = Double.isNaN(theta[i]) ? Double.POSITIVE_INFINITY : theta[i];
    }
  }
}
