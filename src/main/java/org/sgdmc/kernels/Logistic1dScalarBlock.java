package org.sgdmc.kernels;

import org.sgdmc.models.Logistic1d;
import org.sgdmc.models.NoiseModel;
import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;
import org.sgdmc.rng.Transcendentals;

/**
 * The scalar twin of {@link Logistic1dVectorBlock}: one trajectory and one step at a time, every random number
 * fetched by its coordinates, the same IEEE operations in the same order, so the two agree bit for bit.
 *
 * <p>Minibatch: draw {@code t B + j} of {@link Stream#BATCH} picks point j of step t's batch (with or without
 * replacement, {@link FiniteBatchSampler}), or shuffles position t B + j of the epoch's permutation (reshuffled,
 * {@link FiniteBatchSampler#reshuffledBatch}); {@code theta <- fma(-lr, (sum_j c_j s(c_j theta)) / B, theta)}. Gaussian (Euler-Maruyama
 * of seed 004's SDE, l substeps of dt = h = lr/l): normal {@code t l + j} of {@link Stream#NOISE} drives substep j,
 * {@code theta <- fma(-h, L'(theta), theta) + lr sqrt(1/(B l)) sqrt(Sigma(theta)) xi} with L' and Sigma the exact
 * sums over the n points ({@code Sigma = max(sum g^2 / n - L'^2, 0)}, the squares summed by fma). Snapshots: |theta -
 * theta*|, theta - theta*, and 0 for the log-factor channel (the recursion is not affine: there is no factor
 * product).
 */
public final class Logistic1dScalarBlock implements StationaryBlock {
  private final Logistic1d model;
  private final long seed;
  private final int width;
  private final double[] theta;
  private final double[] c;
  private final FiniteBatchSampler sampler;
  private final long[] batchBits;
  private final int[] picks;
  private long traj0;

  public Logistic1dScalarBlock(Logistic1d model, long seed, int width) {
    this.model = model;
    this.seed = seed;
    this.width = width;
    this.theta = new double[width];
    this.c = model.c();
    this.sampler = new FiniteBatchSampler(c.length, model.batch(), model.sampling().withReplacement());
    this.batchBits = new long[model.batch()];
    this.picks = new int[model.batch()];
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
    for (int i = 0; i < width; i++) {
      long traj = traj0 + i;
      for (long t = from; t < to; t++) {
        if (model.noise() == NoiseModel.MINIBATCH) {
          int b = model.batch();
          if (model.reshuffled()) { // batch t mod K of the epoch's permutation, rebuilt from scratch (the reference)
            FiniteBatchSampler.reshuffledBatch(seed, traj, t, c.length, b, picks);
          } else {
            for (int j = 0; j < b; j++) {
              batchBits[j] = Draws.bits(seed, Stream.BATCH, traj, t * b + j);
            }
            sampler.pick(batchBits, 0, 1, picks);
          }
          theta[i] = minibatchStep(c, picks, b, theta[i], -model.lr());
        } else {
          int l = model.substeps();
          for (int j = 0; j < l; j++) {
            double xi = Draws.normal(seed, Stream.NOISE, traj, t * l + j);
            theta[i] = eulerStep(c, theta[i], -(model.lr() / l), noiseScale(model), xi);
          }
        }
      }
    }
  }

  /** {@code lr sqrt(f / l)}. */
  static double noiseScale(Logistic1d m) {
    return m.lr() * Math.sqrt(m.samplingFactor() / m.substeps());
  }

  /** One SGD step on the points {@code picks[0 .. b-1]}, summed in draw order. */
  static double minibatchStep(double[] c, int[] picks, int b, double theta, double negLr) {
    double sum = 0;
    for (int j = 0; j < b; j++) {
      double cj = c[picks[j]];
      sum += cj * Transcendentals.sigmoid(cj * theta);
    }
    return Math.fma(negLr, sum / b, theta);
  }

  /** One Euler-Maruyama substep. */
  static double eulerStep(double[] c, double theta, double negH, double scale, double xi) {
    double sum = 0;
    double sumSq = 0;
    for (double ci : c) {
      double g = ci * Transcendentals.sigmoid(ci * theta);
      sum += g;
      sumSq = Math.fma(g, g, sumSq);
    }
    double n = c.length;
    double mean = sum / n;
    double var = Math.max(sumSq / n - mean * mean, 0.0);
    return Math.fma(negH, mean, theta) + scale * Math.sqrt(var) * xi;
  }

  @Override
  public void snapshot(double[] out) {
    snapshot(theta, model.thetaStar(), out);
  }

  static void snapshot(double[] theta, double thetaStar, double[] out) {
    int w = theta.length;
    for (int i = 0; i < w; i++) {
      double d = theta[i] - thetaStar;
      double v = Double.isFinite(d) ? d : Double.POSITIVE_INFINITY;
      out[StationaryBlock.NORM * w + i] = Math.abs(v);
      out[StationaryBlock.COORDINATE * w + i] = v;
      out[StationaryBlock.LOG_FACTOR * w + i] = 0.0;
    }
  }
}
