package org.sgdmc.io;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
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
    write(target, overwrite, meta, lr, batch, cells, settings, null, threads, seconds, false);
  }

  /**
   * {@link #write(Path, boolean, RunMetadata, Axis, Axis, List, String, int, double)} with the {@code sampling}
   * attribute (a {@code models.Sampling} label) unless null; with {@code live} (the end of a {@code --live} sweep,
   * whose live file this replaces) the root attribute {@code complete} = 1.
   */
  public static void write(Path target, boolean overwrite, RunMetadata meta, Axis lr, Axis batch,
      List<TailsCell> cells, String settings, String sampling, int threads, double seconds, boolean live) {
    TailsCell first = cells.get(0);
    try (ResultFile f = tree(target, overwrite, meta, lr, batch, cells, settings, sampling, threads, seconds,
        first.trajectories(), first.samplesPerTrajectory(), first.ciLevel())) {
      if (live) {
        f.attribute("/", "complete", 1L);
      }
      f.commit();
    }
  }

  /** The float64 datasets of every cell, each [lr, batch], and what a cell puts there. */
  static final Map<String, ToDoubleFunction<TailsCell>> DOUBLES = doubles();
  /** The int32 datasets of every cell (flags and codes), each [lr, batch]: a cell not finished has {@link #UNFINISHED}. */
  static final Map<String, ToIntFunction<TailsCell>> INTS = ints();
  /** The int32 value of a cell a live file has not finished yet (its doubles are NaN). */
  static final int UNFINISHED = -1;

  private static Map<String, ToDoubleFunction<TailsCell>> doubles() {
    Map<String, ToDoubleFunction<TailsCell>> m = new LinkedHashMap<>();
    m.put("/estimates/tail_index", TailsCell::alpha);
    m.put("/estimates/tail_index_ci_low", TailsCell::ciLow);
    m.put("/estimates/tail_index_ci_high", TailsCell::ciHigh);
    m.put("/estimates/tail_xmin", TailsCell::xmin);
    m.put("/estimates/moment_index", TailsCell::momentAlpha);
    m.put("/estimates/lyapunov", TailsCell::lyapunov);
    m.put("/estimates/lyapunov_stderr", TailsCell::lyapunovStderr);
    m.put("/estimates/diverged_fraction", TailsCell::divergedFraction);
    m.put("/estimates/burn_in", c -> c.burnIn());
    m.put("/estimates/thin", c -> c.thin());
    m.put("/theory/tail_index", TailsCell::theoryIndex);
    m.put("/theory/tail_index_stderr", TailsCell::theoryIndexStderr);
    m.put("/theory/lyapunov", TailsCell::theoryLyapunov);
    return Collections.unmodifiableMap(m);
  }

  private static Map<String, ToIntFunction<TailsCell>> ints() {
    Map<String, ToIntFunction<TailsCell>> m = new LinkedHashMap<>();
    m.put("/estimates/index_reported", c -> c.reported() ? 1 : 0);
    m.put("/estimates/interval_given", c -> c.intervalGiven() ? 1 : 0);
    m.put("/estimates/theory_outside_ci", c -> c.theoryOutsideInterval() ? 1 : 0);
    m.put("/theory/regime", c -> c.regime().ordinal());
    return Collections.unmodifiableMap(m);
  }

  /**
   * The file, not yet committed: {@code cells} in [lr, batch] order, where a null cell (one a live file has not
   * finished) is NaN, and {@link #UNFINISHED} in the int32 datasets.
   */
  static ResultFile tree(Path target, boolean overwrite, RunMetadata meta, Axis lr, Axis batch,
      List<TailsCell> cells, String settings, String sampling, int threads, double seconds, long trajectories,
      int samplesPerTrajectory, double ciLevel) {
    int a = lr.size();
    int b = batch.size();
    ResultFile f = RunSections.create(target, overwrite, meta, "sweep tails-linreg1d");
    try {
      f.attribute("/parameters", "settings", settings);
      if (sampling != null) {
        f.attribute("/parameters", "sampling", sampling);
      }
      f.attribute("/parameters", "trajectories", trajectories);
      f.attribute("/parameters", "samples_per_trajectory", (long) samplesPerTrajectory);
      f.attribute("/parameters", "threads", (long) threads);
      f.attribute("/", "threads", (long) threads);
      f.dataset("/grid/lr", lr.values());
      f.dataset("/grid/batch", batch.values());
      for (Map.Entry<String, ToDoubleFunction<TailsCell>> d : DOUBLES.entrySet()) {
        double[][] v = new double[a][b];
        for (int i = 0; i < a; i++) {
          for (int j = 0; j < b; j++) {
            TailsCell c = cells.get(i * b + j);
            v[i][j] = c == null ? Double.NaN : d.getValue().applyAsDouble(c);
          }
        }
        f.dataset(d.getKey(), v);
      }
      for (Map.Entry<String, ToIntFunction<TailsCell>> d : INTS.entrySet()) {
        int[][] v = new int[a][b];
        for (int i = 0; i < a; i++) {
          for (int j = 0; j < b; j++) {
            TailsCell c = cells.get(i * b + j);
            v[i][j] = c == null ? UNFINISHED : d.getValue().applyAsInt(c);
          }
        }
        f.dataset(d.getKey(), v);
      }
      f.datasetAttribute("/estimates/tail_index", "description",
          "[lr, batch] Hill estimate above the threshold calibrated on Kesten laws; NaN where index_reported is 0");
      f.datasetAttribute("/estimates/tail_index_ci_low", "level", ciLevel);
      f.datasetAttribute("/estimates/interval_given", "description", "[lr, batch] 1 where an interval is given, 0 where"
          + " the sample is too small for an honest one at the cell's alpha (its ends are then NaN) or no index is"
          + " reported, -1 where a live file has not finished the cell");
      f.datasetAttribute("/estimates/theory_outside_ci", "description",
          "[lr, batch] 1 where a given interval excludes the Kesten index of a power-law regime, else 0 (also where"
              + " no interval is given)");
      f.datasetAttribute("/theory/tail_index", "description",
          "[lr, batch] Kesten index: +inf for a light tail, NaN where there is no stationary law");
      String[] names = new String[TailIndex.Regime.values().length];
      for (TailIndex.Regime r : TailIndex.Regime.values()) {
        names[r.ordinal()] = r.label();
      }
      f.datasetAttribute("/theory/regime", "regime_names", names);
      f.dataset("/performance/seconds", seconds);
      return f;
    } catch (RuntimeException e) {
      f.close();
      throw e;
    }
  }
}
