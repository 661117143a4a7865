package org.sgdmc.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sgdmc.models.FeatureData;
import org.sgdmc.models.Linreg1d;
import org.sgdmc.models.Sampling;
import org.sgdmc.rng.VectorShapes;
import org.sgdmc.theory.Linreg1dTheory;
import org.sgdmc.theory.ReshuffleEpochs;

/**
 * Random reshuffling ({@link Sampling#RESHUFFLE}): the sampler's kept permutations equal the from-scratch
 * reference whatever order it is asked in, each epoch's batches are disjoint, epochs are uniform permutations,
 * and linreg1d simulated with it agrees with the exact epoch theory ({@link ReshuffleEpochs}). The old code
 * had no epochs ("without replacement" drew each batch afresh): its log-distance spreads as the i.i.d. theory
 * says, many standard errors from the epoch theory, which the test also checks, so the epoch checks cannot pass
 * by accident on batches drawn afresh.
 */
class ReshuffleTest {
  private static final double[] X = {0.3, -1.2, 2.5, 0.05, -0.7, 1.9, -3.1};

  @Test
  void theKeptPermutationsEqualTheReferenceInAnyOrder() {
    int lanes = VectorShapes.DOUBLES.length();
    for (int[] ns : new int[][] {{7, 3}, {9, 2}, {6, 6}, {5, 1}}) {
      int n = ns[0], s = ns[1];
      long seed = 11, traj0 = 40;
      int steps = 4 * (n / s) + 3;
      FiniteBatchSampler sampler = new FiniteBatchSampler(n, s, Sampling.RESHUFFLE, lanes);
      long[] bits = new long[(steps * s + 2) * lanes];
      int row0 = sampler.drawBatches(seed, traj0, lanes, 0, steps, bits);
      // in order, then again from a step inside an epoch (a rebuild), then out of order
      long[] order = new long[2 * steps];
      for (int t = 0; t < steps; t++) {
        order[t] = t;
        order[steps + t] = (7L * t + 3) % steps;
      }
      int[] got = new int[s], expected = new int[s];
      for (long t : order) {
        for (int lane = 0; lane < lanes; lane++) {
          sampler.pick(bits, (row0 + (int) t * s) * lanes + lane, lanes, lane, t, got);
          FiniteBatchSampler.reshuffledBatch(seed, traj0 + lane, t, n, s, expected);
          assertArrayEquals(expected, got, "N=" + n + " S=" + s + " step " + t + " lane " + lane);
        }
      }
    }
  }

  @Test
  void anEpochsBatchesAreDisjoint() {
    int n = 7, s = 3, k = n / s;
    int[] batch = new int[s];
    for (long traj = 0; traj < 200; traj++) {
      for (long epoch = 0; epoch < 3; epoch++) {
        boolean[] seen = new boolean[n];
        for (int b = 0; b < k; b++) {
          FiniteBatchSampler.reshuffledBatch(5, traj, epoch * k + b, n, s, batch);
          for (int i : batch) {
            assertTrue(!seen[i], "point " + i + " twice in epoch " + epoch + " of trajectory " + traj);
            seen[i] = true;
          }
        }
      }
    }
  }

  /**
   * N = 3, S = 1: the orders of epochs 0 and 1 of 36,000 trajectories fall in 36 cells (3! x 3!) uniformly and
   * independently; chi-square with 35 degrees of freedom below 89.9 (false failure 1e-6).
   */
  @Test
  void epochsAreIndependentUniformPermutations() {
    int trajectories = 36_000;
    long[] cells = new long[36];
    int[] a = new int[1];
    for (long traj = 0; traj < trajectories; traj++) {
      int cell = 0;
      for (int epoch = 0; epoch < 2; epoch++) {
        int code = 0;
        for (int b = 0; b < 3; b++) {
          FiniteBatchSampler.reshuffledBatch(17, traj, epoch * 3L + b, 3, 1, a);
          code = code * 3 + a[0];
        }
        cell = cell * 6 + permutationRank(code);
      }
      cells[cell]++;
    }
    double expected = trajectories / 36.0, chi2 = 0;
    for (long c : cells) {
      chi2 += (c - expected) * (c - expected) / expected;
    }
    assertTrue(chi2 < 89.9, "chi-square " + chi2 + " over " + Arrays.toString(cells));
  }

  /** Rank 0..5 of a permutation of {0,1,2} written in base 3. */
  private static int permutationRank(int code) {
    int[] codes = {0 * 9 + 1 * 3 + 2, 0 * 9 + 2 * 3 + 1, 1 * 9 + 0 * 3 + 2, 1 * 9 + 2 * 3 + 0, 2 * 9 + 0 * 3 + 1, 2 * 9 + 1 * 3 + 0};
    for (int i = 0; i < 6; i++) {
      if (codes[i] == code) {
        return i;
      }
    }
    throw new AssertionError("not a permutation: " + code);
  }

  /** log|w_T - w*| of {@code trajectories} from the vector kernel (w_0 - w* = 1). */
  private static double[] simulate(Linreg1d model, int trajectories, long steps) {
    int width = 64 * VectorShapes.DOUBLES.length();
    double[] all = new double[trajectories];
    double[] out = new double[width];
    for (int t0 = 0; t0 < trajectories; t0 += width) {
      Linreg1dVectorBlock block = new Linreg1dVectorBlock(model, 2024, width);
      block.start(t0);
      block.advance(0, steps / 3);
      block.advance(steps / 3, steps);
      block.logDistance(out);
      System.arraycopy(out, 0, all, t0, Math.min(width, trajectories - t0));
    }
    return all;
  }

  /** {mean, stderr of the mean, sample variance, stderr of the sample variance (from the fourth moment)}. */
  private static double[] moments(double[] v) {
    int n = v.length;
    double mean = Arrays.stream(v).sum() / n;
    double m2 = 0, m4 = 0;
    for (double x : v) {
      double d = x - mean;
      m2 += d * d;
      m4 += d * d * d * d;
    }
    m2 /= n;
    m4 /= n;
    double var = m2 * n / (n - 1);
    return new double[] {mean, Math.sqrt(var / n), var, Math.sqrt(Math.max(0, m4 - m2 * m2) / n)};
  }

  /**
   * N = 7, S = 3 (two batches an epoch, one point out), lr 0.8, 60 epochs, 8192 trajectories: the mean of
   * log|w_T| agrees with T times the exact exponent and its variance with (T / K) Var log|A| within 4 standard
   * errors each (normal approximation; false failure about 1.3e-4 for the two). The same run drawing batches
   * afresh (the old "without replacement") has the variance of the i.i.d. theory, T Var log|1 - lr q|, also
   * within 4 standard errors, and lies more than 20 standard errors from the epoch theory.
   */
  @Test
  void linreg1dAgreesWithTheEpochTheory() {
    double lr = 0.8;
    int s = 3, k = X.length / s, trajectories = 8192;
    long epochs = 60, steps = epochs * k;
    FeatureData data = new FeatureData.Finite(X, "test");
    ReshuffleEpochs theory = ReshuffleEpochs.enumerate(lr, X, s, ReshuffleEpochs.DEFAULT_LIMIT);

    double[] r = moments(simulate(new Linreg1d(lr, s, data, Sampling.RESHUFFLE, 1.0), trajectories, steps));
    double meanTheory = steps * theory.lyapunov(), varTheory = epochs * theory.varianceLog();
    assertEquals(meanTheory, r[0], 4 * r[1], "mean of log|w_T|");
    assertEquals(varTheory, r[2], 4 * r[3], "variance of log|w_T|");

    double[] w = moments(simulate(new Linreg1d(lr, s, data, Sampling.WITHOUT_REPLACEMENT, 1.0), trajectories, steps));
    double varFresh = steps * Linreg1dTheory.logVarianceFinite(lr, X, s, false);
    assertEquals(meanTheory, w[0], 4 * w[1], "the same exponent drawn afresh");
    assertEquals(varFresh, w[2], 4 * w[3], "variance drawn afresh");
    assertTrue(Math.abs(w[2] - varTheory) > 20 * w[3], "batches drawn afresh are not epochs: " + w[2] + " vs " + varTheory);
  }

  /**
   * The saddle, reshuffled: N = 7 points in batches of 2 (one left out an epoch), lr 0.3, 50 epochs, 8192
   * trajectories: the mean and variance of log|h| and log|m| agree with the epoch theory of the factors
   * {@code 1 +- lr chib} ({@link ReshuffleEpochs#enumerateValues} of -chi and chi) within 4 standard errors
   * each (false failure about 2.5e-4 for the four).
   */
  @Test
  void theSaddleAgreesWithTheEpochTheory() {
    double[] y = {1.1, 0.4, -0.9, 2.0, -0.3, 0.8, -1.7};
    org.sgdmc.models.SaddleData.Finite data = new org.sgdmc.models.SaddleData.Finite(X, y, "test");
    double[] chi = data.chi(); // x y
    double lr = 0.3;
    int s = 2, k = chi.length / s, trajectories = 8192;
    long epochs = 50, steps = epochs * k;
    org.sgdmc.models.Saddle model = new org.sgdmc.models.Saddle(lr, s, data, Sampling.RESHUFFLE, 1.0, 0.0);
    int width = 64 * VectorShapes.DOUBLES.length();
    double[][] logs = new double[2][trajectories];
    double[] out = new double[width];
    for (int t0 = 0; t0 < trajectories; t0 += width) {
      SaddleVectorBlock block = new SaddleVectorBlock(model, 77, width);
      block.start(t0);
      block.advance(0, steps);
      for (int which = 0; which < 2; which++) {
        block.logDistance(which, out);
        System.arraycopy(out, 0, logs[which], t0, width);
      }
    }
    for (int which = 0; which < 2; which++) {
      int sign = which == org.sgdmc.models.Saddle.OBSERVABLE_H ? 1 : -1;
      double[] values = new double[chi.length];
      for (int i = 0; i < chi.length; i++) {
        values[i] = -sign * chi[i];
      }
      ReshuffleEpochs theory = ReshuffleEpochs.enumerateValues(lr, values, s, ReshuffleEpochs.DEFAULT_LIMIT);
      double[] r = moments(logs[which]); // h_0 = m_0 = 1
      assertEquals(steps * theory.lyapunov(), r[0], 4 * r[1], "mean, sign " + sign);
      assertEquals(epochs * theory.varianceLog(), r[2], 4 * r[3], "variance, sign " + sign);
    }
  }

  /**
   * S = 1: every epoch uses each point once, so after whole epochs every trajectory has been multiplied by the
   * same numbers in different orders: log|w_T| = E sum_i log|1 - lr x_i^2| for all of them, up to rounding.
   * Batches drawn afresh (the old code) spread over several units.
   */
  @Test
  void batchesOfOneVisitEveryPointOnceAnEpoch() {
    double lr = 0.3;
    long epochs = 40;
    double exact = 0;
    for (double x : X) {
      exact += Math.log(Math.abs(1 - lr * x * x));
    }
    exact *= epochs;
    FeatureData data = new FeatureData.Finite(X, "test");
    for (double v : simulate(new Linreg1d(lr, 1, data, Sampling.RESHUFFLE, 1.0), 512, epochs * X.length)) {
      assertEquals(exact, v, 1e-10 * Math.abs(exact));
    }
    double[] fresh = moments(simulate(new Linreg1d(lr, 1, data, Sampling.WITHOUT_REPLACEMENT, 1.0), 512,
        epochs * X.length));
    assertTrue(Math.sqrt(fresh[2]) > 1, "afresh: sd " + Math.sqrt(fresh[2]));
  }
}
