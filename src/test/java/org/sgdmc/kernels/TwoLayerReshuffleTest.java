package org.sgdmc.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdmc.models.Activation;
import org.sgdmc.models.Datasets;
import org.sgdmc.models.RegressionData;
import org.sgdmc.models.Sampling;
import org.sgdmc.models.TwoLayerNet;
import org.sgdmc.rng.VectorShapes;
import org.sgdmc.theory.Estimate;
import org.sgdmc.theory.TwoLayerTheory;

/**
 * Reshuffling in the two-layer nets ({@code simulate tanh2 | swish2 --sampling reshuffle}). Near the saddle C
 * the tanh net is linear: a step multiplies h = w + u by {@code 1 + lr chi_i} and m = w - u by
 * {@code 1 - lr chi_i} (chi_i = x_i y_i for a batch of one point i). With S = 1 every epoch uses every point once,
 * so after whole epochs each trajectory's h has been multiplied by the same N factors in its own order: h_T is
 * the same for all of them, and log|h_T / h_0| / T is the saddle exponent Lambda+ of {@link TwoLayerTheory} (the
 * one without replacement: C's factors commute). Batches drawn afresh (the old code's only "without
 * replacement") repeat and miss points, and spread h_T over orders of magnitude.
 */
class TwoLayerReshuffleTest {
  private static final double START = 1e-7; // tanh(w x) = w x (1 + O(1e-14)): linear to well below the tolerance

  /** {log|h_T|, log|m_T|} of {@code trajectories} trajectories after {@code steps} steps, from the vector kernel. */
  private static double[][] logHm(TwoLayerNet model, int trajectories, long steps) {
    int width = 8 * VectorShapes.DOUBLES.length();
    double[][] out = new double[2][trajectories];
    double[] snap = new double[TwoLayerNetVectorBlock.CHANNELS * width];
    for (int t0 = 0; t0 < trajectories; t0 += width) {
      TwoLayerNetVectorBlock block = new TwoLayerNetVectorBlock(model, 99, width);
      block.start(t0);
      block.advance(0, steps / 2);
      block.advance(steps / 2, steps); // a cut inside an epoch: the kept permutations carry over
      block.snapshot(snap);
      for (int i = 0; i < width && t0 + i < trajectories; i++) {
        double u = snap[i], w = snap[width + i];
        out[0][t0 + i] = Math.log(Math.abs(w + u));
        out[1][t0 + i] = Math.log(Math.abs(w - u));
      }
    }
    return out;
  }

  @Test
  void batchesOfOneMultiplyTheSaddleByTheSameFactorsEveryEpoch() {
    RegressionData data = Datasets.teacher(Activation.TANH, 7, 0.5, 3, false);
    double lr = 0.4;
    long epochs = 6, steps = epochs * data.size();
    TwoLayerNet model = new TwoLayerNet(Activation.TANH, data, lr, 1, Sampling.RESHUFFLE, START, 2 * START, 0.0,
        TwoLayerNet.DEFAULT_DIVERGED_ABOVE);
    Estimate[] lambda = TwoLayerTheory.saddleExponents(Activation.TANH, data, lr, 1, false); // exact sums at S = 1
    double h0 = Math.log(3 * START), m0 = Math.log(START);
    double[][] r = logHm(model, 96, steps);
    for (int i = 0; i < r[0].length; i++) {
      assertEquals(h0 + steps * lambda[0].value(), r[0][i], 1e-8, "log|h_T|, trajectory " + i);
      assertEquals(m0 + steps * lambda[1].value(), r[1][i], 1e-8, "log|m_T|, trajectory " + i);
    }
    // inside an epoch the orders differ, so the trajectories do too
    double[][] mid = logHm(model, 96, steps + 3);
    assertTrue(spread(mid[0]) > 1e-3, "mid-epoch spread " + spread(mid[0]));

    TwoLayerNet afresh = new TwoLayerNet(Activation.TANH, data, lr, 1, Sampling.WITHOUT_REPLACEMENT, START, 2 * START,
        0.0, TwoLayerNet.DEFAULT_DIVERGED_ABOVE);
    double[][] f = logHm(afresh, 96, steps);
    assertTrue(spread(f[0]) > 0.1, "batches drawn afresh: spread of log|h_T| " + spread(f[0]));
  }

  /**
   * S = N reshuffled is gradient descent: every step takes all N points, so the linearised exponent at a
   * minimum is log of the spectral radius of {@code I - lr H} exactly (the Monte Carlo has no randomness left).
   */
  @Test
  void theLinearisedExponentAtBatchNIsGradientDescents() {
    RegressionData data = Datasets.teacher(Activation.TANH, 5, 0.5, 3, false);
    double u = 0.8, w = 0.6, lr = 0.3;
    double[] h = TwoLayerNet.hessian(Activation.TANH, data, u, w);
    double[] eig = TwoLayerNet.eigenvalues(h);
    double gd = Math.log(Math.max(Math.abs(1 - lr * eig[0]), Math.abs(1 - lr * eig[1])));
    Estimate e = TwoLayerTheory.linearisedExponent(Activation.TANH, data, u, w, lr, data.size(), Sampling.RESHUFFLE,
        20_000);
    assertEquals(gd, e.value(), 1e-9);
  }

  private static double spread(double[] v) {
    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    return hi - lo;
  }
}
