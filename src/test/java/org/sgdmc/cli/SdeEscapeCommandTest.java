package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.io.HdfNode;
import org.sgdmc.io.ResultFileReader;

/** {@code sgdmc sde escape}: its tables and file on a small run, and bad input in one line. */
class SdeEscapeCommandTest {
  @TempDir Path dir;

  @Test
  void writesTheTablesAndTheFile() {
    Path out = dir.resolve("e.h5");
    InspectCommandTest.Run run = InspectCommandTest.run("sde", "escape", "--height", "0.1,0.2", "--width", "0.8,1",
        "--lr", "0.1", "--l", "1,2", "--trajectories", "128", "--steps", "5000", "-o", out.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("which prediction is nearest SGD's mean exit time"), run.out());
    assertTrue(run.out().contains("fitted laws"), run.out());
    HdfNode.Group f = ResultFileReader.read(out);
    assertEquals("sde escape", f.attribute("model").strings()[0]);
    assertEquals(List.of("sgd", "em l=1", "em l=2", "stable alpha=1.5"),
        List.of(f.group("/grid").attribute("models").strings()));
    double[] h = f.dataset("/grid/cell_height").value().doubles();
    assertEquals(4, h.length);
    double[] exact = f.dataset("/theory/exact_mean_exit_time").value().doubles();
    double[] mean = f.dataset("/estimates/mean_exit_time").value().doubles(); // [cell, model], row-major
    for (int c = 0; c < 4; c++) {
      assertTrue(exact[c] > 0 && Double.isFinite(exact[c]));
      for (int m = 0; m < 4; m++) {
        assertTrue(mean[c * 4 + m] > 0, "cell " + c + " model " + m);
      }
    }
    double[] survival = f.dataset("/observables/survival").value().doubles();
    assertEquals(1.0, survival[0], 0); // nothing exits before budget / 10^4 = 0.05
    long[] variable = f.dataset("/fits/variable").value().longs();
    assertTrue(variable.length > 0);
  }

  @Test
  void badInputIsOneLineAndWritesNothing() {
    record Case(String[] args, String says) {}
    List<Case> cases = List.of(
        new Case(new String[] {"--l", "0"}, "--l 0 is not in 1..4096"),
        new Case(new String[] {"--stable-alpha", "2"}, "--stable-alpha must be in (0, 2)"),
        new Case(new String[] {"--lr", "-1"}, "learning rate must be a positive finite number"),
        new Case(new String[] {"--batch", "0"}, "batch size must be at least 1"),
        new Case(new String[] {"--height", "0"}, "barrier height must be a positive finite number"),
        new Case(new String[] {"--width", "-1"}, "well width must be a positive finite number"),
        new Case(new String[] {"--sigma-a", "0", "--sigma-b", "0"}, "noise scales must be finite, >= 0 and not both 0"),
        new Case(new String[] {"--sigma-a", "0"}, "--sigma-a must be positive"),
        new Case(new String[] {"--height", "1000"}, "no escape to measure"),
        new Case(new String[] {"--n", "1"}, "--n must be in 2..1000000"),
        new Case(new String[] {"--steps", "0"}, "--steps must be in 1..2^40"),
        new Case(new String[] {"--trajectories", "1"}, "--trajectories must be at least 2"));
    for (Case c : cases) {
      Path out = dir.resolve("bad.h5");
      String[] args = cat(cat(new String[] {"sde", "escape"}, c.args()), "-o", out.toString());
      InspectCommandTest.Run run = InspectCommandTest.run(args);
      String what = String.join(" ", args) + ": " + run.err();
      assertEquals(2, run.exitCode(), what);
      assertEquals(1, run.err().strip().lines().count(), what);
      assertTrue(run.err().contains(c.says()), what);
      assertFalse(run.err().contains("Exception"), what);
      assertFalse(Files.exists(out), what);
    }
  }

  @Test
  void twoDimensionalLandscapePrintsBothBasins() {
    InspectCommandTest.Run run = InspectCommandTest.run("sde", "escape", "--landscape", "2d", "--lr", "0.2",
        "--sigma-a", "1.5", "--sigma-b", "0.3", "--l", "2", "--trajectories", "64", "--steps", "3000", "--threads",
        "1", "-o", dir.resolve("e2.h5").toString());
    assertEquals(0, run.exitCode(), run.err());
    HdfNode.Group f = ResultFileReader.read(dir.resolve("e2.h5"));
    assertEquals("sde escape 2d", f.attribute("model").strings()[0]);
    assertEquals(List.of("sgd", "em l=2", "stable alpha=1.5 l=2"), List.of(f.group("/grid").attribute("models")
        .strings()));
    assertEquals(List.of(0L, 1L), java.util.Arrays.stream(f.dataset("/grid/cell_basin").value().longs()).boxed()
        .toList());
    double[] mean = f.dataset("/estimates/mean_exit_time").value().doubles();
    double[] ek = f.dataset("/theory/eyring_kramers_2d_mean_exit_time").value().doubles();
    assertEquals(6, mean.length);
    for (int i = 0; i < 6; i++) {
      assertTrue(mean[i] > 0, "cell " + i / 3 + " model " + i % 3);
    }
    assertTrue(ek[0] > ek[1] && ek[1] > 0, "the deep basin's Eyring-Kramers time is the longer");
    for (String s : new String[] {"left basin (depth 1.0, width 1.0)", "right basin (depth 0.5, width 2.0)", "sgd",
        "em l=2", "stable alpha=1.5", "Eyring-Kramers 2-D", "Imkeller-Pavlyukevich"}) {
      assertTrue(run.out().contains(s), s + " in\n" + run.out());
    }
  }

  @Test
  void twoDimensionalBadInputIsOneLine() {
    record Case(String[] args, String says) {}
    List<Case> cases = List.of(
        new Case(new String[] {"--basins", "1,1,0.5"}, "--basins takes 4 numbers"),
        new Case(new String[] {"--kappa", "9"}, "kappa 9.0 is too large"),
        new Case(new String[] {"--rho", "-1"}, "rho must be >= 0"),
        new Case(new String[] {"--basins", "1,1,0,2"}, "must be positive and finite"),
        new Case(new String[] {"--sigma-a", "0"}, "sa > 0"),
        new Case(new String[] {"--sigma-a", "0.01", "--sigma-b", "0"}, "no escape to measure"));
    for (Case c : cases) {
      String[] args = cat(cat(new String[] {"sde", "escape", "--landscape", "2d"}, c.args()), "-o",
          dir.resolve("x.h5").toString());
      InspectCommandTest.Run run = InspectCommandTest.run(args);
      String what = String.join(" ", args) + ": " + run.err();
      assertEquals(2, run.exitCode(), what);
      assertEquals(1, run.err().strip().lines().count(), what);
      assertTrue(run.err().contains(c.says()), what);
      assertFalse(run.err().contains("Exception"), what);
    }
    InspectCommandTest.Run mixed = InspectCommandTest.run("sde", "escape", "--landscape", "2d", "--height", "1");
    assertEquals(2, mixed.exitCode());
    assertTrue(mixed.err().contains("--height does not apply to --landscape 2d"), mixed.err());
    mixed = InspectCommandTest.run("sde", "escape", "--kappa", "1");
    assertEquals(2, mixed.exitCode());
    assertTrue(mixed.err().contains("--kappa does not apply to --landscape 1d"), mixed.err());
    InspectCommandTest.Run run = InspectCommandTest.run("sde", "escape", "--landscape", "3d");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--landscape must be 1d or 2d"), run.err());
    assertFalse(Files.exists(dir.resolve("x.h5")));
  }

  private static String[] cat(String[] a, String... b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
