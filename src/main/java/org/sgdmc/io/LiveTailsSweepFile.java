package org.sgdmc.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sgdmc.sweep.Axis;
import org.sgdmc.sweep.TailsCell;

/**
 * The live file of {@code sgdmc sweep tails-linreg1d --live}: the tails sweep file's own layout ({@link
 * TailsSweepFile}), written before the first cell runs with every cell NaN (and -1 in the int32 flags and
 * codes), in which each finished cell is filled in, its index (row-major over [lr, batch]) appended to {@code
 * /live/finished_cells}, and the file flushed in SWMR mode; root attribute {@code complete} = 0 until the
 * sweep's end replaces it with the ordinary file ({@code complete} = 1). As {@link LiveSweepFile} does for the
 * exponent sweeps.
 */
public final class LiveTailsSweepFile implements AutoCloseable {
  private final LiveFile live;

  private LiveTailsSweepFile(LiveFile live) {
    this.live = live;
  }

  /**
   * Writes the live file at {@code target} (replacing a file there only with {@code overwrite}) for a sweep of
   * {@code lr x batch} cells of {@code trajectories} x {@code samplesPerTrajectory} samples, and fills in the
   * cells already {@code done} (from a checkpoint).
   *
   * @throws IllegalArgumentException (one line) when the HDF5 C library is missing or the target exists
   */
  public static LiveTailsSweepFile start(Path target, boolean overwrite, RunMetadata meta, Axis lr, Axis batch,
      String settings, String sampling, int threads, long trajectories, int samplesPerTrajectory, double ciLevel,
      Map<Integer, TailsCell> done) {
    List<TailsCell> cells = new ArrayList<>(Collections.nCopies(lr.size() * batch.size(), (TailsCell) null));
    LiveFile live;
    try (ResultFile f = TailsSweepFile.tree(target, overwrite, meta, lr, batch, cells, settings, sampling, threads,
        Double.NaN,
        trajectories, samplesPerTrajectory, ciLevel)) {
      f.attribute("/", "complete", 0L);
      f.appendableDataset(LiveSweepFile.FINISHED);
      live = f.commitLive();
    }
    LiveTailsSweepFile file = new LiveTailsSweepFile(live);
    try {
      new TreeMap<>(done).forEach(file::finished);
    } catch (RuntimeException e) {
      live.close();
      throw e;
    }
    return file;
  }

  /** Fills in finished cell {@code index} and flushes: a reader sees the index only with the cell's values. */
  public void finished(int index, TailsCell cell) {
    synchronized (live) {
      TailsSweepFile.DOUBLES.forEach((path, value) -> live.set(path, index, value.applyAsDouble(cell)));
      TailsSweepFile.INTS.forEach((path, value) -> live.set(path, index, value.applyAsInt(cell)));
      live.append(LiveSweepFile.FINISHED, index);
      live.flush();
    }
  }

  /** Closes the live file, which stays as it is ({@code complete} = 0) unless the final file replaces it. */
  @Override
  public void close() {
    live.close();
  }
}
