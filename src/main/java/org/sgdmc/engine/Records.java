package org.sgdmc.engine;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Every trajectory's observable at every recording time, off-heap: {@code times x channels x trajectories}
 * doubles (one channel for a log-distance, several for a state such as (u, w)), trajectory-contiguous per
 * time and channel. Workers write disjoint slices; all statistics are computed afterwards
 * from these values in trajectory order, which is what makes the output independent of thread count and
 * blocking. 1e6 trajectories and 40 times take 320 MB.
 */
public final class Records implements AutoCloseable {
  private final Arena arena;
  private final MemorySegment values;
  private final long trajectories;
  private final long[] times;
  private final int channels;

  Records(long trajectories, long[] times) {
    this(trajectories, times, 1);
  }

  Records(long trajectories, long[] times, int channels) {
    this.trajectories = trajectories;
    this.times = times.clone();
    this.channels = channels;
    long bytes = Math.multiplyExact(
        Math.multiplyExact(Math.multiplyExact(trajectories, (long) times.length), (long) channels), Double.BYTES);
    this.arena = Arena.ofShared();
    try {
      this.values = arena.allocate(bytes, 64);
    } catch (OutOfMemoryError e) {
      arena.close();
      throw new IllegalArgumentException(String.format(
          "not enough memory for %d trajectories x %d record times x %d values (%.1f GiB): use fewer trajectories or times",
          trajectories, times.length, channels, bytes / (double) (1L << 30)));
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

  /** Numbers per trajectory and time. */
  public int channels() {
    return channels;
  }

  /** Copies {@code count} values for trajectories {@code traj0 ..} at time index {@code r} from {@code src}. */
  void put(int r, long traj0, double[] src, int count) {
    put(r, 0, traj0, src, 0, count);
  }

  /** Copies channel {@code c} of {@code count} trajectories {@code traj0 ..} at time index r from {@code src[off..]}. */
  void put(int r, int c, long traj0, double[] src, int off, int count) {
    long offset = (((long) r * channels + c) * trajectories + traj0) * Double.BYTES;
    MemorySegment.copy(src, off, values, ValueLayout.JAVA_DOUBLE, offset, count);
  }

  /** All trajectories' values at time index {@code r}, in trajectory order (channel 0). */
  public double[] at(int r) {
    return at(r, 0);
  }

  /** Channel {@code c} of all trajectories at time index {@code r}, in trajectory order. */
  public double[] at(int r, int c) {
    if (trajectories > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("more than 2^31 trajectories per record time");
    }
    double[] out = new double[(int) trajectories];
    long offset = (((long) r * channels + c) * trajectories) * Double.BYTES;
    MemorySegment.copy(values, ValueLayout.JAVA_DOUBLE, offset, out, 0, out.length);
    return out;
  }

  @Override
  public void close() {
    arena.close();
  }
}
