package org.sgdmc.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.BitField;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.datatype.VariableLength;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Supplier;

/**
 * Reads a whole HDF5 file (any, not only sgdmc's) into an in-memory {@link HdfNode} tree with jhdf.
 *
 * <p>Reading everything eagerly keeps jhdf's lazily-failing objects out of the callers: a file that cannot be
 * opened fails here with one clear line, and an individual dataset jhdf cannot decode (an unsupported type,
 * a broken link) becomes an unreadable {@link Value} rather than an exception half way through printing.
 */
public final class ResultFileReader {

  private ResultFileReader() {}

  /**
   * The root group of {@code file}. A missing file, a directory or a file that is not HDF5 gives an
   * {@link IllegalArgumentException} with a one-line message.
   */
  public static HdfNode.Group read(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(file + " is a directory, not an HDF5 file");
    }
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("cannot read " + file + ": permission denied");
    }
    HdfFile hdf;
    try {
      hdf = new HdfFile(file);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + " is not an HDF5 file (" + oneLine(e) + ")");
    }
    try (hdf) {
      return group(hdf, "/", file);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cannot read " + file + ": damaged HDF5 file (" + oneLine(e) + ")");
    }
  }

  private static HdfNode.Group group(Group g, String path, Path file) {
    Map<String, Node> nodes;
    try {
      nodes = g.getChildren();
    } catch (RuntimeException e) {
      if (VirtualGroupReader.isVirtual(e)) {
        return VirtualGroupReader.read(file, path, attributes(g));
      }
      throw e;
    }
    List<HdfNode> children = new ArrayList<>();
    for (Node child : nodes.values()) {
      String childPath = (path.equals("/") ? "" : path) + "/" + child.getName();
      children.add(node(child, childPath, file));
    }
    children.sort(Comparator.comparing(HdfNode::name));
    return new HdfNode.Group(path, attributes(g), List.copyOf(children));
  }

  private static HdfNode node(Node n, String path, Path file) {
    Node target = n;
    if (n instanceof Link link) {
      try {
        target = link.getTarget();
      } catch (RuntimeException e) {
        return new HdfNode.Dataset(path, HdfNode.sorted(Map.of()),
            Value.unreadable("link", new int[0], "broken link to " + link.getTargetPath()));
      }
    }
    return switch (target) {
      case Group g -> group(g, path, file);
      case Dataset d -> new HdfNode.Dataset(path, attributes(d), datasetValue(d));
      default -> new HdfNode.Dataset(path, HdfNode.sorted(Map.of()),
          Value.unreadable("other", new int[0], "unsupported node type " + target.getType()));
    };
  }

  private static SortedMap<String, Value> attributes(Node n) {
    Map<String, Value> out = new LinkedHashMap<>();
    for (Map.Entry<String, Attribute> e : n.getAttributes().entrySet()) {
      Attribute a = e.getValue();
      out.put(e.getKey(), value(a.getDataType(), a.getDimensions(), a::getData));
    }
    return HdfNode.sorted(out);
  }

  private static Value datasetValue(Dataset d) {
    return value(d.getDataType(), d.getDimensions(), d::getData);
  }

  private static Value value(DataType type, int[] shape, Supplier<Object> source) {
    String dtype = dtype(type);
    try {
      if (Value.count(shape) == 0) {
        return new Value(dtype, shape.clone(), Array.newInstance(leafType(type), 0));
      }
      return new Value(dtype, shape.clone(), flatten(source.get(), shape));
    } catch (RuntimeException e) {
      return Value.unreadable(dtype, shape.clone(), oneLine(e));
    }
  }

  /** numpy's name for the type as h5py would report it, "string" for text, else a short description. */
  static String dtype(DataType t) {
    return switch (t) {
      case FloatingPoint f -> "float" + 8 * f.getSize();
      case FixedPoint f -> (f.isSigned() ? "int" : "uint") + 8 * f.getSize();
      case StringData s -> "string";
      case VariableLength v when v.isVariableLengthString() -> "string";
      case BitField b -> "bool";
      default -> t.getClass().getSimpleName().replace("DataType", "").toLowerCase();
    };
  }

  /** The Java element type jhdf uses for a dataset of this type, for empty arrays. */
  private static Class<?> leafType(DataType t) {
    Class<?> c = t.getJavaType();
    return c == null ? Object.class : c;
  }

  /**
   * jhdf returns a boxed object for a scalar and nested arrays ({@code double[][]}, ...) otherwise; this makes
   * a flat row-major array of the innermost component type.
   */
  static Object flatten(Object data, int[] shape) {
    if (shape.length == 0) {
      Object one = Array.newInstance(primitive(data.getClass()), 1);
      Array.set(one, 0, data);
      return one;
    }
    Class<?> leaf = data.getClass();
    while (leaf.isArray()) {
      leaf = leaf.getComponentType();
    }
    Object flat = Array.newInstance(leaf, Value.count(shape));
    copyRows(data, shape.length, flat, new int[] {0});
    return flat;
  }

  private static void copyRows(Object nested, int depth, Object flat, int[] at) {
    if (depth == 1) {
      int n = Array.getLength(nested);
      System.arraycopy(nested, 0, flat, at[0], n);
      at[0] += n;
      return;
    }
    for (int i = 0, n = Array.getLength(nested); i < n; i++) {
      copyRows(Array.get(nested, i), depth - 1, flat, at);
    }
  }

  private static Class<?> primitive(Class<?> boxed) {
    return switch (boxed.getName()) {
      case "java.lang.Double" -> double.class;
      case "java.lang.Float" -> float.class;
      case "java.lang.Long" -> long.class;
      case "java.lang.Integer" -> int.class;
      case "java.lang.Short" -> short.class;
      case "java.lang.Byte" -> byte.class;
      case "java.lang.Boolean" -> boolean.class;
      default -> boxed;
    };
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.lines().findFirst().orElse(m).strip();
  }
}
