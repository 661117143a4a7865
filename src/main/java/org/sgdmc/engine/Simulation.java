package org.sgdmc.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.sgdmc.kernels.StateBlock;
import org.sgdmc.kernels.TrajectoryBlock;

/**
 * Runs an ensemble of independent trajectories on all requested cores, trajectory-major: each worker takes
 * the next block of {@code blockWidth} trajectories, runs it from step 0 to the last recording time,
 * writing its observable at each recording time into {@link Records}, then takes the next block. Blocks
 * are claimed dynamically, so cores stay busy; which core ran which block cannot change any value, since a
 * trajectory's numbers depend only on its index (see {@link TrajectoryBlock}) and all reductions happen
 * later, in trajectory order.
 *
 * <p>The last block is padded to the full width with trajectories beyond the ensemble, whose values are
 * computed and dropped, so every trajectory goes through the same vector code path.
 */
public final class Simulation {
  private Simulation() {}

  /** What to run: ensemble size, recording times (ascending, starting at 0), cores and block width. */
  public record Settings(long trajectories, long[] recordTimes, int threads, int blockWidth) {
    public Settings {
      if (trajectories < 1) {
        throw new IllegalArgumentException("the number of trajectories must be at least 1, not " + trajectories);
      }
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, not " + threads);
      }
      if (recordTimes.length == 0 || recordTimes[0] != 0) {
        throw new IllegalArgumentException("recording times must start at step 0");
      }
      recordTimes = recordTimes.clone();
    }

    public long steps() {
      return recordTimes[recordTimes.length - 1];
    }
  }

  /** Receives progress as trajectory-steps done out of the total; called from worker threads. */
  @FunctionalInterface
  public interface Progress {
    void update(long done, long total);

    Progress NONE = (done, total) -> {};
  }

  /** The records and how long the kernels ran. The caller closes the records. */
  public record Result(Records records, double kernelSeconds) {}

  /**
   * Runs the ensemble. {@code blocks} makes one {@link TrajectoryBlock} of the given width per worker.
   */
  public static Result run(IntFunction<TrajectoryBlock> blocks, Settings settings, Progress progress) {
    return execute(width -> {
      TrajectoryBlock block = blocks.apply(width);
      return new Observed() {
        public void start(long traj0) {
          block.start(traj0);
        }

        public void advance(long from, long to) {
          block.advance(from, to);
        }

        public void observe(double[] out) {
          block.logDistance(out);
        }
      };
    }, 1, settings, progress);
  }

  /**
   * Runs an ensemble of {@link StateBlock}s: {@code channels} numbers per trajectory at every recording time
   * (channel c of trajectory i at time index r is {@code records.at(r, c)[i]}).
   */
  public static Result runStates(IntFunction<StateBlock> blocks, int channels, Settings settings, Progress progress) {
    return execute(width -> {
      StateBlock block = blocks.apply(width);
      if (block.channels() != channels) {
        throw new IllegalArgumentException("block has " + block.channels() + " channels, expected " + channels);
      }
      return new Observed() {
        public void start(long traj0) {
          block.start(traj0);
        }

        public void advance(long from, long to) {
          block.advance(from, to);
        }

        public void observe(double[] out) {
          block.snapshot(out);
        }
      };
    }, channels, settings, progress);
  }

  /** What the workers drive: either kind of block. */
  private interface Observed {
    void start(long traj0);

    void advance(long from, long to);

    /** {@code channels x width} values, channel-major. */
    void observe(double[] out);
  }

  private static Result execute(IntFunction<Observed> blocks, int channels, Settings settings, Progress progress) {
    long[] times = settings.recordTimes();
    long n = settings.trajectories();
    int width = settings.blockWidth();
    long blockCount = (n + width - 1) / width;
    int threads = (int) Math.min(settings.threads(), blockCount);
    long total = Math.multiplyExact(n, settings.steps());
    Records records = new Records(n, times, channels);
    AtomicLong nextBlock = new AtomicLong();
    AtomicLong done = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long t0 = System.nanoTime();
    Runnable worker = () -> {
      try {
        Observed block = blocks.apply(width);
        double[] out = new double[channels * width];
        for (long b; (b = nextBlock.getAndIncrement()) < blockCount && failure.get() == null; ) {
          long traj0 = b * width;
          int valid = (int) Math.min(width, n - traj0);
          block.start(traj0);
          block.observe(out);
          for (int c = 0; c < channels; c++) {
            records.put(0, c, traj0, out, c * width, valid);
          }
          for (int r = 1; r < times.length; r++) {
            block.advance(times[r - 1], times[r]);
            block.observe(out);
            for (int c = 0; c < channels; c++) {
              records.put(r, c, traj0, out, c * width, valid);
            }
            progress.update(done.addAndGet(valid * (times[r] - times[r - 1])), total);
          }
        }
      } catch (Throwable e) {
        failure.compareAndSet(null, e);
      }
    };
    if (threads == 1) {
      worker.run();
    } else {
      List<Thread> pool = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        pool.add(Thread.ofPlatform().name("sgdmc-worker-" + i).daemon(true).start(worker));
      }
      for (Thread t : pool) {
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failure.compareAndSet(null, e);
        }
      }
    }
    double seconds = (System.nanoTime() - t0) * 1e-9;
    if (failure.get() != null) {
      records.close();
      Throwable e = failure.get();
      if (e instanceof RuntimeException re) {
        throw re;
      }
      if (e instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e);
    }
    return new Result(records, seconds);
  }
}
