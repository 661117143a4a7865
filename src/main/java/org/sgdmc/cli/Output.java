package org.sgdmc.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.sgdmc.io.OutputLock;
import picocli.CommandLine;

/** The checks and conventions around writing a result file from a command. */
final class Output {
  private Output() {}

  /**
   * Fails before any work is done if the output cannot be written: it exists without --force, or its
   * directory is missing or read-only. (The atomic writer checks again at the end.)
   */
  static void checkWritable(OutputMixin o) {
    checkWritable(o, false);
  }

  /** {@link #checkWritable(OutputMixin)}; {@code replaceable}: the output may exist without --force. */
  static void checkWritable(OutputMixin o, boolean replaceable) {
    if (o.out == null) {
      return;
    }
    Path target = o.out.toAbsolutePath();
    if (Files.isDirectory(target)) {
      throw new UserError("output " + o.out + " is a directory");
    }
    if (Files.exists(target) && !o.force && !replaceable) {
      throw new UserError("output file " + o.out + " exists (use --force to overwrite)");
    }
    if (Files.isRegularFile(target)) {
      try {
        org.sgdmc.io.Hdf5FileLock.refuseIfHeld(o.out); // to be replaced: not while another program writes it
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
    }
    Path dir = target.getParent();
    if (dir != null && Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new UserError("cannot write " + o.out + ": " + dir + " is not a directory");
    }
    if (dir == null || !Files.isDirectory(dir)) {
      throw new UserError("cannot write " + o.out + ": directory " + dir + " does not exist");
    }
    if (!Files.isWritable(dir)) {
      throw new UserError("cannot write " + o.out + ": directory " + dir + " is not writable");
    }
    try {
      OutputLock.acquire(o.out); // held until this process exits: one writer per output
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  /**
   * Runs a write, turning the writer's one-line user errors into {@link UserError}; a failed write (disk full)
   * stays an UncheckedIOException, which {@link Cli} reports in one line with its own exit code.
   */
  static void write(Runnable writer) {
    try {
      writer.run();
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  /** The command line as the user typed it, for the file's {@code command} attribute. */
  static String commandLine(CommandLine.Model.CommandSpec spec) {
    StringBuilder sb = new StringBuilder("sgdmc");
    CommandLine.ParseResult root = spec.root().commandLine().getParseResult();
    for (String a : root.originalArgs()) {
      sb.append(' ').append(a.matches("[A-Za-z0-9_./:=,+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
    }
    return sb.toString();
  }
}
