package org.sgdmc.engine;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Every trajectory's observables at every recording time, off-heap: {@code observables x times x
 * trajectories} doubles, trajectory-contiguous per observable and time. Workers write disjoint slices; all
 * statistics are computed afterwards from these values in trajectory order, which is what makes the output
 * independent of thread count and blocking. 1e6 trajectories and 40 times take 320 MB per observable.
 */
public final class Records implements AutoCloseable {
  private final Arena arena;
  private final MemorySegment values;
  private final long trajectories;
  private final long[] times;
  private final int observables;

  Records(long trajectories, long[] times, int observables) {
    if (observables < 1) {
      throw new IllegalArgumentException("a block must report at least one observable, not " + observables);
    }
    this.trajectories = trajectories;
    this.times = times.clone();
    this.observables = observables;
    long bytes = Math.multiplyExact(
        Math.multiplyExact(Math.multiplyExact(trajectories, (long) times.length), (long) observables), Double.BYTES);
    this.arena = Arena.ofShared();
    try {
      this.values = arena.allocate(bytes, 64);
    } catch (OutOfMemoryError e) {
      arena.close();
      throw new IllegalArgumentException(String.format(
          "not enough memory for %d trajectories x %d record times x %d observables (%.1f GiB): "
              + "use fewer trajectories or record times",
          trajectories, times.length, observables, bytes / (double) (1L << 30)));
    }
  }

  /** Number of trajectories. */
  public long trajectories() {
    return trajectories;
  }

  /** The recording times, ascending. */
  public long[] times() {
    return times.clone();
  }

  /** Observables per trajectory. */
  public int observables() {
    return observables;
  }

  /** Start, in doubles, of observable {@code k} at time index {@code r}. */
  private long row(int k, int r) {
    if (k < 0 || k >= observables) {
      throw new IndexOutOfBoundsException("observable " + k + " of " + observables);
    }
    return ((long) k * times.length + r) * trajectories;
  }

  /**
   * Copies {@code count} values of observable {@code k} for trajectories {@code traj0 ..} at time index
   * {@code r} from {@code src}.
   */
  void put(int k, int r, long traj0, double[] src, int count) {
    long offset = (row(k, r) + traj0) * Double.BYTES;
    MemorySegment.copy(src, 0, values, ValueLayout.JAVA_DOUBLE, offset, count);
  }

  /** All trajectories' values of observable 0 at time index {@code r}, in trajectory order. */
  public double[] at(int r) {
    return at(0, r);
  }

  /** All trajectories' values of observable {@code k} at time index {@code r}, in trajectory order. */
  public double[] at(int k, int r) {
    if (trajectories > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("more than 2^31 trajectories per record time");
    }
    double[] out = new double[(int) trajectories];
    MemorySegment.copy(values, ValueLayout.JAVA_DOUBLE, row(k, r) * Double.BYTES, out, 0, out.length);
    return out;
  }

  @Override
  public void close() {
    arena.close();
  }
}
