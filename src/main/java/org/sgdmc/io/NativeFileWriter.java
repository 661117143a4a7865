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
  private record Typed(long fileType, long memType, MemorySegment data, long ownedType) {}

  static void write(NativeHdf5 h5, Path file, Map<String, Map<String, Value>> groups, Map<String, Value> datasets,
      Map<String, Map<String, Value>> datasetAttributes) {
    try (Arena arena = Arena.ofConfined()) {
      long f = h5.createFile(arena, file);
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
        h5.closeFile(f, file);
      }
    }
  }

  private static void writeDataset(NativeHdf5 h5, Arena arena, long loc, String path, Value v,
      Map<String, Value> attributes) {
    Typed t = typed(h5, arena, v, path);
    long space = h5.createSpace(arena, shape(v), path);
    try {
      long d = h5.createDataset(arena, loc, name(path), t.fileType(), space, path);
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

  private static Typed typed(NativeHdf5 h5, Arena arena, Value v, String path) {
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

  private static long[] shape(Value v) {
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
