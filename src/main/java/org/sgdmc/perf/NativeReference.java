package org.sgdmc.perf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's native C reference for linreg1d (bench/native/linreg1d_reference.c, shipped in the jar),
 * compiled with the host's C compiler ({@code cc}, {@code gcc} or {@code clang}, the first found) at
 * {@value #FLAGS} and run as a child process. It exists so that every Java figure of {@code sgdmc bench} has a
 * native figure from the same machine and minute beside it.
 */
public final class NativeReference implements AutoCloseable {
  static final String SOURCE = "linreg1d_reference.c";
  static final String FLAGS = "-O3 -march=native -ffast-math";
  private static final Pattern RESULT =
      Pattern.compile("traj_steps_per_s=(\\S+) lyapunov=(\\S+) seconds=(\\S+)");

  /** One run: its rate, its Lyapunov estimate (a check that it computes the model) and its wall time. */
  public record Run(int threads, double trajStepsPerSecond, double lyapunov, double seconds) {}

  private final Path dir;
  private final Path binary;
  private final Path library; // the same source as a shared library, or null where it did not build
  private final String compiler;

  private NativeReference(Path dir, Path binary, Path library, String compiler) {
    this.dir = dir;
    this.binary = binary;
    this.library = library;
    this.compiler = compiler;
  }

  /**
   * Compiles the reference, or says why not: no compiler on the PATH, or a failed compile (its first line).
   * The caller runs without the native column in either case.
   */
  public static Optional<NativeReference> compile(List<String> why) throws IOException {
    Optional<String> cc = findCompiler();
    if (cc.isEmpty()) {
      why.add("no C compiler (cc, gcc or clang) on the PATH");
      return Optional.empty();
    }
    Path dir = Files.createTempDirectory("sgdmc-bench-");
    Path source = dir.resolve(SOURCE);
    try (InputStream in = NativeReference.class.getResourceAsStream(SOURCE)) {
      if (in == null) {
        why.add("the jar has no " + SOURCE);
        return Optional.empty();
      }
      Files.copy(in, source);
    }
    Path binary = dir.resolve("linreg1d_reference");
    List<String> command = new ArrayList<>(List.of(cc.get()));
    command.addAll(List.of(FLAGS.split(" ")));
    command.addAll(List.of("-o", binary.toString(), source.toString(), "-lm", "-lpthread"));
    Result r = exec(command, 120);
    if (r.code != 0) {
      why.add(cc.get() + " failed: " + r.output.lines().findFirst().orElse("exit " + r.code));
      deleteQuietly(dir);
      return Optional.empty();
    }
    // the same source as a shared library, for the run in this process (NativeInProcess); optional
    Path library = dir.resolve("liblinreg1d_reference.so");
    List<String> shared = new ArrayList<>(List.of(cc.get()));
    shared.addAll(List.of(FLAGS.split(" ")));
    shared.addAll(List.of("-shared", "-fPIC", "-o", library.toString(), source.toString(), "-lm", "-lpthread"));
    boolean built = exec(shared, 120).code == 0;
    return Optional.of(new NativeReference(dir, binary, built ? library : null, cc.get()));
  }

  /**
   * The reference loaded into this JVM, or empty where the shared library did not build or load ({@code why} says
   * which). The caller closes it before this object.
   */
  public Optional<NativeInProcess> inProcess(List<String> why) {
    if (library == null) {
      why.add("the shared library did not build");
      return Optional.empty();
    }
    try {
      return Optional.of(new NativeInProcess(library));
    } catch (IllegalStateException e) {
      why.add(e.getMessage());
      return Optional.empty();
    }
  }

  /** The compiler and flags, for the report. */
  public String compiler() {
    return compiler + " " + FLAGS;
  }

  /** Runs {@code trajectories x steps} at learning rate 0.5 on {@code threads} threads. */
  public Run run(long trajectories, long steps, int threads) throws IOException {
    Result r = exec(List.of(binary.toString(), Long.toString(trajectories), Long.toString(steps), "0.5",
        Integer.toString(threads)), 600);
    Matcher m = RESULT.matcher(r.output);
    if (r.code != 0 || !m.find()) {
      throw new IOException("the native reference failed: " + r.output.strip());
    }
    return new Run(threads, Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
        Double.parseDouble(m.group(3)));
  }

  @Override
  public void close() {
    deleteQuietly(dir);
  }

  private static Optional<String> findCompiler() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String name : List.of("cc", "gcc", "clang")) {
      for (String d : path.split(java.io.File.pathSeparator)) {
        if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
          return Optional.of(Path.of(d, name).toString());
        }
      }
    }
    return Optional.empty();
  }

  private record Result(int code, String output) {}

  private static Result exec(List<String> command, long timeoutSeconds) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "timed out after " + timeoutSeconds + " s");
      }
      return new Result(p.exitValue(), out);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // a temporary directory: the OS cleans it
    }
  }
}
