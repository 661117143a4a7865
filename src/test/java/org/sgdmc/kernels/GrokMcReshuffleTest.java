package org.sgdmc.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdmc.models.GrokMc;
import org.sgdmc.models.Sampling;
import org.sgdmc.rng.VectorShapes;

/**
 * Reshuffling in matrix completion (issue 15 item 2): the dataset is the set Omega of observed entries, and an epoch
 * takes its batches from one permutation of Omega. Checked by what it must do rather than by its bits:
 *
 * <ul>
 *   <li>with S = |Omega| each step uses every observed entry once, so it is full-batch GD with the gradient summed in
 *       the epoch's order: the factors agree with GD's to rounding, and not bit for bit (the order is drawn);
 *   <li>with S dividing |Omega| an epoch uses every observed entry exactly once, so its K steps of size eta are one
 *       GD step of size K eta up to second order in eta: halving eta quarters the gap. Batches drawn afresh use some
 *       entries twice and miss others within K steps, a first-order gap that halving eta only halves;
 *   <li>a trajectory's batches depend on it alone: the same bits from blocks of other widths, started at other
 *       trajectories and advanced in pieces that end mid-epoch, and from the scalar twin.
 * </ul>
 *
 * Deterministic (fixed seeds); the bounds hold with the margins stated.
 */
class GrokMcReshuffleTest {
  private static final long SEED = 43;
  private static final int LANES = VectorShapes.DOUBLES.length();
  /** The 4 x 4 rank-1 data of data seed 4: 12 observed entries. */
  private static final double[][] TM = GrokMc.truthAndMask(4, 1, 0.75, 4);
  private static final int OBSERVED = 12;

  private static GrokMc model(double eta, double lambda, int batch, Sampling sampling) {
    boolean[] mask = new boolean[16];
    for (int e = 0; e < 16; e++) {
      mask[e] = TM[1][e] == 1;
    }
    return new GrokMc(4, 1, TM[0], mask, eta, lambda, 0.7, new double[16], batch, sampling);
  }

  private static <B extends StateBlock> B advanced(B block, long traj0, long... cuts) {
    block.start(traj0);
    long from = 0;
    for (long to : cuts) {
      block.advance(from, to);
      from = to;
    }
    return block;
  }

  private static double[] snapshot(StateBlock block) {
    double[] out = new double[GrokMcScalarBlock.CHANNELS * block.width()];
    block.snapshot(out);
    return out;
  }

  /** The largest |U - U'|, |V - V'| over the first {@code count} trajectories, relative to the largest entry. */
  private static double factorGap(GrokMcScalarBlock a, GrokMcScalarBlock b, int count) {
    double worst = 0, scale = 0;
    for (int i = 0; i < count; i++) {
      double[][] p = a.factors(i), q = b.factors(i);
      for (int k = 0; k < 2; k++) {
        for (int j = 0; j < p[k].length; j++) {
          scale = Math.max(scale, Math.abs(p[k][j]));
          worst = Math.max(worst, Math.abs(p[k][j] - q[k][j]));
        }
      }
    }
    return worst / scale;
  }

  @Test
  void atBatchOmegaEveryStepIsGradientDescentUpToTheOrderOfOneSum() {
    int width = 2 * LANES;
    long steps = 300;
    GrokMc gd = model(0.2, 0.02, OBSERVED, Sampling.WITHOUT_REPLACEMENT);
    GrokMc reshuffled = model(0.2, 0.02, OBSERVED, Sampling.RESHUFFLE);
    assertEquals(OBSERVED, gd.observedCount());
    assertTrue(gd.fullBatch() && !reshuffled.fullBatch(), "reshuffled S = |Omega| draws its permutations");
    double[] vector = snapshot(advanced(new GrokMcVectorBlock(reshuffled, SEED, width), 0, steps));
    GrokMcScalarBlock rs = advanced(new GrokMcScalarBlock(reshuffled, SEED, width), 0, steps);
    assertArrayEquals(vector, snapshot(rs), "the scalar twin, from scratch");
    GrokMcScalarBlock g = advanced(new GrokMcScalarBlock(gd, SEED, width), 0, steps);
    double gap = factorGap(g, rs, width);
    // measured 3.8e-16 relative after 300 steps: rounding of the permuted sums, far below the bound
    assertTrue(gap < 1e-12, "reshuffled at S = |Omega| against GD: factors " + gap + " apart, relative");
    assertTrue(gap > 0, "the sums were taken in the epoch's order, not row-major (else nothing was drawn)");
  }

  /**
   * The gap to GD with step K eta after the same epochs, reshuffled and afresh, at eta and eta / 2:
   * {reshuffled(eta), reshuffled(eta/2), afresh(eta), afresh(eta/2)}.
   */
  private static double[] epochGaps(int batch, double eta, int epochs) {
    int width = LANES;
    double[] gaps = new double[4];
    long k = OBSERVED / batch;
    for (int h = 0; h < 2; h++) {
      double e = eta / (1 << h);
      // lambda = 0: the decay (1 - eta lambda)^K against 1 - K eta lambda is a second-order gap of its own
      GrokMcScalarBlock gd = advanced(new GrokMcScalarBlock(model(k * e, 0.0, OBSERVED,
          Sampling.WITHOUT_REPLACEMENT), SEED, width), 0, epochs);
      for (int s = 0; s < 2; s++) {
        Sampling mode = s == 0 ? Sampling.RESHUFFLE : Sampling.WITHOUT_REPLACEMENT;
        GrokMcScalarBlock sgd = advanced(new GrokMcScalarBlock(model(e, 0.0, batch, mode), SEED, width), 0,
            epochs * k);
        gaps[2 * s + h] = factorGap(sgd, gd, width);
      }
    }
    return gaps;
  }

  @Test
  void anEpochUsesEveryObservedEntryOnceSoItIsOneGradientStepToSecondOrder() {
    for (int batch : new int[] {1, 3}) {
      double[] g = epochGaps(batch, 1e-3, 2);
      String what = "S = " + batch + ": gaps reshuffled " + g[0] + " -> " + g[1] + ", afresh " + g[2] + " -> " + g[3];
      // second order: the ratio is 1/4 up to third-order terms; first order: 1/2 (the same batches at both eta)
      // measured (2 epochs, eta = 1e-3): ratios S = 1 0.2521 and 0.502, S = 3 0.2507 and 0.501; afresh 217x and
      // 467x farther than reshuffled at eta
      assertTrue(g[1] / g[0] < 0.3, what);
      assertTrue(g[3] / g[2] > 0.4, what);
      assertTrue(g[2] > 10 * g[0], what);
    }
  }

  @Test
  void aTrajectorysBatchesDoNotDependOnItsBlock() {
    GrokMc m = model(0.2, 0.02, 5, Sampling.RESHUFFLE); // 2 batches an epoch, 2 entries left out
    long steps = 23;
    int wide = 4 * LANES;
    double[] all = snapshot(advanced(new GrokMcVectorBlock(m, SEED, wide), 0, steps));
    int narrow = LANES;
    double[] part = snapshot(advanced(new GrokMcVectorBlock(m, SEED, narrow), 2L * LANES, 3, 8, 15, steps));
    double[] scalar = snapshot(advanced(new GrokMcScalarBlock(m, SEED, narrow), 2L * LANES, 5, steps));
    for (int c = 0; c < GrokMcScalarBlock.CHANNELS; c++) {
      for (int i = 0; i < narrow; i++) {
        String where = "channel " + c + " lane " + i;
        assertEquals(0, Double.compare(all[c * wide + 2 * LANES + i], part[c * narrow + i]), where);
        assertEquals(0, Double.compare(scalar[c * narrow + i], part[c * narrow + i]), where + ", scalar twin");
      }
    }
  }
}
