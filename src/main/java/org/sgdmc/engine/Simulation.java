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
 * writing its observables at each recording time into {@link Records}, then takes the next block. Blocks
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
   * Runs the ensemble. {@code blocks} makes one {@link TrajectoryBlock} of the given width per worker; every
   * observable a block reports ({@link TrajectoryBlock#observables()}) is recorded. The first block is made
   * on the calling thread, to learn how many observables there are before the records are allocated.
   */
  public static Result run(IntFunction<TrajectoryBlock> blocks, Settings settings, Progress progress) {
    long[] times = settings.recordTimes();
    long n = settings.trajectories();
    int width = settings.blockWidth();
    long blockCount = (n + width - 1) / width;
    int threads = (int) Math.min(settings.threads(), blockCount);
    long total = Math.multiplyExact(n, settings.steps());
    TrajectoryBlock first = blocks.apply(width);
    int observables = first.observables();
    Records records = new Records(n, times, observables);
    AtomicLong nextBlock = new AtomicLong();
    AtomicLong done = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long t0 = System.nanoTime();
    IntFunction<Runnable> worker = index -> () -> {
      try {
        TrajectoryBlock block = index == 0 ? first : blocks.apply(width);
        if (block.observables() != observables) {
          throw new IllegalStateException("blocks of one run report different numbers of observables");
        }
        double[] out = new double[width];
        for (long b; (b = nextBlock.getAndIncrement()) < blockCount && failure.get() == null; ) {
          long traj0 = b * width;
          int valid = (int) Math.min(width, n - traj0);
          block.start(traj0);
          record(block, records, 0, traj0, out, valid);
          for (int r = 1; r < times.length; r++) {
            block.advance(times[r - 1], times[r]);
            record(block, records, r, traj0, out, valid);
            progress.update(done.addAndGet(valid * (times[r] - times[r - 1])), total);
          }
        }
      } catch (Throwable e) {
        failure.compareAndSet(null, e);
      }
    };
    if (threads == 1) {
      worker.apply(0).run();
    } else {
      List<Thread> pool = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        pool.add(Thread.ofPlatform().name("sgdmc-worker-" + i).daemon(true).start(worker.apply(i)));
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

  /** Every observable of the block's trajectories at time index {@code r}. */
  private static void record(TrajectoryBlock block, Records records, int r, long traj0, double[] out, int valid) {
    for (int k = 0; k < records.observables(); k++) {
      block.logDistance(k, out);
      records.put(k, r, traj0, out, valid);
    }
  }

  /**
   * Runs blocks whose state at a recording time is several numbers ({@link StateBlock}, e.g. the parameters
   * of a nonlinear net): channel c is recorded as observable c.
   */
  public static Result runStates(IntFunction<StateBlock> blocks, int channels, Settings settings, Progress progress) {
    return run(width -> {
      StateBlock block = blocks.apply(width);
      if (block.channels() != channels) {
        throw new IllegalArgumentException("block has " + block.channels() + " channels, expected " + channels);
      }
      return new StateAsTrajectories(block);
    }, settings, progress);
  }

  /** A {@link StateBlock} seen as a block with one observable per channel (a snapshot per observable read). */
  private static final class StateAsTrajectories implements TrajectoryBlock {
    private final StateBlock block;
    private final double[] snapshot;

    StateAsTrajectories(StateBlock block) {
      this.block = block;
      this.snapshot = new double[block.channels() * block.width()];
    }

    @Override
    public int width() {
      return block.width();
    }

    @Override
    public int observables() {
      return block.channels();
    }

    @Override
    public void start(long traj0) {
      block.start(traj0);
    }

    @Override
    public void advance(long from, long to) {
      block.advance(from, to);
    }

    @Override
    public void logDistance(double[] out) {
      logDistance(0, out);
    }

    @Override
    public void logDistance(int which, double[] out) {
      block.snapshot(snapshot);
      System.arraycopy(snapshot, which * block.width(), out, 0, block.width());
    }
  }
}
