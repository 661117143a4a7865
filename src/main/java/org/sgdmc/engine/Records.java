package org.sgdmc.engine;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Every trajectory's observables at every recording time, off-heap: {@code times x observables x
 * trajectories} doubles, trajectory-contiguous per time and observable. Workers write disjoint slices; all
 * statistics are computed afterwards from these values in trajectory order, which is what makes the output
 * independent of thread count and blocking. 1e6 trajectories, 40 times and one observable take 320 MB.
 */
public final class Records implements AutoCloseable {
  private final Arena arena;
  private final MemorySegment values;
  private final long trajectories;
  private final long[] times;
  private final int observables;

  Records(long trajectories, long[] times) {
    this(trajectories, times, 1);
  }

  Records(long trajectories, long[] times, int observables) {
    if (observables < 1) {
      throw new IllegalArgumentException("a block must report at least one observable, not " + observables);
    }
    this.trajectories = trajectories;
    this.times = times.clone();
    this.observables = observables;
    long values = Math.multiplyExact(Math.multiplyExact(trajectories, (long) times.length), observables);
    long bytes = Math.multiplyExact(values, Double.BYTES);
    this.arena = Arena.ofShared();
    try {
      this.values = arena.allocate(bytes, 64);
    } catch (OutOfMemoryError e) {
      arena.close();
      throw new IllegalArgumentException(String.format(
          "not enough memory for %d trajectories x %d record times x %d observables (%.1f GiB): use fewer",
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

  /** Observables per trajectory and time. */
  public int observables() {
    return observables;
  }

  /** Copies {@code count} values of observable {@code o} for trajectories {@code traj0 ..} at time index {@code r}. */
  void put(int r, int o, long traj0, double[] src, int count) {
    long offset = (((long) r * observables + o) * trajectories + traj0) * Double.BYTES;
    MemorySegment.copy(src, 0, values, ValueLayout.JAVA_DOUBLE, offset, count);
  }

  /** All trajectories' values of observable 0 at time index {@code r}, in trajectory order. */
  public double[] at(int r) {
    return at(r, 0);
  }

  /** All trajectories' values of observable {@code o} at time index {@code r}, in trajectory order. */
  public double[] at(int r, int o) {
    if (trajectories > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("more than 2^31 trajectories per record time");
    }
    if (o < 0 || o >= observables) {
      throw new IndexOutOfBoundsException("observable " + o + " of " + observables);
    }
    double[] out = new double[(int) trajectories];
    long offset = (((long) r * observables + o) * trajectories) * Double.BYTES;
    MemorySegment.copy(values, ValueLayout.JAVA_DOUBLE, offset, out, 0, out.length);
    return out;
  }

  @Override
  public void close() {
    arena.close();
  }
}
