package org.sgdmc.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdmc.models.Logistic1d;
import org.sgdmc.models.NoiseModel;
import org.sgdmc.models.PointGradients;
import org.sgdmc.models.Sampling;
import org.sgdmc.rng.VectorShapes;

/**
 * Reshuffling in logistic1d ({@code sde stationary --model logistic1d --sampling reshuffle}). With B = N an epoch is
 * one step over every point: the full gradient, which vanishes at theta*, so reshuffled SGD started there stays
 * there up to rounding (GD), while batches with replacement (the old code's only mode) repeat and miss points and
 * wander. With B = 1 the epoch's steps sum to the full gradient up to second order in lr: at the ends of epochs,
 * reshuffled SGD sits much closer to theta* than SGD with replacement does at any step.
 */
class Logistic1dReshuffleTest {
  private static final int N = 24;

  private static Logistic1d model(double lr, int batch, Sampling sampling) {
    PointGradients data = PointGradients.generated(PointGradients.Loss.LOGISTIC, N, 1, 1.0, 8);
    double[] x = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = data.x()[i][0];
    }
    return Logistic1d.of(lr, batch, x, data.y(), NoiseModel.MINIBATCH, 1, sampling);
  }

  /** theta - theta* of 128 trajectories after {@code steps} steps of the vector kernel (snapshot channel 1). */
  private static double[] offsets(Logistic1d m, long steps) {
    int width = 16 * VectorShapes.DOUBLES.length();
    double[] all = new double[128];
    double[] snap = new double[StationaryBlock.CHANNELS * width];
    for (int t0 = 0; t0 < all.length; t0 += width) {
      Logistic1dVectorBlock block = new Logistic1dVectorBlock(m, 41, width);
      block.start(t0);
      block.advance(0, steps / 2);
      block.advance(steps / 2, steps);
      block.snapshot(snap);
      for (int i = 0; i < width && t0 + i < all.length; i++) {
        all[t0 + i] = snap[width + i];
      }
    }
    return all;
  }

  private static double meanSquare(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return s / v.length;
  }

  @Test
  void aBatchOfAllPointsReshuffledIsGradientDescent() {
    for (double u : offsets(model(0.8, N, Sampling.RESHUFFLE), 300)) {
      assertEquals(0, u, 1e-12, "reshuffled at B = N");
    }
    double spread = Math.sqrt(meanSquare(offsets(model(0.8, N, Sampling.WITH_REPLACEMENT), 300)));
    assertTrue(spread > 1e-3, "with replacement at B = N: rms offset " + spread);
  }

  /**
   * B = 1, lr 0.2, after 40 epochs: the mean square offset at the epoch's end is below a tenth of the one with
   * replacement (measured: 9.9e-4 against 0.19, about 1/190); 128 trajectories each, so the sampling error of
   * either mean square is some 10-20 per cent, far inside the margin.
   */
  @Test
  void batchesOfOneEndEachEpochNearTheMinimum() {
    long steps = 40L * N;
    double reshuffled = meanSquare(offsets(model(0.2, 1, Sampling.RESHUFFLE), steps));
    double with = meanSquare(offsets(model(0.2, 1, Sampling.WITH_REPLACEMENT), steps));
    assertTrue(reshuffled < with / 10, "E u^2 reshuffled " + reshuffled + ", with replacement " + with);
  }
}
