package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.io.ExternalTools;
import org.sgdmc.io.ResultFile;
import org.sgdmc.io.SampleResult;

/** {@code sgdmc inspect}, run through {@link Main#execute} as a user would run it. */
class InspectCommandTest {

  @TempDir Path dir;
  Path sample;

  /** Exit code and what the command printed. */
  record Run(int exitCode, String out, String err) {}

  @BeforeEach
  void writeSample() {
    sample = SampleResult.write(dir.resolve("run.h5"));
  }

  @Test
  void textSummaryShowsProvenanceFirstThenGroupsAndDatasets() {
    Run r = run("inspect", sample.toString());
    assertEquals(0, r.exitCode(), r.err());
    String out = r.out();
    assertTrue(out.startsWith("file  " + sample + "  ("), out);

    // provenance attributes first, in their fixed order, then the others by name
    List<String> rootAttributes = out.lines()
        .dropWhile(l -> !l.equals("group /")).skip(1).takeWhile(l -> l.startsWith("  @"))
        .map(l -> l.substring(3, l.indexOf(' ', 3))).toList();
    assertEquals(List.of("sgdmc_version", "command", "seed", "rng", "created",
        "converged", "diverged", "floor", "grid", "hdf5_writer", "labels", "lr", "seeds"), rootAttributes);

    assertLine(out, "@sgdmc_version\\s+string\\s+\"0\\.1\\.0\"");
    assertLine(out, "@command\\s+string\\s+\"sgdmc run --lr 0\\.1 --out \\\\\"run\\.h5\\\\\"\"");
    assertLine(out, "@seed\\s+int64\\s+42");
    assertLine(out, "@converged\\s+int8\\s+1");
    assertLine(out, "@floor\\s+float64\\s+-inf");
    assertLine(out, "@grid\\s+float64 \\(5\\)\\s+\\[0\\.0, 0\\.5, inf, -inf, nan\\]");
    assertLine(out, "@notes\\s+string\\s+\"line 1\\\\nline 2\\\\ttabbed\"");

    assertTrue(out.contains("\ngroup /empty_group\n  @purpose  string  \"a group with only attributes\"\n"), out);
    // units in brackets after the name, the description whole on the next line, neither among the attributes
    assertTrue(out.contains("\ndataset /observables/loss  float64 (3, 5)  [nats]\n  @scale"), out);
    assertTrue(out.contains("\ndataset /observables/time  float64 (100)  [steps]\n  time of each sample\n  values"), out);
    assertTrue(out.contains("\ndataset /summary/final_loss  float64\n"), out);
    assertTrue(out.contains("  value   1.25\n"), out);
    // long arrays: both ends and statistics; short ones in full
    assertTrue(out.contains("  values  [0.0, 1.0, 2.0, ..., 97.0, 98.0, 99.0]\n"
        + "  stats   min 0.0  max 99.0  nan 0  +inf 0  -inf 0\n"), out);
    assertTrue(out.contains("  stats   min -inf  max inf  nan 1  +inf 1  -inf 1\n"), out);
    assertTrue(out.contains("  values  [-inf, inf, nan, nan, -0.0, 4.9e-324, 1.7976931348623157e308, 0.1, "
        + "-0.3333333333333333]\n"), out);
    assertTrue(out.contains("  values  [0, 10, 100, 1000, 10000000000]\n"), out);
    // datasets read under their group, after its attributes
    assertTrue(out.indexOf("group /observables") < out.indexOf("dataset /observables/counts"));
    assertTrue(out.indexOf("dataset /observables/time") < out.indexOf("group /parameters"));
  }

  @Test
  void attributeColumnsAreAligned() {
    Run r = run("inspect", sample.toString());
    List<String> rootLines = r.out().lines()
        .dropWhile(l -> !l.equals("group /")).skip(1).takeWhile(l -> l.startsWith("  @")).toList();
    Pattern columns = Pattern.compile("  @\\S+ +(\\S+(?: \\(\\d+\\))?) +(.*)");
    List<Integer> typeColumn = rootLines.stream().map(l -> matcher(columns, l).start(1)).distinct().toList();
    List<Integer> valueColumn = rootLines.stream().map(l -> matcher(columns, l).start(2)).distinct().toList();
    assertEquals(1, typeColumn.size(), String.join("\n", rootLines));
    assertEquals(1, valueColumn.size(), String.join("\n", rootLines));
  }

  @Test
  void smallMatricesAreShownByRowAndLongTextIsCut() {
    Path file = dir.resolve("small.h5");
    try (ResultFile f = ResultFile.create(file)) {
      f.dataset("/m", new double[][] {{1, 2, 3}, {4, 5, 6}});
      f.attribute("/", "essay", "w".repeat(300));
      f.commit();
    }
    String out = run("inspect", file.toString()).out();
    assertTrue(out.contains("  values  [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]\n"), out);
    assertTrue(out.contains("\"" + "w".repeat(InspectCommand.MAX_TEXT) + "\"... (300 chars)"), out);
  }

  @Test
  void jsonIsValidAndHoldsEveryValueExactly() {
    Run r = run("inspect", sample.toString(), "--json");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().chars().allMatch(c -> c < 0x80), "pure ASCII");

    // Python's json must accept it; doubles must come back bit for bit, non-finite ones as "inf"/"-inf"/"nan"
    ExternalTools.Result py = ExternalTools.pythonWithInput(r.out(), """
        import json, sys, struct
        d = json.load(sys.stdin)
        root = d['root']
        obs = root['children']['observables']['children']
        def bits(v):
            return v if isinstance(v, str) else '%016x' % struct.unpack('<Q', struct.pack('<d', v))[0]
        print(root['type'], root['path'], d['file'])
        print(root['attributes']['seed'])
        print(','.join(bits(v) for v in obs['edge']['value']))
        print(obs['loss']['shape'], len(obs['loss']['value']), len(obs['loss']['value'][0]), obs['loss']['value'][1][1])
        print(obs['time']['attributes']['units']['value'], len(obs['time']['value']))
        print(','.join(s.encode('utf-8').hex() for s in root['attributes']['labels']['value']))
        print(root['attributes']['seeds']['value'])
        print(root['children']['summary']['children']['final_loss']['value'])
        print(sorted(root['children']))
        """);
    assertEquals(0, py.exitCode(), py.stderr() + "\n" + r.out());
    List<String> lines = py.stdout().lines().toList();
    assertEquals("group / " + sample, lines.get(0));
    assertEquals("{'dtype': 'int64', 'shape': [], 'value': 42}", lines.get(1));
    assertEquals("-inf,inf,nan,nan,8000000000000000,0000000000000001,7fefffffffffffff,"
        + bits(0.1) + "," + bits(-1.0 / 3.0), lines.get(2));
    assertEquals("[3, 5] 3 5 inf", lines.get(3));
    assertEquals("steps 100", lines.get(4));
    assertEquals(Arrays.stream(SampleResult.LABELS)
        .map(s -> HexFormat.of().formatHex(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .collect(Collectors.joining(",")), lines.get(5));
    assertEquals("[1, 9223372036854775807, -9223372036854775808]", lines.get(6));
    assertEquals("1.25", lines.get(7));
    assertEquals("['empty_group', 'observables', 'parameters', 'summary']", lines.get(8));
  }

  @Test
  void missingFileIsOneLineAndExitCode2() {
    Run r = run("inspect", dir.resolve("absent.h5").toString());
    assertUserError(r, "sgdmc: no such file: " + dir.resolve("absent.h5"));
  }

  @Test
  void textFileIsOneLineAndExitCode2() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.txt"), "not hdf5\n");
    Run r = run("inspect", text.toString());
    assertUserError(r, "sgdmc: " + text + " is not an HDF5 file (No valid HDF5 signature found)");
  }

  @Test
  void directoryIsOneLineAndExitCode2() {
    assertUserError(run("inspect", dir.toString()), "sgdmc: " + dir + " is a directory, not an HDF5 file");
  }

  @Test
  void inspectIsListedInTheRootHelp() {
    Run r = run("--help");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().contains("inspect"), r.out());
  }

  // ---- helpers ----

  private static void assertUserError(Run r, String expectedErr) {
    assertEquals(2, r.exitCode());
    assertEquals("", r.out());
    assertEquals(expectedErr + System.lineSeparator(), r.err());
  }

  private static void assertLine(String out, String regex) {
    Pattern p = Pattern.compile("^  " + regex + "$", Pattern.MULTILINE);
    assertTrue(p.matcher(out).find(), () -> "no line matching " + regex + " in\n" + out);
  }

  private static Matcher matcher(Pattern p, String line) {
    Matcher m = p.matcher(line);
    assertTrue(m.matches(), line);
    return m;
  }

  private static String bits(double d) {
    return String.format("%016x", Double.doubleToRawLongBits(d));
  }

  /**
   * Runs the CLI with System.out and System.err captured. picocli creates its writers from System.out and
   * System.err when a command first prints, in the encoding named by stdout.encoding, so decode with that.
   */
  static Run run(String... args) {
    Charset cs = Charset.forName(System.getProperty("stdout.encoding", "UTF-8"));
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, cs));
      System.setErr(new PrintStream(err, true, cs));
      int code = Main.execute(args);
      System.out.flush();
      System.err.flush();
      return new Run(code, out.toString(cs), err.toString(cs));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }
}
