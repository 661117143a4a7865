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

  /** What a finished cell adds to its simulated exponents: theory, phases, confidence, theory thresholds. */
  public record Row(double[] theory, int phase, int theoryPhase, double phaseConfidence, Map<String, Double> thresholds) {}

  /** The {@link Row} of cell {@code params} of {@code family}, whose simulation gave {@code cell}. */
  public static Row row(SweepFamily family, Map<String, Double> params, SweepRunner.CellResult cell) {
    double[] theory = family.theory(params);
    int phase = family.phase(params, cell.lambda(), cell.stderr());
    int theoryPhase = family.phase(params, theory, new double[theory.length]);
    double c = Double.POSITIVE_INFINITY;
    for (int e = 0; e < cell.lambda().length; e++) {
      double se = cell.stderr()[e];
      c = Math.min(c, se > 0 ? Math.abs(cell.lambda()[e]) / se : Double.POSITIVE_INFINITY);
    }
    Map<String, Double> thresholds = family instanceof Linreg1dFamily lin ? lin.thresholds(params) : Map.of();
    return new Row(theory, phase, theoryPhase, c, thresholds);
  }

  /** The names of the per-cell theory thresholds {@link #row} gives for {@code family}'s cells. */
  public static List<String> thresholdNames(SweepGrid grid) {
    return grid.family() instanceof Linreg1dFamily lin ? List.copyOf(lin.thresholds(grid.cells().get(0)).keySet())
        : List.of();
  }

  /** Completes a run: theory, phases and thresholds for every cell (in parallel, each cell on its own). */
  public static SweepResult of(SweepGrid grid, SweepRunner.Settings settings, SweepRunner.CellResult[] cells,
      double seconds, int resumedCells) {
    SweepFamily family = grid.family();
    List<Map<String, Double>> params = grid.cells();
    int n = params.size();
    Row[] rows = new Row[n];
    SweepRunner.parallel(settings.threads(), n, i -> rows[i] = row(family, params.get(i), cells[i]));
    double[][] theory = new double[n][];
    int[] phase = new int[n], theoryPhase = new int[n];
    double[] confidence = new double[n];
    Map<String, double[]> thresholds = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      theory[i] = rows[i].theory();
      phase[i] = rows[i].phase();
      theoryPhase[i] = rows[i].theoryPhase();
      confidence[i] = rows[i].phaseConfidence();
      int cell = i;
      rows[i].thresholds().forEach((k, v) -> thresholds.computeIfAbsent(k, key -> new double[n])[cell] = v);
    }
    return new SweepResult(grid, settings, cells, theory, phase, theoryPhase, confidence, thresholds, seconds, resumedCells);
  }

  /** Trajectory-steps per second over the cells run in this process. */
  public double stepsPerSecond() {
    return (cells.length - resumedCells) * settings.trajectories() * (double) settings.steps() / seconds;
  }
}
