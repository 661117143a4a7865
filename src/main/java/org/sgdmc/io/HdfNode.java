package org.sgdmc.io;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One node of an HDF5 file as read into memory by {@link ResultFileReader}: a group or a dataset.
 *
 * <p>Attributes are sorted by name and children by name (as h5py and h5dump list them), so output built from
 * the tree does not depend on jhdf's hash order.
 */
public sealed interface HdfNode permits HdfNode.Group, HdfNode.Dataset {

  /** Absolute path, {@code "/"} for the root group. */
  String path();

  SortedMap<String, Value> attributes();

  /** Last path component; {@code "/"} for the root. */
  default String name() {
    String p = path();
    return p.equals("/") ? "/" : p.substring(p.lastIndexOf('/') + 1);
  }

  /** The attribute {@code name}; fails if there is none. */
  default Value attribute(String name) {
    Value v = attributes().get(name);
    if (v == null) {
      throw new NoSuchElementException("no attribute " + name + " on " + path());
    }
    return v;
  }

  record Group(String path, SortedMap<String, Value> attributes, List<HdfNode> children) implements HdfNode {

    /** The node at an absolute path, or a path relative to this group; fails if there is none. */
    public HdfNode node(String path) {
      if (path.startsWith("/") && !this.path().equals("/")) {
        throw new IllegalArgumentException("absolute path " + path + " given to group " + this.path());
      }
      HdfNode at = this;
      for (String part : path.split("/")) {
        if (part.isEmpty()) {
          continue;
        }
        if (!(at instanceof Group g)) {
          throw new NoSuchElementException("no node " + path + " (" + at.path() + " is a dataset)");
        }
        at = g.children.stream()
            .filter(c -> c.name().equals(part))
            .findFirst()
            .orElseThrow(() -> new NoSuchElementException("no node " + path));
      }
      return at;
    }

    public Group group(String path) {
      if (node(path) instanceof Group g) {
        return g;
      }
      throw new NoSuchElementException(path + " is not a group");
    }

    public Dataset dataset(String path) {
      if (node(path) instanceof Dataset d) {
        return d;
      }
      throw new NoSuchElementException(path + " is not a dataset");
    }
  }

  record Dataset(String path, SortedMap<String, Value> attributes, Value value) implements HdfNode {}

  /** Attributes of the form {@code name -> value}, sorted by name. */
  static SortedMap<String, Value> sorted(Map<String, Value> attributes) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
  }
}
