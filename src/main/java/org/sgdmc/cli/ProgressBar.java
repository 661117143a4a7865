package org.sgdmc.cli;

import java.io.PrintStream;
import org.sgdmc.engine.Simulation;

/**
 * A one-line progress display on stderr: percent done, throughput and time left, redrawn at most four
 * times a second with a carriage return, erased at the end. Workers call {@link #update} concurrently.
 */
final class ProgressBar implements Simulation.Progress, AutoCloseable {
  private static final long REDRAW_NANOS = 250_000_000L;
  private final PrintStream err;
  private final String label;
  private final long start = System.nanoTime();
  private long lastDraw;
  private boolean drawn;

  /** {@code bar}, or no progress at all when it is null. */
  static Simulation.Progress orNone(ProgressBar bar) {
    return bar == null ? Simulation.Progress.NONE : bar;
  }

  ProgressBar(PrintStream err, String label) {
    this.err = err;
    this.label = label;
  }

  @Override
  public synchronized void update(long done, long total) {
    long now = System.nanoTime();
    if (now - lastDraw < REDRAW_NANOS && done < total) {
      return;
    }
    lastDraw = now;
    double seconds = (now - start) * 1e-9;
    double rate = done / Math.max(seconds, 1e-9);
    // the first seconds run before the JIT has compiled the kernels: an estimate from them is meaningless
    double left = rate > 0 && (seconds > 3 || done > total / 20) ? (total - done) / rate : Double.NaN;
    err.printf("\r%s %5.1f%%  %.2e traj-steps/s  %s left ", label, 100.0 * done / total, rate, duration(left));
    err.flush();
    drawn = true;
  }

  static String duration(double s) {
    if (!Double.isFinite(s)) {
      return "?";
    }
    if (s < 60) {
      return String.format("%.0fs", s);
    }
    return String.format("%dm%02ds", (long) s / 60, (long) s % 60);
  }

  @Override
  public synchronized void close() {
    if (drawn) {
      err.print("\r\033[K");
      err.flush();
    }
  }
}
