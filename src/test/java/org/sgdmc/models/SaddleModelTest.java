package org.sgdmc.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;

/** The saddle model's description: validation with one-line messages, moments, and the generated dataset. */
class SaddleModelTest {
  private static final SaddleData GAUSS = new SaddleData.Gaussian(0.06);

  private static void oneLine(String mentions, Executable e) {
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
    assertTrue(!x.getMessage().contains("\n") && x.getMessage().contains(mentions), x.getMessage());
  }

  @Test
  void badInputsGiveOneLine() {
    oneLine("learning rate", () -> new Saddle(0, 1, GAUSS, false, 1, 0));
    oneLine("learning rate", () -> new Saddle(Double.NaN, 1, GAUSS, false, 1, 0));
    oneLine("batch size", () -> new Saddle(0.5, 0, GAUSS, false, 1, 0));
    oneLine("w0 != +-u0", () -> new Saddle(0.5, 1, GAUSS, false, 1, 1));
    oneLine("w0 != +-u0", () -> new Saddle(0.5, 1, GAUSS, false, 1, -1));
    oneLine("w0 != +-u0", () -> new Saddle(0.5, 1, GAUSS, false, 1e-310, 0));
    oneLine("finite", () -> new Saddle(0.5, 1, GAUSS, false, Double.POSITIVE_INFINITY, 0));
    oneLine("exceeds", () -> new Saddle(0.5, 5, Datasets.saddleGaussian(4, 0.06, 1), false, 1, 0));
    oneLine("too large", () -> new Saddle(1e300, 1, GAUSS, false, 1, 0));
    oneLine("mu", () -> new SaddleData.Gaussian(Double.NaN));
    oneLine("a must be", () -> new SaddleData.TwoPoint(Double.NEGATIVE_INFINITY));
    oneLine("empty", () -> new SaddleData.Finite(new double[0], new double[0], "t"));
    oneLine("labels", () -> new SaddleData.Finite(new double[] {1, 2}, new double[] {1}, "t"));
    oneLine("point 2", () -> new SaddleData.Finite(new double[] {1, Double.NaN}, new double[] {1, 2}, "t"));
    oneLine("N must be", () -> Datasets.saddleGaussian(0, 0.06, 1));
    // with replacement a batch may exceed N
    assertEquals(5, new Saddle(0.5, 5, Datasets.saddleGaussian(4, 0.06, 1), true, 1, 0).batch());
  }

  @Test
  void momentsOfTheDataLaws() {
    SaddleData.TwoPoint two = new SaddleData.TwoPoint(-0.5);
    assertEquals(0.25, two.meanChi(), 0);
    assertEquals(0.625, two.meanChiSquare(), 0);
    assertEquals(0.5625, two.varianceChi(), 1e-16);
    SaddleData.Gaussian g = new SaddleData.Gaussian(0.3);
    assertEquals(0.3, g.meanChi(), 0);
    assertEquals(3 * 0.09 + 4 * 0.49, g.meanChiSquare(), 1e-15);
    SaddleData.Finite f = new SaddleData.Finite(new double[] {1, -2, 3}, new double[] {2, 1, -1}, "t");
    assertEquals(-1, f.meanChi(), 1e-15); // chi = 2, -2, -3
    assertEquals(17.0 / 3, f.meanChiSquare(), 1e-15);
    assertEquals(3, f.maxAbsChi(), 0);
    Saddle model = new Saddle(0.5, 1, g, false, 0.75, -0.25);
    assertEquals(0.5, model.h0(), 0);
    assertEquals(1.0, model.m0(), 0);
  }

  /** Point i takes x from normal 2i and eps/2 from normal 2i + 1 of the dataset stream, as documented. */
  @Test
  void theGeneratedDatasetUsesTheDocumentedDraws() {
    double mu = 0.06;
    SaddleData.Finite data = Datasets.saddleGaussian(6, mu, 42);
    double[] x = data.x();
    double[] y = data.y();
    for (int i = 0; i < 6; i++) {
      assertEquals(Draws.normal(42, Stream.DATASET, 0, 2L * i), x[i], 0);
      double eps = 2 * Draws.normal(42, Stream.DATASET, 0, 2L * i + 1);
      assertEquals(mu * x[i] + (1 - mu) * eps, y[i], 1e-14 * (1 + Math.abs(y[i])));
    }
    assertEquals(data, Datasets.saddleGaussian(6, mu, 42));
  }
}
