package org.sgdmc.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where results go and how a run talks to the terminal, the same in every command. */
public final class OutputMixin {
  @Option(names = {"-o", "--out"}, paramLabel = "FILE.h5",
      description = "Write the results to this HDF5 file, atomically: a temp file renamed at the end "
          + "(sweep: required; demo and scan: a default name).")
  Path out;

  @Option(names = "--force", description = "Overwrite FILE.h5 if it exists.")
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

  /** A progress bar labelled {@code label}, or null when none is shown. */
  ProgressBar progressBar(String label) {
    return showProgress() ? new ProgressBar(System.err, label) : null;
  }
}
