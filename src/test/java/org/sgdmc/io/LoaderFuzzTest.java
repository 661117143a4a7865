package org.sgdmc.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dataset loaders against malformed input: random bytes, truncations, flipped bytes, NaN and infinities,
 * text, empty files, huge values, wrong shapes and wrong dataset paths, in CSV and HDF5. Every input must give
 * either a one-line error that names the file (an IllegalArgumentException, which the CLI prints as one line)
 * or a correct read: exactly the numbers the file holds. Never another exception, never a silent misread.
 * Seeded, so a failure names a case that reproduces.
 */
class LoaderFuzzTest {
  @TempDir Path dir;

  private static final double[] X = {0.5, -1.25, 3.0, 1e-300, -7.5e12, 2.0, 0.0, 42.0, -0.001, 6.02e23, 1.0, -2.5};

  /** What a loader read, as one flat array (1-D values, or rows one after the other). */
  private interface Loader extends Function<String, double[]> {}

  private static final Loader VALUES = spec -> DatasetFiles.read(spec).x();
  private static final Loader POINTS = spec -> flat(DatasetFiles.readPoints(spec).points());
  private static final Loader MATRIX = spec -> flat(DatasetFiles.readMatrix(spec));

  private static double[] flat(double[][] rows) {
    return Arrays.stream(rows).flatMapToDouble(Arrays::stream).toArray();
  }

  private int cases;

  /** Runs {@code loader} on {@code spec}: a one-line error naming the file, or the numbers {@code expected} (null: any error). */
  private void check(String what, Loader loader, Path file, String spec, double[] expected) {
    cases++;
    double[] got;
    try {
      got = loader.apply(spec);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      assertTrue(m != null && !m.isBlank() && !m.contains("\n") && !m.contains("\r"), what + ": " + m);
      assertTrue(m.contains(file.getFileName().toString()), what + ": the error must name the file: " + m);
      assertFalse(m.contains("Input length") || m.contains("Exception"), what + ": " + m);
      return;
    } catch (RuntimeException | Error e) {
      throw new AssertionError(what + ": " + e + " instead of a one-line error", e);
    }
    if (expected == null) {
      fail(what + ": read " + Arrays.toString(got) + " from a file that holds no valid dataset");
    }
    assertArrayEquals(expected, got, 0.0, what + ": misread");
  }

  @Test
  void csvInputsAreReadExactlyOrRefusedInOneLine() throws Exception {
    SplittableRandom rnd = new SplittableRandom(20261202);
    StringBuilder sb = new StringBuilder("# values\nx\n");
    for (double v : X) {
      sb.append(Double.toString(v)).append('\n');
    }
    String valid = sb.toString();
    Path f = dir.resolve("data.csv");
    Files.writeString(f, valid);
    check("valid", VALUES, f, f.toString(), X);

    // every truncation: a prefix of whole lines, the last number as cut (what the file now says), or an error
    for (int cut = 0; cut < valid.length(); cut++) {
      String text = valid.substring(0, cut);
      Files.writeString(f, text);
      check("truncated at " + cut, VALUES, f, f.toString(), expectedPrefix(text));
    }
    // a bad token on a data line: always an error naming that line
    for (String bad : List.of("nan", "NaN", "inf", "Infinity", "-Infinity", "1e999", "-1e400", "0x1p3q", "1,2", "1 2",
        "1;2", "abc", "1.2.3", "--1", "\u0000", "\u00e9", "1e", "")) {
      for (int line = 3; line < 3 + X.length; line += 5) {
        List<String> lines = new ArrayList<>(valid.lines().toList());
        lines.set(line, bad);
        Files.writeString(f, String.join("\n", lines) + "\n");
        if (bad.isEmpty()) { // a blank line is skipped: the rest is read
          double[] rest = new double[X.length - 1];
          for (int i = 0, j = 0; i < X.length; i++) {
            if (i != line - 2) {
              rest[j++] = X[i];
            }
          }
          check("blank line " + line, VALUES, f, f.toString(), rest);
        } else {
          check("'" + bad + "' on line " + (line + 1), VALUES, f, f.toString(), null);
        }
      }
    }
    // huge and tiny finite values are data
    Files.writeString(f, "1.7976931348623157e308\n-4.9e-324\n1e-320\n");
    check("extremes", VALUES, f, f.toString(), new double[] {Double.MAX_VALUE, -Double.MIN_VALUE, 1e-320});
    // empty, only comments, only a header, text, random bytes, random printable garbage
    for (String text : List.of("", "\n\n", "# nothing\n", "x\n", "hello world\nfoo bar\n", "x\ny\n1\n")) {
      Files.writeString(f, text);
      check("text " + text.replace("\n", "|"), VALUES, f, f.toString(), null);
    }
    for (int i = 0; i < 200; i++) {
      byte[] junk = new byte[rnd.nextInt(1, 400)];
      rnd.nextBytes(junk);
      Files.write(f, junk);
      check("random bytes #" + i, VALUES, f, f.toString(), expectedPrefixOrNull(junk));
      Files.writeString(f, printable(rnd, junk.length));
      check("random text #" + i, VALUES, f, f.toString(), expectedPrefixOrNull(Files.readAllBytes(f)));
    }
    assertTrue(cases > 500, "cases: " + cases);
  }

  @Test
  void csvRowsAreReadExactlyOrRefusedInOneLine() throws Exception {
    Path f = dir.resolve("points.csv");
    Files.writeString(f, "a,b,c\n1,2,3\n4;5;6\n7 8\t9\n");
    check("valid rows", POINTS, f, f.toString(), new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    for (String text : List.of("1,2,3\n4,5\n", "1,2\n3,4,5\n", "1,2,3\n4,nan,6\n", "1,2,3\n4,,6\n", "1,2,3\n,\n",
        "1,2,inf\n", "1,2,3\n4,5,1e400\n", "", "a,b\n")) {
      Files.writeString(f, text);
      check("rows " + text.replace("\n", "|"), POINTS, f, f.toString(), null);
      check("matrix " + text.replace("\n", "|"), MATRIX, f, f.toString(), null);
    }
  }

  @Test
  void hdf5InputsAreReadExactlyOrRefusedInOneLine() throws Exception {
    SplittableRandom rnd = new SplittableRandom(7);
    Path f = dir.resolve("data.h5");
    double[][] points = {{1, 2}, {3, 4}, {5, 6}};
    try (ResultFile w = ResultFile.create(f)) {
      w.dataset("/x", X);
      w.dataset("/points/p", points);
      w.dataset("/other/scalar", 1.5);
      w.dataset("/other/nan", new double[] {1, Double.NaN, 3});
      w.dataset("/other/inf", new double[][] {{1, 2}, {Double.POSITIVE_INFINITY, 4}});
      w.dataset("/other/ints", new int[] {1, 2, 3});
      w.attribute("/other", "note", "a group, not a dataset");
      w.commit();
    }
    byte[] valid = Files.readAllBytes(f);
    check("valid /x", VALUES, f, f.toString(), X);
    check("valid by name", VALUES, f, f + ":/x", X);
    check("valid ints", VALUES, f, f + ":/other/ints", new double[] {1, 2, 3});
    check("valid points", POINTS, f, f + ":/points/p", new double[] {1, 2, 3, 4, 5, 6});
    // wrong paths and wrong shapes
    for (String path : List.of(":/nope", ":/points", ":/other", ":/", ":/x/y", ":", ":nope")) {
      check("path " + path, VALUES, f, f + path, null);
    }
    check("2-D for 1-D", VALUES, f, f + ":/points/p", null);
    check("scalar", VALUES, f, f + ":/other/scalar", null);
    check("scalar rows", POINTS, f, f + ":/other/scalar", null);
    check("NaN", VALUES, f, f + ":/other/nan", null);
    check("inf", POINTS, f, f + ":/other/inf", null);
    check("the default is /x, as N points in d = 1", POINTS, f, f.toString(), X);

    // where the numbers of /x lie: a flipped byte there changes exactly the number it lands in (HDF5 keeps no
    // checksum of raw data, so that is what the file says); a flip anywhere else is an error or the same numbers
    int data = indexOf(valid, bytes(X));
    assertTrue(data > 0, "the doubles of /x are in the file");
    for (int i = 0; i < 400; i++) {
      byte[] b = valid.clone();
      int at = rnd.nextInt(b.length);
      b[at] ^= (byte) rnd.nextInt(1, 256);
      Files.write(f, b);
      double[] expected = X.clone();
      if (at >= data && at < data + 8 * X.length) {
        expected[(at - data) / 8] = ByteBuffer.wrap(b, data + (at - data) / 8 * 8, 8).order(ByteOrder.LITTLE_ENDIAN)
            .getDouble();
        if (!Double.isFinite(expected[(at - data) / 8])) {
          expected = null; // a NaN or an infinity: refused
        }
      }
      checkFlip("flip at " + at, f, expected);
      readsOrRefuses("inspect after a flip at " + at, f);
    }
    // truncations: an error, or (when the cut spares /x and what leads to it) exactly /x; random bytes: errors
    for (int i = 0; i < 60; i++) {
      int cut = rnd.nextInt(valid.length);
      Files.write(f, Arrays.copyOf(valid, cut));
      check("truncated at " + cut, VALUES, f, f.toString(), X);
      readsOrRefuses("inspect after a cut at " + cut, f);
      byte[] junk = new byte[rnd.nextInt(8, 3000)];
      rnd.nextBytes(junk);
      System.arraycopy(valid, 0, junk, 0, 8); // the signature, so it is read as HDF5
      Files.write(f, junk);
      check("random bytes after the signature #" + i, VALUES, f, f.toString(), null);
    }
    Files.writeString(f, "0.5\n1.5\n");
    check("text named .h5", VALUES, f, f.toString(), null);
    Files.write(f, new byte[0]);
    check("empty .h5", VALUES, f, f.toString(), null);
  }

  /** What {@code sgdmc inspect} reads a file with: the whole tree, or a one-line error naming the file. */
  private void readsOrRefuses(String what, Path f) {
    cases++;
    try {
      ResultFileReader.read(f);
    } catch (IllegalArgumentException e) {
      assertTrue(!e.getMessage().contains("\n") && e.getMessage().contains(f.getFileName().toString()),
          what + ": " + e.getMessage());
    } catch (RuntimeException | Error e) {
      throw new AssertionError(what + ": " + e + " instead of a one-line error", e);
    }
  }

  /** A flip may leave the file unreadable, or readable with the numbers it holds (or refused for a non-finite one). */
  private void checkFlip(String what, Path f, double[] expected) {
    cases++;
    try {
      double[] got = VALUES.apply(f + ":/x");
      if (expected == null) {
        fail(what + ": read " + Arrays.toString(got) + " where a number is not finite");
      }
      assertArrayEquals(expected, got, 0.0, what + ": misread");
    } catch (IllegalArgumentException e) {
      assertTrue(!e.getMessage().contains("\n") && e.getMessage().contains(f.getFileName().toString()),
          what + ": " + e.getMessage());
    } catch (RuntimeException | Error e) {
      throw new AssertionError(what + ": " + e + " instead of a one-line error", e);
    }
  }

  /**
   * What the format says a CSV of one value per line holds, written independently of the loader: blank lines and
   * '#' comments skipped, one header line allowed before the first number, then every line one finite number;
   * null when that is not so (an error is due). A last line without its newline counts like any other.
   */
  static double[] expectedPrefix(String text) {
    List<Double> values = new ArrayList<>();
    boolean header = false;
    for (String raw : text.split("\r\n|\r|\n", -1)) { // where BufferedReader.readLine ends a line
      String s = raw.strip();
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      Double v = parse(s);
      if (v == null) {
        if (values.isEmpty() && !header && !isNumberLike(s)) {
          header = true;
          continue;
        }
        return null;
      }
      values.add(v);
    }
    return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** As {@link #expectedPrefix} for raw bytes: null unless they are UTF-8 text the format accepts. */
  private static double[] expectedPrefixOrNull(byte[] bytes) {
    var decoder = StandardCharsets.UTF_8.newDecoder();
    try {
      return expectedPrefix(decoder.decode(ByteBuffer.wrap(bytes)).toString());
    } catch (java.nio.charset.CharacterCodingException e) {
      return null;
    }
  }

  /** A finite number the way a CSV writes it, or null. */
  private static Double parse(String s) {
    if (!s.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
      return null;
    }
    double v = Double.parseDouble(s);
    return Double.isFinite(v) ? v : null;
  }

  /**
   * A line a header could not be: one Java reads as a number (Infinity, 1e999, 0x1p3) but the format refuses,
   * or a row of several values. The loader reports those as errors even on the first line.
   */
  private static boolean isNumberLike(String s) {
    String first = s.split("\\s*[,;]\\s*|\\s+", -1)[0];
    try {
      Double.parseDouble(first);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String printable(SplittableRandom rnd, int n) {
    String alphabet = "0123456789.eE+-,; \t\n#xnaI";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private static byte[] bytes(double[] x) {
    ByteBuffer b = ByteBuffer.allocate(8 * x.length).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : x) {
      b.putDouble(v);
    }
    return b.array();
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void theReferenceParserOfThisTestIsTheDocumentedFormat() {
    assertArrayEquals(new double[] {1, 2}, expectedPrefix("# c\nx\n\n1\n 2 \n"), 0.0);
    assertEquals(null, expectedPrefix("x\ny\n1\n"));
    assertEquals(null, expectedPrefix("1\nnan\n"));
    assertEquals(null, expectedPrefix("1,2\n"));
  }
}
