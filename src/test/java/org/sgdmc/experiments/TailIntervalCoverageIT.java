package org.sgdmc.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdmc.engine.Simulation;
import org.sgdmc.engine.StationarySampler;
import org.sgdmc.kernels.Linreg1dTailsVectorBlock;
import org.sgdmc.models.LabelledData;
import org.sgdmc.models.Linreg1dTails;
import org.sgdmc.results.TailsResult;
import org.sgdmc.stats.tails.TailFit;
import org.sgdmc.stats.tails.TailFit;
import org.sgdmc.stats.tails.TailFitOptions;
import org.sgdmc.stats.tails.TailInterval;
import org.sgdmc.theory.TailIndex;

/**
 * The tail-index interval covers the exact Kesten index: over many seeds of {@code Linreg1dTails} (S = 1, Gaussian
 * stream) at learning rates whose index runs from 1.09 to 5.31, each run through the whole pipeline (the vector
 * kernel, the stationary sampler, the fit), the 95% interval contains the theory's alpha in at least 90% of the
 * runs where it is given.
 *
 * <p>Size: 6 laws x 40 seeds = 240 runs of 8,192 trajectories x 8 observations (2^16 samples, 8 per trajectory, so
 * the clustered error is exercised). At that size the calibration gives intervals at alpha <= 2.9 and refuses
 * almost all at 3.81 and above (at 5.31 it must refuse all: it would need about 2e7 samples). False failure: if
 * every given interval covered with probability 0.95 independently, fewer than 90% covering among the 112 given
 * on these seeds has binomial probability 1.0% (P(Bin(112, 0.05) > 11) = 0.010). The seeds are fixed, so the test is
 * deterministic; the counts it measured are in the README (tails).
 */
class TailIntervalCoverageIT {
  static final int SEEDS = 40;
  static final double[] LEARNING_RATES = {1.0, 0.7, 0.5, 0.4, 0.35, 0.3};
  static final StationarySampler.Plan PLAN = new StationarySampler.Plan(8192, 300, 8, 12, 1, 64);

  @Test
  void theIntervalCoversKestensIndexOrIsNotGiven() {
    TailFitOptions options = TailFitOptions.defaults().withThreads(1).withBootstrap(0, 0.95, TailFitOptions.DEFAULT_SEED);
    int given = 0;
    int covered = 0;
    int refused = 0;
    StringBuilder table = new StringBuilder();
    for (double lr : LEARNING_RATES) {
      Linreg1dTails model = Linreg1dTails.minibatch(lr, 1, new LabelledData.Stream(1.0), true);
      TailIndex theory = Linreg1dTailsTheory.of(model);
      assertEquals(TailIndex.Regime.POWER_LAW, theory.regime());
      int lawGiven = 0;
      int lawCovered = 0;
      double sum = 0;
      for (int seed = 0; seed < SEEDS; seed++) {
        long s = 1000L * seed + 17;
        TailsResult r = TailsExperiment.run(w -> new Linreg1dTailsVectorBlock(model, s, w), PLAN, theory, options,
            false, Simulation.Progress.NONE);
        TailInterval c = r.norm().interval();
        sum += c.alpha();
        if (c.given()) {
          lawGiven++;
          lawCovered += c.contains(theory.index()) ? 1 : 0;
          assertTrue(c.low() < c.alpha() && c.alpha() < c.high(), c.toString());
        } else {
          assertTrue(c.refusal().startsWith("no interval"), c.refusal());
        }
        // what the CLI, the file and the sweep report is this interval
        org.sgdmc.sweep.TailsCell cell = org.sgdmc.sweep.TailsCell.of(r);
        assertEquals(c.given(), cell.intervalGiven());
        assertEquals(c.alpha(), cell.alpha());
        assertEquals(!c.given() || c.contains(theory.index()), !cell.theoryOutsideInterval());
      }
      if (theory.index() > 5) {
        // the calibration needs about 4e6 samples at alpha = 5.3 (CalibratedThreshold.samplesFor): 2^16 give none
        assertEquals(0, lawGiven, "an interval at alpha " + theory.index() + " from 2^16 samples");
      }
      given += lawGiven;
      covered += lawCovered;
      refused += SEEDS - lawGiven;
      table.append(String.format("lr %.2f alpha %.3f: mean estimate %.3f, interval given %d/%d, covers %d%n", lr,
          theory.index(), sum / SEEDS, lawGiven, SEEDS, lawCovered));
    }
    System.out.print(table);
    String at = table + String.format("total: %d of %d given intervals cover, %d refused", covered, given, refused);
    assertTrue(given >= 100, "too few intervals given to judge coverage: " + at);
    assertTrue(covered >= 0.9 * given, at);
  }

  /**
   * What the old code reported, the KS fit's cluster-bootstrap percentile interval (still computed, as {@code
   * ks_tail_index_ci}), missed Kesten's index at alpha = 4.45 in most runs; the interval reported now is, on
   * the same runs, either not given or covering. 12 seeds of 2^16 samples, 100 replicates each.
   */
  @Test
  void theOldIntervalMissedWhereTheReportedOneCoversOrIsNotGiven() {
    TailFitOptions options = TailFitOptions.defaults().withThreads(1).withBootstrap(100, 0.95, TailFitOptions.DEFAULT_SEED);
    Linreg1dTails model = Linreg1dTails.minibatch(0.35, 1, new LabelledData.Stream(1.0), true);
    TailIndex theory = Linreg1dTailsTheory.of(model);
    int oldCovered = 0;
    int newMissed = 0;
    StringBuilder runs = new StringBuilder();
    for (int seed = 0; seed < 12; seed++) {
      long s = 1000L * seed + 17;
      TailFit fit = TailsExperiment.run(w -> new Linreg1dTailsVectorBlock(model, s, w), PLAN, theory, options, false,
          Simulation.Progress.NONE).norm();
      boolean old = fit.ciLow() <= theory.index() && theory.index() <= fit.ciHigh();
      oldCovered += old ? 1 : 0;
      newMissed += fit.interval().given() && !fit.interval().contains(theory.index()) ? 1 : 0;
      runs.append(String.format("old %.3f [%.3f, %.3f], new %s%n", fit.alpha(), fit.ciLow(), fit.ciHigh(),
          fit.interval().given() ? String.format("[%.3f, %.3f]", fit.interval().low(), fit.interval().high())
              : "no interval"));
    }
    System.out.print(runs);
    assertTrue(oldCovered <= 6, "the old interval covered in " + oldCovered + " of 12:\n" + runs);
    assertEquals(0, newMissed, runs.toString());
  }
}
