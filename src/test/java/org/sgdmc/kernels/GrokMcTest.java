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
