package org.sgdmc.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sgdmc.engine.Execution;
import org.sgdmc.engine.Shard;
import org.sgdmc.engine.StopSignal;
import org.sgdmc.io.LiveFile;
import org.sgdmc.io.LiveSweepFile;
import org.sgdmc.io.RunMetadata;
import org.sgdmc.io.SweepFile;
import org.sgdmc.kernels.VectorizationProvider;
import org.sgdmc.sweep.Axis;
import org.sgdmc.sweep.SweepCheckpoint;
import org.sgdmc.sweep.SweepFamily;
import org.sgdmc.sweep.SweepGrid;
import org.sgdmc.sweep.SweepResult;
import org.sgdmc.sweep.SweepRunner;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/** What every {@code sweep MODEL} command shares: the option mixins, the run, the summary. */
public abstract class SweepSupport implements Runnable, SharedOptions.Tailored {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin SgdMixin sgd;
  @Mixin DataSourceMixin source;
  @Mixin RunMixin run;

  @CommandLine.Option(names = "--live", description = "Write the output file while the sweep runs: each finished "
      + "cell is filled in and flushed in HDF5 SWMR mode, so h5py.File(path, \"r\", swmr=True) (scripts/watch.py) "
      + "reads it meanwhile; root attribute complete = 0 until the end. Needs the HDF5 C library (libhdf5).")
  boolean live;

  @Override
  public Map<String, String> defaults() {
    return Map.of("--trajectories", "10000");
  }

  /** The family and its own settings (e.g. sampling with replacement), as a note for the file. */
  abstract SweepFamily family();

  abstract String familySettings();

  /** Parameter name -> the option text the user gave (null: the family's default). */
  abstract Map<String, String> parameterSpecs();

  @Override
  public void run() {
    Path out = run.output.required();
    boolean replaceLive = live && liveChecks(out);
    Output.checkWritable(run.output, replaceLive);
    if (run.steps.steps < 1 || run.steps.steps > Integer.MAX_VALUE) {
      throw new UserError("--steps must be in 1.." + Integer.MAX_VALUE + ", not " + run.steps.steps);
    }
    EnsembleMixin ensemble = run.ensemble.validated(2);
    long trajectories = ensemble.trajectories;
    int stepCount = (int) run.steps.steps;
    long seed = ensemble.seed;
    SweepFamily family = family();
    SweepGrid grid;
    SweepRunner.Settings settings;
    try {
      grid = grid(family);
      VectorizationProvider vectors = VectorizationProvider.lookup();
      if (!vectors.vectorised()) {
        // the common-random-number sweep kernels have no scalar twin (yet)
        throw new UserError("sweep needs the vector kernels: " + vectors.describe());
      }
      settings = new SweepRunner.Settings(trajectories, stepCount, seed, ensemble.threads(), ensemble.blockWidth, true);
      for (Map<String, Double> cell : grid.cells()) {
        family.validate(cell);
        if (family.sampling() == org.sgdmc.models.Sampling.RESHUFFLE && cell.containsKey("n")) {
          ReshuffleMemory.check(true, Math.round(cell.get("n")), settings.threads(), settings.blockWidth());
        }
      }
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    SweepCheckpoint.Codec<SweepRunner.CellResult> codec = SweepCheckpoint.exponents(family.exponents());
    Shard shard = run.shard.resolve(spec, System.getenv(), System.err);
    long[] range = shard == null ? new long[] {0, grid.size()} : cellRange(shard, grid.size());
    Map<Integer, SweepRunner.CellResult> done = run.shard.merging ? mergedCells(codec, grid.size()) : new HashMap<>();
    Path checkpointPath = SweepCheckpoint.pathFor(out.toAbsolutePath());
    String fingerprint = grid.fingerprint(trajectories, stepCount, seed, familySettings()) + " cells " + range[0]
        + ".." + range[1] + " sgdmc " + VersionProvider.version();
    SweepCheckpoint<SweepRunner.CellResult> checkpoint;
    try {
      checkpoint = run.shard.merging ? null
          : SweepCheckpoint.open(checkpointPath, fingerprint, codec, done, run.output.force, System.err);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    if (!done.isEmpty() && checkpoint != null) {
      System.err.printf("sgdmc: resuming: %d of %d cells already done (%s)%n", done.size(), range[1] - range[0],
          checkpointPath);
    }
    LiveSweepFile liveFile = null;
    if (live) {
      try {
        RunMetadata started = RunMetadata.now(VersionProvider.version(), run.output.commandLine(spec), seed);
        liveFile = LiveSweepFile.start(out, run.output.force || replaceLive, started, grid, settings, familySettings(),
            done);
      } catch (IllegalArgumentException e) {
        abandon(checkpoint);
        throw new UserError(e.getMessage());
      } catch (RuntimeException e) {
        abandon(checkpoint);
        throw e;
      }
      System.err.println("sgdmc: live file " + out + " (read it meanwhile with scripts/watch.py " + out + ")");
    }
    LiveSweepFile liveCells = liveFile;
    SweepRunner.CellResult[] cells;
    long t0 = System.nanoTime();
    try (ProgressBar bar = run.output.progressBar("sweep " + family.model());
        StopSignal stop = checkpoint == null ? null
            : StopSignal.install(() -> stopped(checkpoint, checkpointPath, liveCells))) {
      cells = SweepRunner.run(family, grid.cells(), done, settings, new SweepRunner.Listener() {
        @Override
        public void finished(int[] idx, SweepRunner.CellResult[] results) {
          checkpoint.append(idx, results);
          if (liveCells != null) {
            liveCells.finished(idx, results);
          }
        }

        @Override
        public void progress(long doneSteps, long total) {
          if (bar != null) {
            bar.update(doneSteps, total);
          }
        }
      }, i -> i >= range[0] && i < range[1]);
    } catch (IllegalArgumentException e) {
      abandon(checkpoint);
      closeLive(liveFile);
      throw new UserError(e.getMessage());
    } catch (RuntimeException | Error e) {
      abandon(checkpoint);
      closeLive(liveFile);
      throw e;
    }
    double seconds = (System.nanoTime() - t0) * 1e-9;
    if (shard != null) {
      writeCellShard(spec, run.output, seed, settings.threads(), shard, range, grid.size(), i -> cells[i], codec, seconds,
          checkpoint);
      return;
    }
    if (liveFile != null) {
      liveFile.close(); // complete = 0 and every cell; the final file below replaces it
    }
    SweepResult result = SweepResult.of(grid, settings, cells, seconds, done.size());
    RunMetadata meta = RunMetadata.now(VersionProvider.version(), run.output.commandLine(spec), seed);
    Output.write(() -> SweepFile.write(out, run.output.force || live, meta, result, familySettings(), live));
    if (checkpoint != null) {
      checkpoint.delete();
    }
    summarise(System.out, result);
    System.out.println("wrote " + out);
  }

  /**
   * The checks of {@code --live} before any work: the C library is there, no shards; returns whether the
   * output may be replaced without --force, which is when it is the incomplete live file of an earlier run
   * (root attribute complete = 0), to be resumed from its checkpoint or rerun.
   */
  private boolean liveChecks(Path out) {
    return liveChecks(out, run.output, run.shard, spec);
  }

  /** {@link #liveChecks(Path)} for any sweep command: its output and shard options, and its spec. */
  static boolean liveChecks(Path out, OutputMixin output, ShardMixin shards, CommandLine.Model.CommandSpec spec) {
    if (!LiveFile.available()) {
      throw new UserError("--live needs the HDF5 C library: " + LiveFile.unavailableReason());
    }
    if (shards.merging || shards.resolve(spec, System.getenv(),
        new PrintStream(java.io.OutputStream.nullOutputStream())) != null) {
      throw new UserError("--live writes one file as the sweep runs: it does not combine with --shard or --merge");
    }
    if (!java.nio.file.Files.isRegularFile(out) || output.force) {
      return false;
    }
    try {
      return LiveFile.rootLong(out, "complete").orElse(1) == 0;
    } catch (IllegalArgumentException e) {
      return false; // not an HDF5 file: "exists (use --force to overwrite)"
    }
  }

  /** Closes the live file of a failing sweep: it keeps every finished cell, complete = 0. */
  static void closeLive(AutoCloseable liveFile) {
    if (liveFile != null) {
      try {
        liveFile.close();
      } catch (Exception e) {
        System.err.println("sgdmc: " + e.getMessage());
      }
    }
  }

  private static void abandon(SweepCheckpoint<?> checkpoint) {
    if (checkpoint != null) {
      checkpoint.abandon();
    }
  }

  /** A merge's cells: every shard's saved cells, which together must be the whole sweep of {@code cells}. */
  static <C> Map<Integer, C> mergedCells(SweepCheckpoint.Codec<C> codec, int cells) {
    Map<Integer, C> all = new HashMap<>();
    try {
      for (byte[] state : Execution.current().savedStates()) {
        all.putAll(SweepCheckpoint.decode(state, codec));
      }
    } catch (IllegalArgumentException e) {
      throw new UserError("a shard's saved cells do not fit this sweep: " + e.getMessage());
    }
    if (all.size() != cells) {
      throw new UserError("the shards hold " + all.size() + " cells of a " + cells + "-cell sweep");
    }
    return all;
  }

  /**
   * Ends a shard of a sweep: its cells {@code range} (of {@code total}), {@code cell(i)} each, go to the shard
   * file at {@code -o}, and the checkpoint that held them while they ran is deleted.
   */
  static <C> void writeCellShard(CommandLine.Model.CommandSpec spec, OutputMixin output, long seed, int threads,
      Shard shard, long[] range, int total, java.util.function.IntFunction<C> cell, SweepCheckpoint.Codec<C> codec,
      double seconds, SweepCheckpoint<C> checkpoint) {
    Map<Integer, C> mine = new HashMap<>();
    for (int i = (int) range[0]; i < range[1]; i++) {
      mine.put(i, cell.apply(i));
    }
    output.writeShard(spec, seed, threads, shard,
        new Execution.Captured(SweepCheckpoint.encode(mine, codec), range[0], range[1], total, seconds), "cells");
    checkpoint.delete();
  }

  /** A shard's cells: contiguous, since every cell of a sweep costs the same (trajectories x steps). */
  static long[] cellRange(Shard shard, int cells) {
    try {
      return shard.range(cells, 1, "cells");
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  /**
   * SIGTERM or SIGINT during a sweep: every finished cell is already in the checkpoint (each is flushed as it
   * finishes, under the checkpoint's lock, which this takes so no line is torn); exit at once with the
   * requeue code. The cells in flight run again when the sweep is rerun.
   */
  static void stopped(Object checkpoint, Path path) {
    stopped(checkpoint, path, null);
  }

  /** {@link #stopped(Object, Path)}, closing a live file first (so it opens without swmr=True too). */
  static void stopped(Object checkpoint, Path path, AutoCloseable liveFile) {
    synchronized (checkpoint) {
      closeLive(liveFile);
      System.err.println("sgdmc: stopped by a signal: the finished cells are saved in " + path
          + "; rerun the same command to finish the sweep");
      System.err.flush();
      Runtime.getRuntime().halt(StopSignal.EXIT_CODE);
    }
  }

  private SweepGrid grid(SweepFamily family) {
    Map<String, Double> fixed = new LinkedHashMap<>();
    List<Axis> axes = new ArrayList<>();
    parameterSpecs().forEach((name, text) -> {
      if (text == null) {
        return;
      }
      if (text.contains(":") || text.contains(",")) {
        axes.add(Axis.parse(name, text));
      } else {
        fixed.put(name, Axis.parse(name, text).value(0));
      }
    });
    if (axes.isEmpty()) {
      throw new IllegalArgumentException("give at least one axis, e.g. --lr 0.1:3:50");
    }
    if (axes.size() > 2) {
      throw new IllegalArgumentException("at most two axes, not " + axes.size() + " ("
          + String.join(", ", axes.stream().map(Axis::name).toList()) + ")");
    }
    return new SweepGrid(family, fixed, axes);
  }

  static void summarise(PrintStream ps, SweepResult r) {
    SweepGrid g = r.grid();
    StringBuilder shape = new StringBuilder();
    for (Axis a : g.axes()) {
      shape.append(shape.length() == 0 ? "" : " x ").append(a.name()).append('[').append(a.size()).append(']');
    }
    ps.printf("sweep %s  %s = %d cells  x %d trajectories x %d steps%n", g.family().model(), shape, r.cells().length,
        r.settings().trajectories(), r.settings().steps());
    int decided = 0, agree = 0, withTheory = 0;
    for (int i = 0; i < r.cells().length; i++) {
      for (int e = 0; e < r.cells()[i].lambda().length; e++) {
        double lam = r.cells()[i].lambda()[e], se = r.cells()[i].stderr()[e], th = r.theory()[i][e];
        if (Double.isNaN(th)) {
          continue;
        }
        withTheory++;
        if (Math.abs(lam) > 4 * se) {
          decided++;
          if (Math.signum(lam) == Math.signum(th)) {
            agree++;
          }
        }
      }
    }
    ps.printf("exponents decided (|exponent| > 4 stderr): %d of %d with theory; same sign as theory: %d%n",
        decided, withTheory, agree);
    if (r.resumedCells() == r.cells().length) {
      ps.printf("speed: no cell ran here (all %d came from shards or a checkpoint)%n", r.cells().length);
      return;
    }
    ps.printf("speed: %.3e trajectory-steps/s per cell-exponent pass, %d threads, %.1f s%s%n", r.stepsPerSecond(),
        r.settings().threads(), r.seconds(), r.resumedCells() > 0 ? " (" + r.resumedCells() + " cells resumed)" : "");
  }
}
