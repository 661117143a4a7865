package org.sgdmc.engine;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * What part of a run this process computes and what becomes of its reduction, bound for the duration of a
 * command's job ({@link #call}) and read by the engine where it reduces an ensemble ({@link Simulation#run}):
 *
 * <ul>
 *   <li><b>the whole run</b> (the default), optionally checkpointed ({@link RunCheckpoint}): every trajectory,
 *       reduced, finished by the command into its result;
 *   <li><b>a shard</b> ({@code --shard I/K}): the engine reduces the shard's range of trajectories, saves the
 *       reduction ({@link BlockReducer#save}) and ends the job by throwing {@link Captured}; the command writes
 *       that state to a shard file instead of finishing;
 *   <li><b>a merge</b> ({@code sgdmc merge}): the engine runs nothing and hands the command the shards' saved
 *       states added into one reducer, so the command finishes exactly as the unsharded run would have.
 * </ul>
 *
 * A scoped value rather than a parameter: every model's experiment reaches the engine through the same call,
 * and the execution is a property of the process, not of the model.
 */
public final class Execution {
  private static final ScopedValue<Execution> CURRENT = ScopedValue.newInstance();
  private static final Execution WHOLE = new Execution(null, null, null, 0);

  private final Shard shard;
  private final RunCheckpoint.Settings checkpointing;
  private final List<byte[]> savedStates; // non-null: merging
  private final double savedKernelSeconds;
  private LiveSink live; // simulate --live: where partial results go
  private RunCheckpoint checkpoint; // opened by the engine
  private boolean used;

  private Execution(Shard shard, RunCheckpoint.Settings checkpointing, List<byte[]> savedStates,
      double savedKernelSeconds) {
    this.shard = shard;
    this.checkpointing = checkpointing;
    this.savedStates = savedStates;
    this.savedKernelSeconds = savedKernelSeconds;
  }

  /** The execution bound by the enclosing {@link #call}, or the whole run without a checkpoint. */
  public static Execution current() {
    return CURRENT.orElse(WHOLE);
  }

  /** Shard {@code shard} of the run (null: all of it, not sharded), checkpointed unless {@code checkpointing} is null. */
  public static Execution of(Shard shard, RunCheckpoint.Settings checkpointing) {
    return new Execution(shard, checkpointing, null, 0);
  }

  /** A merge of the shards' saved states (in any order: the reductions add exactly) and their kernels' time. */
  public static Execution merging(List<byte[]> savedStates, double kernelSeconds) {
    return new Execution(null, null, List.copyOf(savedStates), kernelSeconds);
  }

  /**
   * This execution, its run also shown live: the engine hands {@code sink} results over the blocks finished so far
   * while it runs (where the experiment says how to finish them, {@link Simulation#run(java.util.function.IntFunction,
   * Simulation.Settings, java.util.function.Supplier, Simulation.Progress, java.util.function.Function)}).
   */
  public Execution withLive(LiveSink sink) {
    if (this == WHOLE) {
      throw new IllegalStateException("bind a live run with Execution.of");
    }
    live = sink;
    return this;
  }

  /** Where partial results go; null when the run is not live. */
  LiveSink live() {
    return live;
  }

  /** Runs {@code job} with this execution bound. */
  public <T> T call(Callable<T> job) throws Exception {
    return ScopedValue.where(CURRENT, this).call(job::call);
  }

  /** The shard this process computes; null when it computes the whole run (even --shard 0/1 is a shard). */
  public Shard shard() {
    return shard;
  }

  /** A merge's saved states, one per shard (for reductions the engine does not run itself: a sweep's cells). */
  public List<byte[]> savedStates() {
    return savedStates;
  }

  /** A merge's kernel time: the shards', added. */
  public double savedKernelSeconds() {
    return savedKernelSeconds;
  }

  /** Whether this is a merge. */
  public boolean merging() {
    return savedStates != null;
  }

  /** After the command wrote its file (the result or the shard): the checkpoint, no longer needed, is deleted. */
  public void finished() {
    if (checkpoint != null) {
      checkpoint.delete();
    }
  }

  // ---- the engine's side ----

  /** The engine reduces one ensemble per command: a second would need a second state in every shard. */
  void claim() {
    if (used && (shard != null || merging() || checkpointing != null)) {
      throw new IllegalStateException("a sharded, merged or checkpointed command reduces one ensemble only");
    }
    used = true;
  }

  RunCheckpoint.Settings checkpointing() {
    return checkpointing;
  }

  void opened(RunCheckpoint c) {
    checkpoint = c;
  }

  /** The merged state: a fresh reducer with every shard's saved state added. */
  <R extends BlockReducer<R>> R restore(R fresh) {
    for (byte[] state : savedStates) {
      try {
        fresh.addSaved(new java.io.DataInputStream(new java.io.ByteArrayInputStream(state)));
      } catch (IOException e) {
        throw new UnfitState("a shard's saved state does not fit this command: " + e.getMessage());
      }
    }
    return fresh;
  }

  /** Ends a shard's job: its reduction, saved, travels to the command in the exception. */
  static Captured capture(BlockReducer<?> reduced, long from, long to, long total, double kernelSeconds) {
    return new Captured(bytes(reduced), from, to, total, kernelSeconds);
  }

  static byte[] bytes(BlockReducer<?> reduced) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      reduced.save(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * A shard's finished reduction: trajectories {@code [from, to)} of {@code total}, saved. Thrown by the engine
   * to end the shard's job before the command would finish a partial run; caught where the command writes.
   */
  public static final class Captured extends RuntimeException {
    private final transient byte[] state;
    private final long from, to, total;
    private final double kernelSeconds;
    /** Per-trajectory values of the shard's range, by name, as [time][trajectory - from] (--keep-trajectories). */
    private final transient java.util.Map<String, double[][]> trajectories = new java.util.LinkedHashMap<>();

    /** A shard's state that the caller reduced itself (a sweep's cells). */
    public Captured(byte[] state, long from, long to, long total, double kernelSeconds) {
      super("shard reduced", null, false, false);
      this.state = state;
      this.from = from;
      this.to = to;
      this.total = total;
      this.kernelSeconds = kernelSeconds;
    }

    public byte[] state() {
      return state;
    }

    public long from() {
      return from;
    }

    public long to() {
      return to;
    }

    public long total() {
      return total;
    }

    public double kernelSeconds() {
      return kernelSeconds;
    }

    /**
     * Adds {@code values} ([time][trajectory - from]), observable {@code name} of the shard's trajectories, which
     * the shard file also stores as a dataset of the final file's format, for {@code sgdmc merge --virtual} to
     * map; the state still holds them (merge reads only the state).
     */
    public void keepTrajectories(String name, double[][] values) {
      trajectories.put(name, values);
    }

    /** What {@link #keepTrajectories} added, in order; empty when the values were not kept. */
    public java.util.Map<String, double[][]> trajectories() {
      return java.util.Collections.unmodifiableMap(trajectories);
    }
  }

  /** A merge's saved state that does not fit the reducer the command makes (another version's, or damaged). */
  public static final class UnfitState extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UnfitState(String message) {
      super(message);
    }
  }

  /** A run stopped by SIGTERM or SIGINT after saving its checkpoint: rerun the same command to finish it. */
  public static final class Stopped extends RuntimeException {
    Stopped(String message) {
      super(message, null, false, false);
    }
  }
}
