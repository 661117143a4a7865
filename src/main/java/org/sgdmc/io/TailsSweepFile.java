package org.sgdmc.io;

import java.nio.file.Path;
import java.util.List;
import org.sgdmc.sweep.Axis;
import org.sgdmc.sweep.TailsCell;
import org.sgdmc.theory.TailIndex;

/**
 * Writes a tail-index sweep over (lr, batch) as documented in data/SCHEMA.md: every per-cell quantity is a
 * [lr, batch] array (row-major, lr slowest), with the axes under /grid. The cells come in the same order, each
 * either just computed or read back from a checkpoint: both are written alike.
 */
public final class TailsSweepFile {
  private TailsSweepFile() {}

  public static void write(Path target, boolean overwrite, RunMetadata meta, Axis lr, Axis batch,
      List<TailsCell> cells, String settings, int threads, double seconds) {
    write(target, overwrite, meta, lr, batch, cells, settings, null, threads, seconds);
  }

  /** The same, with the {@code sampling} attribute (a {@code models.Sampling} label) unless null. */
  public static void write(Path target, boolean overwrite, RunMetadata meta, Axis lr, Axis batch,
      List<TailsCell> cells, String settings, String sampling, int threads, double seconds) {
    int a = lr.size();
    int b = batch.size();
    try (ResultFile f = RunSections.create(target, overwrite, meta, "sweep tails-linreg1d")) {
      f.attribute("/parameters", "settings", settings);
      if (sampling != null) {
        f.attribute("/parameters", "sampling", sampling);
      }
      TailsCell first = cells.get(0);
      f.attribute("/parameters", "trajectories", first.trajectories());
      f.attribute("/parameters", "samples_per_trajectory", (long) first.samplesPerTrajectory());
      f.attribute("/parameters", "threads", (long) threads);
      f.attribute("/", "threads", (long) threads);
      f.dataset("/grid/lr", lr.values());
      f.dataset("/grid/batch", batch.values());
      double[][] alpha = new double[a][b], lo = new double[a][b], hi = new double[a][b], xmin = new double[a][b];
      double[][] moment = new double[a][b], lyap = new double[a][b], lyapErr = new double[a][b];
      double[][] diverged = new double[a][b], theory = new double[a][b], theoryErr = new double[a][b];
      double[][] theoryLyap = new double[a][b];
      double[][] burnIn = new double[a][b], thin = new double[a][b];
      int[][] reported = new int[a][b], regime = new int[a][b], outside = new int[a][b];
      int[][] given = new int[a][b];
      for (int i = 0; i < a; i++) {
        for (int j = 0; j < b; j++) {
          TailsCell c = cells.get(i * b + j);
          alpha[i][j] = c.alpha();
          lo[i][j] = c.ciLow();
          hi[i][j] = c.ciHigh();
          xmin[i][j] = c.xmin();
          moment[i][j] = c.momentAlpha();
          reported[i][j] = c.reported() ? 1 : 0;
          outside[i][j] = c.theoryOutsideInterval() ? 1 : 0;
          given[i][j] = c.intervalGiven() ? 1 : 0;
          lyap[i][j] = c.lyapunov();
          lyapErr[i][j] = c.lyapunovStderr();
          diverged[i][j] = c.divergedFraction();
          theory[i][j] = c.theoryIndex();
          theoryErr[i][j] = c.theoryIndexStderr();
          theoryLyap[i][j] = c.theoryLyapunov();
          regime[i][j] = c.regime().ordinal();
          burnIn[i][j] = c.burnIn();
          thin[i][j] = c.thin();
        }
      }
      f.dataset("/estimates/tail_index", alpha);
      f.datasetAttribute("/estimates/tail_index", "description",
          "[lr, batch] Hill estimate above the threshold calibrated on Kesten laws; NaN where index_reported is 0");
      f.dataset("/estimates/tail_index_ci_low", lo);
      f.dataset("/estimates/tail_index_ci_high", hi);
      f.datasetAttribute("/estimates/tail_index_ci_low", "level", first.ciLevel());
      f.dataset("/estimates/tail_xmin", xmin);
      f.dataset("/estimates/moment_index", moment);
      f.dataset("/estimates/index_reported", reported);
      f.dataset("/estimates/interval_given", given);
      f.datasetAttribute("/estimates/interval_given", "description", "[lr, batch] 1 where an interval is given, 0 where"
          + " the sample is too small for an honest one at the cell's alpha (its ends are then NaN) or no index is reported");
      f.dataset("/estimates/theory_outside_ci", outside);
      f.datasetAttribute("/estimates/theory_outside_ci", "description",
          "[lr, batch] 1 where a given interval excludes the Kesten index of a power-law regime, else 0 (also where"
              + " no interval is given)");
      RunSections.exponents(f, "/estimates/lyapunov", lyap, lyapErr);
      f.dataset("/estimates/diverged_fraction", diverged);
      f.dataset("/estimates/burn_in", burnIn);
      f.dataset("/estimates/thin", thin);
      f.dataset("/theory/tail_index", theory);
      f.datasetAttribute("/theory/tail_index", "description",
          "[lr, batch] Kesten index: +inf for a light tail, NaN where there is no stationary law");
      f.dataset("/theory/tail_index_stderr", theoryErr);
      f.dataset("/theory/lyapunov", theoryLyap);
      f.dataset("/theory/regime", regime);
      String[] names = new String[TailIndex.Regime.values().length];
      for (TailIndex.Regime r : TailIndex.Regime.values()) {
        names[r.ordinal()] = r.label();
      }
      f.datasetAttribute("/theory/regime", "regime_names", names);
      f.dataset("/performance/seconds", seconds);
      f.commit();
    }
  }
}
