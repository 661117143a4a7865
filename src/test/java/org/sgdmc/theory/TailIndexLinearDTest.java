package org.sgdmc.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgdmc.models.PointData;
import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;

/**
 * The tail index of d-dimensional linear regression: exact quadrature for isotropic Gaussian data, population
 * dynamics for anything else, each held against the other and against exact second moments.
 *
 * <p>Statistical comparisons are within 4 standard errors: false-failure probability 6e-5 each for an unbiased
 * Gaussian estimate. The seeds are fixed, so the outcome is deterministic.
 */
class TailIndexLinearDTest {
  /** Smaller than the default (P = 1000, R = 8, T = 60, burn-in 20), to keep the tests quick. */
  private static final PopulationDynamics.Settings QUICK = new PopulationDynamics.Settings(500, 6, 30, 15, 17);

  // ---------------------------------------------------------------------------------------------------
  // Isotropic Gaussian data: exact

  @Test
  void isotropicIndexIsTwoAtTheThresholdTwoOverOnePlusDPlusOneOverS() {
    // E||M e_1||^2 = 1 - 2 lr + lr^2 (1 + (d + 1)/S): equal to 1 at lr = 2 / (1 + (d + 1)/S).
    int[][] cases = {{2, 1}, {3, 2}, {5, 4}, {10, 8}, {2, 64}};
    for (int[] c : cases) {
      int d = c[0];
      int batch = c[1];
      double lr = 2 / (1 + (d + 1.0) / batch);
      TailIndex t = TailIndexTheory.linearDIsotropic(lr, 1.0, d, batch);
      assertEquals(TailIndex.Regime.POWER_LAW, t.regime());
      assertEquals(2.0, t.index(), 1e-8, "d = " + d + ", S = " + batch);
      assertEquals(0.0, t.indexStderr());
      assertEquals(Estimate.METHOD_QUADRATURE, t.method());
    }
  }

  @Test
  void isotropicSecondAndFourthMomentsMatchTheirPolynomials() {
    // |M e_1|^2 = A + B c with A = (1 - lr q)^2, B = lr^2 q / S, c ~ chi^2_m (m = d - 1), q ~ Gamma(S/2, 2/S):
    // E(A + B c) = E A + m E B; E(A + B c)^2 = E A^2 + 2 m E[A B] + (m^2 + 2m) E B^2, moments of q exact.
    for (int[] c : new int[][] {{2, 1}, {3, 2}, {4, 7}, {20, 3}, {2, 300}}) {
      int d = c[0];
      int batch = c[1];
      int m = d - 1;
      double k = 0.5 * batch;
      double[] mq = new double[5];
      mq[0] = 1;
      for (int j = 1; j < 5; j++) {
        mq[j] = mq[j - 1] * (k + j - 1) / k;
      }
      for (double lr : new double[] {0.1, 0.6, 1.5}) {
        double ea = 1 - 2 * lr * mq[1] + lr * lr * mq[2];
        double eb = lr * lr / batch;
        double second = ea + m * eb;
        double ea2 = mq[0] - 4 * lr * mq[1] + 6 * lr * lr * mq[2] - 4 * Math.pow(lr, 3) * mq[3]
            + Math.pow(lr, 4) * mq[4];
        double eab = eb * (mq[1] - 2 * lr * mq[2] + lr * lr * mq[3]);
        double eb2 = eb * eb * mq[2];
        double fourth = ea2 + 2 * m * eab + (m * m + 2.0 * m) * eb2;
        String where = "d = " + d + ", S = " + batch + ", lr = " + lr;
        assertEquals(Math.log(second), IsotropicStepMoments.logMoment(lr, d, batch, 2), 1e-11, where);
        assertEquals(Math.log(fourth), IsotropicStepMoments.logMoment(lr, d, batch, 4), 1e-11, where);
      }
    }
  }

  @Test
  void dimensionOneIsTheOneDimensionalModel() {
    for (double s : new double[] {0.3, 2.0, 7.5}) {
      assertEquals(GaussianFactorMoments.logMoment(0.8, 3, s), IsotropicStepMoments.logMoment(0.8, 1, 3, s));
    }
    assertEquals(TailIndexTheory.linreg1dGaussian(0.8, 3), TailIndexTheory.linearDIsotropic(0.8, 1.0, 1, 3));
  }

  @Test
  void isotropicTopExponentAgreesWithMonteCarlo() {
    for (int[] c : new int[][] {{2, 1}, {3, 2}, {6, 5}}) {
      int d = c[0];
      int batch = c[1];
      for (double lr : new double[] {0.3, 1.1}) {
        double exact = IsotropicStepMoments.lyapunov(lr, d, batch);
        Estimate mc = LinearDTheory.topExponentIsotropic(lr, 1.0, d, batch, 400_000, 23);
        assertEquals(mc.value(), exact, 4 * mc.stderr(), "d = " + d + ", S = " + batch + ", lr = " + lr);
      }
    }
  }

  /** Where u^(d-2) e^(-u^2/2) alone overflows (d above ~340): the top exponent once came out NaN there. */
  @Test
  void isotropicTopExponentAgreesWithMonteCarloInHighDimension() {
    for (int d : new int[] {400, 1500}) {
      for (double lr : new double[] {0.01, 0.2}) {
        double exact = IsotropicStepMoments.lyapunov(lr, d, 2);
        Estimate mc = LinearDTheory.topExponentIsotropic(lr, 1.0, d, 2, 20_000, 29);
        assertEquals(mc.value(), exact, 4 * mc.stderr(), "d = " + d + ", lr = " + lr);
      }
    }
  }

  @Test
  void isotropicIndexFallsWithTheLearningRate() {
    double previous = Double.POSITIVE_INFINITY;
    for (double lr = 0.1; lr < 0.95; lr += 0.2) { // Lambda_1 changes sign near lr = 0.97
      TailIndex t = TailIndexTheory.linearDIsotropic(lr, 1.0, 3, 2);
      assertEquals(TailIndex.Regime.POWER_LAW, t.regime(), "lr = " + lr);
      assertTrue(t.index() < previous, "lr = " + lr);
      previous = t.index();
    }
    // variance v is the same as lr v
    assertEquals(TailIndexTheory.linearDIsotropic(0.6, 1.0, 3, 2).index(),
        TailIndexTheory.linearD(0.3, 2, PointData.Gaussian.isotropic(3, 2.0), true).index(), 1e-12);
    // far beyond: no stationary law
    assertEquals(TailIndex.Regime.NO_STATIONARY_LAW, TailIndexTheory.linearDIsotropic(3.0, 1.0, 3, 2).regime());
  }

  // ---------------------------------------------------------------------------------------------------
  // Population dynamics

  @Test
  void populationDynamicsReproducesTheExactIsotropicIndex() {
    int d = 3;
    int batch = 2;
    double lr = 0.75;
    TailIndex exact = TailIndexTheory.linearDIsotropic(lr, 1.0, d, batch);
    double[][] identity = new double[d][d];
    for (int i = 0; i < d; i++) {
      identity[i][i] = 1;
    }
    TailIndex pd = TailIndexTheory.linearDGaussian(lr, identity, batch, QUICK);
    assertEquals(TailIndex.METHOD_POPULATION_DYNAMICS, pd.method());
    assertTrue(pd.indexStderr() > 0 && pd.indexStderr() < 0.05, "stderr " + pd.indexStderr());
    assertEquals(exact.index(), pd.index(), 4 * pd.indexStderr());
    assertEquals(exact.lyapunov().value(), pd.lyapunov().value(), 4 * pd.lyapunov().stderr());
  }

  @Test
  void populationDynamicsInOneDimensionReproducesTheExactSum() {
    double[] x = {0.3, -1.7, 0.9, 2.4, -0.05, 1.1, 0.6};
    double[][] points = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      points[i] = new double[] {x[i]};
    }
    for (int batch : new int[] {1, 3}) {
      double lr = 0.9 * Linreg1dTheory.lrMeanSquare(DataMoments.of(x, false), batch);
      TailIndex exact = TailIndexTheory.linreg1dFinite(lr, x, batch, false);
      TailIndex pd = TailIndexTheory.linearDFinite(lr, points, batch, false, QUICK);
      assertTrue(pd.indexStderr() > 0 && pd.indexStderr() < 0.05, "stderr " + pd.indexStderr());
      assertEquals(exact.index(), pd.index(), 4 * pd.indexStderr(), "S = " + batch);
      assertEquals(exact.lyapunov().value(), pd.lyapunov().value(), 4 * pd.lyapunov().stderr());
    }
  }

  /**
   * {@code T(A) = E[M A M]} for finite data: {@code E|M_k ... M_1 u|^2 = u^T T^k(I) u} grows like the spectral
   * radius of T, so alpha = 2 exactly where it is 1. {@code E[H A H] = F(A)/S + (1 - 1/S) G(A)}, {@code F(A) =
   * mean_i (x_i^T A x_i) x_i x_i^T} (same point twice), {@code G(A)} the mean over pairs of batch slots: {@code
   * Sigma A Sigma} with replacement, {@code (N Sigma A Sigma - F(A)) / (N - 1)} without (distinct points).
   */
  private static double secondMomentGrowth(double lr, double[][] x, int batch, boolean withReplacement) {
    int n = x.length;
    int d = x[0].length;
    double[][] sigma = new double[d][d];
    for (double[] p : x) {
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          sigma[i][j] += p[i] * p[j] / n;
        }
      }
    }
    double[][] a = new double[d][d];
    for (int i = 0; i < d; i++) {
      a[i][i] = 1;
    }
    double norm = 0;
    for (int iter = 0; iter < 2000; iter++) {
      double[][] f = new double[d][d];
      for (double[] p : x) {
        double quad = 0;
        for (int i = 0; i < d; i++) {
          for (int j = 0; j < d; j++) {
            quad += p[i] * a[i][j] * p[j];
          }
        }
        for (int i = 0; i < d; i++) {
          for (int j = 0; j < d; j++) {
            f[i][j] += quad * p[i] * p[j] / n;
          }
        }
      }
      double[][] sa = multiply(sigma, a);
      double[][] sas = multiply(sa, sigma);
      double[][] next = new double[d][d];
      norm = 0;
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          double pairs = withReplacement ? sas[i][j] : (n * sas[i][j] - f[i][j]) / (n - 1);
          double hah = f[i][j] / batch + (1 - 1.0 / batch) * pairs;
          next[i][j] = a[i][j] - lr * (sa[i][j] + sa[j][i]) + lr * lr * hah;
          norm += next[i][j] * next[i][j];
        }
      }
      norm = Math.sqrt(norm);
      // symmetrised: A Sigma = (Sigma A)^T holds only for a symmetric A, and rounding would otherwise feed
      // antisymmetric components, on which this update is not T and can grow
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          a[i][j] = 0.5 * (next[i][j] + next[j][i]) / norm;
        }
      }
    }
    return norm;
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    int d = a.length;
    double[][] c = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int k = 0; k < d; k++) {
        for (int j = 0; j < d; j++) {
          c[i][j] += a[i][k] * b[k][j];
        }
      }
    }
    return c;
  }

  private static double[][] anisotropicData(int n, int d, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][d];
    for (double[] row : x) {
      for (int c = 0; c < d; c++) {
        row[c] = r.nextGaussian() * (1 + 0.3 * c);
      }
    }
    return x;
  }

  @Test
  void populationDynamicsGivesIndexTwoAtTheFiniteDataMeanSquareThreshold() {
    double[][] x = anisotropicData(30, 4, 5);
    for (boolean withReplacement : new boolean[] {true, false}) {
      int batch = 2;
      double lo = 0.01;
      double hi = 1;
      for (int i = 0; i < 50; i++) {
        double mid = 0.5 * (lo + hi);
        if (secondMomentGrowth(mid, x, batch, withReplacement) < 1) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      TailIndex t = TailIndexTheory.linearDFinite(lo, x, batch, withReplacement, QUICK);
      assertEquals(TailIndex.Regime.POWER_LAW, t.regime());
      assertTrue(t.indexStderr() > 0 && t.indexStderr() < 0.05, "stderr " + t.indexStderr());
      assertEquals(2.0, t.index(), 4 * t.indexStderr(), "with replacement " + withReplacement);
    }
  }

  @Test
  void finiteDataIsLightTailedWhenNoStepCanStretch() {
    double[][] x = anisotropicData(30, 4, 5);
    double max = 0;
    for (double[] p : x) {
      double s = 0;
      for (double v : p) {
        s += v * v;
      }
      max = Math.max(max, s);
    }
    // ||M|| <= 1 for every batch iff lr lambda_max(H_B) <= 2; lambda_max(H_B) <= max |x|^2
    TailIndex t = TailIndexTheory.linearDFinite(2 / max, x, 3, true, QUICK);
    assertEquals(TailIndex.Regime.LIGHT_TAIL, t.regime());
    assertTrue(t.lyapunov().value() < 0);
  }

  @Test
  void pairedDrawsAreTheDrawsOfTheCounterBasedGenerator() {
    PopulationDynamics.PairedDraws paired = new PopulationDynamics.PairedDraws(99, Stream.DATA);
    for (long traj : new long[] {0, 7, 1L << 40}) {
      for (long k = 0; k < 9; k++) {
        assertEquals(Draws.bits(99, Stream.DATA, traj, k), paired.bits(traj, k));
        assertEquals(Double.doubleToRawLongBits(Draws.normal(99, Stream.DATA, traj, k)),
            Double.doubleToRawLongBits(paired.normal(traj, k)));
      }
    }
  }
}
