package org.sgdmc.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The moment thresholds (GD, mean square, stationary) and the mean-square growth rate. */
class Linreg1dThresholdsTest {
  private static final double[] DATA = {0.3, -1.7, 0.9, 2.4, -0.05, 1.1};

  /** E[(1 - lr q)^2] summed over every batch. */
  private static double enumeratedSecondMoment(double lr, double[] x, int batch, boolean withReplacement) {
    return BatchMeanLaw.enumerate(x, batch, withReplacement, 1_000_000)
        .expectation(q -> (1 - lr * q) * (1 - lr * q));
  }

  @Test
  void gaussianMeanSquareThresholdIs2SOverSPlus2AndMakesTheSecondMomentExactlyOne() {
    for (int batch : new int[] {1, 2, 3, 4, 7, 16, 100, 4096}) {
      double lr = Linreg1dTheory.lrMeanSquare(DataMoments.gaussian(), batch);
      assertEquals(2.0 * batch / (batch + 2.0), lr, 1e-15);
      // Gamma(S/2, 2/S) moments: E q = 1, E q^2 = 1 + 2/S.
      assertEquals(1.0, 1 - 2 * lr + lr * lr * (1 + 2.0 / batch), 1e-12, "S = " + batch);
      // ... and by quadrature of the density, independent of the moment formulas.
      double numeric = numericGaussianSecondMoment(lr, batch);
      assertEquals(1.0, numeric, 1e-12, "S = " + batch);
      assertEquals(0.0, Linreg1dTheory.meanSquareGrowthRate(lr, DataMoments.gaussian(), batch), 1e-15);
    }
  }

  private static double numericGaussianSecondMoment(double lr, int batch) {
    double k = 0.5 * batch;
    double logNorm = SpecialFunctions.gammaMeanOneLogNormalisation(k);
    double[] breaks = GaussianLyapunov.breakpoints(batch, Double.NaN);
    double sum = 0;
    for (int i = 0; i + 1 < breaks.length; i++) {
      double a = breaks[i];
      double b = breaks[i + 1];
      sum += Quadrature.tanhSinh((fromLeft, fromRight) -> {
        double q = fromLeft <= fromRight ? a + fromLeft : b - fromRight;
        double y = 1 - lr * q;
        return q > 0 ? y * y * Math.exp(SpecialFunctions.gammaMeanOneLogDensity(q, k, logNorm)) : 0;
      }, a, b, 1e-16, 1e-15).value();
    }
    return sum;
  }

  @Test
  void finiteDataThresholdMakesTheEnumeratedSecondMomentExactlyOneWithReplacement() {
    DataMoments d = DataMoments.of(DATA, true);
    for (int batch = 1; batch <= 6; batch++) {
      double lr = Linreg1dTheory.lrMeanSquare(d, batch);
      assertEquals(1.0, enumeratedSecondMoment(lr, DATA, batch, true), 1e-12, "S = " + batch);
      assertTrue(enumeratedSecondMoment(lr * (1 - 1e-6), DATA, batch, true) < 1);
      assertTrue(enumeratedSecondMoment(lr * (1 + 1e-6), DATA, batch, true) > 1);
    }
  }

  @Test
  void finiteDataThresholdWithoutReplacementNeedsTheFinitePopulationCorrection() {
    DataMoments without = DataMoments.of(DATA, false);
    DataMoments with = DataMoments.of(DATA, true);
    for (int batch = 1; batch <= DATA.length; batch++) {
      double lr = Linreg1dTheory.lrMeanSquare(without, batch);
      assertEquals(1.0, enumeratedSecondMoment(lr, DATA, batch, false), 1e-12, "S = " + batch);
      if (batch > 1) {
        // The with-replacement formula is wrong for this sampling: E[(1 - lr q)^2] != 1 at its threshold.
        double wrong = Linreg1dTheory.lrMeanSquare(with, batch);
        assertTrue(Math.abs(enumeratedSecondMoment(wrong, DATA, batch, false) - 1) > 1e-3, "S = " + batch);
      }
    }
    // The full batch without replacement is GD: no noise, threshold 2/h.
    assertEquals(Linreg1dTheory.lrGd(without), Linreg1dTheory.lrMeanSquare(without, DATA.length), 1e-15);
  }

  @Test
  void printedEquation4AgreesOnlyAtBatchOneAndExceedsTheGdBoundForGaussianBatch3() {
    DataMoments gaussian = DataMoments.gaussian();
    assertEquals(Linreg1dTheory.lrMeanSquare(gaussian, 1), Linreg1dTheory.lrMeanSquarePrinted(gaussian, 1),
        1e-15);
    assertEquals(2.0 / 3.0, Linreg1dTheory.lrMeanSquare(gaussian, 1), 1e-15);
    // Printed: 2 S^2 / (3 + (S - 1)^2): 2 at S = 2 (= GD), 18/7 at S = 3 (> GD, impossible by Jensen).
    assertEquals(2.0, Linreg1dTheory.lrMeanSquarePrinted(gaussian, 2), 1e-15);
    assertEquals(18.0 / 7.0, Linreg1dTheory.lrMeanSquarePrinted(gaussian, 3), 1e-15);
    for (int batch = 2; batch <= 64; batch *= 2) {
      double printed = Linreg1dTheory.lrMeanSquarePrinted(gaussian, batch);
      // At the printed threshold the second moment grows, so it is not a threshold of E[(1 - lr q)^2] < 1.
      assertTrue(Linreg1dTheory.meanSquareGrowthRate(printed, gaussian, batch) > 0.1, "S = " + batch);
    }
    // Same for a finite dataset, checked by enumeration rather than the moment formula.
    DataMoments d = DataMoments.of(DATA, true);
    double printed = Linreg1dTheory.lrMeanSquarePrinted(d, 3);
    assertTrue(enumeratedSecondMoment(printed, DATA, 3, true) > 1.1);
  }

  @Test
  void aDominantOutlierGivesTwoOverXMaxSquaredNotTwoOverNXMaxSquared() {
    // Seed A.2.4, eq. (27) prints 2 / (N x_max^2) at S = 1; the seed's own eq. (21) gives 2 m2/m4 -> 2/x_max^2.
    double[] x = {1e4, 0.5, -1.2, 0.8, 1.9, -0.3, 0.1, 1.4, -0.7, 0.9};
    double c = x[0] * x[0];
    DataMoments d = DataMoments.of(x, true);
    assertEquals(2.0, Linreg1dTheory.lrMeanSquare(d, 1) * c, 1e-6);
    // With batch S: 2 S / (c (1 + (S - 1)/N)) to leading order.
    for (int batch = 2; batch <= 5; batch++) {
      double expected = 2.0 * batch / (c * (1 + (batch - 1.0) / x.length));
      assertEquals(1.0, Linreg1dTheory.lrMeanSquare(d, batch) / expected, 1e-6, "S = " + batch);
    }
  }

  @Test
  void gdAndStationaryThresholds() {
    DataMoments d = DataMoments.of(DATA, true);
    double h = d.m2();
    assertEquals(2 / h, Linreg1dTheory.lrGd(d), 1e-15);
    assertEquals(1 / h, Linreg1dTheory.lrStationary(d, 1), 1e-15);
    assertEquals(2 / h * 4 / 5, Linreg1dTheory.lrStationary(d, 4), 1e-15);
    assertEquals(1.0, Linreg1dTheory.lrGd(DataMoments.gaussian(2.0)), 1e-15);
  }

  /**
   * Without replacement the noise factor is (N - S)/((N - 1) S), not 1/S: at S = N there is no noise and the
   * stationary threshold is GD's. (The old code ignored the correction and printed 1.3243 < lr_GD = 1.5135.)
   */
  @Test
  void stationaryThresholdCarriesTheFinitePopulationCorrection() {
    DataMoments without = DataMoments.of(DATA, false);
    int n = DATA.length;
    assertEquals(Linreg1dTheory.lrGd(without), Linreg1dTheory.lrStationary(without, n), 1e-15);
    double f = (n - 2.0) / ((n - 1.0) * 2);
    assertEquals(2 / without.m2() / (1 + f), Linreg1dTheory.lrStationary(without, 2), 1e-15);
    assertEquals(2 / without.m2() / 1.5, Linreg1dTheory.lrStationary(DataMoments.of(DATA, true), 2), 1e-15);
    assertTrue(Linreg1dTheory.lrStationary(without, n) > Linreg1dTheory.lrStationary(without, n - 1));
  }

  @Test
  void meanSquareGrowthRateIsTheLogOfTheExactSecondMomentRatio() {
    DataMoments d = DataMoments.of(DATA, false);
    for (int batch : new int[] {1, 2, 4}) {
      for (double lr = 0.05; lr < 3; lr += 0.173) {
        assertEquals(Math.log(enumeratedSecondMoment(lr, DATA, batch, false)),
            Linreg1dTheory.meanSquareGrowthRate(lr, d, batch), 1e-13, "S = " + batch + ", lr = " + lr);
      }
    }
  }

  @Test
  void momentsOfADataset() {
    DataMoments d = DataMoments.of(new double[] {1, 2, 3}, true);
    assertEquals(14.0 / 3, d.m2(), 1e-15);
    assertEquals(98.0 / 3, d.m4(), 1e-14);
    assertEquals(3, d.n());
    assertThrows(IllegalArgumentException.class, () -> DataMoments.of(new double[0], true));
    assertThrows(IllegalArgumentException.class, () -> new DataMoments(1, 3, DataMoments.INFINITE, false));
    DataMoments two = DataMoments.of(new double[] {1, 2}, false);
    assertThrows(IllegalArgumentException.class, () -> two.batchMeanVariance(3));
  }
}
