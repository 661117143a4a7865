package org.sgdmc.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sgdmc.io.HdfNode;
import org.sgdmc.io.ResultFileReader;
import org.sgdmc.io.TreeJson;
import org.sgdmc.io.Value;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sgdmc inspect FILE [--json]}: what an HDF5 result holds, for a person or (with --json) for a script.
 *
 * <p>The text form is a summary: short arrays in full, long ones as their ends and statistics, long strings
 * cut. A node's {@code units} (an sgdmc file gives every group and dataset one) go in brackets after its name,
 * and its {@code description}, whole, on the line below. The JSON form ({@link TreeJson}) holds every value in
 * full.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Shows the attributes and datasets of an HDF5 file (any, not only sgdmc's).")
public final class InspectCommand implements Callable<Integer> {

  /** Arrays up to this many elements are shown in full. */
  static final int SHOW_ALL = 12;
  /** Elements shown from each end of a longer array. */
  static final int SHOW_ENDS = 3;
  /** Strings longer than this are cut in the text form. */
  static final int MAX_TEXT = 100;

  /** Root attributes that say what produced a file come first, in this order; the others follow by name. */
  private static final List<String> PROVENANCE = List.of("sgdmc_version", "git_commit", "command", "seed", "rng",
      "created", "java", "cpu", "vector_width", "threads");

  @Parameters(index = "0", paramLabel = "FILE", description = "HDF5 file to inspect.")
  Path file;

  @Option(names = "--json", description = "Print the whole tree with every value as one JSON document. "
      + "Non-finite numbers are the strings \"inf\", \"-inf\", \"nan\".")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    HdfNode.Group root;
    try {
      root = ResultFileReader.read(file);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? TreeJson.document(file.toString(), root) : text(root));
    out.flush();
    return 0;
  }

  private String text(HdfNode.Group root) {
    StringBuilder sb = new StringBuilder();
    sb.append("file  ").append(file).append("  (").append(fileSize()).append(")\n");
    walk(root, sb);
    return sb.toString();
  }

  private String fileSize() {
    try {
      long bytes = Files.size(file);
      if (bytes < 1024) {
        return bytes + " B";
      }
      int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10; // 1 = KiB, 2 = MiB, ...
      return String.format(Locale.ROOT, "%.1f %siB", bytes / Math.pow(1024, unit), "KMGTPE".charAt(unit - 1));
    } catch (IOException e) {
      return "size unknown";
    }
  }

  /** A group's header and attributes, then its datasets, then its subgroups: a dataset reads under its group. */
  private static void walk(HdfNode.Group g, StringBuilder sb) {
    sb.append("\ngroup ").append(g.path()).append(units(g)).append('\n');
    description(g, sb);
    attributes(g, sb);
    for (HdfNode c : g.children()) {
      if (c instanceof HdfNode.Dataset d) {
        dataset(d, sb);
      }
    }
    for (HdfNode c : g.children()) {
      if (c instanceof HdfNode.Group sub) {
        walk(sub, sb);
      }
    }
  }

  private static void dataset(HdfNode.Dataset d, StringBuilder sb) {
    Value v = d.value();
    sb.append("\ndataset ").append(d.path()).append("  ").append(type(v)).append(units(d)).append('\n');
    description(d, sb);
    attributes(d, sb);
    if (!v.isReadable()) {
      sb.append("  (unreadable: ").append(v.error()).append(")\n");
      return;
    }
    sb.append("  ").append(v.isScalar() ? "value   " : "values  ").append(values(v)).append('\n');
    if (v.size() > SHOW_ALL && (v.isFloat() || v.isInteger())) {
      sb.append("  stats   ").append(stats(v)).append('\n');
    }
  }

  /** The attributes shown in the node's header rather than among its attributes. */
  private static final List<String> HEADER = List.of("description", "units");

  /** {@code "  [units]"}, or nothing when the node has no one-string {@code units} attribute. */
  private static String units(HdfNode node) {
    String u = text(node, "units");
    return u == null ? "" : "  [" + escape(u) + "]";
  }

  /** The node's {@code description}, whole, indented under its header. */
  private static void description(HdfNode node, StringBuilder sb) {
    String d = text(node, "description");
    if (d != null) {
      sb.append("  ").append(escape(d)).append('\n');
    }
  }

  /** A one-string attribute's text, or null. */
  private static String text(HdfNode node, String name) {
    Value v = node.attributes().get(name);
    return v != null && v.isReadable() && v.isString() && v.isScalar() ? v.strings()[0] : null;
  }

  /** One aligned line per attribute: {@code @name  dtype (shape)  value}. */
  private static void attributes(HdfNode node, StringBuilder sb) {
    List<String> names = new ArrayList<>(node.attributes().keySet());
    names.removeIf(n -> HEADER.contains(n) && text(node, n) != null);
    if (node.path().equals("/")) {
      names.sort((a, b) -> Integer.compare(rank(a), rank(b))); // stable: the rest stays sorted by name
    }
    int nameWidth = 0;
    int typeWidth = 0;
    for (String name : names) {
      nameWidth = Math.max(nameWidth, name.length());
      typeWidth = Math.max(typeWidth, type(node.attribute(name)).length());
    }
    for (String name : names) {
      Value v = node.attribute(name);
      String shown = v.isReadable() ? values(v) : "(unreadable: " + v.error() + ")";
      sb.append("  @").append(pad(name, nameWidth)).append("  ").append(pad(type(v), typeWidth))
          .append("  ").append(shown).append('\n');
    }
  }

  private static int rank(String name) {
    int i = PROVENANCE.indexOf(name);
    return i >= 0 ? i : PROVENANCE.size();
  }

  /** {@code float64} for a scalar, {@code float64 (3, 1000)} for an array. */
  static String type(Value v) {
    if (v.isScalar()) {
      return v.dtype();
    }
    StringBuilder sb = new StringBuilder(v.dtype()).append(" (");
    for (int i = 0; i < v.shape().length; i++) {
      sb.append(i == 0 ? "" : ", ").append(v.shape()[i]);
    }
    return sb.append(')').toString();
  }

  /** All elements (nested by shape) if few, else the first and last few of the row-major order. */
  static String values(Value v) {
    if (v.isScalar()) {
      return element(v.get(0));
    }
    if (v.size() <= SHOW_ALL) {
      StringBuilder sb = new StringBuilder();
      nested(v, 0, 0, sb);
      return sb.toString();
    }
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < SHOW_ENDS; i++) {
      sb.append(element(v.get(i))).append(", ");
    }
    sb.append("...");
    for (int i = v.size() - SHOW_ENDS; i < v.size(); i++) {
      sb.append(", ").append(element(v.get(i)));
    }
    return sb.append(']').toString();
  }

  private static void nested(Value v, int dim, int offset, StringBuilder sb) {
    if (dim == v.shape().length) {
      sb.append(element(v.get(offset)));
      return;
    }
    int stride = 1;
    for (int d = dim + 1; d < v.shape().length; d++) {
      stride *= v.shape()[d];
    }
    sb.append('[');
    for (int i = 0; i < v.shape()[dim]; i++) {
      sb.append(i == 0 ? "" : ", ");
      nested(v, dim + 1, offset + i * stride, sb);
    }
    sb.append(']');
  }

  /** min and max (NaN ignored, infinities included), and for floats how many elements are not finite. */
  static String stats(Value v) {
    if (v.isInteger()) {
      long[] l = v.longs();
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (long x : l) {
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
      return "min " + min + "  max " + max;
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int nan = 0;
    int posInf = 0;
    int negInf = 0;
    for (double x : v.doubles()) {
      if (Double.isNaN(x)) {
        nan++;
        continue;
      }
      posInf += x == Double.POSITIVE_INFINITY ? 1 : 0;
      negInf += x == Double.NEGATIVE_INFINITY ? 1 : 0;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    String range = nan == v.size() ? "min nan  max nan" : "min " + number(min) + "  max " + number(max);
    return range + "  nan " + nan + "  +inf " + posInf + "  -inf " + negInf;
  }

  private static String element(Object x) {
    return switch (x) {
      case Double d -> number(d);
      case Float f -> number(f.doubleValue());
      case String s -> quote(s);
      default -> String.valueOf(x);
    };
  }

  /** Shortest decimal that reads back to the same double, so nothing is hidden by rounding. */
  static String number(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    return Double.toString(d).replace("E", "e");
  }

  /** Quoted, with control characters escaped and long text cut so one attribute stays one line. */
  static String quote(String s) {
    String cut = s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
    String quoted = "\"" + escape(cut).replace("\"", "\\\"") + "\"";
    return s.length() > MAX_TEXT ? quoted + "... (" + s.length() + " chars)" : quoted;
  }

  /** Control characters and backslashes escaped, so text from a file stays on its line. */
  private static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> sb.append(c < 0x20 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
      }
    }
    return sb.toString();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
