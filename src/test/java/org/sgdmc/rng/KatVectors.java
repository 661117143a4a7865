package org.sgdmc.rng;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Random123's own known-answer table ({@code tests/kat_vectors} of the Random123 distribution): its
 * philox4x32 rows, unchanged, in {@code src/test/resources/random123_kat_philox4x32.txt} (so a clone anywhere
 * has them; they used to be read from {@code ../shared}, which only a clone beside that folder has), read at
 * test time so that no expected value is ever retyped. Columns: name, rounds, counter words, key words, expected words,
 * all 32-bit words in hex.
 */
final class KatVectors {
  /** Where the table lives, relative to the project directory. */
  static final String RELATIVE_PATH = "src/test/resources/random123_kat_philox4x32.txt";

  /** One row of the table for a 4x32 generator with a 2-word key. */
  record Row(int line, String name, int rounds, int[] ctr, int[] key, int[] expected) {
    @Override
    public String toString() {
      return name + " R=" + rounds + " (line " + line + ")";
    }
  }

  private KatVectors() {}

  /** The project directory: the {@code sgdmc.project.dir} property set by surefire, else the working directory. */
  static Path projectDir() {
    String dir = System.getProperty("sgdmc.project.dir");
    return Path.of(dir == null || dir.isBlank() ? System.getProperty("user.dir") : dir);
  }

  static Path file() {
    return projectDir().resolve(RELATIVE_PATH).normalize();
  }

  /** Every {@code philox4x32} row of the table, in file order. */
  static List<Row> philox4x32() {
    List<String> lines;
    try {
      lines = Files.readAllLines(file());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Random123 known-answer table at " + file(), e);
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\\s+");
      if (!f[0].equals("philox4x32")) {
        continue;
      }
      if (f.length != 12) {
        throw new IllegalStateException("line " + (i + 1) + ": a philox4x32 row has 12 fields, not " + f.length);
      }
      rows.add(new Row(i + 1, f[0], Integer.parseInt(f[1]), words(f, 2, 4), words(f, 6, 2), words(f, 8, 4)));
    }
    return rows;
  }

  private static int[] words(String[] fields, int from, int count) {
    int[] w = new int[count];
    for (int i = 0; i < count; i++) {
      w[i] = Integer.parseUnsignedInt(fields[from + i], 16);
    }
    return w;
  }
}
