package org.sgdmc.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real launcher, {@code scripts/sgdmc}, as a user would, in a given working directory. */
final class Launcher {
  static final Path PROJECT = Path.of(System.getProperty("sgdmc.project.dir", ".")).toAbsolutePath();
  static final Path SCRIPT = PROJECT.resolve("scripts/sgdmc");

  record Run(int exitCode, String stdout, String stderr) {
    /** The stderr lines, without blank ones. */
    List<String> errorLines() {
      return stderr.lines().filter(l -> !l.isBlank()).toList();
    }
  }

  private Launcher() {}

  static Run sgdmc(Path workDir, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(SCRIPT.toString());
    cmd.addAll(List.of(args));
    return exec(workDir, cmd);
  }

  static Run exec(Path workDir, List<String> cmd) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      Path out = java.nio.file.Files.createTempFile("sgdmc-out", ".txt");
      Path err = java.nio.file.Files.createTempFile("sgdmc-err", ".txt");
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + cmd);
      }
      Run r = new Run(p.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
          java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
      java.nio.file.Files.deleteIfExists(out);
      java.nio.file.Files.deleteIfExists(err);
      return r;
    } catch (IOException e) {
      throw new AssertionError("cannot run " + cmd + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
