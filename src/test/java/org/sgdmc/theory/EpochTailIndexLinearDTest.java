package org.sgdmc.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdmc.models.PointData;
import org.sgdmc.models.Sampling;

/**
 * The tail index of d-dimensional regression under random reshuffling, {@code h(alpha) = 0} for the products of
 * epochs' matrices, checked where it is known otherwise:
 * <ul>
 *   <li>d = 1 is the exact enumeration of {@link EpochTailIndex#linreg1d}, and population dynamics over epochs
 *       at d = 1 agrees with it;
 *   <li>one batch an epoch (K = 1) is a fresh batch without replacement: the same index, to the bit;
 *   <li>points on the two axes make every matrix diagonal, so the index is the smaller of the two coordinates'
 *       exact one-dimensional epoch indices (their recursions decouple), and the top exponent the larger one.
 * </ul>
 *
 * <p>Tolerances: population dynamics gives a standard error from 8 replicas, so the error over its estimate is
 * a t with 7 degrees of freedom, beyond 5 with probability 0.0016; to that is added 1% of the value for the
 * finite population's bias (of order 1/P = 0.001 a step, see {@link PopulationDynamics}). The random numbers
 * are fixed, so each check is deterministic; that is the chance a correct estimator fails for another seed.
 */
class EpochTailIndexLinearDTest {
  private static final double[] X = {0.3, -1.1, 0.7, 1.6, -0.4, 0.9, -1.3};

  private static double[][] column(double[] x) {
    double[][] p = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      p[i] = new double[] {x[i]};
    }
    return p;
  }

  private static void assertAgrees(double exact, Estimate estimate, String what) {
    double tolerance = 5 * estimate.stderr() + 0.01 * Math.abs(exact);
    assertEquals(exact, estimate.value(), tolerance, what + ": " + estimate);
  }

  @Test
  void inOneDimensionItIsTheExactEnumerationOfTheEpochsPartitions() {
    TailIndex exact = EpochTailIndex.linreg1d(2.0, X, 2);
    assertEquals(TailIndex.Regime.POWER_LAW, exact.regime());
    assertEquals(exact, EpochTailIndex.linearD(2.0, column(X), 2));
    assertEquals(exact, TailIndexTheory.linearD(2.0, 2, new PointData.Finite(column(X), "x"), Sampling.RESHUFFLE));
  }

  @Test
  void populationDynamicsOverEpochsAgreesWithTheEnumerationInOneDimension() {
    TailIndex exact = EpochTailIndex.linreg1d(2.0, X, 2); // alpha 1.644, Lyapunov -0.2919 a step
    TailIndex pd = EpochTailIndex.linearDByPopulationDynamics(2.0, column(X), 2, PopulationDynamics.Settings.DEFAULT);
    assertEquals(TailIndex.METHOD_POPULATION_DYNAMICS, pd.method());
    assertAgrees(exact.index(), new Estimate(pd.index(), pd.indexStderr(), pd.method()), "index");
    assertAgrees(exact.lyapunov().value(), pd.lyapunov(), "Lyapunov exponent a step");
  }

  /** K = 1: the epoch's one batch is the first S points of a permutation, drawn by the same draws as a fresh one. */
  @Test
  void oneBatchAnEpochIsAFreshBatchWithoutReplacementToTheBit() {
    double[][] p = {{0.9, -1.2}, {1.4, 0.3}, {-0.6, 1.1}, {0.2, -1.7}, {1.5, 0.8}};
    TailIndex reshuffled = EpochTailIndex.linearD(1.1, p, 3);
    TailIndex fresh = TailIndexTheory.linearDFinite(1.1, p, 3, false);
    assertEquals(fresh, reshuffled);
    assertTrue(Double.isFinite(fresh.lyapunov().value()), fresh.toString());
  }

  /**
   * Points on the axes: each batch matrix is diag(1 - lr q1, 1 - lr q2), q_c the batch mean of x_c^2, so an
   * epoch's is diag(A1, A2) with A_c the one-dimensional epoch product of coordinate c (zeros included), and
   * h(s) = max(log E|A1|^s, log E|A2|^s): alpha is the smaller one-dimensional index.
   */
  @Test
  void onTheAxesTheIndexIsTheSmallerCoordinatesExactIndex() {
    double[] a = {2.0, 0.5, -1.2, 1.5, 0, 0, 0, 0};
    double[] b = {0, 0, 0, 0, 1.1, -1.8, 0.7, 1.4};
    double[][] p = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      p[i] = new double[] {a[i], b[i]};
    }
    double lr = 1.5;
    TailIndex first = EpochTailIndex.linreg1d(lr, a, 2); // alpha 1.230, Lyapunov -0.262 a step
    TailIndex second = EpochTailIndex.linreg1d(lr, b, 2); // alpha 3.128, Lyapunov -0.414
    assertTrue(first.index() < second.index() && first.lyapunov().value() > second.lyapunov().value());
    TailIndex t = EpochTailIndex.linearD(lr, p, 2);
    assertEquals(TailIndex.Regime.POWER_LAW, t.regime());
    assertAgrees(first.index(), new Estimate(t.index(), t.indexStderr(), t.method()), "index");
    assertAgrees(first.lyapunov().value(), t.lyapunov(), "top Lyapunov exponent a step");
  }

  @Test
  void everyBatchContractingIsALightTail() {
    double[][] p = {{0.9, -1.2}, {1.4, 0.3}, {-0.6, 1.1}, {0.2, -1.7}, {1.5, 0.8}};
    TailIndex t = EpochTailIndex.linearD(0.5, p, 2); // lr max|x|^2 = 0.5 * 3.13 <= 2
    assertEquals(TailIndex.Regime.LIGHT_TAIL, t.regime());
    assertTrue(t.lyapunov().value() < 0, t.toString());
  }

  @Test
  void theEpochsSettingsKeepTheCostAndAFloor() {
    PopulationDynamics.Settings d = PopulationDynamics.Settings.DEFAULT;
    assertEquals(d, EpochTailIndex.epochSettings(d, 1));
    PopulationDynamics.Settings four = EpochTailIndex.epochSettings(d, 4);
    assertEquals(15, four.steps()); // 60 steps
    assertEquals(EpochTailIndex.MIN_BURN_IN_EPOCHS, four.burnIn());
    assertEquals(d.population(), four.population());
    PopulationDynamics.Settings twenty = EpochTailIndex.epochSettings(d, 20);
    assertEquals(5 * d.population(), twenty.population()); // 8 x 20 epochs x 20 x 5000 = 16e6 matrices
    PopulationDynamics.Settings hundred = EpochTailIndex.epochSettings(d, 100);
    assertEquals(4000, hundred.population()); // the budget: 64e6 / (8 x 20 x 100)
    PopulationDynamics.Settings long_ = EpochTailIndex.epochSettings(d, 1000);
    assertEquals(EpochTailIndex.MIN_EPOCHS, long_.steps());
    assertEquals(d.population(), long_.population()); // never below the given population
    assertEquals(d.seed(), long_.seed());
  }
}
