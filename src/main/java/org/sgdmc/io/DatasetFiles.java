package org.sgdmc.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sgdmc.models.FeatureData;
import org.sgdmc.models.PointData;

/**
 * Reads a 1-D dataset x_1..x_N from a file: CSV/text (one value per line; '#' comments, blank lines and one
 * header line allowed), or HDF5 ({@code file.h5} takes the dataset {@code /x}, or the only 1-D numeric dataset;
 * {@code file.h5:/path/to/x} names one). Anything else is one clear error that names the file and the line or
 * dataset: a row of two numbers, a binary file, a file named .h5 that is not HDF5, a NaN or an infinity. Nothing
 * is read silently in part (a CSV of x,y rows read as its first column would be another dataset).
 *
 * <p>{@link #readPoints} reads N points in R^d the same way: CSV/text rows of d numbers (separated by commas,
 * semicolons or white space, the same d on every row), or an HDF5 2-D dataset of shape (N, d) ({@code /x}, or
 * the only 2-D numeric dataset, or a named one; a 1-D dataset is N points with d = 1). {@link #readMatrix}
 * reads a matrix (a covariance) the same way.
 */
public final class DatasetFiles {
  private DatasetFiles() {}

  /** Our own one-line verdict on an HDF5 file, told apart from jhdf's exceptions (which mean a damaged file). */
  private static final class Refusal extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Refusal(String message) {
      super(message);
    }
  }

  /** Reads the dataset named by {@code spec} (a path, or {@code path.h5:/dataset}). */
  public static FeatureData.Finite read(String spec) {
    Located f = locate(spec);
    double[] x = f.hdf5() ? readHdf5(f.path(), f.dataset()) : readText(f.path());
    return new FeatureData.Finite(x, "file " + spec);
  }

  /** Reads N points in R^d from the file named by {@code spec} (a path, or {@code path.h5:/dataset}). */
  public static PointData.Finite readPoints(String spec) {
    return new PointData.Finite(readRows(spec), "file " + spec);
  }

  /** Reads a matrix, one row per line (text) or a 2-D dataset (HDF5); the caller checks its shape. */
  public static double[][] readMatrix(String spec) {
    return readRows(spec);
  }

  private static double[][] readRows(String spec) {
    Located f = locate(spec);
    return f.hdf5() ? readHdf5Rows(f.path(), f.dataset()) : readTextRows(f.path());
  }

  /**
   * A readable file, whether it is HDF5 (by its signature), and for {@code FILE.h5:/path} the dataset in it (null:
   * the default one).
   */
  private record Located(Path path, boolean hdf5, String dataset) {}

  private static Located locate(String spec) {
    String datasetPath = null;
    String file = spec;
    int colon = spec.indexOf(".h5:");
    if (colon < 0) {
      colon = spec.indexOf(".hdf5:");
      if (colon >= 0) {
        colon += 2;
      }
    }
    if (colon >= 0) {
      file = spec.substring(0, colon + 3);
      datasetPath = spec.substring(colon + 4);
    }
    Path path = Path.of(file);
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new IllegalArgumentException("cannot read dataset file " + file + ": no such readable file");
    }
    boolean hdf5 = isHdf5(path);
    String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (!hdf5 && (datasetPath != null || name.endsWith(".h5") || name.endsWith(".hdf5"))) {
      // read as text, a damaged or mistaken .h5 file would give a puzzling complaint about its first "line"
      throw new IllegalArgumentException(file + " is not an HDF5 file (it does not start with the HDF5 signature)");
    }
    return new Located(path, hdf5, datasetPath);
  }

  private static double[][] readTextRows(Path path) {
    int[] width = {-1};
    return readLines(path, (s, where) -> {
      String[] parts = s.split("\\s*[,;]\\s*|\\s+", -1);
      double[] row = new double[parts.length];
      for (int c = 0; c < parts.length; c++) {
        row[c] = number(parts[c], quote(s) + " is not a row of numbers", where);
      }
      if (width[0] >= 0 && row.length != width[0]) {
        throw new IllegalArgumentException(where + row.length + " values, but the first row has " + width[0]);
      }
      width[0] = row.length;
      return row;
    }).toArray(double[][]::new);
  }

  /** Parses one data line; a NumberFormatException (its message says what is wrong) marks a header or an error. */
  private interface LineParser<T> {
    T parse(String line, String where);
  }

  /**
   * The data lines of a text file, parsed: blank lines and {@code #} comments skipped, one header line allowed
   * before the first data line; every error is one line naming the file and line.
   */
  private static <T> List<T> readLines(Path path, LineParser<T> parser) {
    List<T> out = new ArrayList<>();
    int[] lines = {0}; // lines read so far, for the message when the next one is not text
    try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      boolean headerSeen = false;
      while ((line = r.readLine()) != null) {
        lineNo++;
        lines[0] = lineNo;
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
          continue;
        }
        String where = path + " line " + lineNo + ": ";
        try {
          out.add(parser.parse(s, where));
        } catch (NumberFormatException e) {
          if (out.isEmpty() && !headerSeen) {
            headerSeen = true; // one header line
            continue;
          }
          throw new IllegalArgumentException(where + e.getMessage());
        }
      }
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalArgumentException(path + " line " + (lines[0] + 1) + ": not UTF-8 text (a binary file?); "
          + "give a text file of numbers or an HDF5 file");
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new IllegalArgumentException("cannot read dataset file " + path + ": " + e.getMessage());
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(path + " holds no data values");
    }
    return out;
  }

  /** A decimal number as CSV files write it: no hex, no Java suffixes (1d, 1f), no NaN or Infinity. */
  private static final java.util.regex.Pattern DECIMAL =
      java.util.regex.Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  /**
   * {@code text} as a finite decimal number; NumberFormatException({@code notNumber}) if it is no number at all
   * (a header), IllegalArgumentException if Java would read it as one that a data file must not hold (NaN,
   * Infinity, 1e999, 0x1p3, 1d: read silently, each would be another dataset than the file's author meant).
   */
  private static double number(String text, String notNumber, String where) {
    double v;
    try {
      v = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new NumberFormatException(notNumber);
    }
    if (!DECIMAL.matcher(text).matches()) {
      throw new IllegalArgumentException(where + quote(text) + " is not a decimal number");
    }
    if (!Double.isFinite(v)) {
      // a number beyond the double range such as 1e999
      throw new IllegalArgumentException(where + quote(text) + " is not a finite number");
    }
    return v;
  }

  /** Text from a file, quoted for a one-line message: control characters escaped, at most 40 characters. */
  static String quote(String text) {
    StringBuilder sb = new StringBuilder("'");
    for (int i = 0; i < text.length() && i < 40; i++) {
      char c = text.charAt(i);
      sb.append(c < ' ' || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
    }
    return sb.append(text.length() > 40 ? "...'" : "'").toString();
  }

  private static double[][] readHdf5Rows(Path path, String datasetPath) {
    try (HdfFile h5 = new HdfFile(path)) {
      Dataset ds = dataset(h5, path, datasetPath, 2);
      int rank = ds.getDimensions().length;
      if (rank != 1 && rank != 2) {
        throw new Refusal(path + ": dataset " + ds.getPath() + " is " + rank + "-dimensional, not (N, d)");
      }
      checkNotEmpty(path, ds);
      Object data = ds.getData();
      if (rank == 1) {
        double[] x = toDoubles(data, path, ds, 0);
        double[][] rows = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
          rows[i] = new double[] {x[i]};
        }
        return rows;
      }
      if (!(data instanceof Object[] rowsIn)) {
        throw new Refusal(path + ": dataset " + ds.getPath() + " is not numeric");
      }
      double[][] rows = new double[rowsIn.length][];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = toDoubles(rowsIn[i], path, ds, i);
      }
      return rows;
    } catch (Refusal e) {
      throw e;
    } catch (RuntimeException e) { // jhdf's, IllegalArgumentException included: the file is damaged
      throw damaged(path, e);
    }
  }

  private static void checkNotEmpty(Path path, Dataset ds) {
    if (ds.getSize() == 0) {
      throw new Refusal(path + ": dataset " + ds.getPath() + " is empty");
    }
  }

  /** What jhdf's failure to read a file means to the user: the file is damaged (or cut short). */
  private static IllegalArgumentException damaged(Path path, RuntimeException e) {
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    return new IllegalArgumentException("cannot read " + path + ": a damaged or truncated HDF5 file (" + why + ")");
  }

  /** One row of a numeric dataset as doubles, every one finite ({@code row}: the row's index, for messages). */
  private static double[] toDoubles(Object data, Path path, Dataset ds, int row) {
    double[] d;
    switch (data) {
      case double[] a -> d = a;
      case float[] f -> {
        d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
          d[i] = f[i];
        }
      }
      case long[] l -> d = java.util.Arrays.stream(l).asDoubleStream().toArray();
      case int[] a -> d = java.util.Arrays.stream(a).asDoubleStream().toArray();
      case short[] a -> {
        d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
          d[i] = a[i];
        }
      }
      case byte[] a -> {
        d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
          d[i] = a[i];
        }
      }
      case null, default -> throw new Refusal(path + ": dataset " + ds.getPath() + " is not numeric");
    }
    for (int i = 0; i < d.length; i++) {
      if (!Double.isFinite(d[i])) {
        String at = ds.getDimensions().length == 1 ? "[" + i + "]" : "[" + row + ", " + i + "]";
        throw new Refusal(path + ": dataset " + ds.getPath() + at + " is " + d[i]
            + ", not a finite number");
      }
    }
    return d;
  }

  private static boolean isHdf5(Path path) {
    try (var in = Files.newInputStream(path)) {
      byte[] sig = in.readNBytes(8);
      return sig.length == 8 && (sig[0] & 0xFF) == 0x89 && sig[1] == 'H' && sig[2] == 'D' && sig[3] == 'F';
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read dataset file " + path + ": " + e.getMessage());
    }
  }

  private static double[] readText(Path path) {
    return readLines(path, (s, where) -> {
      String[] parts = s.split("\\s*[,;]\\s*|\\s+", -1);
      double x = number(parts[0], quote(parts[0]) + " is not a number", where);
      if (parts.length > 1) {
        // the commands that take rows (x,y or x_1..x_d) refuse a file of the wrong width; so does this one
        throw new IllegalArgumentException(where + parts.length + " values (" + quote(s)
            + "), but this dataset is one x per row");
      }
      return x;
    }).stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double[] readHdf5(Path path, String datasetPath) {
    try (HdfFile h5 = new HdfFile(path)) {
      Dataset ds = dataset(h5, path, datasetPath, 1);
      if (ds.getDimensions().length != 1) {
        throw new Refusal(path + ": dataset " + ds.getPath() + " is "
            + ds.getDimensions().length + "-dimensional, not one x per entry");
      }
      checkNotEmpty(path, ds);
      return toDoubles(ds.getData(), path, ds, 0);
    } catch (Refusal e) {
      throw e;
    } catch (RuntimeException e) { // jhdf's, IllegalArgumentException included: the file is damaged
      throw damaged(path, e);
    }
  }

  /** The dataset named {@code datasetPath}, or when that is null the default one of {@code rank} dimensions. */
  private static Dataset dataset(HdfFile h5, Path path, String datasetPath, int rank) {
    if (datasetPath == null) {
      return findDefault(h5, path, rank);
    }
    Node node;
    try {
      node = h5.getByPath(datasetPath);
    } catch (RuntimeException e) {
      node = null; // jhdf: "No link with name ..." and the like
    }
    if (node == null) {
      throw new Refusal(path + " has no dataset " + datasetPath);
    }
    if (!(node instanceof Dataset d)) {
      throw new Refusal(path + ": " + datasetPath + " is a group, not a dataset");
    }
    return d;
  }

  /** The dataset /x, else the only dataset of {@code rank} dimensions; a user error otherwise. */
  private static Dataset findDefault(HdfFile h5, Path path, int rank) {
    List<Dataset> found = new ArrayList<>();
    collect(h5, found);
    for (Dataset d : found) {
      if (d.getPath().equals("/x")) {
        return d;
      }
    }
    List<Dataset> ofRank = found.stream().filter(d -> d.getDimensions().length == rank).toList();
    if (ofRank.size() == 1) {
      return ofRank.get(0);
    }
    throw new Refusal(path + ": no dataset /x and " + ofRank.size() + " "
        + (rank == 1 ? "one" : "two") + "-dimensional datasets; name one as " + path + ":/path/to/x");
  }

  private static void collect(io.jhdf.api.Group group, List<Dataset> out) {
    for (Node n : group.getChildren().values()) {
      if (n instanceof Dataset d) {
        out.add(d);
      } else if (n instanceof io.jhdf.api.Group g) {
        collect(g, out);
      }
    }
  }
}
