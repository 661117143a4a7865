package org.sgdmc.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdmc.models.Datasets;
import org.sgdmc.models.Saddle;
import org.sgdmc.models.SaddleData;
import org.sgdmc.rng.VectorShapes;

/**
 * The saddle's vector kernel and its scalar twin perform the same IEEE operations in the same order, so both
 * log-distances of every trajectory must agree bit for bit, for every data kind, batch size and sampling
 * scheme, however the steps are split into calls and whatever the block width. And the (h, m) factorisation
 * they run must be the (u, w) dynamics of seed 002, eq. (66), up to rounding.
 */
class SaddleTwinTest {
  private static final SaddleData.Finite SMALL = new SaddleData.Finite(
      new double[] {0.3, -1.2, 2.5, 0.05, -0.7, 1.9, -3.1}, new double[] {1.1, 0.4, -0.9, 2.0, -0.3, 0.8, -1.7}, "test");

  static Stream<Arguments> models() {
    SaddleData gauss = new SaddleData.Gaussian(0.06);
    SaddleData gaussHalf = new SaddleData.Gaussian(0.5);
    SaddleData two = new SaddleData.TwoPoint(-0.5);
    return Stream.of(
        Arguments.of(new Saddle(1.2, 1, gauss, false, 1.0, 0.0)),
        Arguments.of(new Saddle(0.7, 2, gaussHalf, false, 0.3, -2.0)),
        Arguments.of(new Saddle(2.1, 5, gauss, false, 1.0, 0.5)),
        Arguments.of(new Saddle(0.4, 33, gaussHalf, false, 1.0, 0.0)),
        Arguments.of(new Saddle(0.9, 1, two, false, 1.0, 0.0)),
        Arguments.of(new Saddle(1.0, 1, two, false, 1.0, 0.25)), // 1 - lr chi = 0 exactly: m reaches 0
        Arguments.of(new Saddle(2.2, 3, two, false, 1.0, 0.0)),
        Arguments.of(new Saddle(0.8, 1, SMALL, false, 1.0, 0.0)),
        Arguments.of(new Saddle(0.8, 3, SMALL, false, 1.0, 0.0)),
        Arguments.of(new Saddle(0.8, 3, SMALL, true, 1.0, 0.0)),
        Arguments.of(new Saddle(0.8, 7, SMALL, false, 1.0, 0.0)),
        Arguments.of(new Saddle(1.5, 9, Datasets.saddleGaussian(10, 0.06, 4), true, 1.0, 0.0)));
  }

  @ParameterizedTest
  @MethodSource("models")
  void vectorBlockEqualsScalarTwinBitForBit(Saddle model) {
    int lanes = VectorShapes.DOUBLES.length();
    int width = 3 * lanes;
    long seed = 0x5eed_1234_abcdL;
    long traj0 = 1000;
    long[] cuts = {0, 1, 2, 7, 40, 41, 100, 333};

    TrajectoryBlock vector = new SaddleVectorBlock(model, seed, width);
    TrajectoryBlock scalar = new SaddleScalarBlock(model, seed, width);
    assertEquals(2, vector.observables());
    assertEquals(2, scalar.observables());
    vector.start(traj0);
    scalar.start(traj0);
    double[] v = new double[width], s = new double[width];
    for (int c = 1; c < cuts.length; c++) {
      vector.advance(cuts[c - 1], cuts[c]);
      scalar.advance(cuts[c - 1], cuts[c]);
      for (int k = 0; k < 2; k++) {
        vector.logDistance(k, v);
        scalar.logDistance(k, s);
        for (int i = 0; i < width; i++) {
          assertEquals(
              Double.doubleToRawLongBits(s[i]), Double.doubleToRawLongBits(v[i]),
              "observable " + k + ", trajectory " + (traj0 + i) + " at step " + cuts[c] + ": scalar " + s[i]
                  + " vector " + v[i]);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void resultsDoNotDependOnBlockWidthOrPosition(Saddle model) {
    int lanes = VectorShapes.DOUBLES.length();
    long seed = 99;
    TrajectoryBlock wide = new SaddleVectorBlock(model, seed, 4 * lanes);
    wide.start(0);
    wide.advance(0, 150);
    double[][] all = new double[2][4 * lanes];
    wide.logDistance(Saddle.OBSERVABLE_H, all[0]);
    wide.logDistance(Saddle.OBSERVABLE_M, all[1]);
    TrajectoryBlock narrow = new SaddleVectorBlock(model, seed, lanes);
    double[] part = new double[lanes];
    for (int b = 0; b < 4; b++) {
      narrow.start((long) b * lanes);
      narrow.advance(0, 99);
      narrow.advance(99, 150);
      for (int k = 0; k < 2; k++) {
        narrow.logDistance(k, part);
        for (int i = 0; i < lanes; i++) {
          assertEquals(Double.doubleToRawLongBits(all[k][b * lanes + i]), Double.doubleToRawLongBits(part[i]));
        }
      }
    }
  }

  /**
   * Eq. (66) on (w, u) directly, in plain doubles, against the (h, m) kernel. One direct step, {@code w' = w + g
   * u}, {@code u' = u + g w} with {@code g = lr chib} rounded, errs by at most about {@code eps (1 + 3|g|) (|w| +
   * |u|)} in w' and u' together (eps = 2^-53), and {@code |w| + |u| = max(|h|, |m|)}; relative to the new h
   * that is {@code eps (1 + 3|g|) max(|h|, |m|) / |h'|}, plus 2 eps for the kernel's own step. A relative error,
   * once made, is carried unchanged by the later (linear) steps, so the relative difference of h after t steps
   * is bounded by the sum of these terms, computed here from the kernel's own values (and likewise for m);
   * the test allows twice that. The smaller of h and m loses accuracy this way (up to all of it), which is
   * one reason the kernels run on h and m themselves.
   */
  @ParameterizedTest
  @MethodSource("models")
  void runningOnWAndUDirectlyAgreesWithTheFactorisationWithinRounding(Saddle model) {
    int lanes = VectorShapes.DOUBLES.length();
    long seed = 7;
    int steps = 60;
    double eps = 0x1p-53;
    SaddleScalarBlock block = new SaddleScalarBlock(model, seed, lanes);
    double[][][] direct = new double[lanes][][];
    for (int i = 0; i < lanes; i++) {
      direct[i] = block.weights(i, steps);
    }
    block.start(0);
    double[] logH = new double[lanes], logM = new double[lanes];
    double[] boundH = new double[lanes], boundM = new double[lanes];
    block.logDistance(Saddle.OBSERVABLE_H, logH);
    block.logDistance(Saddle.OBSERVABLE_M, logM);
    int checked = 0;
    for (int t = 1; t <= steps; t++) {
      double[] before = new double[lanes];
      for (int i = 0; i < lanes; i++) {
        before[i] = Math.exp(Math.max(logH[i], logM[i]));
      }
      block.advance(t - 1, t);
      block.logDistance(Saddle.OBSERVABLE_H, logH);
      block.logDistance(Saddle.OBSERVABLE_M, logM);
      for (int i = 0; i < lanes; i++) {
        double g = Math.abs(model.lr() * block.batchMeanChi(i, t - 1));
        double perStep = eps * (1 + 3 * g) * before[i];
        boundH[i] += 2 * (perStep / Math.exp(logH[i]) + 2 * eps);
        boundM[i] += 2 * (perStep / Math.exp(logM[i]) + 2 * eps);
        double w = direct[i][0][t], u = direct[i][1][t];
        if (Math.abs(w) + Math.abs(u) > 1e250) {
          continue; // the direct run is near overflow
        }
        checkRelative("|w + u|", logH[i], w + u, boundH[i], t);
        checkRelative("|w - u|", logM[i], w - u, boundM[i], t);
        checked++;
      }
    }
    assertTrue(checked > 20, "too little checked: " + checked);
  }

  /** The kernel's exact zero must be the direct run's; otherwise relative agreement within the bound. */
  private static void checkRelative(String what, double kernelLog, double direct, double bound, int t) {
    if (kernelLog == Double.NEGATIVE_INFINITY) {
      assertEquals(0.0, direct, 0.0, what + " at step " + t + ": the kernel's is exactly 0");
      return;
    }
    if (bound >= 1) {
      return; // all accuracy of the direct value may be lost
    }
    double kernel = Math.exp(kernelLog);
    double relative = Math.abs(Math.abs(direct) - kernel) / kernel;
    // + 1e-14: exp of the kernel's log itself
    assertTrue(relative <= bound + 1e-14,
        what + " at step " + t + ": kernel " + kernel + ", direct " + Math.abs(direct) + ", relative difference "
            + relative + " > bound " + bound);
  }

  @Test
  void theTwoPointLawUsesTheTopBitOfEachDrawAndIsFair() {
    Saddle model = new Saddle(0.1, 1, new SaddleData.TwoPoint(-0.5), false, 1.0, 0.0);
    SaddleScalarBlock block = new SaddleScalarBlock(model, 3, 1);
    int ones = 0, n = 20_000;
    for (int t = 0; t < n; t++) {
      double c = block.batchMeanChi(0, t);
      assertTrue(c == 1.0 || c == -0.5, "chi " + c);
      ones += c == 1.0 ? 1 : 0;
    }
    // Binomial(20000, 1/2): sd 70.7; 5 sd gives a false-failure probability of 5.7e-7
    assertEquals(n / 2.0, ones, 5 * Math.sqrt(n / 4.0));
  }
}
