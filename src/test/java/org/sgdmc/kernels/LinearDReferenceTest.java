package org.sgdmc.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdmc.models.LinearD;
import org.sgdmc.models.PointData;
import org.sgdmc.rng.Draws;

/**
 * The linear-d kernel against a plain reference that forms every step's d x d matrix
 * {@code M = I - (lr/S) sum_j x_j x_j^T} explicitly from the documented draw coordinates (normal {@code (t S
 * + j) d + c} of stream DATA; batch draw {@code t S + j} of stream BATCH) and multiplies it out, trajectory
 * by trajectory. These are identities of each trajectory, not statistics: they hold up to rounding.
 *
 * <ul>
 *   <li>{@code L_1(t) = log|M_t ... M_1 e_1|}: the top observable is the log-distance of SGD from {@code w_0 - w*
 *       = e_1};
 *   <li>for k = d, {@code L_1 + ... + L_d = sum_s log|det M_s|}: the QR accumulation loses no volume;
 *   <li>the values do not depend on the re-orthonormalisation interval (QR of a product = product of R's),
 *       as long as it is short enough that the vectors do not become numerically dependent in between.
 * </ul>
 */
class LinearDReferenceTest {
  private static final long SEED = 31;
  private static final int STEPS = 120;
  private static final int WIDTH = 8;

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of(new LinearD(0.7, 2, new PointData.Gaussian(new double[] {1.0, 0.4, 0.1}), false, 3, 5)),
        Arguments.of(new LinearD(0.4, 3, PointData.Gaussian.isotropic(4, 1.0), false, 4, 10)),
        Arguments.of(new LinearD(0.8, 1, PointData.CorrelatedGaussian.of(
            new double[][] {{1.0, 0.5, 0.2}, {0.5, 1.0, -0.3}, {0.2, -0.3, 0.6}}), false, 3, 4)),
        Arguments.of(new LinearD(0.5, 2, new PointData.Finite(LinearDTwinTest.POINTS, "test"), true, 3, 3)),
        Arguments.of(new LinearD(0.5, 3, new PointData.Finite(LinearDTwinTest.POINTS, "test"), false, 3, 7)));
  }

  /** The batch of step t of trajectory traj, from the documented coordinates. */
  static double[][] batch(LinearD m, long seed, long traj, long t) {
    int s = m.batch(), d = m.dim();
    double[][] x = new double[s][d];
    switch (m.data()) {
      case PointData.Gaussian g -> {
        double[] sd = g.scales();
        for (int j = 0; j < s; j++) {
          for (int c = 0; c < d; c++) {
            x[j][c] = sd[c] * Draws.normal(seed, org.sgdmc.rng.Stream.DATA, traj, (t * s + j) * d + c);
          }
        }
      }
      case PointData.CorrelatedGaussian g -> {
        double[][] l = g.factor();
        for (int j = 0; j < s; j++) {
          double[] z = new double[d];
          for (int c = 0; c < d; c++) {
            z[c] = Draws.normal(seed, org.sgdmc.rng.Stream.DATA, traj, (t * s + j) * d + c);
          }
          for (int c = 0; c < d; c++) {
            for (int e = 0; e <= c; e++) {
              x[j][c] += l[c][e] * z[e];
            }
          }
        }
      }
      case PointData.Finite f -> {
        double[][] p = f.points();
        int n = p.length;
        java.util.List<Integer> chosen = new java.util.ArrayList<>();
        for (int j = 0; j < s; j++) {
          long bits = Draws.bits(seed, org.sgdmc.rng.Stream.BATCH, traj, t * s + j);
          int pick;
          if (m.withReplacement()) {
            pick = (int) Draws.index(bits, n);
          } else { // Floyd: draw in [0, n - s + j], take the top of the range on a repeat
            pick = (int) Draws.index(bits, n - s + j + 1L);
            if (chosen.contains(pick)) {
              pick = n - s + j;
            }
          }
          chosen.add(pick);
          x[j] = p[pick].clone();
        }
      }
    }
    return x;
  }

  static double[][] matrix(LinearD m, double[][] x) {
    int d = m.dim();
    double[][] a = new double[d][d];
    for (int r = 0; r < d; r++) {
      for (int c = 0; c < d; c++) {
        double sum = 0;
        for (double[] p : x) {
          sum += p[r] * p[c];
        }
        a[r][c] = (r == c ? 1 : 0) - m.lr() / m.batch() * sum;
      }
    }
    return a;
  }

  /** log|det a| by Gaussian elimination with partial pivoting. */
  static double logAbsDet(double[][] a0) {
    int n = a0.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = a0[i].clone();
    }
    double log = 0;
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int r = c + 1; r < n; r++) {
        p = Math.abs(a[r][c]) > Math.abs(a[p][c]) ? r : p;
      }
      double[] t = a[p];
      a[p] = a[c];
      a[c] = t;
      log += Math.log(Math.abs(a[c][c]));
      for (int r = c + 1; r < n; r++) {
        double f = a[r][c] / a[c][c];
        for (int e = c; e < n; e++) {
          a[r][e] -= f * a[c][e];
        }
      }
    }
    return log;
  }

  private static double[][] observe(TrajectoryBlock b, int k) {
    double[][] out = new double[k][b.width()];
    for (int a = 0; a < k; a++) {
      b.logDistance(a, out[a]);
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("models")
  void topObservableIsTheLogDistanceOfSgdAndTheSumIsTheLogDeterminant(LinearD m) {
    int d = m.dim();
    TrajectoryBlock block = new LinearDVectorBlock(m, SEED, WIDTH);
    block.start(0);
    block.advance(0, STEPS);
    double[][] l = observe(block, m.exponents());
    for (int i = 0; i < WIDTH; i++) {
      double[] v = new double[d];
      v[0] = 1;
      double logScale = 0;
      double logDet = 0;
      for (long t = 0; t < STEPS; t++) {
        double[][] a = matrix(m, batch(m, SEED, i, t));
        double[] w = new double[d];
        for (int r = 0; r < d; r++) {
          for (int c = 0; c < d; c++) {
            w[r] += a[r][c] * v[c];
          }
        }
        double norm = Math.sqrt(java.util.Arrays.stream(w).map(x -> x * x).sum());
        logScale += Math.log(norm);
        for (int r = 0; r < d; r++) {
          v[r] = w[r] / norm;
        }
        logDet += logAbsDet(a);
      }
      assertEquals(logScale, l[0][i], 1e-10 * STEPS, "L_1 of trajectory " + i);
      double sum = 0;
      for (int a = 0; a < d; a++) {
        sum += l[a][i];
      }
      // Gram-Schmidt loses digits in proportion to how unequally an interval's steps stretch the tangent
      // vectors (a near-singular step can shrink one direction 1e-3-fold): observed 1e-10 relative at r = 10
      assertEquals(logDet, sum, 1e-9 * Math.abs(logDet) + 1e-10 * STEPS, "L_1 + ... + L_d of trajectory " + i);
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void valuesDoNotDependOnTheReorthonormalisationInterval(LinearD m) {
    LinearD everyStep = new LinearD(m.lr(), m.batch(), m.data(), m.withReplacement(), m.exponents(), 1);
    LinearD rarely = new LinearD(m.lr(), m.batch(), m.data(), m.withReplacement(), m.exponents(), 5);
    TrajectoryBlock a = new LinearDVectorBlock(everyStep, SEED, WIDTH);
    TrajectoryBlock b = new LinearDScalarBlock(rarely, SEED, WIDTH);
    a.start(0);
    b.start(0);
    a.advance(0, STEPS);
    b.advance(0, STEPS);
    double[][] la = observe(a, m.exponents()), lb = observe(b, m.exponents());
    for (int e = 0; e < m.exponents(); e++) {
      for (int i = 0; i < WIDTH; i++) {
        assertEquals(la[e][i], lb[e][i], 1e-10 * STEPS, "exponent " + (e + 1) + ", trajectory " + i);
      }
    }
  }
}
