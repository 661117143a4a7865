package org.sgdmc.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sgdmc.engine.Shard;
import org.sgdmc.engine.Simulation;
import org.sgdmc.engine.StopSignal;
import org.sgdmc.experiments.Linreg1dTailsTheory;
import org.sgdmc.io.RunMetadata;
import org.sgdmc.io.LiveTailsSweepFile;
import org.sgdmc.io.TailsSweepFile;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.Kernels;
import org.sgdmc.models.LabelledData;
import org.sgdmc.models.Linreg1dTails;
import org.sgdmc.models.NoiseModel;
import org.sgdmc.models.Sampling;
import org.sgdmc.sweep.Axis;
import org.sgdmc.sweep.SweepCheckpoint;
import org.sgdmc.sweep.TailsCell;
import org.sgdmc.theory.TailIndex;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code sgdmc sweep tails-linreg1d}: the tail index alpha(lr, S) of 1-D SGD off interpolation over a grid,
 * each cell a full stationary sampling and tail fit, beside the Kesten index. Every cell uses the same seed, so
 * cells with the same batch size draw the same data: neighbouring learning rates differ by the learning rate
 * alone (common random numbers), and alpha(lr) comes out smooth rather than speckled. Finished cells are
 * checkpointed beside the output, as for the other sweeps: rerun an interrupted sweep and it skips them.
 */
@Command(
    name = "tails-linreg1d",
    header = "Sweep the tail index of linreg1d off interpolation over lr and batch size (with Kesten theory).",
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class SweepTailsCommand implements Runnable, SharedOptions.Tailored, ModelHints.Needs {
  @Override
  public String needs() {
    return "--lr LR and -o FILE.h5";
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin SgdMixin sgd;
  @Mixin NoiseMixin noise;
  @Mixin DataSourceMixin source;
  @Mixin TailsRun tails;

  @CommandLine.Option(names = "--live", description = "Write the output file while the sweep runs: each finished "
      + "cell is filled in and flushed, readable meanwhile with h5py's swmr=True (scripts/watch.py). Needs the HDF5 "
      + "C library.")
  boolean live;

  @Override
  public Set<String> notApplicable() {
    return Set.of("--outlier", "--data-file");
  }

  @Override
  public void run() {
    Path out = tails.output.required();
    boolean replaceLive = live && SweepSupport.liveChecks(out, tails.output, tails.shard, spec);
    Output.checkWritable(tails.output, replaceLive);
    NoiseModel kind = noise.model();
    Integer n = source.n();
    long dataSeed = source.dataSeed(tails.ensemble.seed);
    Axis lrAxis;
    Axis batchAxis;
    LabelledData data;
    try {
      lrAxis = Axis.parse("lr", sgd.lr);
      batchAxis = Axis.parse("batch", sgd.batchSpec("1"));
      data = n == null ? new LabelledData.Stream(noise.sigma)
          : LabelledData.Finite.generated(n, 1.0, noise.sigma, dataSeed);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    Sampling sampling = sgd.sampling(n != null); // says so when a Gaussian stream ignores it
    for (double s : batchAxis.values()) {
      if (s != Math.rint(s) || s < 1) {
        throw new UserError("--batch values must be whole numbers >= 1, not " + s);
      }
    }
    tails.checkBeforeRun((int) java.util.Arrays.stream(batchAxis.values()).max().orElse(1), 1);
    // Build and check every cell's model before anything runs: a bad cell is a user error, not a half-done sweep.
    List<Linreg1dTails> models = new ArrayList<>();
    for (double l : lrAxis.values()) {
      for (double s : batchAxis.values()) {
        try {
          models.add(new Linreg1dTails(l, (int) s, data, sampling, kind, noise.stableAlpha(),
              noise.stableScale()));
        } catch (IllegalArgumentException e) {
          throw new UserError("cell lr=" + l + ", batch=" + (int) s + ": " + e.getMessage());
        }
        // reshuffled, each cell observes at its own epoch ends (K = floor(N/S)): a given --burn-in or --thin
        // must be whole epochs of every cell
        Linreg1dTails m = models.get(models.size() - 1);
        ReshuffleMemory.check(m.reshuffled(), m.data().size(), tails.ensemble.threads(), tails.ensemble.blockWidth);
        tails.sampling.observeAtEpochEnds(m.stepsPerEpoch());
        tails.sampling.checkReach(m.batch(), 1);
      }
    }
    String settings = "noise=" + kind.label() + (kind == NoiseModel.STABLE ? ", stable_alpha=" + noise.stableAlpha : "")
        + ", data=" + data.describe() + (n == null ? "" : ", with_replacement=" + sgd.mode().withReplacement()
        + ", sampling=" + sgd.mode().label);
    Shard shard = tails.shard.resolve(spec, System.getenv(), System.err);
    long[] range = shard == null ? new long[] {0, models.size()} : SweepSupport.cellRange(shard, models.size());
    Map<Integer, TailsCell> done = tails.shard.merging ? SweepSupport.mergedCells(TailsCell.CODEC, models.size())
        : new HashMap<>();
    // Each finished cell goes to a checkpoint beside the output; a rerun of the same command skips those cells.
    Path checkpointPath = SweepCheckpoint.pathFor(out.toAbsolutePath());
    SweepCheckpoint<TailsCell> checkpoint;
    try {
      checkpoint = tails.shard.merging ? null : SweepCheckpoint.open(checkpointPath,
          RunIdentity.fingerprint(spec) + " cells " + range[0] + ".." + range[1], TailsCell.CODEC, done,
          tails.output.force, System.err);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    done.keySet().removeIf(c -> c < 0 || c >= models.size());
    if (!done.isEmpty() && checkpoint != null) {
      System.err.printf("sgdmc: resuming: %d of %d cells already done (%s)%n", done.size(), range[1] - range[0],
          checkpointPath);
    }
    LiveTailsSweepFile liveFile = null;
    if (live) {
      try {
        RunMetadata started = RunMetadata.now(VersionProvider.version(), tails.output.commandLine(spec),
            tails.ensemble.seed);
        liveFile = LiveTailsSweepFile.start(out, tails.output.force || replaceLive, started, lrAxis, batchAxis,
            settings, sampling.label, tails.ensemble.threads(), tails.ensemble.trajectories,
            tails.sampling.samplesPerTrajectory, tails.fitting.level, done);
      } catch (IllegalArgumentException e) {
        checkpoint.abandon();
        throw new UserError(e.getMessage());
      } catch (RuntimeException e) {
        checkpoint.abandon();
        throw e;
      }
      System.err.println("sgdmc: live file " + out + " (read it meanwhile with scripts/watch.py " + out + ")");
    }
    LiveTailsSweepFile liveCells = liveFile;
    List<TailsCell> cells = new ArrayList<>();
    long t0 = System.nanoTime();
    try (ProgressBar bar = tails.output.progressBar("sweep tails");
        StopSignal stop = checkpoint == null ? null
            : StopSignal.install(() -> SweepSupport.stopped(checkpoint, checkpointPath, liveCells))) {
      for (int c = (int) range[0]; c < range[1]; c++) {
        TailsCell cell = done.get(c);
        if (cell == null) {
          Linreg1dTails m = models.get(c);
          TailIndex theory = Linreg1dTailsTheory.of(m);
          tails.sampling.observeAtEpochEnds(m.stepsPerEpoch());
          cell = TailsCell.of(tails.sample(Kernels.LINREG1D_TAILS.blocks(m, tails.ensemble.seed, Kernel.VECTOR), theory,
              false, Simulation.Progress.NONE));
          checkpoint.append(c, cell);
          if (liveCells != null) {
            liveCells.finished(c, cell);
          }
        }
        cells.add(cell);
        if (bar != null) {
          bar.update(c + 1 - range[0], range[1] - range[0]);
        }
      }
    } catch (RuntimeException | Error e) {
      if (checkpoint != null) {
        checkpoint.abandon();
      }
      SweepSupport.closeLive(liveFile);
      throw e;
    }
    double seconds = (System.nanoTime() - t0) * 1e-9;
    if (shard != null) {
      SweepSupport.writeCellShard(spec, tails.output, tails.ensemble.seed, tails.ensemble.threads(), shard, range,
          models.size(), c -> cells.get(c - (int) range[0]), TailsCell.CODEC, seconds, checkpoint);
      return;
    }
    RunMetadata meta = RunMetadata.now(VersionProvider.version(), tails.output.commandLine(spec), tails.ensemble.seed);
    int threads = tails.ensemble.threads();
    if (liveFile != null) {
      liveFile.close(); // complete = 0 and every cell; the final file below replaces it
    }
    Output.write(() -> TailsSweepFile.write(out, tails.output.force || live, meta, lrAxis, batchAxis, cells, settings,
        sampling.label, threads, seconds, live));
    if (checkpoint != null) {
      checkpoint.delete();
    }
    System.out.printf("%-10s %-6s %-26s %-12s %-22s %s%n", "lr", "S", "alpha [CI]", "theory", "Lyapunov (sim)", "status");
    int outside = 0;
    int noInterval = 0;
    for (int c = 0; c < models.size(); c++) {
      Linreg1dTails m = models.get(c);
      TailsCell r = cells.get(c);
      String est = !r.reported() ? "-" : r.intervalGiven()
          ? String.format("%.3f [%.3f, %.3f]", r.alpha(), r.ciLow(), r.ciHigh())
          : String.format("%.3f [no interval]", r.alpha());
      String th = switch (r.regime()) {
        case POWER_LAW -> String.format("%.3f", r.theoryIndex());
        case LIGHT_TAIL -> "inf";
        case INDEX_ABOVE_CAP -> String.format("> %.0f", r.theoryIndex());
        case NO_STATIONARY_LAW -> "none";
      };
      System.out.printf("%-10.4g %-6d %-26s %-12s %-22s %s%n", m.lr(), m.batch(), est, th,
          String.format("%.4f +- %.4f", r.lyapunov(), r.lyapunovStderr()), status(r));
      outside += r.theoryOutsideInterval() ? 1 : 0;
      noInterval += r.reported() && !r.intervalGiven() ? 1 : 0;
    }
    if (outside > 0) {
      System.out.printf("%d of %d cells: theory OUTSIDE the interval%n", outside, models.size());
    }
    if (noInterval > 0) {
      System.out.printf("%d of %d cells: no interval (too few samples for an honest one at that alpha; --trajectories"
          + " or --samples-per-trajectory give more)%n", noInterval, models.size());
    }
    System.out.printf("%d cells in %.1f s%s%nwrote %s%n", models.size(), seconds,
        done.isEmpty() ? "" : " (" + done.size() + " cells resumed)", out);
  }

  /** The table's status column: why no index, no interval, or a flag where the interval excludes the theory. */
  public static String status(TailsCell r) {
    if (!r.reported()) {
      return r.refusal();
    }
    if (!r.intervalGiven()) {
      return "no interval: too few samples for an honest one at this alpha";
    }
    return r.theoryOutsideInterval() ? "theory OUTSIDE the interval" : "";
  }
}
