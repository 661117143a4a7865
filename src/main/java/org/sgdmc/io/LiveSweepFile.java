package org.sgdmc.io;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sgdmc.sweep.SweepFamily;
import org.sgdmc.sweep.SweepGrid;
import org.sgdmc.sweep.SweepResult;
import org.sgdmc.sweep.SweepRunner;

/**
 * The live file of {@code sgdmc sweep ... --live} (data/SCHEMA.md, "live sweep files"): the sweep file's own
 * layout, written before the first cell runs with every cell's values NaN (phase codes 0), in which each
 * finished cell's estimates, theory, phases and thresholds are filled in, its index appended to the unlimited
 * {@code /live/finished_cells}, and the file flushed in SWMR mode. The root attribute {@code complete} is 0 in
 * it; the sweep's end replaces it with the ordinary sweep file plus {@code complete} = 1 ({@link SweepFile}).
 */
public final class LiveSweepFile implements AutoCloseable {
  /** The unlimited int64 dataset of finished cell indices, in the order they finished. */
  public static final String FINISHED = "/live/finished_cells";

  private final LiveFile live;
  private final SweepGrid grid;
  private final List<String> exponents;
  private final boolean phases;

  private LiveSweepFile(LiveFile live, SweepGrid grid) {
    this.live = live;
    this.grid = grid;
    this.exponents = grid.family().exponentNames();
    this.phases = !grid.family().phaseNames().isEmpty();
  }

  /**
   * Writes the live file at {@code target} (replacing a file there only with {@code overwrite}) and fills in
   * the cells already {@code done} (from a checkpoint).
   *
   * @throws IllegalArgumentException (one line) when the HDF5 C library is missing or the target exists
   */
  public static LiveSweepFile start(Path target, boolean overwrite, RunMetadata meta, SweepGrid grid,
      SweepRunner.Settings settings, String settingsNote, Map<Integer, SweepRunner.CellResult> done) {
    SweepFamily family = grid.family();
    int n = grid.size();
    int e = family.exponents();
    SweepRunner.CellResult[] cells = new SweepRunner.CellResult[n];
    double[][] theory = new double[n][];
    double[] nan = new double[e];
    Arrays.fill(nan, Double.NaN);
    for (int i = 0; i < n; i++) {
      cells[i] = new SweepRunner.CellResult(nan, nan);
      theory[i] = nan;
    }
    double[] confidence = new double[n];
    Arrays.fill(confidence, Double.NaN);
    Map<String, double[]> thresholds = new LinkedHashMap<>();
    for (String t : SweepResult.thresholdNames(grid)) {
      double[] v = new double[n];
      Arrays.fill(v, Double.NaN);
      thresholds.put(t, v);
    }
    SweepResult empty = new SweepResult(grid, settings, cells, theory, new int[n], new int[n], confidence, thresholds,
        Double.NaN, done.size());
    LiveFile live;
    try (ResultFile f = SweepFile.tree(target, overwrite, meta, empty, settingsNote)) {
      f.attribute("/", "complete", 0L);
      f.appendableDataset(FINISHED);
      live = f.commitLive();
    }
    LiveSweepFile sweep = new LiveSweepFile(live, grid);
    try {
      Map<Integer, SweepRunner.CellResult> sorted = new TreeMap<>(done);
      sweep.finished(sorted.keySet().stream().mapToInt(Integer::intValue).toArray(),
          sorted.values().toArray(SweepRunner.CellResult[]::new));
    } catch (RuntimeException ex) {
      live.close();
      throw ex;
    }
    return sweep;
  }

  /**
   * Fills in finished cells (from any thread): their rows are computed here, then written and flushed under the
   * file's lock, so a reader sees a cell's index in {@link #FINISHED} only with its values.
   */
  public void finished(int[] indices, SweepRunner.CellResult[] results) {
    if (indices.length == 0) {
      return;
    }
    List<Map<String, Double>> params = grid.cells();
    SweepResult.Row[] rows = new SweepResult.Row[indices.length];
    for (int k = 0; k < indices.length; k++) {
      rows[k] = SweepResult.row(grid.family(), params.get(indices[k]), results[k]);
    }
    long[] done = new long[indices.length];
    synchronized (live) {
      for (int k = 0; k < indices.length; k++) {
        int i = indices[k];
        SweepResult.Row row = rows[k];
        for (int x = 0; x < exponents.size(); x++) {
          String name = exponents.get(x);
          live.set("/estimates/" + name, i, results[k].lambda()[x]);
          live.set("/estimates/" + name + "_stderr", i, results[k].stderr()[x]);
          live.set("/theory/" + name, i, row.theory()[x]);
        }
        if (phases) {
          live.set("/estimates/phase", i, row.phase());
          live.set("/theory/phase", i, row.theoryPhase());
          live.set("/estimates/phase_confidence", i, row.phaseConfidence());
        }
        for (Map.Entry<String, Double> t : row.thresholds().entrySet()) {
          live.set("/theory/" + t.getKey(), i, t.getValue());
        }
        done[k] = i;
      }
      live.append(FINISHED, done);
      live.flush();
    }
  }

  /** Closes the live file, which stays as it is ({@code complete} = 0) unless the final file replaces it. */
  @Override
  public void close() {
    live.close();
  }
}
