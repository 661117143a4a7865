package org.sgdmc.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdmc.models.LinearDTails;
import org.sgdmc.models.PointData;
import org.sgdmc.rng.Draws;

/**
 * The linear-d tails kernel against a naive SGD written from the model's definition, in the weights w
 * themselves: labels {@code y = x . w* + sigma eps} (stream, with an arbitrary teacher w*) or the dataset's
 * own labels (finite), {@code w <- w - (lr/S) sum_i x_i (x_i . w - y_i)} in plain loops from {@code w_0 =
 * w_LS}, every point fetched by its documented coordinates ({@link Draws#normal} number {@code (t S + i)(d +
 * 1) + f} of stream DATA, f = d the noise; batch draw {@code t S + i} of stream BATCH); and a tangent vector
 * {@code v <- v - (lr/S) sum_i x_i (x_i . v)} normalised every step, its log-norm summed with {@link
 * Math#log}. The kernel must report {@code |w - w_LS|}, {@code w_0 - w_LS,0} and {@code ln|v|}: identities of
 * each trajectory that hold up to rounding, not statistics.
 */
class LinearDTailsReferenceTest {
  private static final long SEED = 2024;
  private static final int WIDTH = 8;

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of(LinearDTails.isotropicStream(0.2, 1, 1, 0.8)),
        Arguments.of(LinearDTails.isotropicStream(0.1, 3, 5, 1.0)),
        Arguments.of(LinearDTails.stream(0.15, 2, new PointData.Gaussian(new double[] {1.0, 0.3, 2.0}), 0.5)),
        Arguments.of(LinearDTails.generated(0.1, 1, 25, 4, 0.7, false, 3)),
        Arguments.of(LinearDTails.generated(0.1, 3, 25, 4, 0.7, false, 4)),
        Arguments.of(LinearDTails.generated(0.1, 3, 25, 4, 0.7, true, 5)));
  }

  /** The naive trajectory's |u|, u_0 and ln|v| after each of {@code steps} steps. */
  static double[][] naive(LinearDTails m, long seed, long traj, int steps) {
    int d = m.dim();
    int s = m.batch();
    double[] wStar = new double[d];
    for (int c = 0; c < d; c++) {
      wStar[c] = 0.3 * c - 0.5;
    }
    double[] wLs = m.isStream() ? wStar : m.fit().solution();
    double[] w = wLs.clone();
    double[] v = new double[d];
    v[0] = 1;
    double logV = 0;
    double[][] out = new double[steps][3];
    for (int t = 0; t < steps; t++) {
      double[][] x = new double[s][];
      double[] y = new double[s];
      batch(m, seed, traj, t, wStar, x, y);
      double[] gw = new double[d];
      double[] gv = new double[d];
      for (int i = 0; i < s; i++) {
        double rw = -y[i];
        double rv = 0;
        for (int c = 0; c < d; c++) {
          rw += x[i][c] * w[c];
          rv += x[i][c] * v[c];
        }
        for (int c = 0; c < d; c++) {
          gw[c] += x[i][c] * rw;
          gv[c] += x[i][c] * rv;
        }
      }
      double norm = 0;
      double un = 0;
      for (int c = 0; c < d; c++) {
        w[c] -= m.lr() / s * gw[c];
        v[c] -= m.lr() / s * gv[c];
        norm += v[c] * v[c];
        un += (w[c] - wLs[c]) * (w[c] - wLs[c]);
      }
      norm = Math.sqrt(norm);
      logV += Math.log(norm);
      for (int c = 0; c < d; c++) {
        v[c] /= norm;
      }
      out[t] = new double[] {Math.sqrt(un), w[0] - wLs[0], logV};
    }
    return out;
  }

  /** Points and labels of step t of trajectory traj, from the documented draw coordinates. */
  static void batch(LinearDTails m, long seed, long traj, long t, double[] wStar, double[][] x, double[] y) {
    int d = m.dim();
    int s = m.batch();
    switch (m.data()) {
      case PointData.Gaussian g -> {
        double[] sd = g.scales();
        for (int i = 0; i < s; i++) {
          long k = (t * s + i) * (d + 1);
          x[i] = new double[d];
          y[i] = m.sigma() * Draws.normal(seed, org.sgdmc.rng.Stream.DATA, traj, k + d);
          for (int c = 0; c < d; c++) {
            x[i][c] = sd[c] * Draws.normal(seed, org.sgdmc.rng.Stream.DATA, traj, k + c);
            y[i] += x[i][c] * wStar[c];
          }
        }
      }
      case PointData.Finite f -> {
        double[][] p = f.points();
        double[] labels = m.fit().labels();
        int n = p.length;
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < s; i++) {
          long bits = Draws.bits(seed, org.sgdmc.rng.Stream.BATCH, traj, t * s + i);
          int pick;
          if (m.withReplacement()) {
            pick = (int) Draws.index(bits, n);
          } else { // Floyd: draw in [0, n - s + i], take the top of the range on a repeat
            pick = (int) Draws.index(bits, n - s + i + 1L);
            if (chosen.contains(pick)) {
              pick = n - s + i;
            }
          }
          chosen.add(pick);
          x[i] = p[pick];
          y[i] = labels[pick];
        }
      }
      case PointData.CorrelatedGaussian c -> throw new IllegalArgumentException();
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void kernelFollowsTheNaiveSgdOfTheWeights(LinearDTails m) {
    int steps = 150;
    long[] checks = {1, 2, 3, 10, 64, 65, 150};
    StateBlock block = new LinearDTailsVectorBlock(m, SEED, WIDTH);
    block.start(0);
    double[][][] ref = new double[WIDTH][][];
    for (int i = 0; i < WIDTH; i++) {
      ref[i] = naive(m, SEED, i, steps);
    }
    double[] out = new double[3 * WIDTH];
    long done = 0;
    for (long t : checks) {
      block.advance(done, t);
      done = t;
      block.snapshot(out);
      for (int i = 0; i < WIDTH; i++) {
        double[] r = ref[i][(int) t - 1];
        String where = m.describe() + ", trajectory " + i + ", step " + t;
        // u = w - w_LS by subtraction loses about |w| ulp, and the naive sums round differently
        assertEquals(r[0], out[i], 1e-12 + 1e-10 * r[0], where + ": |u|");
        assertEquals(r[1], out[WIDTH + i], 1e-12 + 1e-10 * Math.abs(r[1]), where + ": u_0");
        assertEquals(r[2], out[2 * WIDTH + i], 1e-11 * t, where + ": ln|v|");
      }
    }
  }

  /**
   * Over 5000 steps at lr = 0.3, d = 2 (Lambda_1 = -0.23) the tangent vector shrinks by about e^-1140, past
   * the smallest double (e^-745), and at lr = 2, d = 3 (Lambda_1 = +0.69) it grows by about e^3450, past the
   * largest (e^710): the power-of-two renormalisation must keep ln|v| accurate all the same.
   */
  @Test
  void theTangentLogNormLeavesTheDoubleRangeWithoutLosingAccuracy() {
    int steps = 5000;
    for (double lr : new double[] {0.3, 2.0}) {
      LinearDTails m = LinearDTails.isotropicStream(lr, 1, lr < 1 ? 2 : 3, 1.0);
      StateBlock block = new LinearDTailsVectorBlock(m, SEED, WIDTH);
      block.start(0);
      block.advance(0, steps);
      double[] out = new double[3 * WIDTH];
      block.snapshot(out);
      for (int i = 0; i < WIDTH; i++) {
        double expected = naive(m, SEED, i, steps)[steps - 1][2];
        assertTrue(Math.abs(expected) > 745, "lr " + lr + ": the test should leave the double range, ln|v| = " + expected);
        assertEquals(expected, out[2 * WIDTH + i], 1e-11 * steps, "lr " + lr + ", trajectory " + i);
      }
    }
  }

  /**
   * In d = 1 the recursion is the scalar {@code u <- (1 - lr x^2) u + lr x e} (S = 1), v is the product of
   * the factors {@code 1 - lr x^2}, and {@code |u|} is exactly {@code |u_0|}: sqrt of a correctly rounded
   * square returns the magnitude exactly in binary floating point.
   */
  @Test
  void inOneDimensionTheNormIsTheMagnitudeAndTheTangentIsTheProductOfFactors() {
    LinearDTails m = LinearDTails.isotropicStream(0.3, 1, 1, 1.0);
    StateBlock block = new LinearDTailsScalarBlock(m, SEED, WIDTH);
    block.start(0);
    double[] out = new double[3 * WIDTH];
    double[] u = new double[WIDTH];
    double[] logV = new double[WIDTH];
    for (int t = 0; t < 200; t++) {
      block.advance(t, t + 1);
      block.snapshot(out);
      for (int i = 0; i < WIDTH; i++) {
        double x = Draws.normal(SEED, org.sgdmc.rng.Stream.DATA, i, 2L * t);
        double e = Draws.normal(SEED, org.sgdmc.rng.Stream.DATA, i, 2L * t + 1);
        u[i] = (1 - 0.3 * x * x) * u[i] + 0.3 * x * e;
        logV[i] += Math.log(Math.abs(1 - 0.3 * x * x));
        assertEquals(Math.abs(out[WIDTH + i]), out[i], "|u| = |u_0| exactly, step " + (t + 1));
        assertEquals(u[i], out[WIDTH + i], 1e-12 * (1 + Math.abs(u[i])), "u, step " + (t + 1));
        assertEquals(logV[i], out[2 * WIDTH + i], 1e-11 * (t + 1), "ln|v|, step " + (t + 1));
      }
    }
  }
}
