package org.sgdmc.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The generic root finder on moment functions of two-point laws, whose roots are known in closed form. */
class KestenSolverTest {
  /**
   * {@code log E|a|^s} for {@code |a| = small} with probability {@code 1 - pLarge}, {@code large} otherwise:
   * by {@code log1p} of {@code expm1}s for small s (no cancellation near s = 0), else by log-sum-exp.
   */
  private static KestenSolver.LogMoment twoPoint(double pLarge, double small, double large) {
    return s -> {
      double ls = s * Math.log(small);
      double ll = s * Math.log(large);
      if (Math.max(Math.abs(ls), Math.abs(ll)) < 1) {
        return new Estimate(Math.log1p((1 - pLarge) * Math.expm1(ls) + pLarge * Math.expm1(ll)), 0.0, "test");
      }
      double x = Math.log1p(-pLarge) + ls;
      double y = Math.log(pLarge) + ll;
      double top = Math.max(x, y);
      return new Estimate(top + Math.log(Math.exp(x - top) + Math.exp(y - top)), 0.0, "test");
    };
  }

  private static Estimate lambda(double pLarge, double small, double large) {
    return new Estimate((1 - pLarge) * Math.log(small) + pLarge * Math.log(large), 0.0, "test");
  }

  /** alpha = log2((1 - pLarge) / pLarge) for the law on {1/2, 2}: with y = 2^s, (1 - p)/y + p y = 1. */
  private static double halfOrTwoRoot(double pLarge) {
    return (Math.log1p(-pLarge) - Math.log(pLarge)) / Math.log(2);
  }

  @Test
  void twoPointLawHasItsClosedFormRoot() {
    // |a| = 1/2 w.p. 2/3, 2 w.p. 1/3: with y = 2^s, (2/3)/y + y/3 = 1 has roots y = 1 (s = 0) and y = 2: alpha = 1.
    TailIndex t = KestenSolver.solve(twoPoint(1.0 / 3, 0.5, 2), lambda(1.0 / 3, 0.5, 2), 2, "test");
    assertEquals(TailIndex.Regime.POWER_LAW, t.regime());
    assertEquals(1.0, t.index(), 1e-12);
    assertEquals(0.0, t.indexStderr());
    assertTrue(t.isExact());
    // General P(|a| = 2) = p: y = (1 - p)/p; from p = 0.45 (alpha = 0.29) to 1e-12 (alpha = 40).
    for (double p : new double[] {0.45, 0.3, 0.1, 0.01, 1e-6, 1e-12}) {
      double expected = halfOrTwoRoot(p);
      TailIndex r = KestenSolver.solve(twoPoint(p, 0.5, 2), lambda(p, 0.5, 2), 2, "test");
      assertEquals(expected, r.index(), 1e-11 * expected, "p = " + p);
    }
  }

  @Test
  void tinyRootsNearTheEdgeAreFoundByHalving() {
    // P(|a| = 2) = 1/2 - 1e-6: Lambda = -2e-6 log 2 and alpha = log2((1/2 + 1e-6)/(1/2 - 1e-6)) = 5.77e-6.
    double p = 0.5 - 1e-6;
    double expected = halfOrTwoRoot(p);
    TailIndex r = KestenSolver.solve(twoPoint(p, 0.5, 2), lambda(p, 0.5, 2), 2, "test");
    assertEquals(expected, r.index(), 1e-9 * expected);
  }

  @Test
  void anAtomAtZeroIsTheSeedsAppendixA3() {
    // a = 0 w.p. 1/N, |a| = A otherwise: E|a|^s = (1 - 1/N) A^s for s > 0, Lambda = -infinity, and
    // alpha = log(N / (N - 1)) / log A ~ 1 / (N log A) (seed 002 eq. (35)).
    for (int n : new int[] {2, 10, 1000}) {
      double bigA = 3.0;
      KestenSolver.LogMoment m = s -> new Estimate(Math.log1p(-1.0 / n) + s * Math.log(bigA), 0.0, "test");
      TailIndex r = KestenSolver.solve(m, new Estimate(Double.NEGATIVE_INFINITY, 0, "test"), bigA, "test");
      double expected = Math.log((double) n / (n - 1)) / Math.log(bigA);
      assertEquals(expected, r.index(), 1e-12 * expected, "N = " + n);
    }
  }

  @Test
  void nonNegativeLyapunovExponentMeansNoStationaryLawAndNoIndex() {
    KestenSolver.LogMoment never = s -> {
      throw new AssertionError("the moment function must not be needed");
    };
    for (double lambda : new double[] {0.0, 1e-300, 0.3, Double.POSITIVE_INFINITY}) {
      TailIndex r = KestenSolver.solve(never, new Estimate(lambda, 0, "test"), 5, "m");
      assertEquals(TailIndex.Regime.NO_STATIONARY_LAW, r.regime());
      assertTrue(Double.isNaN(r.index()));
      assertEquals("no-stationary-law", r.regime().label());
    }
  }

  @Test
  void aFactorBoundedByOneGivesALightTail() {
    KestenSolver.LogMoment never = s -> {
      throw new AssertionError("the moment function must not be needed");
    };
    TailIndex r = KestenSolver.solve(never, new Estimate(-0.1, 0, "test"), 1.0, "m");
    assertEquals(TailIndex.Regime.LIGHT_TAIL, r.regime());
    assertEquals(Double.POSITIVE_INFINITY, r.index());
  }

  @Test
  void rareExpansionsPushTheIndexAboveTheCap() {
    // |a| = 2 w.p. 1e-30: alpha = log2((1 - 1e-30) / 1e-30) = 99.66, beyond a cap of 64, within 200.
    double p = 1e-30;
    TailIndex capped = KestenSolver.solve(twoPoint(p, 0.5, 2), lambda(p, 0.5, 2), 2, 64, 1e-12, "m");
    assertEquals(TailIndex.Regime.INDEX_ABOVE_CAP, capped.regime());
    assertEquals(64.0, capped.index());
    TailIndex found = KestenSolver.solve(twoPoint(p, 0.5, 2), lambda(p, 0.5, 2), 2, "m");
    assertEquals(TailIndex.Regime.POWER_LAW, found.regime());
    assertEquals(halfOrTwoRoot(p), found.index(), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> KestenSolver.solve(twoPoint(p, 0.5, 2), lambda(p, 0.5, 2),
        2, 0.5, 1e-12, "m"));
  }

  @Test
  void aNoisyMomentFunctionGivesTheDeltaMethodStderr() {
    // m(s) = log E|a|^s of the 2/3, 1/3 law (root 1) with a made-up stderr 0.01: stderr(alpha) = 0.01 / m'(1).
    KestenSolver.LogMoment exact = twoPoint(1.0 / 3, 0.5, 2);
    KestenSolver.LogMoment noisy = s -> new Estimate(exact.at(s).value(), 0.01, "test");
    TailIndex r = KestenSolver.solve(noisy, lambda(1.0 / 3, 0.5, 2), 2, "m");
    // m'(s) = E[|a|^s log|a|] / E|a|^s; at s = 1: (2/3 * 1/2 * (-log 2) + 1/3 * 2 * log 2) / 1 = log(2) / 3.
    assertEquals(0.01 / (Math.log(2) / 3), r.indexStderr(), 1e-6);
    assertTrue(!r.isExact());
  }
}
