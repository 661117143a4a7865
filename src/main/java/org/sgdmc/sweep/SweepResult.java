package org.sgdmc.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished sweep: per cell the simulated exponents with standard errors, the theory, the phases (for
 * families that have them) and any per-cell theory thresholds, plus the run's settings and speed.
 */
public record SweepResult(
    SweepGrid grid, SweepRunner.Settings settings, SweepRunner.CellResult[] cells, double[][] theory,
    int[] phase, int[] theoryPhase, double[] phaseConfidence, Map<String, double[]> thresholds,
    double seconds, int resumedCells) {

  /** Completes a run: theory, phases and thresholds for every cell (in parallel, each cell on its own). */
  public static SweepResult of(SweepGrid grid, SweepRunner.Settings settings, SweepRunner.CellResult[] cells,
      double seconds, int resumedCells) {
    SweepFamily family = grid.family();
    List<Map<String, Double>> params = grid.cells();
    int n = params.size();
    double[][] theory = new double[n][];
    int[] phase = new int[n], theoryPhase = new int[n];
    double[] confidence = new double[n];
    Map<String, double[]> thresholds = new LinkedHashMap<>();
    SweepRunner.parallel(settings.threads(), n, i -> {
      theory[i] = family.theory(params.get(i));
      phase[i] = family.phase(cells[i].lambda(), cells[i].stderr());
      theoryPhase[i] = family.phase(theory[i], new double[theory[i].length]);
      double c = Double.POSITIVE_INFINITY;
      for (int e = 0; e < cells[i].lambda().length; e++) {
        double se = cells[i].stderr()[e];
        c = Math.min(c, se > 0 ? Math.abs(cells[i].lambda()[e]) / se : Double.POSITIVE_INFINITY);
      }
      confidence[i] = c;
    });
    if (family instanceof Linreg1dFamily lin) {
      for (int i = 0; i < n; i++) {
        int cell = i;
        lin.thresholds(params.get(i)).forEach((k, v) -> thresholds.computeIfAbsent(k, key -> new double[n])[cell] = v);
      }
    }
    return new SweepResult(grid, settings, cells, theory, phase, theoryPhase, confidence, thresholds, seconds, resumedCells);
  }

  /** Trajectory-steps per second over the cells run in this process. */
  public double stepsPerSecond() {
    return (cells.length - resumedCells) * settings.trajectories() * (double) settings.steps() / seconds;
  }
}
