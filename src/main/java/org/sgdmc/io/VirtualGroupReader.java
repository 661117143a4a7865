package org.sgdmc.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Reads, for {@link ResultFileReader}, a group that holds HDF5 virtual datasets, which jhdf 0.13 cannot read
 * (it cannot even list the group: "Virtual storage is not supported"). A group that sgdmc wrote that way
 * ({@code sgdmc merge --virtual}) names its virtual datasets and their shard files in its attributes ({@code
 * virtual_datasets}, {@code virtual_sources}, {@code virtual_source_first}); each dataset is then put together
 * here from the shards' datasets at the same path, as HDF5 would. A shard file that is missing makes the
 * dataset unreadable with a message naming it, rather than the zeros or fill values a reader that follows the
 * mapping would return. Another program's virtual group becomes one unreadable entry saying what it is.
 */
final class VirtualGroupReader {
  private VirtualGroupReader() {}

  /** Whether jhdf failed on {@code e} because of virtual storage. */
  static boolean isVirtual(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c.getMessage() != null && c.getMessage().contains("Virtual storage is not supported")) {
        return true;
      }
    }
    return false;
  }

  /** The group at {@code path} of {@code file}, whose attributes are {@code attributes}. */
  static HdfNode.Group read(Path file, String path, SortedMap<String, Value> attributes) {
    Value names = attributes.get("virtual_datasets");
    Value sources = attributes.get("virtual_sources");
    Value firsts = attributes.get("virtual_source_first");
    String prefix = path.equals("/") ? "/" : path + "/";
    if (names == null || sources == null || firsts == null || !names.isReadable() || !sources.isReadable()
        || !firsts.isReadable() || sources.size() != firsts.size()) {
      return new HdfNode.Group(path, attributes, List.of(new HdfNode.Dataset(prefix + "*", HdfNode.sorted(Map.of()),
          Value.unreadable("virtual", new int[0], "the group holds HDF5 virtual datasets, which jhdf cannot read "
              + "(h5py and h5dump can)"))));
    }
    Path dir = file.toAbsolutePath().getParent();
    List<String> missing = new ArrayList<>();
    for (String s : sources.strings()) {
      if (!Files.isReadable(dir.resolve(s))) {
        missing.add(s);
      }
    }
    List<HdfNode> children = new ArrayList<>();
    for (String name : names.strings()) {
      String dataset = prefix + name;
      Map<String, Value> attrs = new LinkedHashMap<>();
      attrs.put("description", Value.of("[time, trajectory]: " + name + " of every trajectory, a virtual dataset "
          + "over the shard files in " + path + "@virtual_sources (column block i from the i-th)"));
      Value value;
      if (!missing.isEmpty()) {
        value = Value.unreadable("float64", new int[0], String.format("virtual dataset over %d shard files, of which "
            + "%d missing: %s (moved or deleted? they must stay at these paths, relative to %s; h5py reads their "
            + "part as NaN, the fill value)", sources.size(), missing.size(), String.join(", ",
                missing.subList(0, Math.min(4, missing.size()))) + (missing.size() > 4 ? ", ..." : ""), dir));
      } else {
        value = assemble(dir, dataset, sources.strings(), firsts.longs(), attrs);
      }
      children.add(new HdfNode.Dataset(dataset, HdfNode.sorted(attrs), value));
    }
    return new HdfNode.Group(path, attributes, List.copyOf(children));
  }

  /** The columns of every source, side by side; the units are the first source's. */
  private static Value assemble(Path dir, String dataset, String[] sources, long[] firsts, Map<String, Value> attrs) {
    double[][][] blocks = new double[sources.length][][];
    int rows = -1;
    long cols = 0;
    for (int i = 0; i < sources.length; i++) {
      try (HdfFile shard = new HdfFile(dir.resolve(sources[i]))) {
        Node n = shard.getByPath(dataset);
        if (!(n instanceof Dataset d) || d.getDimensions().length != 2) {
          return Value.unreadable("float64", new int[0], sources[i] + " has no 2-D dataset " + dataset);
        }
        if (i == 0 && d.getAttribute("units") != null) {
          attrs.put("units", Value.of(String.valueOf(d.getAttribute("units").getData())));
        }
        blocks[i] = (double[][]) d.getData();
      } catch (RuntimeException e) {
        return Value.unreadable("float64", new int[0], "cannot read " + sources[i] + ": " + e.getMessage());
      }
      int r = blocks[i].length;
      if ((rows >= 0 && r != rows) || firsts[i] != cols) {
        return Value.unreadable("float64", new int[0], sources[i] + ":" + dataset + " does not fit its place");
      }
      rows = r;
      cols += r == 0 ? 0 : blocks[i][0].length;
    }
    if (cols > Integer.MAX_VALUE - 8 || rows * cols > Integer.MAX_VALUE - 8) {
      return Value.unreadable("float64", new int[] {rows, (int) Math.min(cols, Integer.MAX_VALUE)},
          "too large to read here (use h5py)");
    }
    double[] flat = new double[(int) (rows * cols)];
    for (int r = 0; r < rows; r++) {
      int at = (int) (r * cols);
      for (double[][] b : blocks) {
        System.arraycopy(b[r], 0, flat, at, b[r].length);
        at += b[r].length;
      }
    }
    return new Value("float64", new int[] {rows, (int) cols}, flat);
  }
}
