package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdmc.io.ExternalTools;
import org.sgdmc.io.HdfNode;
import org.sgdmc.io.ResultFileReader;
import org.sgdmc.stats.SaddlePhase;

/** {@code sgdmc simulate saddle}, run through {@link Main#execute} as a user would run it. */
class SimulateSaddleCommandTest {
  @TempDir Path dir;

  private static final String[] SMALL = {"--trajectories", "2000", "--steps", "100", "--seed", "3"};

  private static String[] args(String... more) {
    return Stream.concat(Stream.of("simulate", "saddle"), Stream.concat(Stream.of(more), Stream.of(SMALL)))
        .toArray(String[]::new);
  }

  @Test
  void twoPointRunPrintsBothExponentsAndThePhaseAndWritesTheDocumentedFile() {
    Path out = dir.resolve("two.h5");
    InspectCommandTest.Run r = InspectCommandTest.run(
        args("--lr", "1.2", "--data", "two-point", "--a", "-0.5", "--out", out.toString()));
    assertEquals(0, r.exitCode(), r.err());
    String text = r.out();
    assertTrue(text.contains("h = w + u: simulated"), text);
    assertTrue(text.contains("m = w - u: simulated"), text);
    assertTrue(text.contains("theory -0.063916 (closed-form)") || text.contains("theory -0.06391"), text);
    assertTrue(text.contains("phase              simulated III   theory III"), text);
    assertTrue(text.contains("wrote " + out), text);

    HdfNode.Group root = ResultFileReader.read(out);
    assertEquals("saddle", root.attribute("model").strings()[0]);
    HdfNode.Group p = root.group("/parameters");
    assertEquals(-0.5, p.attribute("a").doubles()[0]);
    assertEquals("two-point", p.attribute("data").strings()[0]);
    assertEquals(-1L, p.attribute("n").longs()[0]);
    assertEquals(1.0, p.attribute("w0").doubles()[0]);
    int nt = root.dataset("/observables/time").value().size();
    for (String x : List.of("h", "m")) {
      assertEquals(nt, root.dataset("/observables/log_" + x + "_mean").value().size());
      assertEquals(nt, root.dataset("/observables/log_" + x + "_stderr").value().size());
      assertEquals(nt, root.dataset("/observables/log_" + x + "_mean_square").value().size());
      assertEquals(nt * 7, root.dataset("/observables/log_" + x + "_quantiles").value().size());
      assertEquals(nt * 4, root.dataset("/observables/" + x + "_fraction_within").value().size());
      assertEquals(nt, root.dataset("/observables/" + x + "_fraction_exact").value().size());
    }
    for (String g : List.of("/estimates", "/theory")) {
      HdfNode.Dataset phase = root.dataset(g + "/phase");
      assertEquals(SaddlePhase.III.code, phase.value().longs()[0], g);
      assertArrayEquals(SaddlePhase.names(), phase.attribute("phase_names").strings());
      assertTrue(root.dataset(g + "/phase_confidence").value().doubles()[0] >= 4, g);
      for (String s : List.of("lyapunov_plus", "lyapunov_minus")) {
        assertTrue(Double.isFinite(root.dataset(g + "/" + s).value().doubles()[0]), g + "/" + s);
        assertTrue(root.dataset(g + "/" + s + "_stderr").value().doubles()[0] >= 0, g + "/" + s);
      }
    }
    double theory = root.dataset("/theory/lyapunov_plus").value().doubles()[0];
    assertEquals(0.5 * Math.log(2.2 * 0.4), theory, 1e-15);
    assertEquals("closed-form", root.dataset("/theory/lyapunov_plus").attribute("method").strings()[0]);
    assertTrue(root.dataset("/theory/mean_square_factor_minus").value().doubles()[0] > 1);

    ExternalTools.Result dump = ExternalTools.h5dump("-H", out.toString());
    assertEquals(0, dump.exitCode(), dump.stderr());
    for (String name : List.of("log_h_mean", "log_m_mean", "lyapunov_plus", "lyapunov_minus", "phase_names")) {
      assertTrue(dump.stdout().contains(name), "h5dump does not show " + name);
    }
  }

  @Test
  void finiteGaussianDataIsGeneratedAndStored() {
    Path out = dir.resolve("fin.h5");
    InspectCommandTest.Run r = InspectCommandTest.run(
        args("--lr", "2.5", "--mu", "0.06", "--n", "4", "--batch", "2", "--with-replacement", "--out", out.toString()));
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("exact-enumeration"), r.out());
    HdfNode.Group root = ResultFileReader.read(out);
    assertEquals("generated", root.group("/parameters").attribute("data").strings()[0]);
    assertEquals(4L, root.group("/parameters").attribute("n").longs()[0]);
    assertEquals(0.06, root.group("/parameters").attribute("mu").doubles()[0]);
    double[] x = root.dataset("/data/x").value().doubles();
    double[] y = root.dataset("/data/y").value().doubles();
    double[] chi = root.dataset("/data/chi").value().doubles();
    for (int i = 0; i < 4; i++) {
      assertEquals(x[i] * y[i], chi[i]);
    }
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        Arguments.of("gaussian without mu", args("--lr", "0.5"), "--mu"),
        Arguments.of("two-point without a", args("--lr", "0.5", "--data", "two-point"), "--a"),
        Arguments.of("a with gaussian", args("--lr", "0.5", "--mu", "0.1", "--a", "2"), "--a"),
        Arguments.of("n with two-point", args("--lr", "0.5", "--data", "two-point", "--a", "2", "--n", "4"), "--n"),
        Arguments.of("unknown data", args("--lr", "0.5", "--data", "uniform"), "uniform"),
        Arguments.of("w0 = u0", args("--lr", "0.5", "--mu", "0.1", "--w0", "1", "--u0", "1"), "w0"),
        Arguments.of("negative lr", args("--lr", "-1", "--mu", "0.1"), "learning rate"),
        Arguments.of("batch above N", args("--lr", "0.5", "--mu", "0.1", "--n", "4", "--batch", "5"), "batch size 5"),
        Arguments.of("missing directory", args("--lr", "0.5", "--mu", "0.1", "--out", "/no/such/dir/x.h5"),
            "does not exist"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInputGetsOneLineAndExitCodeTwo(String what, String[] args, String mentions) {
    InspectCommandTest.Run r = InspectCommandTest.run(args);
    assertEquals(2, r.exitCode(), what + ": " + r.out() + r.err());
    List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
    assertEquals(1, lines.size(), what + ": expected one line, got\n" + r.err());
    assertTrue(r.err().contains(mentions), what + ": " + r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void helpListsTheSaddleUnderSimulate() throws Exception {
    InspectCommandTest.Run r = InspectCommandTest.run("simulate", "--help");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().contains("saddle"), r.out());
    assertTrue(Files.isDirectory(dir));
  }
}
