package org.sgdmc.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sgdmc.engine.Simulation;
import org.sgdmc.experiments.Linreg1dExperiment;
import org.sgdmc.experiments.SaddleExperiment;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.models.FeatureData;
import org.sgdmc.models.Linreg1d;
import org.sgdmc.models.Saddle;
import org.sgdmc.models.Sampling;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.Linreg1dResult;
import org.sgdmc.results.SaddleResult;
import org.sgdmc.results.SaddleTheoryValues;
import org.sgdmc.theory.ReshuffleEpochs;

/**
 * Sweeps under random reshuffling ({@code sweep linreg1d|saddle --sampling reshuffle}): a cell runs exactly
 * the trajectories {@code simulate} runs reshuffled, one epoch at S = 1 is the same product for every
 * trajectory, the cells agree with the exponent (that without replacement, by linearity over the epoch) and
 * the saddle's phases use the epoch's mean square; results do not depend on threads or on the kernel twin.
 */
class ReshuffleSweepTest {
  private static final SweepRunner.Listener QUIET = new SweepRunner.Listener() {
    @Override
    public void finished(int[] cells, SweepRunner.CellResult[] results) {}

    @Override
    public void progress(long done, long total) {}
  };

  private static EnsembleOptions options(long trajectories, int steps, long seed) {
    return new EnsembleOptions(trajectories, new long[] {0, steps}, seed, 2, 64, EnsembleOptions.DEFAULT_QUANTILES,
        EnsembleOptions.DEFAULT_EPSILONS, 1e100);
  }

  /**
   * The sweep's factor 1 + c1 A + c2 B is the simulate kernel's 1 - lr q summed in another order, so the
   * two agree to rounding (1e-12 over 150 steps), not bit for bit; with the batches drawn afresh (the old
   * sweep) they would differ by a Monte Carlo error.
   */
  @Test
  void aReshuffledCellHasTheTrajectoriesOfSimulate() {
    Linreg1dFamily family = new Linreg1dFamily(Sampling.RESHUFFLE, 7);
    SweepGrid g = new SweepGrid(family, Map.of("batch", 2.0, "n", 7.0), List.of(Axis.parse("lr", "0.9")));
    SweepRunner.CellResult cell = SweepRunner.run(family, g.cells(), Map.of(),
        new SweepRunner.Settings(1000, 150, 5, 2, 32, true), QUIET)[0];
    Linreg1d model = family.model(g.cells().get(0));
    assertTrue(model.reshuffled());
    Linreg1dResult sim = Linreg1dExperiment.run(model, options(1000, 150, 5), Kernel.VECTOR, Simulation.Progress.NONE);
    assertEquals(sim.lyapunov().value(), cell.lambda()[0], 1e-12);
    assertEquals(sim.lyapunov().stderr(), cell.stderr()[0], 1e-12);
    Linreg1d fresh = new Linreg1d(0.9, 2, model.data(), Sampling.WITHOUT_REPLACEMENT, 1.0);
    Linreg1dResult other = Linreg1dExperiment.run(fresh, options(1000, 150, 5), Kernel.VECTOR, Simulation.Progress.NONE);
    assertTrue(Math.abs(other.lyapunov().value() - cell.lambda()[0]) > 1e-6, "reshuffled = drawn afresh?");
  }

  /**
   * S = 1: an epoch visits every point once, so after whole epochs every trajectory has multiplied its
   * distance by the same prod_i (1 - lr x_i^2): the exponent is (1/N) sum_i log|1 - lr x_i^2| to rounding and
   * its standard error is at rounding level. Drawn afresh, the error would be of order 1/sqrt(trajectories).
   */
  @Test
  void atBatchOneEveryEpochIsTheSameProduct() {
    Linreg1dFamily family = new Linreg1dFamily(Sampling.RESHUFFLE, 3);
    SweepGrid g = new SweepGrid(family, Map.of("batch", 1.0, "n", 5.0), List.of(Axis.parse("lr", "0.3,1.1")));
    SweepRunner.CellResult[] r = SweepRunner.run(family, g.cells(), Map.of(),
        new SweepRunner.Settings(300, 100, 2, 2, 16, true), QUIET);
    double[] x = ((FeatureData.Finite) family.model(g.cells().get(0)).data()).x();
    for (int i = 0; i < r.length; i++) {
      double lr = g.cells().get(i).get("lr"), sum = 0;
      for (double v : x) {
        sum += Math.log(Math.abs(1 - lr * v * v));
      }
      assertEquals(sum / x.length, r[i].lambda()[0], 1e-12, "lr " + lr);
      assertTrue(r[i].stderr()[0] < 1e-13, "stderr " + r[i].stderr()[0]);
      assertEquals(sum / x.length, family.theory(g.cells().get(i))[0], 1e-12);
    }
  }

  /**
   * Every decided cell has the theory's sign and every cell agrees with it within 4 standard errors:
   * 10 comparisons, each failing falsely with probability 6.3e-5 (Gaussian estimate), below 6.3e-4 in all.
   * The mean-square threshold is the epoch's (enumerated), not the per-step one.
   */
  @Test
  void reshuffledLinreg1dCellsAgreeWithTheEpochTheory() {
    Linreg1dFamily family = new Linreg1dFamily(Sampling.RESHUFFLE, 11);
    SweepGrid g = new SweepGrid(family, Map.of("n", 8.0), List.of(Axis.parse("lr", "0.2:2.6:5"), Axis.parse("batch", "2,3")));
    SweepRunner.Settings s = new SweepRunner.Settings(4000, 240, 21, 2, 32, true);
    SweepResult result = SweepResult.of(g, s, SweepRunner.run(family, g.cells(), Map.of(), s, QUIET), 1.0, 0);
    for (int i = 0; i < g.cells().size(); i++) {
      Map<String, Double> cell = g.cells().get(i);
      double lam = result.cells()[i].lambda()[0], se = result.cells()[i].stderr()[0], th = result.theory()[i][0];
      assertTrue(Math.abs(lam - th) < 4 * se, cell + ": " + lam + " +- " + se + " vs " + th);
      double[] x = ((FeatureData.Finite) family.model(cell).data()).x();
      int batch = cell.get("batch").intValue();
      assertEquals(ReshuffleEpochs.meanSquareThreshold(x, batch, ReshuffleEpochs.DEFAULT_LIMIT),
          result.thresholds().get("lr_mean_square")[i], 0.0, cell.toString());
    }
  }

  /**
   * The saddle reshuffled: a cell equals {@code simulate saddle --sampling reshuffle} to rounding; cells agree
   * with the exponents within 4 standard errors (12 comparisons: false failure below 7.6e-4); the theory's
   * phase splits I from Ib by the epoch's mean square, as {@code simulate saddle} does.
   */
  @Test
  void reshuffledSaddleCellsMatchSimulateAndTheEpochPhase() {
    SaddleFamily family = new SaddleFamily(SaddleFamily.Kind.GAUSSIAN, Sampling.RESHUFFLE, 3);
    SweepGrid g = new SweepGrid(family, Map.of("n", 6.0, "batch", 2.0),
        List.of(Axis.parse("lr", "0.5,1.5,2.5"), Axis.parse("mu", "0.06,0.6")));
    SweepRunner.Settings s = new SweepRunner.Settings(2000, 160, 6, 2, 32, true);
    SweepResult result = SweepResult.of(g, s, SweepRunner.run(family, g.cells(), Map.of(), s, QUIET), 1.0, 0);
    for (int i = 0; i < g.cells().size(); i++) {
      Map<String, Double> cell = g.cells().get(i);
      for (int e = 0; e < 2; e++) {
        double lam = result.cells()[i].lambda()[e], se = result.cells()[i].stderr()[e], th = result.theory()[i][e];
        assertTrue(Math.abs(lam - th) < 4 * se, cell + " exponent " + e + ": " + lam + " +- " + se + " vs " + th);
      }
      Saddle model = family.model(cell);
      assertTrue(model.reshuffled());
      SaddleTheoryValues t = SaddleTheoryValues.of(model);
      assertEquals(t.phase().phase().code, result.theoryPhase()[i], cell.toString());
    }
    Saddle model = family.model(g.cells().get(0));
    SweepRunner.CellResult cell = SweepRunner.run(family, g.cells().subList(0, 1), Map.of(), s, QUIET)[0];
    SaddleResult sim = SaddleExperiment.run(model, options(2000, 160, 6), Kernel.VECTOR, Simulation.Progress.NONE);
    assertEquals(sim.lyapunovPlus().value(), cell.lambda()[0], 1e-12);
    assertEquals(sim.lyapunovMinus().value(), cell.lambda()[1], 1e-12);
  }

  /** Same bits for any thread count and for the scalar twin of the sweep kernel; a block of 8 lanes, 77 steps. */
  @Test
  void reshuffledResultsAreIndependentOfThreadsAndEqualTheScalarTwin() {
    for (SweepFamily family : List.<SweepFamily>of(new Linreg1dFamily(Sampling.RESHUFFLE, 2),
        new SaddleFamily(SaddleFamily.Kind.GAUSSIAN, Sampling.RESHUFFLE, 2))) {
      SweepGrid g = new SweepGrid(family, Map.of("n", 7.0), List.of(Axis.parse("lr", "0.5:2:3"), Axis.parse("batch", "2,3")));
      String[] runs = new String[3];
      int k = 0;
      for (SweepRunner.Settings s : List.of(new SweepRunner.Settings(301, 77, 4, 1, 8, true),
          new SweepRunner.Settings(301, 77, 4, 3, 8, true), new SweepRunner.Settings(301, 77, 4, 1, 8, false))) {
        StringBuilder b = new StringBuilder();
        for (SweepRunner.CellResult c : SweepRunner.run(family, g.cells(), Map.of(), s, QUIET)) {
          for (int e = 0; e < c.lambda().length; e++) {
            b.append(Double.doubleToRawLongBits(c.lambda()[e])).append(',')
                .append(Double.doubleToRawLongBits(c.stderr()[e])).append(';');
          }
        }
        runs[k++] = b.toString();
      }
      assertEquals(runs[0], runs[1], family.model());
      assertEquals(runs[0], runs[2], family.model());
    }
  }
}
