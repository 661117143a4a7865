package org.sgdmc.io;

import java.util.Map;

/**
 * Serialises an {@link HdfNode} tree as one JSON document, with every value in full.
 *
 * <p>Layout: a group is {@code {"type": "group", "path", "attributes", "children"}}, a dataset is
 * {@code {"type": "dataset", "path", "dtype", "shape", "value", "attributes"}}; {@code attributes} and
 * {@code children} are objects keyed by name, each attribute being {@code {"dtype", "shape", "value"}}.
 * A value is a bare JSON scalar for shape {@code []} and nested arrays otherwise. An unreadable value is
 * {@code null} with an {@code "error"} member beside it.
 *
 * <p>Format choices:
 * <ul>
 *   <li>Non-finite doubles, which JSON cannot express, are the strings {@code "inf"}, {@code "-inf"} and
 *       {@code "nan"}: unlike {@code null} they keep the information, and Python's {@code float()} accepts them.
 *   <li>Finite doubles use Java's shortest round-tripping decimal ({@link Double#toString}), so parsing gives
 *       back the same bits; integers are written exactly, even beyond 2^53.
 *   <li>The output is pure ASCII (other characters as {@code \\uXXXX}), so it survives any console encoding.
 * </ul>
 */
public final class TreeJson {

  private final StringBuilder out = new StringBuilder();

  private TreeJson() {}

  /** The document {@code {"file": file, "root": <root group>}}, pretty-printed, with a final newline. */
  public static String document(String file, HdfNode.Group root) {
    TreeJson j = new TreeJson();
    j.out.append("{\n  \"file\": ");
    j.string(file);
    j.out.append(",\n  \"root\": ");
    j.node(root, 1);
    j.out.append("\n}\n");
    return j.out.toString();
  }

  private void node(HdfNode node, int depth) {
    out.append("{\n");
    String in = "  ".repeat(depth + 1);
    switch (node) {
      case HdfNode.Group g -> {
        member(in, "type").append("\"group\",\n");
        member(in, "path");
        string(g.path());
        out.append(",\n");
        attributes(g.attributes(), in, depth + 1);
        out.append(",\n");
        member(in, "children").append('{');
        String sep = "\n";
        for (HdfNode c : g.children()) {
          out.append(sep);
          member(in + "  ", c.name());
          node(c, depth + 2);
          sep = ",\n";
        }
        out.append(g.children().isEmpty() ? "}" : "\n" + in + "}");
      }
      case HdfNode.Dataset d -> {
        member(in, "type").append("\"dataset\",\n");
        member(in, "path");
        string(d.path());
        out.append(",\n");
        valueMembers(d.value(), in);
        out.append(",\n");
        attributes(d.attributes(), in, depth + 1);
      }
    }
    out.append('\n').append("  ".repeat(depth)).append('}');
  }

  private void attributes(Map<String, Value> attributes, String in, int depth) {
    member(in, "attributes").append('{');
    String sep = "\n";
    String inner = "  ".repeat(depth + 1);
    for (Map.Entry<String, Value> a : attributes.entrySet()) {
      out.append(sep);
      member(inner, a.getKey()).append('{');
      valueMembers(a.getValue(), "");
      out.append('}');
      sep = ",\n";
    }
    out.append(attributes.isEmpty() ? "}" : "\n" + in + "}");
  }

  /** {@code "dtype": ..., "shape": [...], "value": ...}, each on its own line when {@code in} is not empty. */
  private void valueMembers(Value v, String in) {
    String sep = in.isEmpty() ? ", " : ",\n";
    member(in, "dtype");
    string(v.dtype());
    out.append(sep);
    member(in, "shape").append('[');
    for (int i = 0; i < v.shape().length; i++) {
      out.append(i == 0 ? "" : ", ").append(v.shape()[i]);
    }
    out.append(']').append(sep);
    member(in, "value");
    if (!v.isReadable()) {
      out.append("null").append(sep);
      member(in, "error");
      string(v.error());
    } else {
      array(v, 0, 0);
    }
  }

  /** Writes the elements of dimension {@code dim} starting at flat index {@code offset}, as nested arrays. */
  private void array(Value v, int dim, int offset) {
    int[] shape = v.shape();
    if (dim == shape.length) {
      element(v.get(offset));
      return;
    }
    int stride = 1;
    for (int d = dim + 1; d < shape.length; d++) {
      stride *= shape[d];
    }
    out.append('[');
    for (int i = 0; i < shape[dim]; i++) {
      if (i > 0) {
        out.append(", ");
      }
      array(v, dim + 1, offset + i * stride);
    }
    out.append(']');
  }

  private void element(Object x) {
    switch (x) {
      case Double d -> number(d);
      case Float f -> number(f.doubleValue());
      case String s -> string(s);
      case Number n -> out.append(n);
      case Boolean b -> out.append(b);
      case null -> out.append("null");
      default -> string(x.toString());
    }
  }

  private void number(double d) {
    if (Double.isNaN(d)) {
      out.append("\"nan\"");
    } else if (Double.isInfinite(d)) {
      out.append(d > 0 ? "\"inf\"" : "\"-inf\"");
    } else {
      out.append(d); // e.g. 0.1, 1.0E-5, -0.0: all valid JSON numbers
    }
  }

  private StringBuilder member(String indent, String name) {
    out.append(indent);
    string(name);
    return out.append(": ");
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
