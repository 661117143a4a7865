package org.sgdmc.kernels;

import org.sgdmc.models.Saddle;
import org.sgdmc.models.SaddleData;
import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;

/**
 * The scalar twin of {@link SaddleVectorBlock}, written for clarity: one trajectory, one step at a time,
 * every random number fetched by its coordinates. It performs the same IEEE operations in the same order,
 * so the two agree bit for bit; it is the reference, not the workhorse.
 *
 * <p>The random numbers of batch element j of step t, with {@code e = t S + j}:
 *
 * <ul>
 *   <li>Gaussian data: {@code x = } normal {@code 2e} and {@code eps / 2 = } normal {@code 2e + 1} of stream
 *       {@link Stream#DATA} (one Box-Muller pair, so one Philox block, per element); {@code chi = x * fma(mu,
 *       x, (2 (1 - mu)) (eps / 2))}, i.e. {@code x (mu x + (1 - mu) eps)};
 *   <li>two-point data: 64-bit draw {@code e} of stream {@link Stream#DATA}: chi = a if its top bit is set
 *       (the uniform it makes is &gt;= 1/2), else 1;
 *   <li>finite data: point index from draw {@code e} of stream {@link Stream#BATCH}, as for linreg1d
 *       ({@link FiniteBatchSampler}).
 * </ul>
 *
 * The batch mean {@code chib} is the sum in draw order divided by S; then {@code h *= fma(chib, lr, 1)} and
 * {@code m *= fma(chib, -lr, 1)}, each factor rounded once.
 */
public final class SaddleScalarBlock implements TrajectoryBlock {
  private final Saddle model;
  private final long seed;
  private final int width;
  private final Distances h;
  private final Distances m;
  private final double[] chi; // chi_i of a finite dataset, null otherwise
  private long traj0;

  public SaddleScalarBlock(Saddle model, long seed, int width) {
    this.model = model;
    this.seed = seed;
    this.width = width;
    this.h = new Distances(width);
    this.m = new Distances(width);
    this.chi = model.data() instanceof SaddleData.Finite f ? f.chi() : null;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int observables() {
    return 2;
  }

  @Override
  public void start(long traj0) {
    this.traj0 = traj0;
    h.reset(model.h0());
    m.reset(model.m0());
  }

  @Override
  public void advance(long from, long to) {
    int interval = model.renormalisationInterval();
    double lr = model.lr();
    for (int i = 0; i < width; i++) {
      for (long t = from; t < to; t++) {
        double c = batchMeanChi(traj0 + i, t);
        h.mant[i] *= Math.fma(c, lr, 1.0); // 1 + lr chib, rounded once
        m.mant[i] *= Math.fma(c, -lr, 1.0); // 1 - lr chib, rounded once
        if ((t - from + 1) % interval == 0) {
          LogScaled.renormalise(h.mant, h.exp, i);
          LogScaled.renormalise(m.mant, m.exp, i);
        }
      }
      LogScaled.renormalise(h.mant, h.exp, i);
      LogScaled.renormalise(m.mant, m.exp, i);
    }
  }

  /** chib_t of one trajectory: the batch mean of chi, summed in draw order. */
  double batchMeanChi(long traj, long t) {
    int s = model.batch();
    long e0 = t * s;
    double sum = 0;
    switch (model.data()) {
      case SaddleData.Gaussian g -> {
        double mu = g.mu();
        double noise = SaddleData.Gaussian.NOISE_SD * (1.0 - mu);
        for (int j = 0; j < s; j++) {
          long e = e0 + j;
          double x = Draws.normal(seed, Stream.DATA, traj, 2 * e);
          double z = Draws.normal(seed, Stream.DATA, traj, 2 * e + 1);
          sum += x * Math.fma(mu, x, noise * z);
        }
      }
      case SaddleData.TwoPoint p -> {
        for (int j = 0; j < s; j++) {
          sum += Draws.bits(seed, Stream.DATA, traj, e0 + j) < 0 ? p.a() : 1.0;
        }
      }
      case SaddleData.Finite f -> {
        int n = chi.length;
        if (model.reshuffled()) { // batch b = t mod K of the epoch's permutation (FiniteBatchSampler)
          int[] chosen = new int[s];
          FiniteBatchSampler.reshuffledBatch(seed, traj, t, n, s, chosen);
          for (int j = 0; j < s; j++) {
            sum += chi[chosen[j]];
          }
        } else if (model.withReplacement()) {
          for (int j = 0; j < s; j++) {
            sum += chi[(int) Draws.index(Draws.bits(seed, Stream.BATCH, traj, e0 + j), n)];
          }
        } else {
          int[] chosen = new int[s];
          for (int j = 0; j < s; j++) { // Floyd's algorithm: a uniform s-subset from exactly s draws
            int bound = n - s + j;
            int pick = (int) Draws.index(Draws.bits(seed, Stream.BATCH, traj, e0 + j), bound + 1L);
            for (int k = 0; k < j; k++) {
              if (chosen[k] == pick) {
                pick = bound;
                break;
              }
            }
            chosen[j] = pick;
            sum += chi[pick];
          }
        }
      }
    }
    return sum / s;
  }

  /**
   * The same trajectory run on (w, u) themselves, eq. (66) as written, {@code w <- w + lr chib u}, {@code u <-
   * u + lr chib w} (both from the old values), in plain doubles: {@code {w_t, u_t}} for t = 0..steps. It
   * shares every chib with the block, so it checks the factorisation into h and m; it overflows where the
   * distances leave the double range, so it is for short runs only.
   */
  public double[][] weights(long traj, long steps) {
    double[] w = new double[(int) steps + 1];
    double[] u = new double[(int) steps + 1];
    w[0] = model.w0();
    u[0] = model.u0();
    double lr = model.lr();
    for (int t = 0; t < steps; t++) {
      double g = lr * batchMeanChi(traj, t);
      w[t + 1] = w[t] + g * u[t];
      u[t + 1] = u[t] + g * w[t];
    }
    return new double[][] {w, u};
  }

  @Override
  public void logDistance(double[] out) {
    h.logs(out);
  }

  @Override
  public void logDistance(int which, double[] out) {
    switch (which) {
      case Saddle.OBSERVABLE_H -> h.logs(out);
      case Saddle.OBSERVABLE_M -> m.logs(out);
      default -> throw new IndexOutOfBoundsException("observable " + which + " of the saddle's 2");
    }
  }
}
