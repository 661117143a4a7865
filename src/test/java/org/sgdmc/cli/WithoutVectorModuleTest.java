package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The built classes run without {@code --add-modules jdk.incubator.vector}: a forked JVM on the plain class
 * path (the classes and their dependencies, no module option) runs {@code simulate linreg1d} on the scalar
 * twins, says so in one warning that names the fix, and prints the numbers the vector kernels print; so do
 * the other block kinds (two observables on finite data, a two-layer net with its test losses, a tails
 * kernel).
 */
class WithoutVectorModuleTest {
  static Stream<Arguments> runs() {
    return Stream.of(
        Arguments.of((Object) new String[] {"simulate", "linreg1d", "--lr", "1.5", "--batch", "2", "--trajectories",
            "1001", "--steps", "200", "--seed", "7"}),
        Arguments.of((Object) new String[] {"simulate", "saddle", "--lr", "2.5", "--mu", "0.06", "--n", "4", "--batch",
            "2", "--with-replacement", "--trajectories", "1001", "--steps", "200"}),
        Arguments.of((Object) new String[] {"simulate", "swish2", "--lr", "0.5", "--trajectories", "203", "--steps", "100"}),
        Arguments.of((Object) new String[] {"tails", "linear-d", "--lr", "0.1", "--dim", "2", "--trajectories", "2000",
            "--bootstrap", "20"}));
  }

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("runs")
  void runsOnTheScalarTwinsWithOneWarningAndTheSameNumbers(String[] run) {
    Launcher.Run plain = Launcher.exec(dir, command(false, run));
    assertEquals(0, plain.exitCode(), plain.stderr());
    List<String> warnings = plain.errorLines();
    assertEquals(1, warnings.size(), "one warning, nothing else: " + plain.stderr());
    assertTrue(warnings.get(0).contains("WARNING") && warnings.get(0).contains("--add-modules jdk.incubator.vector"),
        warnings.get(0));

    Launcher.Run vector = Launcher.exec(dir, command(true, run));
    assertEquals(0, vector.exitCode(), vector.stderr());
    assertFalse(vector.stderr().contains("sgdmc: WARNING"), vector.stderr());
    assertTrue(vector.stdout().contains("DoubleVector"), vector.stdout());
    assertTrue(plain.stdout().contains("scalar twins"), plain.stdout());
    assertEquals(numbers(vector.stdout()), numbers(plain.stdout()));
  }

  /** The printout without its speed line (times, and which kernel ran). */
  private static List<String> numbers(String stdout) {
    List<String> lines = stdout.lines().filter(l -> !l.startsWith("speed")).toList();
    assertTrue(lines.size() > 3, stdout);
    return lines;
  }

  private static List<String> command(boolean withModule, String[] run) {
    String java = ProcessHandle.current().info().command().orElseThrow(() -> new IllegalStateException("no java command"));
    List<String> cmd = new ArrayList<>(List.of(java));
    if (withModule) {
      cmd.addAll(List.of("--add-modules", "jdk.incubator.vector"));
    }
    cmd.addAll(List.of("-XX:+UseSerialGC", "-cp", classPath(), Main.class.getName()));
    cmd.addAll(List.of(run));
    cmd.addAll(List.of("--threads", "2", "--no-progress"));
    return cmd;
  }

  /**
   * target/classes and the jars of the dependencies a run without {@code --out} loads, found from a class of
   * each (not the test JVM's class path, which surefire may hide in a manifest jar).
   */
  private static String classPath() {
    List<String> parts = new ArrayList<>();
    for (String name : new String[] {
        "org.sgdmc.cli.Main", "picocli.CommandLine", "io.jhdf.HdfFile", "org.slf4j.LoggerFactory",
        "org.slf4j.nop.NOPServiceProvider", "org.apache.commons.lang3.StringUtils"}) {
      try {
        parts.add(Path.of(Class.forName(name).getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
      } catch (ClassNotFoundException | URISyntaxException e) {
        throw new IllegalStateException("cannot find " + name + " on the test class path", e);
      }
    }
    return String.join(File.pathSeparator, parts);
  }
}
