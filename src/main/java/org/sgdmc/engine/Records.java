package org.sgdmc.engine;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Every trajectory's observable at every recording time, off-heap: {@code times x trajectories} doubles,
 * trajectory-contiguous per time. Workers write disjoint slices; all statistics are computed afterwards
 * from these values in trajectory order, which is what makes the output independent of thread count and
 * blocking. 1e6 trajectories and 40 times take 320 MB.
 */
public final class Records implements AutoCloseable {
  private final Arena arena;
  private final MemorySegment values;
  private final long trajectories;
  private final long[] times;

  Records(long trajectories, long[] times) {
    this.trajectories = trajectories;
    this.times = times.clone();
    long bytes = Math.multiplyExact(Math.multiplyExact(trajectories, (long) times.length), Double.BYTES);
    this.arena = Arena.ofShared();
    try {
      this.values = arena.allocate(bytes, 64);
    } catch (OutOfMemoryError e) {
      arena.close();
      throw new IllegalArgumentException(String.format(
          "not enough memory for %d trajectories x %d record times (%.1f GiB): use fewer of either",
          trajectories, times.length, bytes / (double) (1L << 30)));
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

  /** Copies {@code count} values for trajectories {@code traj0 ..} at time index {@code r} from {@code src}. */
  void put(int r, long traj0, double[] src, int count) {
    long offset = (r * trajectories + traj0) * Double.BYTES;
    MemorySegment.copy(src, 0, values, ValueLayout.JAVA_DOUBLE, offset, count);
  }

  /** All trajectories' values at time index {@code r}, in trajectory order. */
  public double[] at(int r) {
    if (trajectories > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("more than 2^31 trajectories per record time");
    }
    double[] out = new double[(int) trajectories];
    MemorySegment.copy(values, ValueLayout.JAVA_DOUBLE, r * trajectories * Double.BYTES, out, 0, out.length);
    return out;
  }

  @Override
  public void close() {
    arena.close();
  }
}
