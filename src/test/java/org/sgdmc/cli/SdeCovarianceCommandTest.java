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

/** {@code sgdmc sde covariance}: its table and file, and bad input in one line with no file written. */
class SdeCovarianceCommandTest {
  @TempDir Path dir;

  @Test
  void writesTheTableAndTheFile() {
    Path out = dir.resolve("c.h5");
    InspectCommandTest.Run run = InspectCommandTest.run("sde", "covariance", "--model", "logistic", "--n", "6",
        "--replicates", "2000", "-o", out.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("w:iid"), run.out());
    assertEquals(3 + 6 + 3, run.out().lines().filter(l -> l.startsWith("  ")).count(), run.out());
    HdfNode.Group f = ResultFileReader.read(out);
    assertEquals("sde covariance", f.attribute("model").strings()[0]);
    assertEquals(6, f.dataset("/grid/batch").value().longs().length);
    // B = n without replacement: every batch is the whole dataset, covariance 0 exactly
    double[] last = f.dataset("/estimates/covariance_without_replacement").value().doubles();
    assertEquals(0.0, last[last.length - 1]);
    assertEquals(0.0, f.dataset("/theory/covariance_finite_population").value().doubles()[last.length - 1]);
  }

  @Test
  void badInputIsOneLineAndWritesNothing() {
    record Case(String[] args, String says) {}
    List<Case> cases = List.of(
        new Case(new String[] {"--model", "mlp"}, "unknown model 'mlp'"),
        new Case(new String[] {"--n", "6", "--batch", "7"}, "--batch 7 is not in 1..--n (6)"),
        new Case(new String[] {"--dim", "2", "--theta", "1,2,3"}, "--theta has 3 numbers; --dim is 2"),
        new Case(new String[] {"--replicates", "1"}, "--replicates must be in 2.."),
        new Case(new String[] {"--n", "1"}, "--n must be in 2..65536"),
        new Case(new String[] {"--noise-sigma", "-1"}, "the label noise sigma must be"),
        new Case(new String[] {"--theta", "NaN,1"}, "--theta must be finite"));
    for (Case c : cases) {
      Path out = dir.resolve("bad.h5");
      String[] args = new String[c.args().length + 4];
      args[0] = "sde";
      args[1] = "covariance";
      System.arraycopy(c.args(), 0, args, 2, c.args().length);
      args[args.length - 2] = "-o";
      args[args.length - 1] = out.toString();
      InspectCommandTest.Run run = InspectCommandTest.run(args);
      String what = String.join(" ", args) + ": " + run.err();
      assertEquals(2, run.exitCode(), what);
      assertEquals(1, run.err().strip().lines().count(), what);
      assertTrue(run.err().contains(c.says()), what);
      assertFalse(run.err().contains("Exception"), what);
      assertFalse(Files.exists(out), what);
    }
  }
}
