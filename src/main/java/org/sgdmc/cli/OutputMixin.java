package org.sgdmc.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.sgdmc.engine.Execution;
import org.sgdmc.engine.RunCheckpoint;
import org.sgdmc.engine.Shard;
import org.sgdmc.engine.Simulation;
import org.sgdmc.io.LiveRunFile;
import org.sgdmc.io.ShardFile;
import org.sgdmc.io.RunMetadata;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Where results go and how a run talks to the terminal, the same in every command. */
public final class OutputMixin {
  @Option(names = {"-o", "--out"}, paramLabel = "FILE.h5",
      description = "Write the results to this HDF5 file, atomically: a temp file renamed at the end "
          + "(sweep: required; demo and scan: a default name).")
  Path out;

  @Option(names = "--force", description = "Overwrite FILE.h5 if it exists (a sweep also discards a checkpoint of other arguments).")
  boolean force;

  @Option(names = "--progress", negatable = true,
      description = "Show progress on stderr (default: when stderr is a terminal).")
  Boolean progress;

  /** Whether to draw progress: asked for, or stderr is a terminal (the launcher tells us). */
  boolean showProgress() {
    if (progress != null) {
      return progress;
    }
    return Boolean.getBoolean("sgdmc.stderr.tty");
  }

  /** The output file of a command that must write one; a user error when none is given. */
  Path required() {
    if (out == null) {
      throw new UserError("give the output file: -o FILE.h5");
    }
    return out;
  }

  /** Writes a result file. */
  interface FileWriter<R> {
    void write(Path out, boolean overwrite, RunMetadata meta, R result);
  }

  /** Set by {@code sgdmc merge}: the command line the merged file records. */
  String commandOverride;

  /** The command line this run's file records: as typed, or the merge's. */
  String commandLine(CommandLine.Model.CommandSpec spec) {
    return commandOverride != null ? commandOverride : Output.commandLine(spec);
  }

  /**
   * The life of a run once its options are checked: runs {@code job} with a progress bar labelled {@code label},
   * writes its result with {@code file} when an output is given (root provenance: {@code spec}'s command line and
   * {@code seed}), prints it with {@code summary} and says where the file went (and which script in scripts/
   * plots it, when {@code plotScript} is not null).
   *
   * <p>With {@code shards} (commands that can be sharded), the job runs under the {@link Execution} they ask
   * for: one shard (its reduction goes to a shard file at {@code -o} and nothing is printed but where it went), a
   * merge, or the whole run; a run with an output is checkpointed beside it, resumed from an earlier attempt's
   * checkpoint, and stops cleanly on SIGTERM.
   */
  <R> R execute(CommandLine.Model.CommandSpec spec, long seed, long trajectories, int threads, String label,
      Function<Simulation.Progress, R> job, FileWriter<R> file, Consumer<R> summary, String plotScript, ShardMixin shards) {
    // commands that cannot be sharded (a scan reduces many ensembles) drop --shard, and are not checkpointed
    Execution execution = shards == null || spec.findOption("--shard") == null ? null : execution(spec, shards, trajectories);
    LiveRunFile live = execution != null && LiveMixin.requested(spec) ? live(spec, seed, execution, file) : null;
    R result;
    try (ProgressBar bar = progressBar(label)) {
      result = execution == null ? job.apply(ProgressBar.orNone(bar)) : execution.call(() -> job.apply(ProgressBar.orNone(bar)));
    } catch (Execution.Captured shard) {
      writeShard(spec, seed, threads, execution.shard(), shard, "trajectories");
      execution.finished();
      return null;
    } catch (Execution.Stopped stopped) {
      closeLive(live);
      throw new StoppedError(stopped.getMessage());
    } catch (RuntimeException e) {
      closeLive(live);
      throw e;
    } catch (Exception e) {
      closeLive(live);
      throw new IllegalStateException(e);
    }
    if (out != null) {
      RunMetadata meta = RunMetadata.now(VersionProvider.version(), commandLine(spec), seed);
      Output.write(live == null ? () -> file.write(out, force, meta, result)
          : () -> live.finish(() -> file.write(out, true, meta, result))); // replaces the live file, complete = 1
      if (execution != null) {
        execution.finished();
      }
    }
    summary.accept(result);
    if (out != null) {
      String plot = plotScript == null ? "" : "   (plot: scripts/" + plotScript + " " + out + ")";
      System.out.println("wrote " + out + plot);
    }
    return result;
  }

  /**
   * The live file of {@code --live} (checked by {@link LiveMixin#check} before any work), bound to {@code execution}:
   * each partial result the engine hands over is written by the command's own {@code file} writer into it.
   */
  private <R> LiveRunFile live(CommandLine.Model.CommandSpec spec, long seed, Execution execution, FileWriter<R> file) {
    LiveRunFile live = new LiveRunFile();
    RunMetadata started = RunMetadata.now(VersionProvider.version(), commandLine(spec), seed);
    execution.withLive((partial, finished) -> {
      @SuppressWarnings("unchecked") // the engine hands back what this command's job returns
      R result = (R) partial;
      live.update(() -> file.write(out, true, started, result), finished);
    });
    System.err.println("sgdmc: live file " + out + " (read it meanwhile with scripts/watch.py " + out + ")");
    return live;
  }

  /** Closes the live file of a run that failed or stopped: it keeps its last update, complete = 0. */
  private static void closeLive(LiveRunFile live) {
    if (live != null) {
      try {
        live.close();
      } catch (RuntimeException e) {
        System.err.println("sgdmc: " + e.getMessage());
      }
    }
  }

  /** The execution {@code shards} ask for, checkpointed beside the output when there is one. */
  private Execution execution(CommandLine.Model.CommandSpec spec, ShardMixin shards, long trajectories) {
    if (shards.merging) {
      return Execution.current(); // bound by sgdmc merge
    }
    Shard shard = shards.resolve(spec, System.getenv(), System.err);
    if (shard != null && out == null) {
      throw new UserError("--shard " + shard + " writes a shard file: give it with -o FILE.h5");
    }
    if (shard != null) {
      try {
        shard.range(trajectories, Shard.TRAJECTORY_GRAIN, "trajectories"); // refused before anything runs
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
    }
    RunCheckpoint.Settings checkpointing = out == null ? null
        : new RunCheckpoint.Settings(RunCheckpoint.pathFor(out), RunIdentity.fingerprint(spec), force,
            RunCheckpoint.Settings.defaultInterval(), System.err::println);
    return Execution.of(shard, checkpointing);
  }

  /** Writes a shard file at {@code -o} and says so. */
  void writeShard(CommandLine.Model.CommandSpec spec, long seed, int threads, Shard shard, Execution.Captured c,
      String unit) {
    ShardFile f = new ShardFile(RunIdentity.command(spec), VersionProvider.version(), seed, RunIdentity.options(spec),
        spec.root().commandLine().getParseResult().originalArgs(), System.getProperty("user.dir"), shard.index(),
        shard.count(), unit, c.from(), c.to(), c.total(), threads, c.kernelSeconds(), c.state(),
        List.copyOf(c.trajectories().keySet()),
        c.trajectories().isEmpty() ? 0 : c.trajectories().values().iterator().next().length);
    RunMetadata meta = RunMetadata.now(VersionProvider.version(), commandLine(spec), seed);
    Output.write(() -> f.write(out, force, meta, c.trajectories()));
    System.out.printf("wrote %s: %s; merge all %d with: sgdmc merge OUT.h5 SHARD.h5...%n", out, f.describe(),
        shard.count());
  }

  /** A progress bar labelled {@code label}, or null when none is shown. */
  ProgressBar progressBar(String label) {
    return showProgress() ? new ProgressBar(System.err, label) : null;
  }
}
