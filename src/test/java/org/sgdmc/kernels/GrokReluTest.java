package org.sgdmc.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdmc.engine.RecordTimes;
import org.sgdmc.engine.Simulation;
import org.sgdmc.experiments.GrokReluExperiment;
import org.sgdmc.models.GrokRelu;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.GrokReluResult;

/**
 * The two-layer ReLU model: one kernel step is gradient descent with weight decay on the training loss (the gradient
 * checked against central finite differences of the loss, computed here from f alone); the kink counter counts a
 * network that is the teacher written as a student, and merges coinciding kinks; under weight decay the kinks and
 * the norm fall during the drift; one SGD step is GD on its own batch. Deterministic (fixed seeds).
 */
class GrokReluTest {

  private static double loss(GrokRelu model, double[][] p) {
    double sum = 0;
    for (int i = 0; i < model.n(); i++) {
      double f = 0;
      for (int j = 0; j < model.width(); j++) {
        f += p[0][j] * Math.max(p[1][j] * model.x()[i] + p[2][j], 0);
      }
      sum += (f - model.y()[i]) * (f - model.y()[i]);
    }
    return sum / (2 * model.n());
  }

  @Test
  void oneStepIsGradientDescentWithWeightDecay() {
    GrokRelu model = GrokRelu.generate(9, 4, GrokRelu.DEFAULT_KINKS, GrokRelu.DEFAULT_SLOPES, 7, 0.03, 0.1, 1.3, 0.05);
    GrokReluScalarBlock block = new GrokReluScalarBlock(model, 8, 1);
    block.start(5);
    double[][] p0 = block.parameters(0);
    block.advance(0, 1);
    double[][] p1 = block.parameters(0);
    double h = 1e-6;
    for (int k = 0; k < 3; k++) {
      for (int j = 0; j < model.width(); j++) {
        double[][] plus = deepCopy(p0), minus = deepCopy(p0);
        plus[k][j] += h;
        minus[k][j] -= h;
        double grad = (loss(model, plus) - loss(model, minus)) / (2 * h);
        double expected = (1 - model.eta() * model.lambda()) * p0[k][j] - model.eta() * grad;
        assertEquals(expected, p1[k][j], 1e-7, "parameter " + k + ", unit " + j);
      }
    }
  }

  /**
   * Minibatch SGD: steps 0 .. 2 are each a GD step with weight decay on the loss of their own batch, {@code sum_b
   * (f(x_b) - y_b)^2 / (2 S)} (gradient by central finite differences of that loss, to 1e-7), the batch drawn here
   * independently of the kernel from the trajectory's BATCH stream, without replacement (S = 4 of 9) and with it
   * (S = 12 of 9, so points repeat). The batches differ from step to step and are not the whole dataset.
   */
  @Test
  void oneSgdStepIsGradientDescentOnItsOwnBatch() {
    for (boolean with : new boolean[] {false, true}) {
      int s = with ? 12 : 4;
      GrokRelu model = GrokRelu.generate(9, 4, GrokRelu.DEFAULT_KINKS, GrokRelu.DEFAULT_SLOPES, 7, 0.03, 0.1, 1.3,
          0.05, s, with);
      GrokReluScalarBlock block = new GrokReluScalarBlock(model, 8, 1);
      block.start(5);
      java.util.Set<String> batches = new java.util.HashSet<>();
      for (long t = 0; t < 3; t++) {
        double[][] p0 = block.parameters(0);
        block.advance(t, t + 1);
        double[][] p1 = block.parameters(0);
        long[] draws = new long[s];
        for (int b = 0; b < s; b++) {
          draws[b] = org.sgdmc.rng.Draws.bits(8, org.sgdmc.rng.Stream.BATCH, 5, t * s + b);
        }
        int[] picked = new int[s];
        new FiniteBatchSampler(model.n(), s, with).pick(draws, 0, 1, picked);
        batches.add(java.util.Arrays.toString(picked));
        double h = 1e-6;
        for (int k = 0; k < 3; k++) {
          for (int j = 0; j < model.width(); j++) {
            double[][] plus = deepCopy(p0), minus = deepCopy(p0);
            plus[k][j] += h;
            minus[k][j] -= h;
            double grad = (batchLoss(model, plus, picked) - batchLoss(model, minus, picked)) / (2 * h);
            double expected = (1 - model.eta() * model.lambda()) * p0[k][j] - model.eta() * grad;
            assertEquals(expected, p1[k][j], 1e-7,
                (with ? "with" : "without") + " replacement, step " + t + ", parameter " + k + ", unit " + j);
          }
        }
      }
      assertEquals(3, batches.size(), "three different batches");
    }
  }

  private static double batchLoss(GrokRelu model, double[][] p, int[] points) {
    double sum = 0;
    for (int i : points) {
      double f = 0;
      for (int j = 0; j < model.width(); j++) {
        f += p[0][j] * Math.max(p[1][j] * model.x()[i] + p[2][j], 0);
      }
      sum += (f - model.y()[i]) * (f - model.y()[i]);
    }
    return sum / (2 * points.length);
  }

  private static double[][] deepCopy(double[][] p) {
    double[][] out = new double[p.length][];
    for (int k = 0; k < p.length; k++) {
      out[k] = p[k].clone();
    }
    return out;
  }

  @Test
  void kinksOfTheTeacherWrittenAsAStudentAreTheTeachers() {
    double[] kinks = GrokRelu.DEFAULT_KINKS, slopes = GrokRelu.DEFAULT_SLOPES;
    int m = kinks.length + 2;
    GrokRelu model = GrokRelu.generate(5, 1, kinks, slopes, m, 0.1, 0.01, 1.0, 0.05);
    double[] a = new double[m], w = new double[m], b = new double[m];
    for (int t = 0; t < kinks.length; t++) {
      a[t] = slopes[t];
      w[t] = 1;
      b[t] = -kinks[t];
    }
    assertEquals(kinks.length, GrokReluScalarBlock.kinks(model, a, w, b, 1, 0));
    // two more units bending at -0.8 (w > 0 for one, w < 0 for the other), each changing the slope by a |w| = +-1
    a[m - 2] = 0.5;
    w[m - 2] = 2;
    b[m - 2] = 1.6;
    a[m - 1] = 0.5;
    w[m - 1] = -2;
    b[m - 1] = -1.6;
    assertEquals(kinks.length + 1, GrokReluScalarBlock.kinks(model, a, w, b, 1, 0), "+1 and +1: one merged kink");
    a[m - 1] = -0.5;
    assertEquals(kinks.length, GrokReluScalarBlock.kinks(model, a, w, b, 1, 0), "+1 and -1 cancel");
    // and the student's f is the teacher
    for (double x = -1; x <= 1; x += 0.125) {
      a[m - 2] = 0;
      a[m - 1] = 0;
      assertEquals(model.teacher(x), GrokReluScalarBlock.f(model, a, w, b, 1, 0, x), 1e-12);
    }
  }

  @Test
  void weightDecayRemovesKinksDuringTheDrift() {
    GrokRelu model = GrokRelu.generate(10, 3, GrokRelu.DEFAULT_KINKS, GrokRelu.DEFAULT_SLOPES, 20, 0.02, 0.01, 1.5,
        0.05);
    long steps = 50_000; // 10 / (eta lambda)
    long[] times = RecordTimes.parse("100,5000," + steps, steps);
    EnsembleOptions options = new EnsembleOptions(32, times, 2, 2, 32);
    GrokReluResult r = GrokReluExperiment.run(model, 1e-3, 1e-2, options, Kernel.VECTOR, Simulation.Progress.NONE);
    double early = r.kinks()[1].value(), end = r.kinks()[3].value();
    assertTrue(end < 0.5 * early, "kinks at step 100: " + early + ", at the end: " + end);
    double normEarly = r.observed()[2][1].quantiles()[3], normEnd = r.observed()[2][3].quantiles()[3];
    assertTrue(normEnd < normEarly - Math.log(2), "median |theta| at step 100 " + Math.exp(normEarly) + ", end "
        + Math.exp(normEnd));
  }
}
