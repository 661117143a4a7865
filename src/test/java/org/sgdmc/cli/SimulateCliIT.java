package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdmc.io.ExternalTools;
import org.sgdmc.io.HdfNode;
import org.sgdmc.io.ResultFileReader;

/**
 * The user's path, end to end: the launcher script runs a simulation, the file it writes is read by the real
 * clients (h5py, h5dump), reruns with other thread counts and block widths give the same numbers to the bit,
 * and bad input gets one line and a non-zero exit without leaving a file.
 */
class SimulateCliIT {
  @TempDir Path dir;

  private static final String[] RUN = {
    "simulate", "linreg1d", "--lr", "1.5", "--batch", "1", "--trajectories", "3001", "--steps", "300", "--seed", "7"
  };

  private static String[] with(String[] base, String... more) {
    return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
  }

  @Test
  void simulateWritesTheDocumentedSchemaReadableByH5pyAndH5dump() {
    Launcher.Run r = Launcher.sgdmc(dir, with(RUN, "--out", "run.h5"));
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("Lyapunov exponent"), r.stdout());
    assertTrue(r.stdout().contains("wrote run.h5"), r.stdout());
    assertFalse(r.stderr().contains("WARNING"), "the incubator warning must not reach the user: " + r.stderr());
    Path file = dir.resolve("run.h5");

    String script = String.join("\n",
        "import h5py, sys",
        "f = h5py.File(sys.argv[1], 'r')",
        "for k in ['sgdmc_version', 'command', 'seed', 'rng', 'created']: print('attr', k, f.attrs[k])",
        "for k in ['lr', 'batch', 'trajectories', 'steps']: print('param', k, f['parameters'].attrs[k])",
        "for k in ['time', 'log_distance_mean', 'log_distance_stderr', 'log_mean_square', 'quantile_levels',",
        "          'log_distance_quantiles', 'epsilons', 'fraction_within', 'fraction_diverged']:",
        "    print('obs', k, f['observables'][k].shape)",
        "for k in ['estimates/lyapunov', 'estimates/lyapunov_stderr', 'theory/lyapunov', 'theory/lr_gd',",
        "          'theory/lr_mean_square', 'theory/lr_stationary']: print('scalar', k, repr(float(f[k][()])))",
        "for k in ['kernel_seconds', 'trajectory_steps_per_second', 'threads', 'vector_species']:",
        "    print('perf', k, f['performance'].attrs[k])");
    ExternalTools.Result py = ExternalTools.python(script, file.toString());
    assertEquals(0, py.exitCode(), py.stderr());
    String out = py.stdout();
    assertTrue(out.contains("param lr 1.5"), out);
    assertTrue(out.contains("param trajectories 3001"), out);
    assertTrue(out.contains("obs log_distance_quantiles (" + timeCount(file) + ", 7)"), out);
    assertTrue(out.contains("obs fraction_within (" + timeCount(file) + ", 4)"), out);
    assertTrue(out.contains("scalar theory/lr_mean_square 0.666666666666"), out);
    // the estimate agrees with the printed theory: within 4 standard errors (false-failure probability 6e-5)
    double lam = scalar(out, "estimates/lyapunov"), err = scalar(out, "estimates/lyapunov_stderr");
    double theory = scalar(out, "theory/lyapunov");
    assertTrue(Math.abs(lam - theory) < 4 * err, lam + " +- " + err + " vs " + theory);

    ExternalTools.Result dump = ExternalTools.h5dump("-H", file.toString());
    assertEquals(0, dump.exitCode(), dump.stderr());
    for (String name : List.of("observables", "log_distance_mean", "estimates", "lyapunov", "theory", "lr_gd", "performance")) {
      assertTrue(dump.stdout().contains(name), "h5dump does not show " + name);
    }
  }

  private static int timeCount(Path file) {
    return ResultFileReader.read(file).dataset("/observables/time").value().size();
  }

  private static double scalar(String out, String name) {
    return out.lines().filter(l -> l.startsWith("scalar " + name + " ")).map(l -> Double.parseDouble(l.split(" ")[2]))
        .findFirst().orElseThrow(() -> new AssertionError(name + " missing in " + out));
  }

  @Test
  void filesAreBitIdenticalForAnyThreadCountAndBlockWidth() {
    List<Map<String, String>> contents = new ArrayList<>();
    int lanes = org.sgdmc.rng.VectorShapes.DOUBLES.length(); // blocks are whole vectors: 4 lanes on AVX2, 8 on AVX-512
    String[][] layouts = {{"--threads", "1", "--block", "" + lanes}, {"--threads", "2", "--block", "64"},
        {"--threads", "3", "--block", "" + 3 * lanes}};
    for (int i = 0; i < layouts.length; i++) {
      String name = "layout" + i + ".h5";
      Launcher.Run r = Launcher.sgdmc(dir, with(with(RUN, "--out", name, "--n", "20"), layouts[i]));
      assertEquals(0, r.exitCode(), r.stderr());
      contents.add(numbers(ResultFileReader.read(dir.resolve(name))));
    }
    assertEquals(contents.get(0), contents.get(1));
    assertEquals(contents.get(0), contents.get(2));
  }

  /** Every dataset and attribute, as exact bits, except those that describe the run's circumstances. */
  private static Map<String, String> numbers(HdfNode.Group root) {
    Map<String, String> all = new TreeMap<>();
    collect(root, all);
    all.keySet().removeIf(k -> k.startsWith("/performance") || k.equals("/@created") || k.equals("/@command")
        || k.equals("/@threads")
        || k.equals("/parameters@threads") || k.equals("/parameters@block_width"));
    return all;
  }

  private static void collect(HdfNode node, Map<String, String> out) {
    node.attributes().forEach((k, v) -> out.put(node.path() + "@" + k, v.toString() + describe(v)));
    if (node instanceof HdfNode.Dataset d) {
      out.put(d.path(), describe(d.value()));
    } else if (node instanceof HdfNode.Group g) {
      g.children().forEach(c -> collect(c, out));
    }
  }

  private static String describe(org.sgdmc.io.Value v) {
    if (v.isFloat()) {
      StringBuilder sb = new StringBuilder();
      for (double d : v.doubles()) {
        sb.append(Long.toHexString(Double.doubleToRawLongBits(d))).append(' ');
      }
      return sb.toString();
    }
    return v.toString();
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        Arguments.of("negative lr", new String[] {"simulate", "linreg1d", "--lr", "-0.1"}, "learning rate"),
        Arguments.of("zero trajectories", new String[] {"simulate", "linreg1d", "--lr", "0.5", "--trajectories", "0"}, "trajectories"),
        Arguments.of("batch above N", new String[] {"simulate", "linreg1d", "--lr", "0.5", "--n", "5", "--batch", "6"}, "batch size 6"),
        Arguments.of("missing dataset", new String[] {"simulate", "linreg1d", "--lr", "0.5", "--data-file", "nope.csv"}, "nope.csv"),
        Arguments.of("malformed dataset", new String[] {"simulate", "linreg1d", "--lr", "0.5", "--data-file", "bad.csv"}, "line 3"),
        Arguments.of("unknown option", new String[] {"simulate", "linreg1d", "--lr", "0.5", "--bogus"}, "--bogus"),
        Arguments.of("not a number", new String[] {"simulate", "linreg1d", "--lr", "fast"}, "fast"),
        Arguments.of("bad record times", new String[] {"simulate", "linreg1d", "--lr", "0.5", "--record-times", "log:x"}, "record times"),
        Arguments.of("missing output directory", new String[] {"simulate", "linreg1d", "--lr", "0.5", "--out", "no/such/dir/x.h5"}, "does not exist"),
        Arguments.of("no model", new String[] {"simulate"}, "model"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInputGetsOneLineAndExitCodeTwo(String what, String[] args, String mentions) throws Exception {
    Files.writeString(dir.resolve("bad.csv"), "x\n1.0\nnot-a-number\n");
    boolean sized = args.length < 2 || List.of(args).contains("--trajectories");
    Launcher.Run r = Launcher.sgdmc(dir, sized ? args : with(args, "--trajectories", "1000", "--steps", "10"));
    assertEquals(2, r.exitCode(), what + ": " + r.stdout() + r.stderr());
    assertEquals(1, r.errorLines().size(), what + ": expected one line, got\n" + r.stderr());
    assertTrue(r.stderr().contains(mentions), what + ": " + r.stderr());
    assertFalse(r.stderr().contains("Exception"), r.stderr());
  }

  @Test
  void anExistingOutputIsKeptUnlessForced() throws Exception {
    Path existing = dir.resolve("keep.h5");
    Files.writeString(existing, "precious");
    Launcher.Run r = Launcher.sgdmc(dir, with(RUN, "--out", "keep.h5"));
    assertEquals(2, r.exitCode());
    assertEquals(1, r.errorLines().size(), r.stderr());
    assertTrue(r.stderr().contains("--force"), r.stderr());
    assertEquals("precious", Files.readString(existing));
    Launcher.Run forced = Launcher.sgdmc(dir, with(RUN, "--out", "keep.h5", "--force"));
    assertEquals(0, forced.exitCode(), forced.stderr());
    assertEquals(1, ResultFileReader.read(existing).attribute("seed").longs()[0] == 7 ? 1 : 0);
    try (Stream<Path> files = Files.list(dir)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp")), "no temp file may remain");
    }
  }

  @Test
  void aDatasetFileFromDataIsReadAndStoredInTheResult() {
    Path data = Launcher.PROJECT.resolve("data/example_x.csv");
    Launcher.Run r = Launcher.sgdmc(dir, "simulate", "linreg1d", "--lr", "0.8", "--batch", "2", "--trajectories", "2000",
        "--steps", "100", "--data-file", data.toString(), "--out", "file.h5");
    assertEquals(0, r.exitCode(), r.stderr());
    HdfNode.Group root = ResultFileReader.read(dir.resolve("file.h5"));
    assertEquals(50, root.dataset("/data/x").value().size());
    assertEquals("file", root.group("/parameters").attribute("data").strings()[0]);
    assertTrue(r.stdout().contains("exact-enumeration"), r.stdout());
  }
}
