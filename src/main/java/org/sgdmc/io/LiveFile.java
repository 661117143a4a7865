package org.sgdmc.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A result file that fills in while the run goes, readable meanwhile with {@code h5py.File(path, "r",
 * swmr=True)}: written by the HDF5 C library ({@link NativeHdf5}) in single-writer/multiple-reader mode. It is
 * made by {@link ResultFile#commitLive()}: the whole tree is written at once (datasets chunked, in the 1.10
 * file format), then {@code H5Fstart_swmr_write}; after that only data changes, elements of existing datasets
 * ({@link #set}) and rows appended to the unlimited ones ({@link #append}), each made visible to readers by
 * {@link #flush}. No object or attribute can be added in SWMR mode, so what only the end of the run knows goes
 * to the final file, written the ordinary way over this one.
 *
 * <p>The file's native memory lives in one shared arena, closed with it; calls are serialised (the serial HDF5
 * library is not thread-safe), so worker threads may call it directly. A process that dies leaves the file as
 * of its last flush: HDF5 marks it as open by a SWMR writer, so it opens with {@code swmr=True} (or after
 * {@code h5clear -s FILE}).
 */
public final class LiveFile implements AutoCloseable {
  private final NativeHdf5 h5;
  private final Path path;
  private final Arena arena;
  private final long file;
  private final Map<String, Long> datasets = new LinkedHashMap<>();
  private final Map<String, long[]> dims = new HashMap<>();
  private final Map<String, String> dtypes = new HashMap<>();
  private final Set<String> touched = new LinkedHashSet<>();
  private boolean closed;

  private LiveFile(NativeHdf5 h5, Path path, Arena arena, long file) {
    this.h5 = h5;
    this.path = path;
    this.arena = arena;
    this.file = file;
  }

  /**
   * Writes the tree to {@code target} (truncating it only when {@code truncate}) and switches the file to SWMR
   * writing, its array datasets and the {@code appendable} ones open. A failure deletes what was created.
   */
  static LiveFile create(NativeHdf5 h5, Path target, boolean truncate, Map<String, Map<String, Value>> groups,
      Map<String, Value> datasets, Map<String, Map<String, Value>> datasetAttributes, Map<String, Value> appendable) {
    Arena arena = Arena.ofShared();
    long f;
    try {
      long fapl = h5.swmrFileAccess(target.toString());
      try {
        f = h5.createFile(arena, target, truncate, fapl);
      } finally {
        h5.closeProperties(fapl, target.toString());
      }
    } catch (RuntimeException e) {
      arena.close();
      throw e;
    }
    LiveFile live = new LiveFile(h5, target, arena, f);
    try {
      NativeFileWriter.writeTree(h5, arena, f, groups, datasets, datasetAttributes, appendable, true);
      h5.startSwmrWrite(f, target);
      datasets.forEach((p, v) -> {
        if (v.shape().length > 0 || !v.isString()) {
          live.open(p, NativeFileWriter.shape(v), v.dtype()); // numeric scalars too: overwrite() rewrites them
        }
      });
      appendable.forEach((p, v) -> live.open(p, new long[] {0}, v.dtype()));
      live.flush();
      return live;
    } catch (RuntimeException e) {
      live.closeQuietly();
      try {
        Files.deleteIfExists(target);
      } catch (IOException io) {
        // the HDF5 error is the one to report
      }
      throw e;
    }
  }

  private void open(String p, long[] shape, String dtype) {
    datasets.put(p, h5.openDataset(arena, file, p));
    dims.put(p, shape.clone());
    dtypes.put(p, dtype);
  }

  /** Sets element {@code index} (row-major) of the float64 dataset {@code p}. */
  public synchronized void set(String p, long index, double value) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment v = a.allocate(ValueLayout.JAVA_DOUBLE);
      v.set(ValueLayout.JAVA_DOUBLE, 0, value);
      writeElement(a, p, index, "float64", h5.nativeDouble, v);
    }
  }

  /** Sets element {@code index} (row-major) of the int32 dataset {@code p}. */
  public synchronized void set(String p, long index, int value) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment v = a.allocate(ValueLayout.JAVA_INT);
      v.set(ValueLayout.JAVA_INT, 0, value);
      writeElement(a, p, index, "int32", h5.nativeInt, v);
    }
  }

  private void writeElement(Arena a, String p, long index, String dtype, long memType, MemorySegment v) {
    long d = dataset(p, dtype);
    long[] shape = dims.get(p);
    long[] start = new long[shape.length];
    long[] count = new long[shape.length];
    long rest = index;
    for (int k = shape.length - 1; k >= 0; k--) {
      start[k] = rest % shape[k];
      rest /= shape[k];
      count[k] = 1;
    }
    if (index < 0 || rest != 0) {
      throw new IllegalArgumentException(p + ": element " + index + " is outside its shape");
    }
    try {
      h5.writeHyperslab(a, d, memType, start, count, v, p);
    } catch (NativeHdf5.Hdf5Exception e) {
      throw failedWrite(e);
    }
    touched.add(p);
  }

  /**
   * Overwrites the whole numeric dataset {@code p} with {@code v}, of its dtype and shape; returns false, writing
   * nothing, where the file has no such dataset or it differs in dtype or shape (a value only the final file has).
   */
  public synchronized boolean overwrite(String p, Value v) {
    requireOpen();
    Long d = datasets.get(p);
    if (d == null || v.isString() || !dtypes.get(p).equals(v.dtype())
        || !java.util.Arrays.equals(dims.get(p), NativeFileWriter.shape(v))) {
      return false;
    }
    try (Arena a = Arena.ofConfined()) {
      NativeFileWriter.Typed t = NativeFileWriter.typed(h5, a, v, p);
      h5.writeDataset(d, t.memType(), t.data(), p);
    }
    touched.add(p);
    return true;
  }

  /** Appends {@code values} to the unlimited int64 dataset {@code p}: its extent grows, then the rows are written. */
  public synchronized void append(String p, long... values) {
    if (values.length == 0) {
      return;
    }
    long d = dataset(p, "int64");
    long[] shape = dims.get(p);
    if (shape.length != 1) {
      throw new IllegalArgumentException(p + " is not a 1-D appendable dataset");
    }
    try (Arena a = Arena.ofConfined()) {
      long[] grown = {shape[0] + values.length};
      h5.setExtent(a, d, grown, p);
      h5.writeHyperslab(a, d, h5.nativeLong, new long[] {shape[0]}, new long[] {values.length},
          a.allocateFrom(ValueLayout.JAVA_LONG, values), p);
      dims.put(p, grown);
    } catch (NativeHdf5.Hdf5Exception e) {
      throw failedWrite(e);
    }
    touched.add(p);
  }

  /** Makes everything written so far visible to SWMR readers (and durable past a crash of this process). */
  public synchronized void flush() {
    requireOpen();
    try {
      for (String p : touched) {
        h5.flushDataset(datasets.get(p), p);
      }
      touched.clear();
      h5.flushFile(file, path);
    } catch (NativeHdf5.Hdf5Exception e) {
      throw failedWrite(e);
    }
  }

  /** A write that failed while the run goes (a full disk): one line, reported as the output's failure. */
  private UncheckedIOException failedWrite(NativeHdf5.Hdf5Exception e) {
    return new UncheckedIOException("cannot write " + path + ": " + e.briefly(), new IOException(e.getMessage()));
  }

  private long dataset(String p, String dtype) {
    requireOpen();
    Long d = datasets.get(p);
    if (d == null) {
      throw new IllegalArgumentException("no dataset " + p + " in live file " + path);
    }
    if (!dtypes.get(p).equals(dtype)) {
      throw new IllegalArgumentException(p + " holds " + dtypes.get(p) + ", not " + dtype);
    }
    return d;
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("live file " + path + " is closed");
    }
  }

  /**
   * Closes every dataset and the file (which clears HDF5's mark of an open SWMR writer: the file then opens
   * without {@code swmr=True} too). Safe to call more than once; a failure is an UncheckedIOException of one line.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      for (Map.Entry<String, Long> d : datasets.entrySet()) {
        h5.closeDataset(d.getValue(), d.getKey());
      }
      h5.closeFile(file, path);
    } catch (NativeHdf5.Hdf5Exception e) {
      throw new UncheckedIOException("cannot close " + path + ": " + e.briefly(), new IOException(e.getMessage()));
    } finally {
      arena.close();
    }
  }

  private void closeQuietly() {
    try {
      close();
    } catch (RuntimeException e) {
      // reporting the first failure
    }
  }

  /**
   * The int64 root attribute {@code name} of the HDF5 file at {@code file}, opened read-only as a SWMR reader
   * (so a file whose live writer died opens too); empty when the file has no such attribute.
   *
   * @throws IllegalArgumentException (one line) when the C library is missing or the file is not HDF5
   */
  public static OptionalLong rootLong(Path file, String name) {
    NativeHdf5 h5 = NativeHdf5.load().orElseThrow(() -> new IllegalArgumentException(NativeHdf5.unavailableReason()));
    try (Arena a = Arena.ofConfined()) {
      long f = h5.openFile(a, file, NativeHdf5.H5F_ACC_RDONLY | NativeHdf5.H5F_ACC_SWMR_READ);
      try {
        return h5.readLongAttribute(a, f, name, file + ":/");
      } finally {
        h5.closeFile(f, file);
      }
    } catch (NativeHdf5.Hdf5Exception e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.briefly());
    }
  }

  /** Whether the HDF5 C library, which live files need, can be used; {@link #unavailableReason} says why not. */
  public static boolean available() {
    return NativeHdf5.load().isPresent();
  }

  public static String unavailableReason() {
    return NativeHdf5.unavailableReason();
  }
}
