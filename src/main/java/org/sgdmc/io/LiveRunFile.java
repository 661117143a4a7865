package org.sgdmc.io;

import java.nio.file.Path;
import java.util.Map;

/**
 * The live file of {@code sgdmc simulate MODEL ... --live} (data/SCHEMA.md, "live run files"): the model's own
 * file, written by its ordinary writer from the result over the trajectories finished so far. The first update
 * creates it with the final layout (every dataset chunked, plus root attribute {@code complete} = 0 and the
 * unlimited {@link #FINISHED}) and switches it to SWMR writing; each later update overwrites every dataset's
 * values from the writer's new tree, appends the count of finished trajectories and flushes, so a reader with
 * {@code h5py.File(path, "r", swmr=True)} always sees one consistent update. What only the end knows (the
 * attributes) stays as the first update wrote it; {@link #finish} writes the ordinary file over this one, with
 * {@code complete} = 1.
 *
 * <p>How a writer's commit lands here: {@link ResultFile#committingThrough}, so every model's writer works
 * unchanged. Not for a file with datasets past 2 GiB (a live run keeps no trajectories).
 */
public final class LiveRunFile implements AutoCloseable {
  /** The unlimited int64 dataset of finished trajectories, one row per update. */
  public static final String FINISHED = "/live/finished_trajectories";

  private LiveFile live;
  private boolean closed;

  /**
   * Shows a partial result: {@code write} is the command's ordinary writer of that result, writing to the live
   * file's path with overwrite (which the caller has checked is allowed), and {@code finished} the trajectories
   * it covers. The first call creates the file (replacing what is at the path).
   *
   * @throws IllegalArgumentException (one line) when the HDF5 C library is missing
   * @throws java.io.UncheckedIOException (one line) when HDF5 cannot write the file
   */
  public synchronized void update(Runnable write, long finished) {
    if (closed) {
      throw new IllegalStateException("live file already closed");
    }
    ResultFile.committingThrough(f -> {
      if (live == null) {
        f.attribute("/", "complete", 0L);
        f.appendableDataset(FINISHED);
        live = f.commitLive();
      } else {
        for (Map.Entry<String, Value> d : f.bufferedDatasets().entrySet()) {
          live.overwrite(d.getKey(), d.getValue());
        }
      }
      live.append(FINISHED, finished);
      live.flush();
      return true;
    }, write);
  }

  /** Whether a first update has created the file. */
  public synchronized boolean started() {
    return live != null;
  }

  /**
   * Ends the live file with the final result: closes it, then runs {@code write}, the command's ordinary writer
   * (with overwrite), its file given the root attribute {@code complete} = 1; it replaces the live file atomically.
   */
  public void finish(Runnable write) {
    close();
    ResultFile.committingThrough(f -> {
      f.attribute("/", "complete", 1L);
      return false;
    }, write);
  }

  /** Closes the live file as it is ({@code complete} = 0), so it opens without SWMR too. Safe to call again. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (live != null) {
      live.close();
    }
  }

  /** The path's root attribute {@code complete} is 0: an earlier live run's file, safe to replace. */
  public static boolean isIncomplete(Path file) {
    try {
      return LiveFile.rootLong(file, "complete").orElse(1) == 0;
    } catch (IllegalArgumentException e) {
      return false; // not an HDF5 file
    }
  }
}
