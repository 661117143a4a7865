package org.sgdmc.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Auroc} against answers known independently: a hand-counted example with ties, brute-force pair counting
 * on tied integer scores, two Gaussian classes (AUROC = Phi(delta / sqrt 2)), an uninformative score (0.5), and
 * the ROC curve's trapezoid area.
 */
class AurocTest {

  @Test
  void tiesCountOneHalfByHand() {
    // positives 2, 3; negatives 1, 2: pairs 2>1, 2=2 (1/2), 3>1, 3>2 -> 3.5 / 4
    Auroc a = Auroc.of(new double[] {1, 2, 2, 3}, new boolean[] {false, true, false, true});
    assertEquals(0.875, a.value(), 0);
    assertEquals(2, a.positives());
    assertEquals(2, a.negatives());
    // a NaN score is left out; reversed labels give 1 - AUROC
    assertEquals(0.875, Auroc.of(new double[] {1, 2, Double.NaN, 2, 3},
        new boolean[] {false, true, true, false, true}).value(), 0);
    assertEquals(0.125, Auroc.of(new double[] {1, 2, 2, 3}, new boolean[] {true, false, true, false}).value(), 1e-15);
    assertTrue(Double.isNaN(Auroc.of(new double[] {1, 2}, new boolean[] {true, true}).value()));
  }

  @Test
  void midranksEqualCountingEveryPair() {
    SplittableRandom rng = new SplittableRandom(7);
    for (int rep = 0; rep < 20; rep++) {
      int n = 5 + rng.nextInt(200);
      double[] s = new double[n];
      boolean[] y = new boolean[n];
      for (int i = 0; i < n; i++) {
        s[i] = rng.nextInt(8); // many ties
        y[i] = rng.nextDouble() < 0.2 + 0.1 * s[i];
      }
      double pairs = 0, count = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (y[i] && !y[j]) {
            pairs += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
            count++;
          }
        }
      }
      double expected = count == 0 ? Double.NaN : pairs / count;
      assertEquals(expected, Auroc.of(s, y).value(), 1e-12);
      if (count > 0) {
        double[][] roc = Auroc.of(s, y).curve();
        double area = 0;
        for (int k = 1; k < roc[0].length; k++) {
          area += (roc[0][k] - roc[0][k - 1]) * (roc[1][k] + roc[1][k - 1]) / 2;
        }
        assertEquals(expected, area, 1e-12, "trapezoid area of the ROC curve");
        assertEquals(1.0, roc[0][roc[0].length - 1], 0);
        assertEquals(1.0, roc[1][roc[1].length - 1], 0);
      }
    }
  }

  /**
   * Positives N(delta, 1), negatives N(0, 1): AUROC = P(X+ > X-) = Phi(delta / sqrt 2). The estimate's standard
   * error is the Hanley-McNeil one; within 4 of them, the false-failure probability is about 6e-5 for a random seed.
   * The bootstrap interval's width is 2 x 1.96 standard errors within 25%.
   */
  @Test
  void twoGaussianClassesGivePhiOfDeltaOverRootTwo() {
    SplittableRandom rng = new SplittableRandom(11);
    int n1 = 1500, n0 = 2500;
    double delta = 1.0;
    double[] s = new double[n1 + n0];
    boolean[] y = new boolean[n1 + n0];
    for (int i = 0; i < s.length; i++) {
      y[i] = i < n1;
      s[i] = gaussian(rng) + (y[i] ? delta : 0);
    }
    double truth = phi(delta / Math.sqrt(2)); // 0.760250
    Auroc a = Auroc.of(s, y);
    double q1 = truth / (2 - truth), q2 = 2 * truth * truth / (1 + truth);
    double se = Math.sqrt((truth * (1 - truth) + (n1 - 1) * (q1 - truth * truth) + (n0 - 1) * (q2 - truth * truth))
        / ((double) n1 * n0));
    assertEquals(truth, a.value(), 4 * se, "AUROC " + a.value() + " against Phi(1/sqrt 2) = " + truth);
    Auroc.Estimate e = a.bootstrap(400, 0.95, 3);
    assertTrue(e.low() < e.value() && e.value() < e.high(), e.toString());
    double width = e.high() - e.low();
    assertEquals(2 * 1.96 * se, width, 0.25 * 2 * 1.96 * se, "bootstrap width " + width + ", se " + se);
    assertEquals(e, a.bootstrap(400, 0.95, 3), "the same seed gives the same interval");
  }

  /** A score independent of the label: AUROC within 4 null standard deviations of 1/2 (false failure ~6e-5). */
  @Test
  void anUninformativeScoreHasAurocOneHalf() {
    SplittableRandom rng = new SplittableRandom(5);
    int n = 3000;
    double[] s = new double[n];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      s[i] = rng.nextDouble();
      y[i] = rng.nextDouble() < 0.3;
    }
    Auroc a = Auroc.of(s, y);
    assertEquals(0.5, a.value(), 4 * Auroc.nullStderr(a.positives(), a.negatives()));
  }

  static double gaussian(SplittableRandom rng) {
    double u = rng.nextDouble(), v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
  }

  /** The standard normal CDF, by commons-math3. */
  static double phi(double x) {
    return new org.apache.commons.math3.distribution.NormalDistribution().cumulativeProbability(x);
  }
}
