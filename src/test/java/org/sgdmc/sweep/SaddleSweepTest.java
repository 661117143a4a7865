package org.sgdmc.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sgdmc.stats.SaddlePhase;

/**
 * The saddle's phase diagrams: cells whose exponents are decided (more than 4 stderr from 0) have the sign of
 * the exact theory, a sample agrees in value within 4 stderr, decided phases equal the theory's, and all five
 * of seed 002's phases appear where Fig. 1(b) puts them. False-failure probability per value comparison
 * 6.3e-5 (Gaussian estimate, 4 stderr), here 2 x 12 comparisons: below 1.6e-3; a sign or phase disagreement
 * needs a 4-stderr error in the wrong direction, rarer still.
 */
class SaddleSweepTest {
  private static final SweepRunner.Listener QUIET = new SweepRunner.Listener() {
    @Override
    public void finished(int[] cells, SweepRunner.CellResult[] results) {}

    @Override
    public void progress(long done, long total) {}
  };

  private static void checkAgainstTheory(SweepGrid g, SweepRunner.Settings s, int minDecided) {
    SweepRunner.CellResult[] r = SweepRunner.run(g.family(), g.cells(), Map.of(), s, QUIET);
    SweepResult result = SweepResult.of(g, s, r, 1.0, 0);
    List<Map<String, Double>> cells = g.cells();
    int decided = 0;
    for (int i = 0; i < r.length; i++) {
      for (int e = 0; e < 2; e++) {
        double lam = r[i].lambda()[e], se = r[i].stderr()[e], th = result.theory()[i][e];
        if (Math.abs(lam) > 4 * se) {
          decided++;
          assertEquals(Math.signum(th), Math.signum(lam), "exponent " + e + " of cell " + cells.get(i));
        }
        if (i % 3 == 0) {
          assertTrue(Math.abs(lam - th) < 4 * se, "cell " + cells.get(i) + ": " + lam + " +- " + se + " vs " + th);
        }
      }
      if (result.phase()[i] != SaddlePhase.UNDETERMINED.code) {
        assertEquals(result.theoryPhase()[i], result.phase()[i], "phase of cell " + cells.get(i));
      }
    }
    assertTrue(decided >= minDecided, "too few decided exponents to test anything: " + decided);
  }

  @Test
  void gaussianLrMuCellsAgreeWithTheory() {
    SaddleFamily family = new SaddleFamily(SaddleFamily.Kind.GAUSSIAN, false, 1);
    SweepGrid g = new SweepGrid(family, Map.of(), List.of(Axis.parse("lr", "0.2:2.6:6"), Axis.parse("mu", "0:1:6")));
    checkAgainstTheory(g, new SweepRunner.Settings(3000, 300, 5, 2, 32, true), 50);
  }

  @Test
  void finiteDataAndBatchesAgreeWithTheory() {
    SaddleFamily family = new SaddleFamily(SaddleFamily.Kind.GAUSSIAN, false, 3);
    SweepGrid g = new SweepGrid(family, Map.of("n", 4.0, "batch", 2.0),
        List.of(Axis.parse("lr", "0.3:3:6"), Axis.parse("mu", "0,0.3,0.6")));
    checkAgainstTheory(g, new SweepRunner.Settings(3000, 300, 6, 2, 32, true), 20);
  }

  /** Seed 002 Fig. 1(b) along a = -0.5: Ib, I, III, II, IV as lr grows (closed form, eq. (68)-(69)). */
  @Test
  void twoPointDataShowsAllFivePhases() {
    SaddleFamily family = new SaddleFamily(SaddleFamily.Kind.TWO_POINT, false, 1);
    SweepGrid g = new SweepGrid(family, Map.of("a", -0.5), List.of(Axis.parse("lr", "0.5,0.9,1.2,2.2,3")));
    SweepRunner.Settings s = new SweepRunner.Settings(4000, 400, 8, 2, 32, true);
    SweepResult r = SweepResult.of(g, s, SweepRunner.run(family, g.cells(), Map.of(), s, QUIET), 1.0, 0);
    int[] expected = {SaddlePhase.IB.code, SaddlePhase.I.code, SaddlePhase.III.code, SaddlePhase.II.code, SaddlePhase.IV.code};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], r.theoryPhase()[i], "theory at " + g.cells().get(i));
      assertEquals(expected[i], r.phase()[i], "simulation at " + g.cells().get(i));
    }
  }

  @Test
  void resultsAreIndependentOfThreadsAndEqualTheScalarTwin() {
    SaddleFamily family = new SaddleFamily(SaddleFamily.Kind.GAUSSIAN, true, 2);
    SweepGrid g = new SweepGrid(family, Map.of("n", 6.0), List.of(Axis.parse("lr", "0.5:2:3"), Axis.parse("batch", "1,3")));
    StringBuilder[] runs = new StringBuilder[3];
    int k = 0;
    for (SweepRunner.Settings s : List.of(new SweepRunner.Settings(301, 77, 4, 1, 8, true),
        new SweepRunner.Settings(301, 77, 4, 3, 8, true), new SweepRunner.Settings(301, 77, 4, 1, 8, false))) {
      runs[k] = new StringBuilder();
      for (SweepRunner.CellResult c : SweepRunner.run(family, g.cells(), Map.of(), s, QUIET)) {
        for (int e = 0; e < 2; e++) {
          runs[k].append(Double.doubleToRawLongBits(c.lambda()[e])).append(',').append(Double.doubleToRawLongBits(c.stderr()[e])).append(';');
        }
      }
      k++;
    }
    assertEquals(runs[0].toString(), runs[1].toString());
    assertEquals(runs[0].toString(), runs[2].toString());
  }
}
