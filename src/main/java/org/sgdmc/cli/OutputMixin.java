package org.sgdmc.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where results go and how a run talks to the terminal. */
public final class OutputMixin {
  @Option(names = {"-o", "--out"}, paramLabel = "FILE.h5",
      description = "Write the results to this HDF5 file (atomically: a temp file renamed at the end).")
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
}
