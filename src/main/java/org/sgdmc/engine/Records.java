package org.sgdmc.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Every trajectory's observables at every recording time, off-heap: {@code observables x times x
 * trajectories} doubles, trajectory-contiguous per observable and time. For what needs every value (exact
 * quantiles, per-trajectory output, tail samples): the streaming reductions need none of this. Workers
 * write disjoint slices through {@link #collector()}, so the values do not depend on thread count or
 * blocking. 1e6 trajectories and 40 times take 320 MB per observable; {@link #allocate} refuses, in one
 * line, what the machine cannot hold.
 */
public final class Records implements AutoCloseable {
  private final Arena arena;
  private final MemorySegment values;
  private final long trajectories;
  private final long[] times;
  private final int observables;

  /** The most trajectories whose values can be kept: one time's values are read back as a Java array. */
  public static final long MAX_TRAJECTORIES = Integer.MAX_VALUE - 8;

  /** Bytes that {@code allocate(trajectories, times, observables)} takes. */
  public static long bytes(long trajectories, int times, int observables) {
    try {
      return Math.multiplyExact(Math.multiplyExact(Math.multiplyExact(trajectories, (long) times), (long) observables),
          (long) Double.BYTES);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * Room for every value, after checking that the machine has it ({@link MemoryGuard}); {@code lower} is the
   * option to name when it does not.
   */
  public static Records allocate(long trajectories, long[] times, int observables, String lower) {
    if (trajectories > MAX_TRAJECTORIES) {
      throw new TooLargeException(String.format(
          "keeping every trajectory's values allows at most %d trajectories, not %d: %s", MAX_TRAJECTORIES,
          trajectories, lower));
    }
    long bytes = bytes(trajectories, times.length, observables);
    MemoryGuard.check(String.format("keeping %d trajectories x %d record times x %d observables", trajectories,
        times.length, observables), 0, bytes, lower);
    return new Records(trajectories, times, observables);
  }

  /** A reducer that stores each finished block's values at its trajectories' indices (merging is a no-op). */
  public Collector collector() {
    return new Collector();
  }

  /**
   * See {@link #collector()}. It also remembers which trajectories it stored, so that it can save their values
   * (a shard's or a checkpoint's share of the records) and {@link #addSaved} can put them back at their indices.
   */
  public final class Collector implements BlockReducer<Collector> {
    private long[] runs = new long[16]; // (first trajectory, count) pairs of what this collector stored
    private int runCount;

    @Override
    public void accept(long traj0, int valid, double[][][] values) {
      for (int k = 0; k < values.length; k++) {
        for (int r = 0; r < values[k].length; r++) {
          put(k, r, traj0, values[k][r], valid); // the engine never passes padding: valid <= trajectories - traj0
        }
      }
      remember(traj0, valid);
    }

    @Override
    public void merge(Collector other) {
      // every collector writes into the same records: only the list of what was stored grows
      for (int i = 0; i < other.runCount; i++) {
        remember(other.runs[2 * i], other.runs[2 * i + 1]);
      }
    }

    /** Writes the values this collector stored: each run of trajectories, observable by observable, time by time. */
    @Override
    public void save(DataOutput out) throws IOException {
      out.writeInt(observables);
      out.writeInt(times.length);
      out.writeInt(runCount);
      double[] buffer = new double[0];
      for (int i = 0; i < runCount; i++) {
        long first = runs[2 * i];
        int count = (int) runs[2 * i + 1];
        out.writeLong(first);
        out.writeInt(count);
        if (buffer.length < count) {
          buffer = new double[count];
        }
        for (int k = 0; k < observables; k++) {
          for (int r = 0; r < times.length; r++) {
            MemorySegment.copy(values, ValueLayout.JAVA_DOUBLE, (row(k, r) + first) * Double.BYTES, buffer, 0, count);
            for (int j = 0; j < count; j++) {
              out.writeDouble(buffer[j]);
            }
          }
        }
      }
    }

    /** Puts saved values back at their trajectories' indices. */
    @Override
    public void addSaved(DataInput in) throws IOException {
      int savedObservables = in.readInt(), savedTimes = in.readInt(), savedRuns = in.readInt();
      if (savedObservables != observables || savedTimes != times.length || savedRuns < 0) {
        throw new IOException(String.format("saved records of %d observables x %d times, not %d x %d",
            savedObservables, savedTimes, observables, times.length));
      }
      double[] buffer = new double[0];
      for (int i = 0; i < savedRuns; i++) {
        long first = in.readLong();
        int count = in.readInt();
        if (first < 0 || count < 0 || first + count > trajectories) {
          throw new IOException("saved trajectories " + first + " + " + count + " outside 0.." + trajectories);
        }
        if (buffer.length < count) {
          buffer = new double[count];
        }
        for (int k = 0; k < observables; k++) {
          for (int r = 0; r < times.length; r++) {
            for (int j = 0; j < count; j++) {
              buffer[j] = in.readDouble();
            }
            put(k, r, first, buffer, count);
          }
        }
        remember(first, count);
      }
    }

    private void remember(long first, long count) {
      if (runCount > 0 && runs[2 * runCount - 2] + runs[2 * runCount - 1] == first
          && runs[2 * runCount - 1] + count <= Integer.MAX_VALUE) {
        runs[2 * runCount - 1] += count; // continues the last run
        return;
      }
      if (2 * runCount == runs.length) {
        runs = java.util.Arrays.copyOf(runs, 2 * runs.length);
      }
      runs[2 * runCount] = first;
      runs[2 * runCount + 1] = count;
      runCount++;
    }
  }

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
      throw new TooLargeException(String.format(
          "not enough memory for %d trajectories x %d record times x %d observables (%s): "
              + "use fewer trajectories or record times",
          trajectories, times.length, observables, MemoryGuard.bytes(bytes)));
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

  /** Observable {@code k} at time index {@code r} of trajectories {@code [from, to)}, in trajectory order. */
  public double[] at(int k, int r, long from, long to) {
    if (from < 0 || to > trajectories || from > to || to - from > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("trajectories " + from + ".." + to + " of " + trajectories);
    }
    double[] out = new double[(int) (to - from)];
    MemorySegment.copy(values, ValueLayout.JAVA_DOUBLE, (row(k, r) + from) * Double.BYTES, out, 0, out.length);
    return out;
  }

  @Override
  public void close() {
    arena.close();
  }
}
