package org.sgdmc.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vector kernels stay on their fast path: once warm, a block allocates nothing, and C2 inlines every
 * project method that takes or returns a vector. A kernel that loses its fast path still computes the same
 * bits, several times slower, so no correctness test can see it and a timing test would be flaky; these two
 * symptoms are exact.
 *
 * <p>Both come from one fresh JVM, started as the launcher starts the CLI ({@code scripts/sgdmc}'s options),
 * running {@link FastPathProbe} over every {@link KernelRegistry} entry with the CLI's default recording
 * times, every entry warmed in the same JVM (the profiles polluted, as in a sweep) and logging its compiles.
 * On the code before this test existed, the probe measured 0.28 to 5.5 MB per block of 64 trajectories x 400
 * steps in 15 of the 31 entries (quarterTurns, closedOpen, tanh and sigmoid left as calls by C2's node limit),
 * and the compilation log named the calls. Without {@code scripts/jvm.options} the fixed kernels still pass
 * the allocation check, but the log shows calls that a different compile order would leave boxed.
 */
class FastPathTest {
  /**
   * Bytes a warm block may allocate while stepping: nothing in the kernels; a little slack for the JVM's own
   * bookkeeping. (Reading the values at recording times may allocate: grok-mc's singular values and grok-relu's
   * kink counts are computed in scalar code there; the probe prints those bytes beside.)
   */
  static final long MAX_BYTES_PER_BLOCK = 512;

  private static String probeOutput;
  private static Path compileLog;

  @BeforeAll
  static void runProbe(@TempDir Path dir) throws IOException, InterruptedException {
    compileLog = dir.resolve("compile.log");
    String java = ProcessHandle.current().info().command().orElseThrow(() -> new IllegalStateException("no java"));
    // commons-math3: the grok-mc snapshot takes singular values with its SVD
    String classPath = location(KernelRegistry.class) + File.pathSeparator + location(FastPathProbe.class)
        + File.pathSeparator + location(org.apache.commons.math3.linear.SingularValueDecomposition.class);
    Path options = Path.of(System.getProperty("sgdmc.project.dir", "."), "scripts", "jvm.options").toAbsolutePath();
    assertTrue(Files.isRegularFile(options), "the project's JVM options file " + options);
    List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
        "-XX:+UseParallelGC", "-Xmn32m", "@" + options, // as the launcher starts the CLI (scripts/sgdmc)
        "-XX:+UnlockDiagnosticVMOptions", "-XX:+LogCompilation", "-XX:LogFile=" + compileLog));
    String extra = System.getProperty("sgdmc.test.jvm.extra", "");
    if (!extra.isBlank()) {
      command.addAll(List.of(extra.trim().split("\\s+"))); // e.g. -XX:UseAVX=2: the probe runs at that width
    }
    command.addAll(List.of("-cp", classPath, FastPathProbe.class.getName(), "400", "1000", "40"));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    probeOutput = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(300, TimeUnit.SECONDS), "the probe did not finish");
    assertEquals(0, process.exitValue(), "the probe failed (its stderr went nowhere; run FastPathProbe by hand): "
        + probeOutput);
  }

  @Test
  void everyRegisteredKernelStepsWithoutAllocatingOnceWarm() {
    List<String> lines = probeOutput.lines().toList();
    assertEquals(KernelRegistry.entries().size(), lines.size(), "one line per entry:\n" + probeOutput);
    List<String> allocating = new ArrayList<>();
    for (String line : lines) {
      String[] f = line.split(" ");
      if (Long.parseLong(f[1]) > MAX_BYTES_PER_BLOCK) {
        allocating.add(f[0] + ": " + f[1] + " bytes per block while stepping");
      }
    }
    assertTrue(allocating.isEmpty(), "kernels that allocate once warm (boxed vectors: a method that takes or "
        + "returns a vector was not inlined; see InliningLog):\n" + String.join("\n", allocating));
  }

  @Test
  void c2InlinesEveryProjectMethodThatTakesOrReturnsAVector() throws IOException {
    assertTrue(Files.size(compileLog) > 0, "no compilation log");
    List<InliningLog.Failure> failures = InliningLog.vectorCallFailures(compileLog);
    assertTrue(failures.isEmpty(), failures.size() + " calls pass vectors through the heap:\n"
        + String.join("\n", failures.stream().map(Object::toString).distinct().limit(40).toList()));
  }

  private static String location(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
