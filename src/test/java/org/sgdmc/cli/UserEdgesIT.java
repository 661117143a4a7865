package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The failures a user can cause or fix, through the real launcher: each is one line on stderr starting with
 * {@code sgdmc:}, names what is wrong, exits with its documented code (2; 74 for a failed write), prints no
 * stack trace and leaves no output file, temporary file or checkpoint behind.
 */
class UserEdgesIT {
  @TempDir Path dir;

  @BeforeEach
  void inputs() throws Exception {
    Files.writeString(dir.resolve("zero.csv"), "x\n0\n0\n0\n");
    Files.writeString(dir.resolve("two.csv"), "x,y\n1,2\n3,4\n");
    Files.writeString(dir.resolve("ragged.csv"), "1\n2,3\n4\n");
    Files.writeString(dir.resolve("text.h5"), "0.5\n1.5\n");
    Files.write(dir.resolve(".cp.h5.sweep-checkpoint"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, '\n', 7});
  }

  static Stream<Arguments> userErrors() {
    String[] small = {"--trajectories", "256", "--steps", "20"};
    return Stream.of(
        Arguments.of("a run too large to keep", List.of("simulate", "linreg1d", "--lr", "0.5", "--trajectories",
            "1000000000", "--steps", "100", "--keep-trajectories"), "--keep-trajectories"),
        Arguments.of("data whose x are all 0", join(List.of("simulate", "linreg1d", "--lr", "0.5", "--data-file",
            "zero.csv"), small), "every x^2 of the data is 0"),
        Arguments.of("too few samples for the tail fit", List.of("tails", "linreg1d", "--lr", "1.0", "--trajectories",
            "64", "--samples-per-trajectory", "1"), "too few for the tail fit"),
        Arguments.of("--steps near Long.MAX_VALUE", List.of("simulate", "linreg1d", "--lr", "0.5", "--steps",
            "9223372036854775807"), "beyond what the random streams can feed"),
        Arguments.of("--burn-in near Long.MAX_VALUE", List.of("tails", "linreg1d", "--lr", "1.0", "--burn-in",
            "9223372036854775807"), "beyond what the random streams can feed"),
        Arguments.of("a CSV of two columns for linreg1d", join(List.of("simulate", "linreg1d", "--lr", "0.5",
            "--data-file", "two.csv"), small), "two.csv line 2: 2 values"),
        Arguments.of("a ragged CSV for linreg1d", join(List.of("simulate", "linreg1d", "--lr", "0.5", "--data-file",
            "ragged.csv"), small), "ragged.csv line 2: 2 values"),
        Arguments.of("a .h5 that is not HDF5", join(List.of("simulate", "linreg1d", "--lr", "0.5", "--data-file",
            "text.h5"), small), "text.h5 is not an HDF5 file"),
        Arguments.of("a .h5 that is not HDF5, inspected", List.of("inspect", "text.h5"), "text.h5 is not an HDF5 file"),
        Arguments.of("a checkpoint that is not one", join(List.of("sweep", "linreg1d", "--lr", "0.1:1:3"), small),
            ".cp.h5.sweep-checkpoint is not a sweep checkpoint"));
  }

  private static List<String> join(List<String> a, String... b) {
    return Stream.concat(a.stream(), Stream.of(b)).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("userErrors")
  void aUserErrorIsOneLineAndExitCodeTwo(String what, List<String> args, String says) throws Exception {
    List<String> withOut = args.get(0).equals("inspect") ? args : join(args, "-o", "cp.h5");
    Launcher.Run r = Launcher.sgdmc(dir, withOut.toArray(String[]::new));
    assertEquals(2, r.exitCode(), what + ": " + r.stdout() + r.stderr());
    assertOneLine(what, r, says);
    assertEquals("", r.stdout(), what + ": refused before any work");
    assertFalse(Files.exists(dir.resolve("cp.h5")), what + ": an output file was left");
  }

  @Test
  void aFailedWriteIsOneLineAndExitCode74AndLeavesNothing() throws Exception {
    // a file size limit of 4 KiB: the result file cannot be written, as on a full disk
    Launcher.Run r = Launcher.exec(dir, List.of("bash", "-c", "ulimit -f 4; exec " + Launcher.SCRIPT
        + " simulate linreg1d --lr 0.5 --trajectories 256 --steps 20 -o full.h5"));
    assertEquals(74, r.exitCode(), r.stdout() + r.stderr());
    assertOneLine("a failed write", r, "cannot write full.h5: File too large");
    try (Stream<Path> files = Files.list(dir)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("full.h5")), "output or temp file left");
    }
  }

  @Test
  void tailsInAHundredThousandDimensionsHasItsTheory() {
    Launcher.Run r = Launcher.sgdmc(dir, "tails", "linear-d", "--dim", "100000", "--lr", "0.01", "--trajectories", "64",
        "--samples-per-trajectory", "2", "--kmin", "20", "--burn-in", "3", "--thin", "1", "--bootstrap", "0");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().matches("(?s).*Lyapunov exponent\\s+simulated \\S+ \\+- \\S+\\s+theory 0\\.8\\d+ \\(quadrature\\).*"),
        r.stdout());
  }

  private static void assertOneLine(String what, Launcher.Run r, String says) {
    assertEquals(1, r.errorLines().size(), what + ": expected one line, got\n" + r.stderr());
    assertTrue(r.stderr().startsWith("sgdmc: "), what + ": " + r.stderr());
    assertTrue(r.stderr().contains(says), what + ": " + r.stderr());
    assertFalse(r.stderr().contains("Exception") || r.stderr().contains("\tat "), what + ": " + r.stderr());
  }
}
