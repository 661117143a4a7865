package org.sgdmc.cli;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;
import org.sgdmc.engine.Simulation;
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

  /**
   * The life of a run once its options are checked: runs {@code job} with a progress bar labelled {@code label},
   * writes its result with {@code file} when an output is given (root provenance: {@code spec}'s command line and
   * {@code seed}), prints it with {@code summary} and says where the file went (and which script in scripts/
   * plots it, when {@code plotScript} is not null).
   */
  <R> R execute(CommandLine.Model.CommandSpec spec, long seed, String label, Function<Simulation.Progress, R> job,
      FileWriter<R> file, Consumer<R> summary, String plotScript) {
    R result;
    try (ProgressBar bar = progressBar(label)) {
      result = job.apply(ProgressBar.orNone(bar));
    }
    if (out != null) {
      RunMetadata meta = RunMetadata.now(VersionProvider.version(), Output.commandLine(spec), seed);
      Output.write(() -> file.write(out, force, meta, result));
    }
    summary.accept(result);
    if (out != null) {
      String plot = plotScript == null ? "" : "   (plot: scripts/" + plotScript + " " + out + ")";
      System.out.println("wrote " + out + plot);
    }
    return result;
  }

  /** A progress bar labelled {@code label}, or null when none is shown. */
  ProgressBar progressBar(String label) {
    return showProgress() ? new ProgressBar(System.err, label) : null;
  }
}
