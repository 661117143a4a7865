package org.sgdmc.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgdmc.engine.RecordTimes;
import org.sgdmc.engine.Simulation;
import org.sgdmc.experiments.GrokMcExperiment;
import org.sgdmc.models.GrokMc;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.GrokMcResult;
import org.sgdmc.theory.MinNuclearCompletion;

/**
 * Matrix completion: the ADMM completion interpolates the observed entries, recovers a low-rank truth from enough of
 * them, and has a smaller nuclear norm than every other completion tried; one kernel step is GD with weight decay
 * (gradient by central finite differences); and the drift ends near the completion, at low rank. Deterministic.
 */
class GrokMcTest {

  private static GrokMc model(int d, int rank, double observed, long seed, double eta, double lambda, double sigma,
      boolean solve) {
    double[][] tm = GrokMc.truthAndMask(d, rank, observed, seed);
    boolean[] mask = new boolean[d * d];
    for (int k = 0; k < mask.length; k++) {
      mask[k] = tm[1][k] == 1;
    }
    double[] target = solve ? MinNuclearCompletion.of(d, tm[0], mask).x() : new double[d * d];
    return new GrokMc(d, rank, tm[0], mask, eta, lambda, sigma, target);
  }

  @Test
  void admmCompletionInterpolatesAndHasTheSmallestNuclearNorm() {
    GrokMc m = model(7, 2, 0.5, 4, 0.1, 0.01, 1.0, false);
    MinNuclearCompletion c = MinNuclearCompletion.of(m.d(), m.truth(), m.mask());
    double[] x = c.x(), truth = m.truth();
    for (int k = 0; k < x.length; k++) {
      if (m.mask()[k]) {
        assertEquals(truth[k], x[k], 1e-12, "observed entry " + k);
      }
    }
    assertTrue(c.nuclearNorm() <= MinNuclearCompletion.nuclearNorm(m.d(), truth) + 1e-7, "M* is a completion too");
    SplittableRandom rng = new SplittableRandom(1);
    for (int trial = 0; trial < 200; trial++) {
      double[] y = x.clone();
      double size = trial < 100 ? 1e-3 : 0.3;
      for (int k = 0; k < y.length; k++) {
        if (!m.mask()[k]) {
          y[k] += size * rng.nextGaussian();
        }
      }
      assertTrue(MinNuclearCompletion.nuclearNorm(m.d(), y) >= c.nuclearNorm() - 1e-8, "trial " + trial);
    }
  }

  @Test
  void admmRecoversALowRankTruthFromEnoughEntries() {
    GrokMc m = model(8, 1, 0.8, 2, 0.1, 0.01, 1.0, false);
    MinNuclearCompletion c = MinNuclearCompletion.of(m.d(), m.truth(), m.mask());
    double[] x = c.x(), truth = m.truth();
    for (int k = 0; k < x.length; k++) {
      assertEquals(truth[k], x[k], 1e-6, "entry " + k);
    }
  }

  @Test
  void oneStepIsGradientDescentWithWeightDecay() {
    GrokMc m = model(4, 1, 0.6, 3, 0.2, 0.05, 0.7, false);
    GrokMcScalarBlock block = new GrokMcScalarBlock(m, 5, 1);
    block.start(2);
    double[][] p0 = block.factors(0);
    block.advance(0, 1);
    double[][] p1 = block.factors(0);
    double h = 1e-6;
    for (int f = 0; f < 2; f++) {
      for (int k = 0; k < p0[f].length; k++) {
        double[][] plus = {p0[0].clone(), p0[1].clone()}, minus = {p0[0].clone(), p0[1].clone()};
        plus[f][k] += h;
        minus[f][k] -= h;
        double grad = (loss(m, plus) - loss(m, minus)) / (2 * h);
        assertEquals((1 - m.eta() * m.lambda()) * p0[f][k] - m.eta() * grad, p1[f][k], 1e-8, "factor " + f + " " + k);
      }
    }
  }

  /**
   * Minibatch SGD over the observed entries: steps 0 and 1 are each a GD step with weight decay on the loss of their
   * own batch, {@code sum_b (W_e_b - M*_e_b)^2 / (2 S)} (gradient by central finite differences, to 1e-8), the batch
   * drawn here independently of the kernel from the trajectory's BATCH stream (with and without replacement).
   */
  @Test
  void oneSgdStepIsGradientDescentOnItsOwnBatch() {
    GrokMc g = model(4, 1, 0.7, 3, 0.2, 0.05, 0.7, false);
    for (boolean with : new boolean[] {false, true}) {
      int s = with ? 6 : 3;
      GrokMc m = new GrokMc(g.d(), g.rank(), g.truth(), g.mask(), 0.2, 0.05, 0.7, g.target(), s, with);
      GrokMcScalarBlock block = new GrokMcScalarBlock(m, 5, 1);
      block.start(2);
      for (long t = 0; t < 2; t++) {
        double[][] p0 = block.factors(0);
        block.advance(t, t + 1);
        double[][] p1 = block.factors(0);
        long[] draws = new long[s];
        for (int b = 0; b < s; b++) {
          draws[b] = org.sgdmc.rng.Draws.bits(5, org.sgdmc.rng.Stream.BATCH, 2, t * s + b);
        }
        int[] picked = new int[s];
        new FiniteBatchSampler(m.observedCount(), s, with).pick(draws, 0, 1, picked);
        int[] entries = new int[s];
        for (int b = 0; b < s; b++) {
          entries[b] = m.observedIndices()[picked[b]];
        }
        double h = 1e-6;
        for (int f = 0; f < 2; f++) {
          for (int k = 0; k < p0[f].length; k++) {
            double[][] plus = {p0[0].clone(), p0[1].clone()}, minus = {p0[0].clone(), p0[1].clone()};
            plus[f][k] += h;
            minus[f][k] -= h;
            double grad = (batchLoss(m, plus, entries) - batchLoss(m, minus, entries)) / (2 * h);
            assertEquals((1 - m.eta() * m.lambda()) * p0[f][k] - m.eta() * grad, p1[f][k], 1e-8,
                (with ? "with" : "without") + " replacement, step " + t + ", factor " + f + " " + k);
          }
        }
      }
    }
  }

  private static double batchLoss(GrokMc m, double[][] p, int[] entries) {
    int d = m.d();
    double s = 0;
    for (int e : entries) {
      int i = e / d, j = e % d;
      double w = 0;
      for (int k = 0; k < d; k++) {
        w += p[0][i * d + k] * p[1][j * d + k];
      }
      s += (w - m.truth()[e]) * (w - m.truth()[e]);
    }
    return s / (2 * entries.length);
  }

  private static double loss(GrokMc m, double[][] p) {
    int d = m.d();
    double s = 0;
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        if (!m.mask()[i * d + j]) {
          continue;
        }
        double w = 0;
        for (int k = 0; k < d; k++) {
          w += p[0][i * d + k] * p[1][j * d + k];
        }
        s += (w - m.truth()[i * d + j]) * (w - m.truth()[i * d + j]);
      }
    }
    return s / (2 * m.observedCount());
  }

  @Test
  void theDriftEndsNearTheCompletionAtLowRank() {
    GrokMc m = model(6, 1, 0.7, 6, 0.5, 0.002, 1.0, true);
    long steps = 10_000; // 10 / (eta lambda)
    EnsembleOptions options = new EnsembleOptions(16, RecordTimes.parse("200," + steps, steps), 3, 2, 16);
    GrokMcResult r = GrokMcExperiment.run(m, MinNuclearCompletion.of(m.d(), m.truth(), m.mask()), 1e-3, 1e-2, options,
        Kernel.VECTOR, Simulation.Progress.NONE);
    double xNorm = 0;
    for (double v : r.completion().x()) {
      xNorm += v * v;
    }
    xNorm = Math.sqrt(xNorm);
    double dist = Math.exp(r.observed()[4][2].quantiles()[6]); // 99% level
    assertTrue(dist < 0.05 * xNorm, "|W - X_nuc|_F " + dist + " against |X_nuc|_F " + xNorm);
    double earlyRatio = r.singular()[1][1].value() / r.singular()[1][0].value();
    double endRatio = r.singular()[2][1].value() / r.singular()[2][0].value();
    assertTrue(earlyRatio > 0.2 && endRatio < 0.1 * earlyRatio, "sigma_2/sigma_1 at step 200: " + earlyRatio + ", end " + endRatio);
  }
}
