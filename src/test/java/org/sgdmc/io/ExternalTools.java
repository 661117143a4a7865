package org.sgdmc.io;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the independent HDF5 readers the tests check against: h5py under Debian's /usr/bin/python3 and h5dump.
 *
 * <p>A missing tool fails the test (never skips it), saying how to install it: a test that silently skips
 * would let a broken file format pass unnoticed.
 */
public final class ExternalTools {

  /** Debian's Python, where python3-h5py installs; the python3 on PATH may be another one without h5py. */
  public static final String PYTHON = "/usr/bin/python3";

  private static final String INSTALL = "run scripts/install-deps.sh (as root or with sudo) to install it";

  private ExternalTools() {}

  /** Exit code and output (stdout, then stderr) of a finished process. */
  public record Result(int exitCode, String stdout, String stderr) {}

  /** Runs /usr/bin/python3 with h5py available; fails the test if it or h5py is missing. */
  public static Result python(String script, String... args) {
    requireH5py();
    List<String> cmd = new ArrayList<>(List.of(PYTHON, "-c", script));
    cmd.addAll(List.of(args));
    return run(cmd, null);
  }

  /** Runs /usr/bin/python3 with {@code stdin} on its standard input. */
  public static Result pythonWithInput(String stdin, String script) {
    requirePython();
    return run(List.of(PYTHON, "-c", script), stdin);
  }

  public static Result h5dump(String... args) {
    String exe = onPath("h5dump");
    if (exe == null) {
      fail("h5dump not found on PATH (Debian package hdf5-tools): " + INSTALL);
    }
    List<String> cmd = new ArrayList<>(List.of(exe));
    cmd.addAll(List.of(args));
    return run(cmd, null);
  }

  private static void requirePython() {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      fail(PYTHON + " not found (Debian package python3): " + INSTALL);
    }
  }

  private static void requireH5py() {
    requirePython();
    Result r = run(List.of(PYTHON, "-c", "import h5py"), null);
    if (r.exitCode() != 0) {
      fail("h5py is not importable by " + PYTHON + " (Debian package python3-h5py): " + INSTALL + "\n"
          + r.stderr());
    }
  }

  private static String onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    Path debian = Path.of("/usr/bin", name);
    return Files.isExecutable(debian) ? debian.toString() : null;
  }

  /** Runs {@code cmd} (e.g. a script of scripts/ under /usr/bin/python3) and returns what it said. */
  public static Result run(List<String> cmd) {
    requireH5py();
    return run(cmd, null);
  }

  private static Result run(List<String> cmd, String stdin) {
    try {
      Path out = Files.createTempFile("sgdmc-tool", ".out");
      Path err = Files.createTempFile("sgdmc-tool", ".err");
      try {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("PYTHONIOENCODING", "utf-8");
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
          if (stdin != null) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
          }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          fail("timed out: " + cmd);
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
