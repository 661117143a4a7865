package org.sgdmc.sweep;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finished cells of a sweep, appended to a text file beside the output as they finish, so an interrupted
 * sweep loses only the cells in flight: rerun with the same arguments and the finished cells are read back
 * and skipped. The first line holds the fingerprint of the arguments; each further line one cell (index,
 * then each exponent and its standard error as the hex bits of the doubles, so nothing is rounded). A torn
 * last line (a crash while writing) is ignored. The file is removed once the result file is written.
 */
public final class SweepCheckpoint implements AutoCloseable {
  private static final String MAGIC = "sgdmc-sweep-checkpoint-v1";
  private final Path path;
  private final BufferedWriter out;

  private SweepCheckpoint(Path path, BufferedWriter out) {
    this.path = path;
    this.out = out;
  }

  /** The checkpoint path that belongs to an output file. */
  public static Path pathFor(Path output) {
    return output.resolveSibling("." + output.getFileName() + ".sweep-checkpoint");
  }

  /**
   * Reads the finished cells of a previous run with the same fingerprint (empty if there is none) and opens
   * the checkpoint for appending. A checkpoint from other arguments is an error, not silently replaced.
   */
  public static SweepCheckpoint open(Path path, String fingerprint, int exponents, Map<Integer, SweepRunner.CellResult> done) {
    try {
      if (Files.exists(path)) {
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(MAGIC + " " + fingerprint)) {
          throw new IllegalArgumentException("checkpoint " + path + " belongs to a sweep with other arguments: "
              + "rerun that sweep, or delete the checkpoint to start afresh");
        }
        for (int i = 1; i < lines.size(); i++) {
          parse(lines.get(i), exponents, done);
        }
        BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        w.newLine(); // terminate a torn last line, if any
        return new SweepCheckpoint(path, w);
      }
      BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
      w.write(MAGIC + " " + fingerprint);
      w.newLine();
      w.flush();
      return new SweepCheckpoint(path, w);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot use checkpoint " + path + ": " + e.getMessage());
    }
  }

  private static void parse(String line, int exponents, Map<Integer, SweepRunner.CellResult> done) {
    String[] f = line.trim().split(" ");
    if (f.length != 1 + 2 * exponents) {
      return; // blank or torn line
    }
    try {
      double[] lam = new double[exponents], err = new double[exponents];
      for (int e = 0; e < exponents; e++) {
        lam[e] = Double.longBitsToDouble(Long.parseUnsignedLong(f[1 + 2 * e], 16));
        err[e] = Double.longBitsToDouble(Long.parseUnsignedLong(f[2 + 2 * e], 16));
      }
      done.put(Integer.parseInt(f[0]), new SweepRunner.CellResult(lam, err));
    } catch (NumberFormatException e) {
      // torn line: ignore
    }
  }

  /** Appends finished cells and flushes them to the file. */
  public synchronized void append(int[] cells, SweepRunner.CellResult[] results) {
    try {
      for (int k = 0; k < cells.length; k++) {
        StringBuilder sb = new StringBuilder().append(cells[k]);
        for (int e = 0; e < results[k].lambda().length; e++) {
          sb.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(results[k].lambda()[e])))
              .append(' ').append(Long.toHexString(Double.doubleToRawLongBits(results[k].stderr()[e])));
        }
        out.write(sb.toString());
        out.newLine();
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Closes and deletes the checkpoint (after the result file is safely written). */
  public void delete() {
    close();
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** For tests. */
  static Map<Integer, SweepRunner.CellResult> read(Path path, String fingerprint, int exponents) {
    Map<Integer, SweepRunner.CellResult> done = new HashMap<>();
    open(path, fingerprint, exponents, done).close();
    return done;
  }
}
