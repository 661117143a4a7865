package org.sgdmc.kernels;

import org.sgdmc.models.Activation;
import org.sgdmc.models.TwoLayerNet;
import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;

/**
 * The scalar twin of {@link TwoLayerNetVectorBlock}, written for clarity: one trajectory, one step at a
 * time, every random number fetched by its coordinates, the activation from {@link Activation}. The same
 * IEEE operations in the same order, so the two agree bit for bit; it is the reference, not the workhorse.
 */
public final class TwoLayerNetScalarBlock implements StateBlock {
  private final TwoLayerNet model;
  private final long seed;
  private final int width;
  private final double[] u;
  private final double[] w;
  private final double[] divergedAt;
  private long traj0;

  public TwoLayerNetScalarBlock(TwoLayerNet model, long seed, int width) {
    this.model = model;
    this.seed = seed;
    this.width = width;
    this.u = new double[width];
    this.w = new double[width];
    this.divergedAt = new double[width];
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int channels() {
    return TwoLayerNetVectorBlock.CHANNELS;
  }

  @Override
  public void start(long traj0) {
    this.traj0 = traj0;
    double noise = model.initNoise();
    for (int i = 0; i < width; i++) {
      u[i] = model.u0();
      w[i] = model.w0();
      if (noise > 0) {
        u[i] = Math.fma(Draws.normal(seed, Stream.INIT, traj0 + i, 0), noise, u[i]);
        w[i] = Math.fma(Draws.normal(seed, Stream.INIT, traj0 + i, 1), noise, w[i]);
      }
      divergedAt[i] = -1.0;
    }
  }

  @Override
  public void advance(long from, long to) {
    Activation act = model.activation();
    int s = model.batch();
    double lrOverS = model.lr() / s;
    double bound = model.divergedAbove();
    int[] picks = new int[s];
    for (int i = 0; i < width; i++) {
      for (long t = from; t < to && divergedAt[i] < 0; t++) {
        batchIndices(traj0 + i, t, picks);
        double gu = 0.0, gw = 0.0;
        for (int d = 0; d < s; d++) {
          double x = model.data().x(picks[d]), y = model.data().y(picks[d]);
          double z = w[i] * x;
          double a = act.value(z);
          double slope = act.slope(z);
          double r = Math.fma(u[i], a, -y); // u a - y
          gu = Math.fma(r, a, gu);
          gw = Math.fma(r * slope, x, gw);
        }
        double un = Math.fma(gu, -lrOverS, u[i]);
        double wn = Math.fma(u[i] * gw, -lrOverS, w[i]);
        if (Math.abs(un) <= bound && Math.abs(wn) <= bound) {
          u[i] = un;
          w[i] = wn;
        } else {
          divergedAt[i] = t + 1; // frozen at its last good state
        }
      }
    }
  }

  /**
   * The batch of step t: draws t S .. t S + S - 1 of stream BATCH, with or without replacement (Floyd), or
   * batch t mod K of the epoch's permutation when reshuffling (rebuilt from scratch: the reference).
   */
  void batchIndices(long traj, long t, int[] out) {
    int s = out.length;
    int n = model.data().size();
    if (model.reshuffled()) {
      FiniteBatchSampler.reshuffledBatch(seed, traj, t, n, s, out);
      return;
    }
    long k0 = t * s;
    for (int j = 0; j < s; j++) {
      long bits = Draws.bits(seed, Stream.BATCH, traj, k0 + j);
      if (model.withReplacement()) {
        out[j] = (int) Draws.index(bits, n);
        continue;
      }
      int bound = n - s + j;
      int pick = (int) Draws.index(bits, bound + 1L);
      for (int m = 0; m < j; m++) {
        if (out[m] == pick) {
          pick = bound;
          break;
        }
      }
      out[j] = pick;
    }
  }

  @Override
  public void snapshot(double[] out) {
    System.arraycopy(u, 0, out, 0, width);
    System.arraycopy(w, 0, out, width, width);
    System.arraycopy(divergedAt, 0, out, 2 * width, width);
  }
}
