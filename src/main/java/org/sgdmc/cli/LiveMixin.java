package org.sgdmc.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import org.sgdmc.io.LiveFile;
import org.sgdmc.io.LiveRunFile;
import org.sgdmc.results.EnsembleOptions;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --live} of the {@code simulate} commands whose experiments can finish a partial reduction: the output
 * file is written while the run goes, from the trajectories finished so far ({@link LiveRunFile}). A command
 * offers it by mixing this in; {@link RunMixin} and {@link OutputMixin} find it there.
 */
public final class LiveMixin {
  @Option(names = "--live", description = "Write the output file while the run goes: every observable at every "
      + "recording time over the trajectories finished so far, rewritten every few seconds and flushed in HDF5 SWMR "
      + "mode, so h5py.File(path, \"r\", swmr=True) (scripts/watch.py) reads it meanwhile; root attribute "
      + "complete = 0 until the end. Needs the HDF5 C library (libhdf5).")
  boolean live;

  /** The command's --live, or null where it has none. */
  static LiveMixin of(CommandLine.Model.CommandSpec spec) {
    for (CommandLine.Model.CommandSpec m : spec.mixins().values()) {
      if (m.userObject() instanceof LiveMixin l) {
        return l;
      }
    }
    return null;
  }

  /** Whether the command {@code spec} was asked for a live run. */
  static boolean requested(CommandLine.Model.CommandSpec spec) {
    LiveMixin l = of(spec);
    return l != null && l.live;
  }

  /**
   * The checks of {@code --live} before any work: the C library is there, there is an output, no shards, no kept
   * trajectories. Returns whether the output may be replaced without --force: when it is the incomplete live file
   * of an earlier run (root attribute complete = 0), to be resumed from its checkpoint or rerun.
   */
  static boolean check(CommandLine.Model.CommandSpec spec, RunMixin run, EnsembleOptions options) {
    if (!LiveFile.available()) {
      throw new UserError("--live needs the HDF5 C library: " + LiveFile.unavailableReason());
    }
    if (run.output.out == null) {
      throw new UserError("--live writes the output file while the run goes: give it with -o FILE.h5");
    }
    if (run.shard.merging
        || run.shard.resolve(spec, System.getenv(), new PrintStream(OutputStream.nullOutputStream())) != null) {
      throw new UserError("--live writes one file as the run goes: it does not combine with --shard");
    }
    if (options.keepTrajectories()) {
      throw new UserError("--live shows the streamed statistics: it does not combine with --keep-trajectories");
    }
    return Files.isRegularFile(run.output.out) && !run.output.force && LiveRunFile.isIncomplete(run.output.out);
  }
}
