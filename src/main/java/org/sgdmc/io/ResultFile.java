package org.sgdmc.io;

import io.jhdf.api.WritableDataset;
import io.jhdf.exceptions.HdfWritingException;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The only way sgdmc writes an HDF5 result: everything is buffered in memory and written in one go by
 * {@link #commit()}, into a temporary file next to the target that is then renamed onto it.
 *
 * <p>Why: a run that fails or is interrupted must never leave a half-written file that looks like a result.
 * Until commit, the target is untouched; {@link #close()} without commit deletes the temporary file. Buffering
 * also lets every call validate its arguments at once (bad paths, empty arrays, oversized attributes) instead
 * of failing at the end of a long run, and it keeps jhdf's writer (which is documented as alpha) behind one
 * small, tested door.
 *
 * <p>What jhdf 0.13.0 writes, and what this class does about its gaps:
 * <ul>
 *   <li>float64, int64, int32, int8 scalars and arrays, 2-D arrays: written natively, little-endian, doubles
 *       bit for bit (NaN payloads, -0.0 and infinities included).
 *   <li>Strings (attributes only): variable-length UTF-8, which h5py reads back as {@code str}
 *       ({@link VariableLengthStrings}: jhdf itself writes fixed-length ones, which h5py returns as {@code bytes}).
 *       A NUL character is rejected (C readers would cut the text there).
 *   <li>Booleans: stored as int8 0/1 (jhdf cannot write h5py's boolean enum; its bitfield type reads as
 *       uint8 in h5py and as 0x01 in h5dump, which is no clearer).
 *   <li>Empty arrays: jhdf fails on them, so they are rejected with a clear message.
 *   <li>Large attributes: jhdf silently writes a corrupt file when one attribute approaches the 64 KiB object
 *       header message limit (observed: strings from about 59.7 kB, doubles from about 65.5 kB), so
 *       attributes are capped at {@value #MAX_ATTRIBUTE_BYTES} bytes of data; larger data belongs in a dataset.
 *   <li>Paths: jhdf takes a "/" in a name literally, producing an unreadable file, so groups are created one
 *       level at a time here.
 * </ul>
 *
 * <p>jhdf's own file writer corrupts some layouts, so {@link JhdfFileWriter} drives its node writers instead.
 *
 * <p>Not thread-safe.
 */
public final class ResultFile implements AutoCloseable {

  /** Cap on one attribute's encoded data, well below the size at which jhdf 0.13.0 writes corrupt files. */
  public static final int MAX_ATTRIBUTE_BYTES = 32 * 1024;

  private enum State { OPEN, COMMITTED, CLOSED }

  private final Path target;
  private final Path temp;
  private final boolean overwrite;
  /** Groups in creation order (parents before children, "/" first) with their attributes. */
  private final Map<String, Map<String, Value>> groups = new LinkedHashMap<>();
  private final Map<String, Value> datasets = new LinkedHashMap<>();
  private final Map<String, Map<String, Value>> datasetAttributes = new HashMap<>();
  /** Empty, growable 1-D int64 datasets of a live file ({@link #commitLive}). */
  private final Map<String, Value> appendable = new LinkedHashMap<>();
  /** float64 matrices past {@link #maxWriteElements()} elements, kept as their rows (native writer only). */
  private final Map<String, double[][]> rowDatasets = new LinkedHashMap<>();
  /** Virtual datasets over other files ({@code sgdmc merge --virtual}, native writer only). */
  private final Map<String, NativeFileWriter.Virtual> virtuals = new LinkedHashMap<>();
  private State state = State.OPEN;
  private boolean describeEveryNode;

  private ResultFile(Path target, Path temp, boolean overwrite) {
    this.target = target;
    this.temp = temp;
    this.overwrite = overwrite;
    groups.put("/", new LinkedHashMap<>());
  }

  /** {@link #create(Path, boolean)} without overwriting. */
  public static ResultFile create(Path target) {
    return create(target, false);
  }

  /**
   * Starts a result file for {@code target}. Fails at once, with a one-line {@link IllegalArgumentException},
   * if the target exists (and {@code !overwrite}) or is a directory, or if its directory is missing or not
   * writable: the temporary file is created here, so those problems show before any work is done.
   */
  public static ResultFile create(Path target, boolean overwrite) {
    Path dir = target.toAbsolutePath().getParent();
    if (Files.isDirectory(target)) {
      throw new IllegalArgumentException("output file " + target + " is a directory");
    }
    if (!overwrite && Files.exists(target)) {
      throw new IllegalArgumentException("output file " + target + " exists (use --force to overwrite)");
    }
    if (!Files.exists(dir)) {
      throw new IllegalArgumentException("cannot create " + target + ": directory " + dir + " does not exist");
    }
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("cannot create " + target + ": " + dir + " is not a directory");
    }
    return new ResultFile(target, createTemp(target, dir), overwrite);
  }

  /**
   * Creates ".NAME.tmp-PID-XXXX" next to the target, PID this process's. Created with the default permissions (so
   * the umask applies, as it would to the target itself), unlike {@link Files#createTempFile} which makes it
   * private to the owner. First removes the temporary files of this target that processes which no longer run
   * left behind (killed with -9, say: up to a whole output's size each), with one line on stderr for each.
   */
  private static Path createTemp(Path target, Path dir) {
    String prefix = "." + target.getFileName() + ".tmp-";
    removeStaleTemps(dir, prefix);
    prefix += ProcessHandle.current().pid() + "-";
    while (true) {
      Path temp = dir.resolve(prefix + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36));
      try {
        return Files.createFile(temp);
      } catch (FileAlreadyExistsException e) {
        // a name clash with another writer: draw another name
      } catch (AccessDeniedException e) {
        throw new IllegalArgumentException("cannot create " + target + ": directory " + dir + " is not writable");
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot create " + target + ": " + reason(e));
      }
    }
  }

  /** Deletes {@code prefix + PID + "-" ...} files in {@code dir} whose process no longer runs. */
  static void removeStaleTemps(Path dir, String prefix) {
    try (var files = Files.newDirectoryStream(dir, p -> p.getFileName().toString().startsWith(prefix))) {
      for (Path p : files) {
        String rest = p.getFileName().toString().substring(prefix.length());
        int dash = rest.indexOf('-');
        long pid;
        try {
          pid = Long.parseLong(dash < 0 ? "" : rest.substring(0, dash));
        } catch (NumberFormatException e) {
          continue; // not one of ours
        }
        if (ProcessHandle.of(pid).isEmpty() && Files.deleteIfExists(p)) {
          System.err.println("sgdmc: removed " + p + ", left by an earlier run that no longer runs (process " + pid + ")");
        }
      }
    } catch (IOException e) {
      // a directory we cannot list is reported when the temporary file cannot be created
    }
  }

  /**
   * Makes the file describe itself: on commit every group and dataset without a {@code description} or
   * {@code units} attribute gets the one {@link Descriptions} has for its path (sgdmc's result files; the walk
   * over every file type in the tests fails on any node left without).
   */
  public void describeEveryNode() {
    describeEveryNode = true;
  }

  /** The file this will become on commit. */
  public Path target() {
    return target;
  }

  // ---- attributes on groups ----

  public void attribute(String groupPath, String name, String value) {
    putGroupAttribute(groupPath, name, Value.of(checkText(value, name)));
  }

  public void attribute(String groupPath, String name, double value) {
    putGroupAttribute(groupPath, name, Value.of(value));
  }

  public void attribute(String groupPath, String name, long value) {
    putGroupAttribute(groupPath, name, Value.of(value));
  }

  /** Stored as int8 0/1; see the class comment. */
  public void attribute(String groupPath, String name, boolean value) {
    putGroupAttribute(groupPath, name, Value.of(value));
  }

  public void attribute(String groupPath, String name, double[] value) {
    putGroupAttribute(groupPath, name, Value.of(value));
  }

  public void attribute(String groupPath, String name, long[] value) {
    putGroupAttribute(groupPath, name, Value.of(value));
  }

  public void attribute(String groupPath, String name, String[] value) {
    for (String s : value) {
      checkText(s, name);
    }
    putGroupAttribute(groupPath, name, Value.of(value));
  }

  // ---- datasets ----

  public void dataset(String path, double[] data) {
    putDataset(path, Value.of(data));
  }

  public void dataset(String path, long[] data) {
    putDataset(path, Value.of(data));
  }

  public void dataset(String path, int[] data) {
    putDataset(path, Value.of(data));
  }

  /** A row-major 2-D dataset of shape (rows, cols); the rows must all have the same length. */
  public void dataset(String path, double[][] data) {
    putDataset(path, Value.of(data));
  }

  /**
   * Elements one array hands to a writer at most: 2 GiB of doubles, jhdf 0.13's cap on a dataset and about a
   * Java array's. {@code -Dsgdmc.hdf5.max.write.elements=N} lowers it (tests: the large-dataset path at a small
   * size).
   */
  static long maxWriteElements() {
    long cap = Integer.MAX_VALUE / Double.BYTES;
    String forced = System.getProperty("sgdmc.hdf5.max.write.elements");
    if (forced == null) {
      return cap;
    }
    try {
      long n = Long.parseLong(forced.strip());
      if (n < 1) {
        throw new NumberFormatException();
      }
      return Math.min(n, cap);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-Dsgdmc.hdf5.max.write.elements must be a positive whole number, not "
          + forced);
    }
  }

  /**
   * Whether a float64 dataset of {@code elements} can be written: up to {@link #maxWriteElements()} by either
   * writer, past it only by the HDF5 C library (the default writer where it loads, unless {@code SGDMC_HDF5_WRITER=jhdf}).
   */
  public static boolean canWrite(long elements) {
    return elements <= maxWriteElements() || HdfWriterChoice.nativeLibrary().isPresent();
  }

  /**
   * A row-major 2-D float64 dataset of shape (rows, cols) given by its rows, which must have the same length.
   * Up to {@link #maxWriteElements()} elements it is {@link #dataset(String, double[][])}; past that the rows
   * are kept as they are (not copied into one array, which could not hold them) and the HDF5 C library writes
   * them into one contiguous dataset by hyperslabs of at most that many elements: the only way to a dataset
   * past 2 GiB, so it fails at once, in one line, where the native writer is not in use.
   */
  public void rows(String path, double[][] rows) {
    long cols = rows.length == 0 ? 0 : rows[0].length;
    for (double[] r : rows) {
      if (r.length != cols) {
        throw new IllegalArgumentException("dataset " + path + ": rows of different lengths");
      }
    }
    VirtualMerge merge = VirtualMerge.current();
    if (merge != null && merge.sources(path) != null) {
      virtual(path, rows.length, cols, merge.sources(path));
      return;
    }
    long elements = rows.length * cols;
    if (elements <= maxWriteElements()) {
      dataset(path, rows);
      return;
    }
    requireOpen();
    checkPath(path);
    if (!HdfWriterChoice.nativeLibrary().isPresent()) {
      throw new IllegalArgumentException("dataset " + path + " holds " + elements + " values, past the 2 GiB that jhdf "
          + "writes: needs the HDF5 C library (libhdf5, the default writer where installed unless SGDMC_HDF5_WRITER=jhdf)");
    }
    if (hasDataset(path) || groups.containsKey(path)) {
      throw new IllegalArgumentException(path + " already exists");
    }
    ensureGroup(parent(path));
    rowDatasets.put(path, rows);
  }

  /**
   * {@code path} as a virtual dataset of {@code rows x cols} float64 whose column blocks are the datasets at
   * the same path in {@code sources} (named relative to this file's directory). Its group's attributes {@code
   * virtual_datasets}, {@code virtual_sources} and {@code virtual_source_first} say so, for readers that
   * cannot follow the mapping (jhdf cannot even list a group holding a virtual dataset; see {@link
   * VirtualGroupReader}).
   */
  private void virtual(String path, long rows, long cols, List<VirtualMerge.Source> sources) {
    requireOpen();
    checkPath(path);
    if (hasDataset(path) || groups.containsKey(path)) {
      throw new IllegalArgumentException(path + " already exists");
    }
    VirtualMerge.Source last = sources.get(sources.size() - 1);
    if (last.first() + last.count() != cols) {
      throw new IllegalArgumentException(path + " has " + cols + " columns but its shards hold "
          + (last.first() + last.count()));
    }
    Path dir = target.toAbsolutePath().normalize().getParent();
    List<NativeHdf5.VirtualSource> mapped = new java.util.ArrayList<>();
    String[] names = new String[sources.size()];
    long[] firsts = new long[sources.size()];
    for (int i = 0; i < names.length; i++) {
      VirtualMerge.Source s = sources.get(i);
      Path file = s.file().toAbsolutePath().normalize();
      // relative where it can be (the pair can move together), and always with "/": HDF5 reads it on any system
      names[i] = (file.getRoot() != null && file.getRoot().equals(dir.getRoot()) ? dir.relativize(file) : file)
          .toString().replace(java.io.File.separatorChar, '/');
      firsts[i] = s.first();
      mapped.add(new NativeHdf5.VirtualSource(names[i], path, s.first(), s.count()));
    }
    Map<String, Value> group = ensureGroup(parent(path));
    Value sourceNames = Value.of(names);
    Value sourceFirsts = Value.of(firsts);
    if (group.containsKey("virtual_sources") && !(java.util.Arrays.equals(group.get("virtual_sources").strings(), names)
        && java.util.Arrays.equals(group.get("virtual_source_first").longs(), firsts))) {
      throw new IllegalArgumentException(path + ": the virtual datasets of one group map the same shard files");
    }
    List<String> mappedNames = new java.util.ArrayList<>();
    if (group.containsKey("virtual_datasets")) {
      mappedNames.addAll(List.of(group.get("virtual_datasets").strings()));
    }
    mappedNames.add(name(path));
    putGroupAttribute(parent(path), "virtual_datasets", Value.of(mappedNames.toArray(String[]::new)));
    putGroupAttribute(parent(path), "virtual_sources", sourceNames);
    putGroupAttribute(parent(path), "virtual_source_first", sourceFirsts);
    virtuals.put(path, new NativeFileWriter.Virtual(rows, cols, List.copyOf(mapped)));
  }

  /** A row-major 2-D int32 dataset of shape (rows, cols). */
  public void dataset(String path, int[][] data) {
    putDataset(path, Value.of(data));
  }

  /** A scalar dataset, shape {@code ()}. */
  public void dataset(String path, double value) {
    putDataset(path, Value.of(value));
  }

  /** A scalar int64 dataset, shape {@code ()} (codes, counts). */
  public void dataset(String path, long value) {
    putDataset(path, Value.of(value));
  }

  /**
   * An empty 1-D int64 dataset without bound, which the {@link LiveFile} made by {@link #commitLive} grows
   * ({@link LiveFile#append}); {@link #commit} refuses a file that has one.
   */
  public void appendableDataset(String path) {
    requireOpen();
    checkPath(path);
    if (path.equals("/") || hasDataset(path) || groups.containsKey(path)) {
      throw new IllegalArgumentException(path + " already exists");
    }
    ensureGroup(parent(path));
    appendable.put(path, new Value("int64", new int[] {0}, new long[0]));
  }

  public void datasetAttribute(String datasetPath, String name, String value) {
    putDatasetAttribute(datasetPath, name, Value.of(checkText(value, name)));
  }

  public void datasetAttribute(String datasetPath, String name, double value) {
    putDatasetAttribute(datasetPath, name, Value.of(value));
  }

  public void datasetAttribute(String datasetPath, String name, long value) {
    putDatasetAttribute(datasetPath, name, Value.of(value));
  }

  public void datasetAttribute(String datasetPath, String name, String[] value) {
    for (String s : value) {
      checkText(s, name);
    }
    putDatasetAttribute(datasetPath, name, Value.of(value));
  }

  // ---- bookkeeping ----

  /** Attributes may be set again (the last value wins), as with h5py. */
  private void putGroupAttribute(String groupPath, String name, Value value) {
    requireOpen();
    checkAttribute(groupPath, name, value);
    if (hasDataset(groupPath)) {
      throw new IllegalArgumentException(groupPath + " is a dataset; use datasetAttribute");
    }
    ensureGroup(groupPath).put(name, value);
  }

  private void putDatasetAttribute(String datasetPath, String name, Value value) {
    requireOpen();
    checkAttribute(datasetPath, name, value);
    if (!hasDataset(datasetPath)) {
      throw new IllegalArgumentException("no dataset " + datasetPath + " (write the dataset before its attributes)");
    }
    datasetAttributes.computeIfAbsent(datasetPath, k -> new LinkedHashMap<>()).put(name, value);
  }

  private void putDataset(String path, Value value) {
    requireOpen();
    checkPath(path);
    if (path.equals("/")) {
      throw new IllegalArgumentException("a dataset needs a name: \"/\" is the root group");
    }
    if (value.size() == 0) {
      throw new IllegalArgumentException("dataset " + path + " is empty; jhdf 0.13.0 cannot write empty arrays");
    }
    if (hasDataset(path) || groups.containsKey(path)) {
      throw new IllegalArgumentException(path + " already exists");
    }
    ensureGroup(parent(path));
    datasets.put(path, value);
  }

  private boolean hasDataset(String path) {
    return datasets.containsKey(path) || appendable.containsKey(path) || rowDatasets.containsKey(path)
        || virtuals.containsKey(path);
  }

  /** The attributes of the group at {@code path}, creating it and its parents as needed. */
  private Map<String, Value> ensureGroup(String path) {
    checkPath(path);
    Map<String, Value> attributes = groups.get(path);
    if (attributes == null) {
      if (hasDataset(path)) {
        throw new IllegalArgumentException(path + " is a dataset, not a group");
      }
      ensureGroup(parent(path));
      attributes = new LinkedHashMap<>();
      groups.put(path, attributes);
    }
    return attributes;
  }

  private static void checkAttribute(String path, String name, Value value) {
    checkPath(path);
    checkName(name);
    if (value.size() == 0) {
      throw new IllegalArgumentException("attribute " + name + " on " + path
          + " is empty; jhdf 0.13.0 cannot write empty arrays");
    }
    long bytes = encodedBytes(value);
    if (bytes > MAX_ATTRIBUTE_BYTES) {
      throw new IllegalArgumentException("attribute " + name + " on " + path + " holds " + bytes
          + " bytes, more than " + MAX_ATTRIBUTE_BYTES + " (the most that is safe); store it as a dataset");
    }
  }

  /**
   * Bytes the value occupies in the object header, counted as if its strings were fixed-length (the longest UTF-8
   * encoding plus a NUL each): more than their 16-byte heap references, so the cap errs on the safe side.
   */
  private static long encodedBytes(Value v) {
    return switch (v.data()) {
      case String[] s -> {
        long longest = 0;
        for (String x : s) {
          longest = Math.max(longest, x.getBytes(StandardCharsets.UTF_8).length);
        }
        yield (longest + 1) * s.length;
      }
      case double[] d -> 8L * d.length;
      case long[] l -> 8L * l.length;
      case int[] i -> 4L * i.length;
      case byte[] b -> b.length;
      default -> throw new IllegalStateException("unexpected " + v.dtype());
    };
  }

  /** Absolute, no empty, "." or ".." components, no trailing "/": jhdf would store such names literally. */
  private static void checkPath(String path) {
    if (path.equals("/")) {
      return;
    }
    if (!path.startsWith("/") || path.endsWith("/")) {
      throw new IllegalArgumentException("bad HDF5 path \"" + path + "\": must start with / and not end with /");
    }
    for (String part : path.substring(1).split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..") || part.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("bad HDF5 path \"" + path + "\"");
      }
    }
  }

  private static void checkName(String name) {
    if (name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("bad attribute name \"" + name + "\"");
    }
  }

  /** C readers of HDF5 strings stop at the first NUL, so one inside the text would silently cut it. */
  private static String checkText(String s, String name) {
    if (s.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("attribute " + name + ": text contains a NUL character");
    }
    return s;
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash == 0 ? "/" : path.substring(0, slash);
  }

  private void requireOpen() {
    if (state != State.OPEN) {
      throw new IllegalStateException("result file " + target + " is already " + state.name().toLowerCase());
    }
  }

  // ---- writing ----

  /**
   * Writes everything to the temporary file, forces it to disk and renames it onto the target. Without
   * overwrite the target is claimed with a hard link, which fails rather than replace a file that appeared
   * since {@link #create}; where hard links are not supported it falls back to a check and a rename.
   */
  public void commit() {
    requireOpen();
    if (COMMITS.isBound() && COMMITS.get().beforeCommit(this)) {
      return; // taken over (a live file's update); close() removes the temporary file
    }
    if (!appendable.isEmpty()) {
      throw new IllegalStateException("appendable datasets (" + appendable.keySet() + ") need commitLive()");
    }
    state = State.CLOSED; // a failed commit cannot be retried; close() then removes the temporary file
    if (describeEveryNode) {
      fillDescriptions();
    }
    String writer;
    try {
      // virtual datasets exist only in the C library, whichever writer is asked for
      java.util.Optional<NativeHdf5> lib = virtuals.isEmpty() ? HdfWriterChoice.nativeLibrary() : NativeHdf5.load();
      if (!virtuals.isEmpty() && lib.isEmpty()) {
        throw new IllegalStateException("virtual datasets need the HDF5 C library: " + NativeHdf5.unavailableReason());
      }
      if (lib.isPresent()) {
        writer = HdfWriterChoice.nativeName(lib.get());
        groups.get("/").put("hdf5_writer", Value.of(writer));
        NativeFileWriter.write(lib.get(), temp, groups, datasets, datasetAttributes, rowDatasets, maxWriteElements(),
            virtuals);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
          ch.force(true);
        }
      } else {
        if (!rowDatasets.isEmpty()) {
          throw new IllegalStateException("datasets past 2 GiB (" + rowDatasets.keySet() + ") need the native writer");
        }
        writer = HdfWriterChoice.jhdfName();
        groups.get("/").put("hdf5_writer", Value.of(writer));
        JhdfFileWriter.write(temp, this::build); // see there for why not HdfFile.write
      }
      publish();
      syncDirectory();
      state = State.COMMITTED;
      HdfWriterChoice.announce(writer);
    } catch (IOException e) {
      deleteTemp();
      throw new UncheckedIOException("cannot write " + target + ": " + reason(e), e);
    } catch (NativeHdf5.Hdf5Exception e) {
      deleteTemp();
      throw new UncheckedIOException("cannot write " + target + ": " + e.briefly(), new IOException(e.getMessage()));
    } catch (HdfWritingException e) {
      // jhdf wraps the failed write of a node (disk full, file size limit) in its own unchecked exception
      deleteTemp();
      IOException io = ioCause(e);
      throw new UncheckedIOException("cannot write " + target + ": "
          + (io != null ? reason(io) : e.getMessage()), io != null ? io : new IOException(e));
    } catch (RuntimeException e) {
      deleteTemp();
      throw e;
    }
  }

  /**
   * What happens at {@link #commit} while {@link #committingThrough} runs a writer: the hook may add to the file
   * (e.g. a root attribute) and then returns false for the ordinary commit, or take the file over and return true,
   * after which the commit writes nothing (the caller's {@link #close} removes the temporary file).
   */
  @FunctionalInterface
  interface CommitHook {
    boolean beforeCommit(ResultFile f);
  }

  private static final ScopedValue<CommitHook> COMMITS = ScopedValue.newInstance();

  /**
   * Runs {@code write}, a command's ordinary file writer, with {@code hook} applied to the file it commits on this
   * thread: how a live file ({@link LiveRunFile}) reuses every model's writer unchanged.
   */
  static void committingThrough(CommitHook hook, Runnable write) {
    ScopedValue.where(COMMITS, hook).run(write);
  }

  /** The datasets buffered so far, by path (read-only: a live file's update takes their values). */
  Map<String, Value> bufferedDatasets() {
    return java.util.Collections.unmodifiableMap(datasets);
  }

  /**
   * Writes the file straight to its target, not through a temporary file, with the HDF5 C library, and leaves it
   * open in SWMR mode as a {@link LiveFile} for the run to fill in and flush. The target is replaced only with
   * overwrite. Needs the C library whatever {@code SGDMC_HDF5_WRITER} says.
   *
   * @throws IllegalArgumentException (one line) when the library is missing or the target exists
   * @throws UncheckedIOException (one line) when HDF5 cannot write the file
   */
  public LiveFile commitLive() {
    requireOpen();
    state = State.CLOSED;
    deleteTemp(); // not used: a live file is written in place
    NativeHdf5 lib = NativeHdf5.load().orElseThrow(() -> new IllegalArgumentException(
        "live files need the HDF5 C library: " + NativeHdf5.unavailableReason()));
    if (!overwrite && Files.exists(target)) {
      throw new IllegalArgumentException("output file " + target + " exists (use --force to overwrite)");
    }
    if (describeEveryNode) {
      fillDescriptions();
    }
    if (!rowDatasets.isEmpty()) {
      throw new IllegalStateException("a live file holds no datasets past 2 GiB");
    }
    String writer = HdfWriterChoice.nativeName(lib);
    groups.get("/").put("hdf5_writer", Value.of(writer));
    try {
      LiveFile live = LiveFile.create(lib, target, overwrite, groups, datasets, datasetAttributes, appendable);
      HdfWriterChoice.announce(writer);
      return live;
    } catch (NativeHdf5.Hdf5Exception e) {
      if (e.locked || e.notHdf5) { // the user's to fix, not a failing disk
        throw new IllegalArgumentException("cannot write " + target + ": " + e.briefly());
      }
      throw new UncheckedIOException("cannot write " + target + ": " + e.briefly(), new IOException(e.getMessage()));
    }
  }

  private static IOException ioCause(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof IOException io) {
        return io;
      }
    }
    return null;
  }

  private void fillDescriptions() {
    for (Map.Entry<String, Map<String, Value>> g : groups.entrySet()) {
      describe(g.getKey(), g.getValue());
    }
    for (String d : datasets.keySet()) {
      describe(d, datasetAttributes.computeIfAbsent(d, k -> new LinkedHashMap<>()));
    }
    for (String d : appendable.keySet()) {
      describe(d, datasetAttributes.computeIfAbsent(d, k -> new LinkedHashMap<>()));
    }
    for (String d : rowDatasets.keySet()) {
      describe(d, datasetAttributes.computeIfAbsent(d, k -> new LinkedHashMap<>()));
    }
    for (String d : virtuals.keySet()) {
      describe(d, datasetAttributes.computeIfAbsent(d, k -> new LinkedHashMap<>()));
    }
  }

  private static void describe(String path, Map<String, Value> attributes) {
    if (attributes.containsKey("description") && attributes.containsKey("units")) {
      return;
    }
    Descriptions.Entry e = Descriptions.of(path);
    attributes.putIfAbsent("description", Value.of(e.description()));
    attributes.putIfAbsent("units", Value.of(e.units()));
  }

  private void build(WritableGroup root, VariableLengthStrings.Heap heap) {
    Map<String, WritableGroup> handles = new HashMap<>();
    handles.put("/", root);
    for (String path : groups.keySet()) {
      if (!path.equals("/")) {
        handles.put(path, handles.get(parent(path)).putGroup(name(path)));
      }
    }
    for (Map.Entry<String, Value> d : datasets.entrySet()) {
      WritableDataset ds = handles.get(parent(d.getKey())).putDataset(name(d.getKey()), toJhdf(d.getValue()));
      putAttributes(ds, datasetAttributes.getOrDefault(d.getKey(), Map.of()), heap);
    }
    for (Map.Entry<String, Map<String, Value>> g : groups.entrySet()) {
      putAttributes(handles.get(g.getKey()), g.getValue(), heap);
    }
  }

  private static void putAttributes(WritableNode node, Map<String, Value> attributes, VariableLengthStrings.Heap heap) {
    attributes.forEach((name, value) -> {
      if (value.isString()) {
        // jhdf's own putAttribute writes fixed-length strings, which h5py returns as bytes
        node.getAttributes().put(name, VariableLengthStrings.attribute(node, name, toJhdf(value), heap));
      } else {
        node.putAttribute(name, toJhdf(value));
      }
    });
  }

  /** The Java object from which jhdf infers the HDF5 type and shape: a boxed scalar or a (nested) array. */
  private static Object toJhdf(Value v) {
    if (v.isScalar()) {
      return v.get(0);
    }
    if (v.shape().length == 1) {
      return v.data();
    }
    int rows = v.shape()[0];
    int cols = v.shape()[1];
    if (v.data() instanceof int[] ints) {
      int[][] nestedInts = new int[rows][cols];
      for (int r = 0; r < rows; r++) {
        System.arraycopy(ints, r * cols, nestedInts[r], 0, cols);
      }
      return nestedInts;
    }
    double[] flat = v.doubles(); // float64 and int32 matrices are the ones the API accepts
    double[][] nested = new double[rows][cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(flat, r * cols, nested[r], 0, cols);
    }
    return nested;
  }

  private void publish() throws IOException {
    if (overwrite) {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    try {
      Files.createLink(target, temp);
      Files.delete(temp);
    } catch (FileAlreadyExistsException e) {
      throw new IllegalArgumentException("output file " + target + " exists (use --force to overwrite)");
    } catch (UnsupportedOperationException | FileSystemException e) {
      if (Files.exists(target)) {
        throw new IllegalArgumentException("output file " + target + " exists (use --force to overwrite)");
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** Makes the rename itself durable. Not every platform can open a directory for this; then it is skipped. */
  private void syncDirectory() {
    try (FileChannel ch = FileChannel.open(temp.getParent(), StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // best effort: the data itself was already forced
    }
  }

  /** Deletes the temporary file unless {@link #commit()} succeeded; safe to call more than once. */
  @Override
  public void close() {
    if (state != State.COMMITTED) {
      state = State.CLOSED;
      deleteTemp();
    }
  }

  private void deleteTemp() {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // nothing better to do: the name starts with "." and ends in ".tmp..." so it is recognisable
    }
  }

  private static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static String reason(IOException e) {
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
