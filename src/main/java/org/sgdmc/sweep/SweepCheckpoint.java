package org.sgdmc.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finished cells of a sweep, appended to a text file beside the output as they finish, so an interrupted
 * sweep loses only the cells in flight: rerun with the same arguments and the finished cells are read back
 * and skipped. The first line holds the format and the fingerprint of the arguments; each further line one cell:
 * its index, then the fields of its {@link Codec} (doubles as the hex bits of the doubles, so nothing is rounded;
 * text escaped with {@link #escape}), then the CRC-32 of what precedes it on the line. Only lines ended by a
 * newline count: a torn last line (a crash while writing) is cut off when the checkpoint is reopened. A line
 * that does not parse or fails its checksum (a damaged disk block, an edit) is not used: its cell runs again,
 * and {@link #damagedLines()} says which lines those were, so nothing damaged is read as a result. The file is
 * removed once the result file is written.
 *
 * @param <C> one cell's result
 */
public final class SweepCheckpoint<C> implements AutoCloseable {
  /** The format of every line; v1 had no checksums. */
  private static final String FORMAT = "sgdmc-sweep-checkpoint-";
  private static final String MAGIC = FORMAT + "v2";

  /** A checkpoint that cannot be used for this sweep; {@code what} says what it is instead. */
  static final class Unusable extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    final String what;

    Unusable(Path path, String what, String advice) {
      super("checkpoint " + path + " is " + what + ": " + advice);
      this.what = what;
    }
  }

  /** How one cell's result becomes space-free fields of a line, and back. */
  public interface Codec<C> {
    /** The number of fields of a cell. */
    int fields();

    /** The cell's fields, none containing a space or a line break. */
    String[] encode(C cell);

    /** The cell from its fields; throws IllegalArgumentException where they do not parse. */
    C decode(String[] fields);
  }

  private final Path path;
  private final Codec<C> codec;
  private final Writer out;
  private boolean fresh; // created by this run, not resumed
  private int appended; // cells this run wrote
  private final List<Integer> damaged = new java.util.ArrayList<>(); // line numbers not used on reopening

  private SweepCheckpoint(Path path, Codec<C> codec, Writer out) {
    this.path = path;
    this.codec = codec;
    this.out = out;
  }

  /** The checkpoint path that belongs to an output file. */
  public static Path pathFor(Path output) {
    return output.resolveSibling("." + output.getFileName() + ".sweep-checkpoint");
  }

  /** The codec of a Lyapunov sweep's cells: each exponent and its standard error. */
  public static Codec<SweepRunner.CellResult> exponents(int exponents) {
    return new Codec<>() {
      @Override
      public int fields() {
        return 2 * exponents;
      }

      @Override
      public String[] encode(SweepRunner.CellResult cell) {
        String[] f = new String[2 * exponents];
        for (int e = 0; e < exponents; e++) {
          f[2 * e] = hex(cell.lambda()[e]);
          f[2 * e + 1] = hex(cell.stderr()[e]);
        }
        return f;
      }

      @Override
      public SweepRunner.CellResult decode(String[] f) {
        double[] lam = new double[exponents], err = new double[exponents];
        for (int e = 0; e < exponents; e++) {
          lam[e] = unhex(f[2 * e]);
          err[e] = unhex(f[2 * e + 1]);
        }
        return new SweepRunner.CellResult(lam, err);
      }
    };
  }

  /** {@link #open(Path, String, Codec, Map)} for a Lyapunov sweep with {@code exponents} exponents per cell. */
  public static SweepCheckpoint<SweepRunner.CellResult> open(Path path, String fingerprint, int exponents,
      Map<Integer, SweepRunner.CellResult> done) {
    return open(path, fingerprint, exponents(exponents), done);
  }

  /**
   * {@link #open(Path, String, Codec, Map)}, but with {@code discardStale} (the user's {@code --force}) a
   * checkpoint of other arguments is deleted, with one line on {@code err} saying so, instead of refused.
   */
  public static <C> SweepCheckpoint<C> open(Path path, String fingerprint, Codec<C> codec, Map<Integer, C> done,
      boolean discardStale, java.io.PrintStream err) {
    SweepCheckpoint<C> opened;
    try {
      opened = open(path, fingerprint, codec, done);
    } catch (Unusable e) {
      if (!discardStale || !Files.exists(path)) {
        throw e;
      }
      try {
        Files.delete(path);
      } catch (IOException io) {
        throw new IllegalArgumentException("cannot delete the stale checkpoint " + path + ": " + io.getMessage());
      }
      err.println("sgdmc: --force: discarded " + path + ", " + e.what);
      done.clear();
      opened = open(path, fingerprint, codec, done);
    }
    List<Integer> bad = opened.damagedLines();
    if (!bad.isEmpty()) {
      String lines = bad.stream().limit(5).map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
      err.println("sgdmc: checkpoint " + path + ": " + (bad.size() == 1 ? "line " : "lines ") + lines
          + (bad.size() > 5 ? " and " + (bad.size() - 5) + " more" : "") + (bad.size() == 1 ? " is" : " are")
          + " damaged (unreadable or a wrong checksum); " + (bad.size() == 1 ? "its cell runs" : "their cells run")
          + " again");
    }
    return opened;
  }

  /** Line numbers (1-based) of the cells a reopened checkpoint could not use; they run again. */
  public List<Integer> damagedLines() {
    return List.copyOf(damaged);
  }

  /**
   * Reads the finished cells of a previous run with the same fingerprint into {@code done} (nothing if there
   * is no checkpoint) and opens the checkpoint for appending. A checkpoint from other arguments, of another
   * format, or a file that is no checkpoint at all is an error ({@link Unusable}, one line), not silently
   * replaced.
   */
  public static <C> SweepCheckpoint<C> open(Path path, String fingerprint, Codec<C> codec, Map<Integer, C> done) {
    String header = MAGIC + " " + fingerprint;
    try {
      if (Files.exists(path)) {
        byte[] bytes = Files.readAllBytes(path);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
          end--; // complete lines only
        }
        String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
        if (end == 0 && header.startsWith(new String(bytes, StandardCharsets.UTF_8))) {
          Files.delete(path); // killed while writing the header: nothing was checkpointed
        } else {
          String[] lines = text.split("\n", -1);
          if (!lines[0].equals(header)) {
            throw unusable(path, lines[0]);
          }
          List<Integer> damaged = new java.util.ArrayList<>();
          for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isEmpty() && !parse(lines[i], codec, done)) {
              damaged.add(i + 1);
            }
          }
          if (end < bytes.length) {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
              ch.truncate(end); // cut a torn last line, so what follows starts on a line of its own
            }
          }
          SweepCheckpoint<C> resumed = new SweepCheckpoint<>(path, codec,
              Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
          resumed.damaged.addAll(damaged);
          return resumed;
        }
      }
      Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
      w.write(header + "\n");
      w.flush();
      SweepCheckpoint<C> fresh = new SweepCheckpoint<>(path, codec, w);
      fresh.fresh = true;
      return fresh;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot use checkpoint " + path + ": " + e.getMessage());
    }
  }

  /** Why a first line is not {@code header}'s. */
  private static Unusable unusable(Path path, String first) {
    if (first.startsWith(MAGIC + " ")) {
      return new Unusable(path, "a checkpoint of a sweep with other arguments",
          "rerun that sweep, or delete the checkpoint (or give --force) to start afresh");
    }
    if (first.startsWith(FORMAT)) {
      return new Unusable(path, "a checkpoint of another sgdmc version's format",
          "delete it (or give --force) to start afresh");
    }
    return new Unusable(path, "not a sweep checkpoint (its first line is not sgdmc's)",
        "delete it (or give --force) to start afresh");
  }

  /** Reads one cell's line into {@code done}; false (and nothing read) if it is damaged. */
  private static <C> boolean parse(String line, Codec<C> codec, Map<Integer, C> done) {
    int lastSpace = line.lastIndexOf(' ');
    if (lastSpace < 0 || !line.substring(lastSpace + 1).equals(crc(line.substring(0, lastSpace)))) {
      return false;
    }
    String[] f = line.substring(0, lastSpace).split(" ", -1);
    if (f.length != 1 + codec.fields()) {
      return false;
    }
    try {
      String[] fields = new String[codec.fields()];
      System.arraycopy(f, 1, fields, 0, fields.length);
      C cell = codec.decode(fields);
      int index = Integer.parseInt(f[0]);
      if (index < 0) {
        return false;
      }
      done.put(index, cell);
      return true;
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return false;
    }
  }

  /** The CRC-32 of a line's text, as 8 hex digits: catches a flipped bit that would still parse. */
  private static String crc(String text) {
    java.util.zip.CRC32 c = new java.util.zip.CRC32();
    c.update(text.getBytes(StandardCharsets.UTF_8));
    return String.format("%08x", c.getValue());
  }

  /** Appends one finished cell and flushes it to the file. */
  public synchronized void append(int cell, C result) {
    append(new int[] {cell}, List.of(result));
  }

  /** Appends finished cells and flushes them to the file. */
  public synchronized void append(int[] cells, C[] results) {
    append(cells, Arrays.asList(results));
  }

  private void append(int[] cells, List<C> results) {
    try {
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < cells.length; k++) {
        int lineStart = sb.length();
        sb.append(cells[k]);
        String[] f = codec.encode(results.get(k));
        if (f.length != codec.fields()) {
          throw new IllegalStateException("codec gave " + f.length + " fields, not " + codec.fields());
        }
        for (String s : f) {
          if (s.indexOf(' ') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            throw new IllegalStateException("checkpoint field with a space or line break: " + s);
          }
          sb.append(' ').append(s);
        }
        String crc = crc(sb.substring(lineStart));
        sb.append(' ').append(crc).append('\n');
      }
      out.write(sb.toString());
      out.flush();
      appended += cells.length;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to checkpoint " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close checkpoint " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * For a run that failed: a checkpoint this run created and never wrote a cell to is deleted (it would only
   * block the corrected command), any other is kept for the rerun.
   */
  public void abandon() {
    if (fresh && appended == 0) {
      delete();
    } else {
      close();
    }
  }

  /** Closes and deletes the checkpoint (after the result file is safely written). */
  public void delete() {
    close();
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete checkpoint " + path + ": " + e.getMessage(), e);
    }
  }

  /** Cells as the lines a checkpoint holds (index, then the codec's fields), for a shard file's state. */
  public static <C> byte[] encode(Map<Integer, C> cells, Codec<C> codec) {
    StringBuilder sb = new StringBuilder(MAGIC).append('\n');
    cells.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      sb.append(e.getKey());
      for (String f : codec.encode(e.getValue())) {
        sb.append(' ').append(f);
      }
      sb.append('\n');
    });
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The cells that {@link #encode} wrote; IllegalArgumentException, naming the line, where one does not parse. */
  public static <C> Map<Integer, C> decode(byte[] bytes, Codec<C> codec) {
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
    if (!lines[0].equals(MAGIC) || !lines[lines.length - 1].isEmpty()) {
      throw new IllegalArgumentException("not a sweep's saved cells (or truncated)");
    }
    Map<Integer, C> cells = new HashMap<>();
    for (int i = 1; i < lines.length - 1; i++) {
      String[] f = lines[i].split(" ", -1);
      if (f.length != 1 + codec.fields()) {
        throw new IllegalArgumentException("saved cell line " + i + " has " + (f.length - 1) + " fields, not " + codec.fields());
      }
      try {
        cells.put(Integer.parseInt(f[0]), codec.decode(Arrays.copyOfRange(f, 1, f.length)));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("saved cell line " + i + " does not parse: " + e.getMessage());
      }
    }
    return cells;
  }

  /** A double as the hex of its raw bits (NaN payloads and the sign of zero included). */
  public static String hex(double v) {
    return Long.toHexString(Double.doubleToRawLongBits(v));
  }

  /** The double whose raw bits {@link #hex} wrote. */
  public static double unhex(String s) {
    return Double.longBitsToDouble(Long.parseUnsignedLong(s, 16));
  }

  /**
   * Text as one field: {@code -} for null, else {@code =} and the text with every character outside printable
   * ASCII but the space, and the backslash, written as {@code \}{@code uXXXX} (UTF-16 units, so any string,
   * lone surrogates included, comes back unchanged), and the space as {@code \s}.
   */
  public static String escape(String s) {
    if (s == null) {
      return "-";
    }
    StringBuilder sb = new StringBuilder(s.length() + 1).append('=');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ') {
        sb.append("\\s");
      } else if (c == '\\') {
        sb.append("\\\\");
      } else if (c > ' ' && c < 0x7f) {
        sb.append(c);
      } else {
        sb.append(String.format("\\u%04x", (int) c));
      }
    }
    return sb.toString();
  }

  /** The text {@link #escape} wrote; IllegalArgumentException where the field is not one it writes. */
  public static String unescape(String f) {
    if (f.equals("-")) {
      return null;
    }
    if (!f.startsWith("=")) {
      throw new IllegalArgumentException("not an escaped text: " + f);
    }
    StringBuilder sb = new StringBuilder(f.length());
    for (int i = 1; i < f.length(); i++) {
      char c = f.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (i + 1 >= f.length()) {
        throw new IllegalArgumentException("torn escape");
      }
      char e = f.charAt(++i);
      switch (e) {
        case 's' -> sb.append(' ');
        case '\\' -> sb.append('\\');
        case 'u' -> {
          if (i + 5 > f.length()) {
            throw new IllegalArgumentException("torn escape");
          }
          sb.append((char) Integer.parseInt(f.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> throw new IllegalArgumentException("bad escape \\" + e);
      }
    }
    return sb.toString();
  }

  /** For tests. */
  static Map<Integer, SweepRunner.CellResult> read(Path path, String fingerprint, int exponents) {
    return read(path, fingerprint, exponents(exponents));
  }

  /** For tests: the cells of a checkpoint. */
  static <C> Map<Integer, C> read(Path path, String fingerprint, Codec<C> codec) {
    Map<Integer, C> done = new HashMap<>();
    open(path, fingerprint, codec, done).close();
    return done;
  }
}
