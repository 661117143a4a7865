package org.sgdmc.engine;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.sgdmc.kernels.StateBlock;
import org.sgdmc.kernels.TrajectoryBlock;

/**
 * Runs an ensemble of independent trajectories on all requested cores, trajectory-major: each worker takes
 * the next block of {@code blockWidth} trajectories, runs it from step 0 to the last recording time,
 * keeping its observables at each recording time in a small scratch array, hands the finished block to its
 * {@link BlockReducer}, then takes the next block. Blocks are claimed dynamically, so cores stay busy;
 * which core ran which block cannot change any value, since a trajectory's numbers depend only on its index
 * (see {@link TrajectoryBlock}) and the reducers reduce exactly (or store by trajectory index, {@link
 * Records}). Nothing grows with the ensemble unless the reducer keeps every trajectory.
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

  /** The merged reducer and how long the kernels (and the reducers beside them) ran. */
  public record Result<R>(R reduced, double kernelSeconds) {}

  /**
   * Runs the ensemble, streaming every block's values into a reducer of the worker that ran it ({@link
   * BlockReducer}); returns the workers' reducers merged. {@code blocks} makes one {@link TrajectoryBlock}
   * of the given width per worker, {@code reducers} one reducer per worker. The first block is made on the
   * calling thread, to learn how many observables there are. Memory: per worker one block, one reducer and
   * {@code observables x times x width} doubles of scratch, whatever the ensemble's size.
   *
   * <p>What part of the ensemble runs, and what becomes of the reduction, is the bound {@link Execution}'s: all
   * of it (checkpointed beside the output when asked, resumed from an earlier attempt's checkpoint), one shard
   * (the reduction is saved and the job ends with {@link Execution.Captured}), or none (a merge: the shards'
   * saved reductions, added).
   */
  public static <R extends BlockReducer<R>> Result<R> run(
      IntFunction<TrajectoryBlock> blocks, Settings settings, Supplier<R> reducers, Progress progress) {
    return run(blocks, settings, reducers, progress, null);
  }

  /**
   * {@link #run(IntFunction, Settings, Supplier, Progress)}, and where the run is live ({@link
   * Execution#withLive}) its partial results while it runs: {@code partial} finishes a merged copy of the
   * reductions of the blocks done so far (its kernel time NaN: the run is not over) into the experiment's result,
   * which goes to the {@link LiveSink}. A live run whose experiment gives no {@code partial} is a programming
   * error (the command offered --live for a model that cannot show one).
   */
  public static <R extends BlockReducer<R>> Result<R> run(IntFunction<TrajectoryBlock> blocks, Settings settings,
      Supplier<R> reducers, Progress progress, Function<Result<R>, ?> partial) {
    Execution execution = Execution.current();
    execution.claim();
    if (execution.merging()) {
      return new Result<>(execution.restore(reducers.get()), execution.savedKernelSeconds());
    }
    long[] times = settings.recordTimes();
    long n = settings.trajectories();
    long[] range = execution.shard() == null ? new long[] {0, n}
        : execution.shard().range(n, Shard.TRAJECTORY_GRAIN, "trajectories");
    long from = range[0], to = range[1];
    int width = settings.blockWidth();
    long blockCount = (to - from + width - 1) / width;
    int threads = (int) Math.min(settings.threads(), blockCount);
    if (execution.checkpointing() != null && blockCount > Integer.MAX_VALUE) {
      throw new TooLargeException(String.format("%d blocks are too many to checkpoint: use a wider --block", blockCount));
    }
    RunCheckpoint checkpoint = execution.checkpointing() == null ? null
        : RunCheckpoint.open(execution.checkpointing(),
            String.format("trajectories %d..%d of %d in blocks of %d", from, to, n, width));
    RunCheckpoint.Restored<R> restored =
        checkpoint == null ? new RunCheckpoint.Restored<>(new BitSet(), null, 0) : checkpoint.restore(reducers, blockCount);
    if (checkpoint != null) {
      execution.opened(checkpoint);
      if (restored.parts() > 0) {
        execution.checkpointing().notices().accept(String.format("sgdmc: resuming: %d of %d blocks already done (%s)",
            restored.blocks().cardinality(), blockCount, checkpoint.dir()));
      }
    }
    BitSet done = restored.blocks();
    long total = saturatedProduct(to - from, settings.steps());
    TrajectoryBlock first = blocks.apply(width);
    int observables = first.observables();
    List<R> perWorker = new ArrayList<>(threads);
    for (int i = 0; i < threads; i++) {
      perWorker.add(reducers.get());
    }
    AtomicLong nextBlock = new AtomicLong();
    AtomicLong doneSteps = new AtomicLong(saturatedProduct(resumedTrajectories(done, from, to, width), settings.steps()));
    double interval = checkpoint == null ? Double.POSITIVE_INFINITY : execution.checkpointing().intervalSeconds();
    LiveSink sink = execution.live();
    if (sink != null && partial == null) {
      throw new IllegalStateException("this experiment cannot show a live run");
    }
    LivePublisher<R> live = sink == null ? null : new LivePublisher<>(sink,
        r -> partial.apply(new Result<>(r, Double.NaN)), reducers, restored.reduced(),
        resumedTrajectories(done, from, to, width), threads);
    WorkerPool pool = new WorkerPool();
    long t0 = System.nanoTime();
    double seconds;
    try (live; StopSignal stop = checkpoint == null ? null : StopSignal.install(null)) {
      pool.run(threads, "sgdmc-worker", index -> {
        TrajectoryBlock block = index == 0 ? first : blocks.apply(width);
        if (block.observables() != observables) {
          throw new IllegalStateException("blocks of one run report different numbers of observables");
        }
        R reducer = perWorker.get(index);
        BitSet mine = new BitSet();
        long ran = 0; // trajectories this worker finished (live runs)
        boolean unsaved = false;
        double wait = interval;
        long lastSave = System.nanoTime();
        double[][][] values = new double[observables][times.length][width];
        for (long b; !pool.failed() && (stop == null || !stop.requested())
            && (b = nextBlock.getAndIncrement()) < blockCount; ) {
          if (checkpoint != null && done.get((int) b)) {
            continue; // an earlier attempt finished it
          }
          long traj0 = from + b * width;
          int valid = (int) Math.min(width, to - traj0);
          block.start(traj0);
          record(block, values, 0);
          for (int r = 1; r < times.length; r++) {
            block.advance(times[r - 1], times[r]);
            record(block, values, r);
            progress.update(doneSteps.addAndGet(valid * (times[r] - times[r - 1])), total);
          }
          reducer.accept(traj0, valid, values);
          if (live != null) {
            ran += valid;
            live.finishedBlock(index, reducer, ran, false);
          }
          if (checkpoint != null) {
            mine.set((int) b);
            unsaved = true;
            if (stop.requested() || (System.nanoTime() - lastSave) * 1e-9 >= wait) {
              long t = System.nanoTime();
              checkpoint.save(index, mine, reducer);
              lastSave = System.nanoTime();
              // a save that grows (every kept value so far) never takes more than a tenth of the time
              wait = Math.max(interval, 10 * (lastSave - t) * 1e-9);
              unsaved = false;
            }
          }
        }
        if (checkpoint != null && stop.requested() && unsaved) {
          checkpoint.save(index, mine, reducer); // the signal came between this worker's blocks
        }
        if (live != null && stop != null && stop.requested() && ran > 0) {
          live.finishedBlock(index, reducer, ran, true); // the live file shows what the checkpoint holds
        }
      });
      seconds = (System.nanoTime() - t0) * 1e-9; // the kernels' time, not the wait for a live update in flight
      if (stop != null && stop.requested()) {
        if (live != null) {
          live.close();
          live.publish();
        }
        throw new Execution.Stopped(String.format("stopped by %s: the finished blocks are saved in %s; "
            + "rerun the same command to finish the run", stop.signal(), checkpoint.dir()));
      }
    }
    R merged = perWorker.get(0);
    for (int i = 1; i < threads; i++) {
      merged.merge(perWorker.get(i));
    }
    if (restored.reduced() != null) {
      merged.merge(restored.reduced());
    }
    if (execution.shard() != null) {
      throw Execution.capture(merged, from, to, n, seconds);
    }
    return new Result<>(merged, seconds);
  }

  /** Trajectories in the blocks an earlier attempt finished. */
  private static long resumedTrajectories(BitSet done, long from, long to, int width) {
    long sum = 0;
    for (int b = done.nextSetBit(0); b >= 0; b = done.nextSetBit(b + 1)) {
      sum += Math.min(width, to - from - (long) b * width);
    }
    return sum;
  }

  private static long saturatedProduct(long a, long b) {
    return a > Long.MAX_VALUE / Math.max(1, b) ? Long.MAX_VALUE : a * b;
  }

  /**
   * Runs the ensemble keeping every value ({@link Records}, checked by the {@link MemoryGuard}); the caller
   * closes the records. {@code lower} names the option that shrinks the run, for the refusal.
   */
  public static Records keepAll(IntFunction<TrajectoryBlock> blocks, int observables, Settings settings,
      Progress progress, String lower) {
    Records kept = Records.allocate(settings.trajectories(), settings.recordTimes(), observables, lower);
    try {
      run(blocks, settings, kept::collector, progress);
      return kept;
    } catch (RuntimeException | Error e) {
      kept.close();
      throw e;
    }
  }

  /** {@link #keepAll} for blocks that report states ({@link StateBlock}): channel c is observable c. */
  public static Records keepAllStates(IntFunction<StateBlock> blocks, int channels, Settings settings,
      Progress progress, String lower) {
    return keepAll(states(blocks, channels), channels, settings, progress, lower);
  }

  /** Every observable of the block's trajectories at time index {@code r}. */
  private static void record(TrajectoryBlock block, double[][][] values, int r) {
    for (int k = 0; k < values.length; k++) {
      block.logDistance(k, values[k][r]);
    }
  }

  /**
   * Runs blocks whose state at a recording time is several numbers ({@link StateBlock}, e.g. the parameters
   * of a nonlinear net): channel c is recorded as observable c.
   */
  public static <R extends BlockReducer<R>> Result<R> runStates(
      IntFunction<StateBlock> blocks, int channels, Settings settings, Supplier<R> reducers, Progress progress) {
    return run(states(blocks, channels), settings, reducers, progress);
  }

  private static IntFunction<TrajectoryBlock> states(IntFunction<StateBlock> blocks, int channels) {
    return width -> {
      StateBlock block = blocks.apply(width);
      if (block.channels() != channels) {
        throw new IllegalArgumentException("block has " + block.channels() + " channels, expected " + channels);
      }
      return StateBlock.asTrajectories(block);
    };
  }
}
