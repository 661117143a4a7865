package org.sgdmc.theory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The probabilistic stability edge of {@code linreg1d} with N(0, 1) data: where Lambda(lr, S) changes
 * sign. Pinned values were computed by {@link Linreg1dTheory#lrProbabilisticGaussian} and confirmed by an
 * independent route for each S (closed forms for S = 1, 2; adaptive Gauss-Legendre for S = 4, 8, 16).
 */
class Linreg1dEdgesTest {
  /** log of the Ramanujan-Soldner constant: the positive zero of Ei (OEIS A091723). */
  private static final double EI_ZERO = 0.372507410781366634461991866580;

  private static final int[] PINNED_BATCHES = {1, 2, 4, 8, 16};
  private static final double[] PINNED_EDGES = {
    2.42124952103683, 2.684510350820692, 2.6629956687069107, 2.4925789179173305, 2.2993023818528515,
  };

  @Test
  void pinnedEdgesForBatchSizes1To16() {
    double[] edges = new double[PINNED_BATCHES.length];
    for (int i = 0; i < edges.length; i++) {
      edges[i] = Linreg1dTheory.lrProbabilisticGaussian(PINNED_BATCHES[i]);
    }
    assertArrayEquals(PINNED_EDGES, edges, 1e-11);
  }

  @Test
  void batchOneEdgeNear242IsTheRootOfTheDawsonClosedForm() {
    // SCIENCE.md and seed Fig. 2 put it "around 2.42".
    double root = Linreg1dTheory.bisect(Reference::lambdaS1, 2.0, 3.0, 1e-14);
    assertEquals(2.42124952103683, root, 1e-12);
    assertEquals(root, Linreg1dTheory.lrProbabilisticGaussian(1), 1e-11);
  }

  @Test
  void batchTwoEdgeIsOneOverTheZeroOfEi() {
    // Lambda = -exp(-1/lr) Ei(1/lr) vanishes where Ei does.
    assertEquals(1.0 / EI_ZERO, Linreg1dTheory.lrProbabilisticGaussian(2), 1e-12);
    assertEquals(0.0, Reference.ei(EI_ZERO), 1e-15);
  }

  @Test
  void edgesFor4To16AgreeWithTheRootsOfTheGaussLegendreReference() {
    for (int i = 2; i < PINNED_BATCHES.length; i++) {
      int batch = PINNED_BATCHES[i];
      double root = Linreg1dTheory.bisect(lr -> Reference.lambdaGaussLegendre(lr, batch), 2.0, 3.0, 1e-11);
      assertEquals(root, PINNED_EDGES[i], 1e-9, "S = " + batch);
    }
  }

  @Test
  void lambdaFallsToOneMinimumThenRisesThroughExactlyOneZero() {
    // Unimodal on a fine geometric grid from 1e-4 to 50 and one sign change, at the edge: Lambda < 0 on all
    // of (0, lr*) and > 0 beyond, up to 50. A scan, so a sign change narrower than the grid step (ratio 1.07)
    // could hide; for S = 1 and 2 the closed forms prove the structure (see Linreg1dTheory).
    for (int batch : new int[] {1, 2, 3, 4, 8, 16, 64, 256, 1024, 4096}) {
      int n = 200;
      double ratio = Math.pow(50 / 1e-4, 1.0 / (n - 1));
      double previous = 0;
      int turns = 0;
      boolean falling = true;
      for (int i = 0; i < n; i++) {
        double value = Linreg1dTheory.lyapunovGaussian(1e-4 * Math.pow(ratio, i), batch);
        if (i > 0 && falling && value > previous) {
          falling = false;
          turns++;
        } else if (i > 0 && !falling && value <= previous) {
          turns++;
        }
        previous = value;
      }
      assertEquals(1, turns, "S = " + batch + ": not a single minimum");
      double[] roots = Linreg1dTheory.lyapunovRootsGaussian(batch, 1e-4, 50, 40);
      assertEquals(1, roots.length, "S = " + batch);
      assertEquals(Linreg1dTheory.lrProbabilisticGaussian(batch), roots[0], 1e-11, "S = " + batch);
    }
  }

  @Test
  void batchOneMinimumSitsAtTheMaximumOfDawsonsFunction() {
    // dLambda/dlr = (1 - 2 Z F(Z)) / lr = F'(Z) / lr with Z = (2 lr)^-1/2 (Reference.lambdaS1
    // differentiated), and F has one maximum, at z0 = 0.9241388730 (F(z0) = 0.5410442246).
    double z0 = Linreg1dTheory.bisect(z -> 1 - 2 * z * Reference.dawson(z), 0.5, 1.5, 1e-15);
    assertEquals(0.9241388730, z0, 1e-9);
    assertEquals(0.5410442246, Reference.dawson(z0), 1e-9);
    double lrMin = 1 / (2 * z0 * z0);
    assertEquals(0.5854577060, lrMin, 1e-9);
    DoubleUnaryOperator lambda = lr -> Linreg1dTheory.lyapunovGaussian(lr, 1);
    for (double lr = 0.13; lr < 40; lr *= 1.25) {
      double h = 1e-5 * lr;
      double numeric = (lambda.applyAsDouble(lr + h) - lambda.applyAsDouble(lr - h)) / (2 * h);
      double z = 1 / Math.sqrt(2 * lr);
      assertEquals((1 - 2 * z * Reference.dawson(z)) / lr, numeric, 1e-7, "lr = " + lr);
    }
    assertTrue(lambda.applyAsDouble(lrMin) < lambda.applyAsDouble(lrMin * 0.999));
    assertTrue(lambda.applyAsDouble(lrMin) < lambda.applyAsDouble(lrMin * 1.001));
  }

  @Test
  void largeBatchEdgeApproachesTwoAs2Plus4OverSPlus56Over3S2() {
    // lr = 2 + d, q = 1 + e with E e^2 = 2/S, E e^3 = 8/S^2, E e^4 = 12/S^2 + O(S^-3): expanding E log|1 - lr q|
    // to O(S^-2) and solving for its zero gives d = 4/S + (56/3)/S^2 + O(S^-3). The O(S^-3) remainder,
    // times S^3, settles near 250 (264, 257, 254, 252 for S = 512..4096).
    double previous = Double.NaN;
    for (int batch : new int[] {512, 1024, 2048, 4096}) {
      double edge = Linreg1dTheory.lrProbabilisticGaussian(batch);
      double scaled = (edge - 2 - 4.0 / batch - 56.0 / (3.0 * batch * batch)) * batch * batch * batch;
      assertTrue(scaled > 240 && scaled < 270, "S = " + batch + ": " + scaled);
      if (!Double.isNaN(previous)) {
        assertTrue(scaled < previous, "S = " + batch + ": the remainder should settle monotonically");
      }
      previous = scaled;
    }
  }

  @Test
  void probabilisticEdgeLiesAboveTheGdAndMeanSquareThresholds() {
    DataMoments gaussian = DataMoments.gaussian();
    for (int batch : new int[] {1, 2, 3, 4, 8, 16, 64, 256, 1024, 4096}) {
      double edge = Linreg1dTheory.lrProbabilisticGaussian(batch);
      assertTrue(Linreg1dTheory.lrMeanSquare(gaussian, batch) < Linreg1dTheory.lrGd(gaussian));
      assertTrue(Linreg1dTheory.lrGd(gaussian) < edge, "S = " + batch + ": " + edge);
    }
  }
}
