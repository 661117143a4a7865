package org.sgdmc.io;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes a {@link ResultFile}'s tree with the HDF5 C library ({@link NativeHdf5}) instead of jhdf: the same
 * groups, datasets, attributes, dtypes and shapes (strings variable-length UTF-8, so h5py reads {@code str}),
 * so readers cannot tell the writers apart but by the file's bytes. What it adds: no 2 GiB cap on a dataset
 * (jhdf 0.13's), and the array is handed to {@code H5Dwrite} in place, not copied. All native memory of a
 * write lives in one arena closed with it; every HDF5 object opened is closed, also on failure.
 */
final class NativeFileWriter {
  private NativeFileWriter() {}

  /** A value as HDF5 sees it: file type, memory type, the data in memory, and a type to close (or -1). */
  record Typed(long fileType, long memType, MemorySegment data, long ownedType) {}

  static void write(NativeHdf5 h5, Path file, Map<String, Map<String, Value>> groups, Map<String, Value> datasets,
      Map<String, Map<String, Value>> datasetAttributes) {
    write(h5, file, groups, datasets, datasetAttributes, Map.of(), Long.MAX_VALUE);
  }

  /**
   * {@link #write(NativeHdf5, Path, Map, Map, Map)} plus {@code rowDatasets}: float64 matrices given by their rows
   * (each a Java array), written into one contiguous dataset each by hyperslabs of at most {@code maxElements}
   * elements, so a dataset may pass 2^31 elements, and no array is copied.
   */
  static void write(NativeHdf5 h5, Path file, Map<String, Map<String, Value>> groups, Map<String, Value> datasets,
      Map<String, Map<String, Value>> datasetAttributes, Map<String, double[][]> rowDatasets, long maxElements) {
    write(h5, file, groups, datasets, datasetAttributes, rowDatasets, maxElements, Map.of());
  }

  /** A 2-D float64 virtual dataset of {@code rows x cols}, its column blocks read from other files' datasets. */
  record Virtual(long rows, long cols, java.util.List<NativeHdf5.VirtualSource> sources) {}

  /**
   * {@link #write(NativeHdf5, Path, Map, Map, Map, Map, long)} plus {@code virtuals}: datasets that hold no
   * data of their own but map blocks of datasets in other files ({@code sgdmc merge --virtual}); what no source
   * can give reads as NaN.
   */
  static void write(NativeHdf5 h5, Path file, Map<String, Map<String, Value>> groups, Map<String, Value> datasets,
      Map<String, Map<String, Value>> datasetAttributes, Map<String, double[][]> rowDatasets, long maxElements,
      Map<String, Virtual> virtuals) {
    try (Arena arena = Arena.ofConfined()) {
      long f = h5.createFile(arena, file);
      try {
        writeTree(h5, arena, f, groups, datasets, datasetAttributes, Map.of(), false);
        for (Map.Entry<String, double[][]> d : rowDatasets.entrySet()) {
          writeRows(h5, f, d.getKey(), d.getValue(), datasetAttributes.getOrDefault(d.getKey(), Map.of()),
              maxElements);
        }
        for (Map.Entry<String, Virtual> d : virtuals.entrySet()) {
          writeVirtual(h5, f, d.getKey(), d.getValue(), datasetAttributes.getOrDefault(d.getKey(), Map.of()));
        }
      } finally {
        h5.closeFile(f, file);
      }
    }
  }

  /**
   * Writes the tree into the open file {@code f}, all its groups closed again at the end. With {@code chunked},
   * every array dataset is chunked (so a live file can rewrite parts of it under SWMR); {@code appendable} are
   * 1-D datasets created empty, chunked, deflated and unlimited, to grow with {@link LiveFile#append}.
   */
  static void writeTree(NativeHdf5 h5, Arena arena, long f, Map<String, Map<String, Value>> groups,
      Map<String, Value> datasets, Map<String, Map<String, Value>> datasetAttributes, Map<String, Value> appendable,
      boolean chunked) {
    Map<String, Long> handles = new HashMap<>();
    Deque<String> opened = new ArrayDeque<>();
    handles.put("/", f);
    try {
      for (String path : groups.keySet()) {
        if (!path.equals("/")) {
          handles.put(path, h5.createGroup(arena, handles.get(parent(path)), name(path), path));
          opened.push(path);
        }
      }
      for (Map.Entry<String, Value> d : datasets.entrySet()) {
        String path = d.getKey();
        writeDataset(h5, arena, handles.get(parent(path)), path, d.getValue(),
            datasetAttributes.getOrDefault(path, Map.of()), chunked && d.getValue().shape().length > 0);
      }
      for (Map.Entry<String, Value> d : appendable.entrySet()) {
        String path = d.getKey();
        createAppendable(h5, arena, handles.get(parent(path)), path, d.getValue(),
            datasetAttributes.getOrDefault(path, Map.of()));
      }
      for (Map.Entry<String, Map<String, Value>> g : groups.entrySet()) {
        for (Map.Entry<String, Value> a : g.getValue().entrySet()) {
          attribute(h5, arena, handles.get(g.getKey()), g.getKey(), a.getKey(), a.getValue());
        }
      }
    } finally {
      while (!opened.isEmpty()) {
        String path = opened.pop();
        h5.closeGroup(handles.get(path), path);
      }
    }
  }

  /** Elements per chunk of a live file's datasets, at most: 512 KiB of doubles. */
  static final long CHUNK_ELEMENTS = 1 << 16;

  /** Chunk dimensions for {@code shape}: whole rows where they fit, at most {@link #CHUNK_ELEMENTS} elements. */
  static long[] chunk(long[] shape) {
    long[] c = new long[shape.length];
    long room = CHUNK_ELEMENTS;
    for (int i = shape.length - 1; i >= 0; i--) {
      c[i] = Math.max(1, Math.min(shape[i], room));
      room = Math.max(1, room / c[i]);
    }
    return c;
  }

  /** One contiguous (rows, cols) float64 dataset at {@code path}, written row by row in pieces. */
  private static void writeRows(NativeHdf5 h5, long file, String path, double[][] rows, Map<String, Value> attributes,
      long maxElements) {
    long cols = rows[0].length;
    try (Arena arena = Arena.ofConfined()) {
      long space = h5.createSpace(arena, new long[] {rows.length, cols}, path);
      try {
        long d = h5.createDataset(arena, file, path, h5.fileDouble, space, path);
        try {
          for (int r = 0; r < rows.length; r++) {
            MemorySegment row = MemorySegment.ofArray(rows[r]);
            for (long from = 0; from < cols; from += maxElements) {
              long n = Math.min(maxElements, cols - from);
              try (Arena piece = Arena.ofConfined()) {
                h5.writeHyperslab(piece, d, h5.nativeDouble, new long[] {r, from}, new long[] {1, n},
                    row.asSlice(from * Double.BYTES, n * Double.BYTES), path);
              }
            }
          }
          for (Map.Entry<String, Value> a : attributes.entrySet()) {
            attribute(h5, arena, d, path, a.getKey(), a.getValue());
          }
        } finally {
          h5.closeDataset(d, path);
        }
      } finally {
        h5.closeSpace(space, path);
      }
    }
  }

  private static void writeVirtual(NativeHdf5 h5, long file, String path, Virtual v, Map<String, Value> attributes) {
    try (Arena arena = Arena.ofConfined()) {
      long space = h5.createSpace(arena, new long[] {v.rows(), v.cols()}, path);
      try {
        long dcpl = h5.virtualCreation(arena, v.rows(), v.cols(), v.sources(), Double.NaN, path);
        try {
          long d = h5.createDataset(arena, file, path, h5.fileDouble, space, dcpl, path);
          try {
            for (Map.Entry<String, Value> a : attributes.entrySet()) {
              attribute(h5, arena, d, path, a.getKey(), a.getValue());
            }
          } finally {
            h5.closeDataset(d, path);
          }
        } finally {
          h5.closeProperties(dcpl, path);
        }
      } finally {
        h5.closeSpace(space, path);
      }
    }
  }

  private static void createAppendable(NativeHdf5 h5, Arena arena, long loc, String path, Value v,
      Map<String, Value> attributes) {
    Typed t = typed(h5, arena, v, path);
    long space = h5.createSpace(arena, new long[] {0}, new long[] {NativeHdf5.H5S_UNLIMITED}, path);
    try {
      long dcpl = h5.chunkedCreation(arena, new long[] {1024}, 4, path);
      try {
        long d = h5.createDataset(arena, loc, name(path), t.fileType(), space, dcpl, path);
        try {
          for (Map.Entry<String, Value> a : attributes.entrySet()) {
            attribute(h5, arena, d, path, a.getKey(), a.getValue());
          }
        } finally {
          h5.closeDataset(d, path);
        }
      } finally {
        h5.closeProperties(dcpl, path);
      }
    } finally {
      h5.closeSpace(space, path);
    }
  }

  private static void writeDataset(NativeHdf5 h5, Arena arena, long loc, String path, Value v,
      Map<String, Value> attributes, boolean chunked) {
    Typed t = typed(h5, arena, v, path);
    long space = h5.createSpace(arena, shape(v), path);
    try {
      long d;
      if (chunked) {
        long dcpl = h5.chunkedCreation(arena, chunk(shape(v)), 0, path);
        try {
          d = h5.createDataset(arena, loc, name(path), t.fileType(), space, dcpl, path);
        } finally {
          h5.closeProperties(dcpl, path);
        }
      } else {
        d = h5.createDataset(arena, loc, name(path), t.fileType(), space, path);
      }
      try {
        h5.writeDataset(d, t.memType(), t.data(), path);
        for (Map.Entry<String, Value> a : attributes.entrySet()) {
          attribute(h5, arena, d, path, a.getKey(), a.getValue());
        }
      } finally {
        h5.closeDataset(d, path);
      }
    } finally {
      h5.closeSpace(space, path);
      if (t.ownedType() >= 0) {
        h5.closeType(t.ownedType(), path);
      }
    }
  }

  private static void attribute(NativeHdf5 h5, Arena arena, long loc, String path, String name, Value v) {
    Typed t = typed(h5, arena, v, path);
    long space = h5.createSpace(arena, shape(v), path);
    try {
      h5.attribute(arena, loc, name, t.fileType(), t.memType(), space, t.data(), path);
    } finally {
      h5.closeSpace(space, path);
      if (t.ownedType() >= 0) {
        h5.closeType(t.ownedType(), path);
      }
    }
  }

  static Typed typed(NativeHdf5 h5, Arena arena, Value v, String path) {
    return switch (v.data()) {
      case double[] d -> new Typed(h5.fileDouble, h5.nativeDouble, MemorySegment.ofArray(d), -1);
      case long[] l -> new Typed(h5.fileLong, h5.nativeLong, MemorySegment.ofArray(l), -1);
      case int[] i -> new Typed(h5.fileInt, h5.nativeInt, MemorySegment.ofArray(i), -1);
      case byte[] b -> new Typed(h5.fileByte, h5.nativeByte, MemorySegment.ofArray(b), -1);
      case String[] s -> {
        MemorySegment pointers = arena.allocate(ValueLayout.ADDRESS, s.length);
        for (int k = 0; k < s.length; k++) {
          pointers.setAtIndex(ValueLayout.ADDRESS, k, arena.allocateFrom(s[k]));
        }
        long type = h5.utf8StringType(path);
        yield new Typed(type, type, pointers, type);
      }
      default -> throw new IllegalArgumentException(path + ": no HDF5 type for " + v.dtype());
    };
  }

  static long[] shape(Value v) {
    long[] s = new long[v.shape().length];
    for (int i = 0; i < s.length; i++) {
      s[i] = v.shape()[i];
    }
    return s;
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  private static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
