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

/** {@code sgdmc sde stationary}: its tables and file on a small run, and bad input in one line. */
class SdeStationaryCommandTest {
  @TempDir Path dir;

  static final String[] SMALL = {"--trajectories", "2048", "--samples-per-trajectory", "4", "--bootstrap", "20"};

  @Test
  void writesTheTablesAndTheFile() {
    Path out = dir.resolve("s.h5");
    String[] args = cat(new String[] {"sde", "stationary", "--lr", "0.6", "--batch", "1,2", "--l", "1,4",
        "-o", out.toString()}, SMALL);
    InspectCommandTest.Run run = InspectCommandTest.run(args);
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("which model predicts SGD"), run.out());
    assertTrue(run.out().contains("1 + 2 m2/(lr f A) = 2.6667"), run.out()); // 1 + B / lr at B = 1
    HdfNode.Group f = ResultFileReader.read(out);
    assertEquals("sde stationary", f.attribute("model").strings()[0]);
    String[] models = f.group("/grid").attribute("models").strings();
    assertEquals(List.of("sgd", "em l=1", "em l=4", "stable alpha=1.5"), List.of(models));
    double[] sde = f.dataset("/theory/sde_tail_index").value().doubles();
    assertEquals(1 + 1 / 0.6, sde[0], 1e-12);
    assertEquals(1 + 2 / 0.6, sde[1], 1e-12);
    double[] kesten = f.dataset("/theory/tail_index").value().doubles();
    assertEquals(2.3017, kesten[0], 1e-3); // SGD at lr 0.6, B = 1 (README, tails)
    assertEquals(1.5, kesten[3], 0);
    double[] hist = f.dataset("/observables/histograms").value().doubles();
    double total = 0;
    for (int i = 0; i < 62; i++) {
      total += hist[i];
    }
    assertEquals(1.0, total, 1e-12);
  }

  @Test
  void logisticRegressionIsLightTailedAndNamesTheZeroFluxLaw() {
    Path out = dir.resolve("l.h5");
    InspectCommandTest.Run run = InspectCommandTest.run(cat(new String[] {"sde", "stationary", "--model", "logistic1d",
        "--n", "20", "--lr", "1", "--l", "1,2", "-o", out.toString()}, SMALL));
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("(light tails)"), run.out());
    HdfNode.Group f = ResultFileReader.read(out);
    assertEquals("logistic1d", f.group("/parameters").attribute("loss").strings()[0]);
    assertEquals(20, f.dataset("/data/x").value().doubles().length);
    assertEquals(List.of("sgd", "em l=1", "em l=2"), List.of(f.group("/grid").attribute("models").strings()));
    assertTrue(Double.isInfinite(f.dataset("/theory/sde_tail_index").value().doubles()[0]));
  }

  @Test
  void badInputIsOneLineAndWritesNothing() {
    record Case(String[] args, String says) {}
    List<Case> cases = List.of(
        new Case(new String[] {"--lr", "0.5", "--l", "0"}, "--l 0 is not in 1..1024"),
        new Case(new String[] {"--lr", "0.5", "--stable-alpha", "2.5"}, "--stable-alpha must be in (0, 2]"),
        new Case(new String[] {"--lr", "-1"}, "learning rate must be a positive finite number"),
        new Case(new String[] {"--lr", "0.5", "--batch", "0"}, "batch size must be at least 1"),
        new Case(new String[] {"--lr", "0.5", "--noise-sigma", "0"}, "--noise-sigma must be a positive"),
        new Case(new String[] {"--lr", "0.5", "--trajectories", "10"}, "too few for the tail fit"),
        new Case(new String[] {"--lr", "0.5", "--model", "mlp"}, "unknown model 'mlp'"),
        new Case(new String[] {"--lr", "0.5", "--model", "logistic1d", "--n", "1"}, "--n must be in 2..100000"),
        new Case(new String[] {"--lr", "0.5", "--model", "logistic1d", "--n", "2", "--noise-sigma", "1e-9"},
            "separable"));
    for (Case c : cases) {
      Path out = dir.resolve("bad.h5");
      String[] args = cat(cat(new String[] {"sde", "stationary"}, c.args()), "-o", out.toString());
      InspectCommandTest.Run run = InspectCommandTest.run(args);
      String what = String.join(" ", args) + ": " + run.err();
      assertEquals(2, run.exitCode(), what);
      assertEquals(1, run.err().strip().lines().count(), what);
      assertTrue(run.err().contains(c.says()), what);
      assertFalse(run.err().contains("Exception"), what);
      assertFalse(Files.exists(out), what);
    }
  }

  private static String[] cat(String[] a, String... b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
