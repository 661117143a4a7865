package org.sgdmc.io;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A small hand-written binding of the HDF5 C library (1.10 or newer, as Debian ships it) through {@code
 * java.lang.foreign}: the calls sgdmc's writers need and nothing else: files (created, opened, flushed, switched
 * to SWMR writing with the 1.10 format), groups, dataspaces (fixed or unlimited, hyperslab selections), datasets
 * (contiguous, or chunked and deflated, extended, written whole or by hyperslab, flushed; virtual, mapping
 * blocks of datasets in other files), attributes (written, int64 ones read) and string types. Every call's return code is checked and a failure becomes one line naming the call
 * and the object ({@link Hdf5Exception}); the library's own error printing is switched off.
 *
 * <p>HDF5's predefined types and property classes are macros over global variables ({@code H5T_NATIVE_DOUBLE}
 * is {@code H5T_NATIVE_DOUBLE_g} after {@code H5open()}): they are read from the library's data symbols once.
 * {@code hid_t} is 64 bits from 1.10 on; older libraries are refused.
 */
final class NativeHdf5 {
  /** Library names tried in order, unless {@code $SGDMC_HDF5_LIBRARY} (a path or a name) names the one to use. */
  private static final String[] NAMES = {"libhdf5_serial.so.103", "libhdf5.so.103", "libhdf5_serial.so.310",
    "libhdf5.so.310", "libhdf5_serial.so",
    "libhdf5.so", "libhdf5.310.dylib", "libhdf5.dylib"};

  static final long H5P_DEFAULT = 0;
  static final int H5F_ACC_RDONLY = 0x0000;
  static final int H5F_ACC_TRUNC = 0x0002;
  static final int H5F_ACC_EXCL = 0x0004;
  static final int H5F_ACC_SWMR_READ = 0x0040;
  /** {@code H5F_LIBVER_V110}: the 1.10 file format, the oldest that SWMR writing accepts (1.10's LATEST). */
  static final int H5F_LIBVER_V110 = 2;
  static final int H5F_SCOPE_LOCAL = 0;
  static final int H5S_SELECT_SET = 0;
  /** {@code H5S_UNLIMITED}: (hsize_t) -1. */
  static final long H5S_UNLIMITED = -1L;
  static final int H5S_SCALAR = 0;
  static final long H5T_VARIABLE = -1L; // (size_t) -1
  static final int H5T_CSET_UTF8 = 1;

  private static final ValueLayout.OfLong HID = ValueLayout.JAVA_LONG;
  private static final ValueLayout.OfInt HERR = ValueLayout.JAVA_INT;
  private static final ValueLayout.OfLong SIZE = ValueLayout.JAVA_LONG;
  private static final ValueLayout PTR = ValueLayout.ADDRESS;

  private static volatile Optional<NativeHdf5> instance;
  /** {@code H5Eclear2}: a failed call's error stack is cleared at once (left, it makes the library loop at exit). */
  private static MethodHandle eclear;
  /** {@code H5Ewalk2} and the upcall it makes for each entry of the error stack ({@link #reason}). */
  private static MethodHandle ewalk;
  private static MemorySegment walkStub;
  /** The descriptions of the error stack being walked, innermost first (only during {@link #failed}). */
  private static final ThreadLocal<List<String>> WALKED = ThreadLocal.withInitial(ArrayList::new);
  private static String unavailable;

  final String version;
  final long nativeDouble, nativeLong, nativeInt, nativeByte, cString, fileDouble, fileLong, fileInt, fileByte;
  final long datasetCreateClass, fileAccessClass;
  private final MethodHandle fsetCore;
  private final MethodHandle pcreate, pclose, psetChunk, psetDeflate, psetLibverBounds, fopen,
      fstartSwmrWrite, fflush, dflush, dsetExtent, dgetSpace, dopen, sselectHyperslab, aexists, aopen, aread,
      psetVirtual, psetFillValue;
  private final MethodHandle fcreate, fclose, gcreate, gclose, screateSimple, screate, sclose, dcreate, dwrite, dclose,
      acreate, awrite, aclose, tcopy, tsetSize, tsetCset, tclose;

  private NativeHdf5(SymbolLookup lib) throws Throwable {
    Linker linker = Linker.nativeLinker();
    // Before anything else: no clean-up of HDF5 at the JVM's exit. A file whose close failed (a full disk) stays
    // in the library's tables half torn down, and closing it again at exit crashed the JVM (H5F__close_cb); every
    // file sgdmc opens is closed by it, so the exit has nothing left to close.
    MethodHandle dontAtexit = handle(lib, linker, "H5dont_atexit", FunctionDescriptor.of(HERR));
    check((int) dontAtexit.invokeExact(), "H5dont_atexit", "the library");
    MethodHandle open = handle(lib, linker, "H5open", FunctionDescriptor.of(HERR));
    check((int) open.invokeExact(), "H5open", "the library");
    MethodHandle eset = handle(lib, linker, "H5Eset_auto2", FunctionDescriptor.of(HERR, HID, PTR, PTR));
    check((int) eset.invokeExact(0L, MemorySegment.NULL, MemorySegment.NULL), "H5Eset_auto2", "error printing");
    eclear = handle(lib, linker, "H5Eclear2", FunctionDescriptor.of(HERR, HID));
    ewalk = handle(lib, linker, "H5Ewalk2", FunctionDescriptor.of(HERR, HID, ValueLayout.JAVA_INT, PTR, PTR));
    walkStub = linker.upcallStub(java.lang.invoke.MethodHandles.lookup().findStatic(NativeHdf5.class, "walked",
        java.lang.invoke.MethodType.methodType(int.class, int.class, MemorySegment.class, MemorySegment.class)),
        FunctionDescriptor.of(HERR, ValueLayout.JAVA_INT, PTR, PTR), Arena.global());
    fsetCore = handle(lib, linker, "H5Pset_fapl_core",
        FunctionDescriptor.of(HERR, HID, SIZE, ValueLayout.JAVA_BOOLEAN));
    MethodHandle libversion = handle(lib, linker, "H5get_libversion", FunctionDescriptor.of(HERR, PTR, PTR, PTR));
    try (Arena a = Arena.ofConfined()) {
      MemorySegment v = a.allocate(ValueLayout.JAVA_INT, 3);
      check((int) libversion.invokeExact(v, v.asSlice(4), v.asSlice(8)), "H5get_libversion", "the library");
      int major = v.getAtIndex(ValueLayout.JAVA_INT, 0), minor = v.getAtIndex(ValueLayout.JAVA_INT, 1);
      version = major + "." + minor + "." + v.getAtIndex(ValueLayout.JAVA_INT, 2);
      if (major < 1 || (major == 1 && minor < 10)) {
        throw new IllegalStateException("HDF5 " + version + " is older than 1.10 (32-bit hid_t)");
      }
    }
    nativeDouble = global(lib, "H5T_NATIVE_DOUBLE_g");
    nativeLong = global(lib, "H5T_NATIVE_LLONG_g");
    nativeInt = global(lib, "H5T_NATIVE_INT_g");
    nativeByte = global(lib, "H5T_NATIVE_SCHAR_g");
    cString = global(lib, "H5T_C_S1_g");
    fileDouble = global(lib, "H5T_IEEE_F64LE_g");
    fileLong = global(lib, "H5T_STD_I64LE_g");
    fileInt = global(lib, "H5T_STD_I32LE_g");
    fileByte = global(lib, "H5T_STD_I8LE_g");
    datasetCreateClass = global(lib, "H5P_CLS_DATASET_CREATE_ID_g");
    fileAccessClass = global(lib, "H5P_CLS_FILE_ACCESS_ID_g");
    pcreate = handle(lib, linker, "H5Pcreate", FunctionDescriptor.of(HID, HID));
    pclose = handle(lib, linker, "H5Pclose", FunctionDescriptor.of(HERR, HID));
    psetChunk = handle(lib, linker, "H5Pset_chunk", FunctionDescriptor.of(HERR, HID, ValueLayout.JAVA_INT, PTR));
    psetDeflate = handle(lib, linker, "H5Pset_deflate", FunctionDescriptor.of(HERR, HID, ValueLayout.JAVA_INT));
    psetLibverBounds = handle(lib, linker, "H5Pset_libver_bounds",
        FunctionDescriptor.of(HERR, HID, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    fopen = handle(lib, linker, "H5Fopen", FunctionDescriptor.of(HID, PTR, ValueLayout.JAVA_INT, HID));
    fstartSwmrWrite = handle(lib, linker, "H5Fstart_swmr_write", FunctionDescriptor.of(HERR, HID));
    fflush = handle(lib, linker, "H5Fflush", FunctionDescriptor.of(HERR, HID, ValueLayout.JAVA_INT));
    dflush = handle(lib, linker, "H5Dflush", FunctionDescriptor.of(HERR, HID));
    dsetExtent = handle(lib, linker, "H5Dset_extent", FunctionDescriptor.of(HERR, HID, PTR));
    dgetSpace = handle(lib, linker, "H5Dget_space", FunctionDescriptor.of(HID, HID));
    dopen = handle(lib, linker, "H5Dopen2", FunctionDescriptor.of(HID, HID, PTR, HID));
    sselectHyperslab = handle(lib, linker, "H5Sselect_hyperslab",
        FunctionDescriptor.of(HERR, HID, ValueLayout.JAVA_INT, PTR, PTR, PTR, PTR));
    aexists = handle(lib, linker, "H5Aexists", FunctionDescriptor.of(HERR, HID, PTR));
    aopen = handle(lib, linker, "H5Aopen", FunctionDescriptor.of(HID, HID, PTR, HID));
    aread = handle(lib, linker, "H5Aread", FunctionDescriptor.of(HERR, HID, HID, PTR));
    psetVirtual = handle(lib, linker, "H5Pset_virtual", FunctionDescriptor.of(HERR, HID, HID, PTR, PTR, HID));
    psetFillValue = handle(lib, linker, "H5Pset_fill_value", FunctionDescriptor.of(HERR, HID, HID, PTR));
    fcreate = handle(lib, linker, "H5Fcreate", FunctionDescriptor.of(HID, PTR, ValueLayout.JAVA_INT, HID, HID));
    fclose = handle(lib, linker, "H5Fclose", FunctionDescriptor.of(HERR, HID));
    gcreate = handle(lib, linker, "H5Gcreate2", FunctionDescriptor.of(HID, HID, PTR, HID, HID, HID));
    gclose = handle(lib, linker, "H5Gclose", FunctionDescriptor.of(HERR, HID));
    screateSimple = handle(lib, linker, "H5Screate_simple", FunctionDescriptor.of(HID, ValueLayout.JAVA_INT, PTR, PTR));
    screate = handle(lib, linker, "H5Screate", FunctionDescriptor.of(HID, ValueLayout.JAVA_INT));
    sclose = handle(lib, linker, "H5Sclose", FunctionDescriptor.of(HERR, HID));
    dcreate = handle(lib, linker, "H5Dcreate2", FunctionDescriptor.of(HID, HID, PTR, HID, HID, HID, HID, HID));
    // critical: the data may be a Java array, handed over in place (no copy of a multi-GB dataset)
    dwrite = handle(lib, linker, "H5Dwrite", FunctionDescriptor.of(HERR, HID, HID, HID, HID, HID, PTR),
        Linker.Option.critical(true));
    dclose = handle(lib, linker, "H5Dclose", FunctionDescriptor.of(HERR, HID));
    acreate = handle(lib, linker, "H5Acreate2", FunctionDescriptor.of(HID, HID, PTR, HID, HID, HID, HID));
    awrite = handle(lib, linker, "H5Awrite", FunctionDescriptor.of(HERR, HID, HID, PTR), Linker.Option.critical(true));
    aclose = handle(lib, linker, "H5Aclose", FunctionDescriptor.of(HERR, HID));
    tcopy = handle(lib, linker, "H5Tcopy", FunctionDescriptor.of(HID, HID));
    tsetSize = handle(lib, linker, "H5Tset_size", FunctionDescriptor.of(HERR, HID, SIZE));
    tsetCset = handle(lib, linker, "H5Tset_cset", FunctionDescriptor.of(HERR, HID, ValueLayout.JAVA_INT));
    tclose = handle(lib, linker, "H5Tclose", FunctionDescriptor.of(HERR, HID));
  }

  /** The library, loaded once; empty (see {@link #unavailableReason()}) where it cannot be found or used. */
  static Optional<NativeHdf5> load() {
    Optional<NativeHdf5> i = instance;
    if (i == null) {
      synchronized (NativeHdf5.class) {
        if (instance == null) {
          instance = tryLoad();
        }
        i = instance;
      }
    }
    return i;
  }

  /** Why {@link #load} found no library. */
  static String unavailableReason() {
    return unavailable;
  }

  private static Optional<NativeHdf5> tryLoad() {
    List<String> candidates = new ArrayList<>();
    String override = System.getenv("SGDMC_HDF5_LIBRARY");
    if (override != null && !override.isBlank()) {
      candidates.add(override); // that one, or none
    } else {
      candidates.addAll(List.of(NAMES));
    }
    List<String> tried = new ArrayList<>();
    for (String name : candidates) {
      if (name.contains("/") && !looksLikeElf(Path.of(name))) {
        // dlopen of a file that is no ELF object makes HotSpot print two lines about stack guards
        tried.add(name + " (not a shared library)");
        continue;
      }
      SymbolLookup lib;
      try {
        lib = name.contains("/") ? SymbolLookup.libraryLookup(Path.of(name), Arena.global())
            : SymbolLookup.libraryLookup(name, Arena.global());
      } catch (IllegalArgumentException e) {
        tried.add(name);
        continue;
      }
      NativeHdf5 h5;
      try {
        h5 = new NativeHdf5(lib);
      } catch (Throwable e) {
        unavailable = name + " cannot be used: " + e.getMessage();
        return Optional.empty();
      }
      try {
        h5.selfCheck();
        return Optional.of(h5);
      } catch (RuntimeException e) {
        unavailable = name + " (HDF5 " + h5.version + ") failed its self-check: " + e.getMessage();
        return Optional.empty();
      }
    }
    unavailable = "no HDF5 C library found (tried " + String.join(", ", tried) + (override != null && !override.isBlank()
        ? ", from SGDMC_HDF5_LIBRARY)" : "; Debian: apt install libhdf5-103-1, or set SGDMC_HDF5_LIBRARY)");
    return Optional.empty();
  }

  /** Whether {@code file} is missing (dlopen then says so) or starts with the ELF magic number. */
  private static boolean looksLikeElf(Path file) {
    if (!java.nio.file.Files.isRegularFile(file)) {
      return true;
    }
    try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
      return java.util.Arrays.equals(in.readNBytes(4), new byte[] {0x7f, 'E', 'L', 'F'});
    } catch (java.io.IOException e) {
      return true;
    }
  }

  private static MethodHandle handle(SymbolLookup lib, Linker linker, String name, FunctionDescriptor fd,
      Linker.Option... options) {
    MemorySegment symbol = lib.find(name).orElseThrow(() -> new IllegalStateException("no symbol " + name));
    return linker.downcallHandle(symbol, fd, options);
  }

  private static long global(SymbolLookup lib, String name) {
    MemorySegment symbol = lib.find(name).orElseThrow(() -> new IllegalStateException("no symbol " + name));
    long id = symbol.reinterpret(Long.BYTES).get(ValueLayout.JAVA_LONG, 0);
    if (id < 0) {
      throw new IllegalStateException(name + " is not initialised");
    }
    return id;
  }

  /**
   * A failed HDF5 call: one line naming the call, the object and, where the library's error stack says, why (the
   * system's message, e.g. "File too large", or what HDF5 found, e.g. no HDF5 signature).
   */
  static final class Hdf5Exception extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Whether another program holds the file's HDF5 lock (something the user fixes, not a failing disk). */
    final boolean locked;
    /** Whether the file is not an HDF5 file at all. */
    final boolean notHdf5;
    /** The failed call, and why it failed (empty when the library did not say). */
    final String call, why;

    Hdf5Exception(String message) {
      super(message, null, false, false);
      this.locked = false;
      this.notHdf5 = false;
      this.call = "";
      this.why = "";
    }

    Hdf5Exception(String call, String what, String why, boolean locked, boolean notHdf5) {
      super(call + " failed for " + what + (why.isEmpty() ? "" : ": " + why), null, false, false);
      this.locked = locked;
      this.notHdf5 = notHdf5;
      this.call = call;
      this.why = why;
    }

    /** Why, then the call, for a message that already names the file: "File too large (H5Fclose)". */
    String briefly() {
      return why.isEmpty() ? getMessage() : why + " (" + call + ")";
    }
  }

  private static long check(long id, String call, String what) {
    if (id < 0) {
      throw failed(call, what);
    }
    return id;
  }

  private static void check(int status, String call, String what) {
    if (status < 0) {
      throw failed(call, what);
    }
  }

  private static Hdf5Exception failed(String call, String what) {
    List<String> stack = errorStack();
    boolean locked = stack.stream().anyMatch(d -> d.startsWith("unable to lock file"));
    boolean notHdf5 = !locked && stack.stream().anyMatch(d -> d.startsWith("file signature not found"));
    String why = locked ? "another program has it open (HDF5 file lock): close it there first"
        : notHdf5 ? "not an HDF5 file" : reason(stack);
    MethodHandle clear = eclear;
    if (clear != null) {
      try {
        int ignored = (int) clear.invokeExact(0L); // H5E_DEFAULT: this thread's stack
      } catch (Throwable t) {
        // the failure itself is what gets reported
      }
    }
    return new Hdf5Exception(call, what, why, locked, notHdf5);
  }

  /** This thread's HDF5 error stack, innermost entry first; empty when it cannot be read. */
  private static List<String> errorStack() {
    MethodHandle walk = ewalk;
    List<String> out = WALKED.get();
    out.clear();
    if (walk != null) {
      try {
        int ignored = (int) walk.invokeExact(0L, 0, walkStub, MemorySegment.NULL); // H5E_DEFAULT, H5E_WALK_UPWARD
      } catch (Throwable t) {
        // without the stack the message names the call alone
      }
    }
    List<String> copy = List.copyOf(out);
    out.clear();
    return copy;
  }

  /** The {@code H5E_walk2_t} upcall: keeps the description ({@code desc}, the last field of H5E_error2_t). */
  private static int walked(int n, MemorySegment entry, MemorySegment data) {
    try { // an exception must not leave an upcall: the JVM would exit
      MemorySegment desc = entry.reinterpret(56).get(ValueLayout.ADDRESS, 48);
      WALKED.get().add(desc.equals(MemorySegment.NULL) ? "" : desc.reinterpret(Integer.MAX_VALUE).getString(0));
      return 0;
    } catch (Throwable t) {
      return -1; // stops the walk
    }
  }

  /**
   * Why, from an error stack: the system's message of the innermost failing system call ({@code error message =
   * '...'} in HDF5's text), else the innermost description; empty when the stack says nothing.
   */
  static String reason(List<String> stack) {
    for (String d : stack) {
      int at = d.indexOf("error message = '");
      if (at >= 0) {
        int from = at + "error message = '".length();
        int to = d.indexOf('\'', from);
        return to > from ? d.substring(from, to) : d.substring(from);
      }
    }
    return stack.isEmpty() ? "" : stack.get(0);
  }

  private static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }

  /**
   * Writes a small tree like sgdmc's (groups, a UTF-8 string attribute, int64 and float64 values, a 2-D dataset)
   * into a file held in memory (the core driver without a backing store: nothing reaches the disk) and reads an
   * attribute back: a library that loads but cannot do this (a broken build, a mismatched ABI) is not used.
   */
  void selfCheck() {
    String name = "sgdmc-self-check.h5";
    try (Arena a = Arena.ofConfined()) {
      long fapl = check((long) pcreate.invokeExact(fileAccessClass), "H5Pcreate", name);
      long f;
      try {
        check((int) fsetCore.invokeExact(fapl, 1L << 16, false), "H5Pset_fapl_core", name);
        f = check((long) fcreate.invokeExact(a.allocateFrom(name), H5F_ACC_TRUNC, H5P_DEFAULT, fapl), "H5Fcreate", name);
      } finally {
        closeQuietly(pclose, fapl);
      }
      try {
        java.util.Map<String, java.util.Map<String, Value>> groups = new java.util.LinkedHashMap<>();
        groups.put("/", new java.util.LinkedHashMap<>(java.util.Map.of("answer", Value.of(42L))));
        groups.put("/g", new java.util.LinkedHashMap<>(java.util.Map.of("text", Value.of("\u00b5 \u03bb"))));
        java.util.Map<String, Value> datasets = new java.util.LinkedHashMap<>();
        datasets.put("/g/x", Value.of(new double[] {1.5, -0.0, Double.NaN}));
        datasets.put("/g/m", Value.of(new int[][] {{1, 2}, {3, 4}}));
        NativeFileWriter.writeTree(this, a, f, groups, datasets, java.util.Map.of(), java.util.Map.of(), false);
        long read = readLongAttribute(a, f, "answer", name + ":/").orElse(-1);
        if (read != 42) {
          throw new IllegalStateException("wrote the int64 attribute 42, read back " + read);
        }
      } finally {
        closeFile(f, Path.of(name));
      }
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  // ---- the calls, each checked ----

  long createFile(Arena a, Path path) {
    try {
      return check((long) fcreate.invokeExact(a.allocateFrom(path.toString()), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
          "H5Fcreate", path.toString());
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  void closeFile(long file, Path path) {
    try {
      check((int) fclose.invokeExact(file), "H5Fclose", path.toString());
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  long createGroup(Arena a, long loc, String name, String path) {
    try {
      return check((long) gcreate.invokeExact(loc, a.allocateFrom(name), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
          "H5Gcreate2", path);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  void closeGroup(long g, String path) {
    try {
      check((int) gclose.invokeExact(g), "H5Gclose", path);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** A dataspace of {@code shape} (scalar for shape []). */
  long createSpace(Arena a, long[] shape, String path) {
    try {
      if (shape.length == 0) {
        return check((long) screate.invokeExact(H5S_SCALAR), "H5Screate", path);
      }
      MemorySegment dims = a.allocateFrom(ValueLayout.JAVA_LONG, shape);
      return check((long) screateSimple.invokeExact(shape.length, dims, MemorySegment.NULL), "H5Screate_simple", path);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  void closeSpace(long s, String path) {
    try {
      check((int) sclose.invokeExact(s), "H5Sclose", path);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** A variable-length UTF-8 string type (h5py reads it as {@code str}); close with {@link #closeType}. */
  long utf8StringType(String path) {
    try {
      long t = check((long) tcopy.invokeExact(cString), "H5Tcopy", path);
      check((int) tsetSize.invokeExact(t, H5T_VARIABLE), "H5Tset_size", path);
      check((int) tsetCset.invokeExact(t, H5T_CSET_UTF8), "H5Tset_cset", path);
      return t;
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  void closeType(long t, String path) {
    try {
      check((int) tclose.invokeExact(t), "H5Tclose", path);
    } catch (Throwable e) {
      throw rethrow(e);
    }
  }

  /** A contiguous dataset; returns its id, to write and close. */
  long createDataset(Arena a, long loc, String name, long fileType, long space, String path) {
    try {
      return check((long) dcreate.invokeExact(loc, a.allocateFrom(name), fileType, space, H5P_DEFAULT, H5P_DEFAULT,
          H5P_DEFAULT), "H5Dcreate2", path);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  void writeDataset(long dataset, long memType, MemorySegment data, String path) {
    try {
      check((int) dwrite.invokeExact(dataset, memType, 0L, 0L, H5P_DEFAULT, data), "H5Dwrite", path);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  void closeDataset(long d, String path) {
    try {
      check((int) dclose.invokeExact(d), "H5Dclose", path);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Creates, writes and closes an attribute. */
  void attribute(Arena a, long loc, String name, long fileType, long memType, long space, MemorySegment data,
      String path) {
    try {
      long attr = check((long) acreate.invokeExact(loc, a.allocateFrom(name), fileType, space, H5P_DEFAULT, H5P_DEFAULT),
          "H5Acreate2", path + "@" + name);
      try {
        check((int) awrite.invokeExact(attr, memType, data), "H5Awrite", path + "@" + name);
      } finally {
        check((int) aclose.invokeExact(attr), "H5Aclose", path + "@" + name);
      }
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }
  // ---- chunked and extendable datasets, hyperslabs, flush, SWMR ----

  /**
   * A file-access property list asking for the 1.10 file format at least ({@code H5Pset_libver_bounds(V110,
   * V110)}: what {@code H5Fstart_swmr_write} needs); close with {@link #closeProperties}.
   */
  long swmrFileAccess(String path) {
    try {
      long fapl = check((long) pcreate.invokeExact(fileAccessClass), "H5Pcreate", path);
      try {
        check((int) psetLibverBounds.invokeExact(fapl, H5F_LIBVER_V110, H5F_LIBVER_V110), "H5Pset_libver_bounds", path);
      } catch (RuntimeException e) {
        closeQuietly(pclose, fapl);
        throw e;
      }
      return fapl;
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /**
   * A dataset-creation property list: chunks of {@code chunk}, deflate at {@code deflateLevel} (0: none); close
   * with {@link #closeProperties}.
   */
  long chunkedCreation(Arena a, long[] chunk, int deflateLevel, String path) {
    try {
      long dcpl = check((long) pcreate.invokeExact(datasetCreateClass), "H5Pcreate", path);
      try {
        check((int) psetChunk.invokeExact(dcpl, chunk.length, a.allocateFrom(ValueLayout.JAVA_LONG, chunk)),
            "H5Pset_chunk", path);
        if (deflateLevel > 0) {
          check((int) psetDeflate.invokeExact(dcpl, deflateLevel), "H5Pset_deflate", path);
        }
      } catch (RuntimeException e) {
        closeQuietly(pclose, dcpl);
        throw e;
      }
      return dcpl;
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  void closeProperties(long plist, String path) {
    try {
      check((int) pclose.invokeExact(plist), "H5Pclose", path);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Creates {@code path}, {@code H5F_ACC_EXCL} (fails if it exists) unless {@code truncate}, with {@code fapl}. */
  long createFile(Arena a, Path path, boolean truncate, long fapl) {
    try {
      return check((long) fcreate.invokeExact(a.allocateFrom(path.toString()), truncate ? H5F_ACC_TRUNC : H5F_ACC_EXCL,
          H5P_DEFAULT, fapl), "H5Fcreate", path.toString());
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Opens an existing file; {@code flags} as {@code H5F_ACC_*}. */
  long openFile(Arena a, Path path, int flags) {
    try {
      return check((long) fopen.invokeExact(a.allocateFrom(path.toString()), flags, H5P_DEFAULT), "H5Fopen",
          path.toString());
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Switches an open file (no objects open in it) to single-writer/multiple-reader mode. */
  void startSwmrWrite(long file, Path path) {
    try {
      check((int) fstartSwmrWrite.invokeExact(file), "H5Fstart_swmr_write", path.toString());
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  void flushFile(long file, Path path) {
    try {
      check((int) fflush.invokeExact(file, H5F_SCOPE_LOCAL), "H5Fflush", path.toString());
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  void flushDataset(long dataset, String path) {
    try {
      check((int) dflush.invokeExact(dataset), "H5Dflush", path);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** A dataset whose creation properties are {@code dcpl} (chunked) and space {@code space} (maybe unlimited). */
  long createDataset(Arena a, long loc, String name, long fileType, long space, long dcpl, String path) {
    try {
      return check((long) dcreate.invokeExact(loc, a.allocateFrom(name), fileType, space, H5P_DEFAULT, dcpl,
          H5P_DEFAULT), "H5Dcreate2", path);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Opens the dataset at the absolute {@code path} of {@code file}. */
  long openDataset(Arena a, long file, String path) {
    try {
      return check((long) dopen.invokeExact(file, a.allocateFrom(path), H5P_DEFAULT), "H5Dopen2", path);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** A simple dataspace of {@code shape} that may grow to {@code max} ({@link #H5S_UNLIMITED} for no bound). */
  long createSpace(Arena a, long[] shape, long[] max, String path) {
    try {
      return check((long) screateSimple.invokeExact(shape.length, a.allocateFrom(ValueLayout.JAVA_LONG, shape),
          a.allocateFrom(ValueLayout.JAVA_LONG, max)), "H5Screate_simple", path);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Grows (or shrinks) a chunked dataset to {@code dims}. */
  void setExtent(Arena a, long dataset, long[] dims, String path) {
    try {
      check((int) dsetExtent.invokeExact(dataset, a.allocateFrom(ValueLayout.JAVA_LONG, dims)), "H5Dset_extent", path);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /**
   * Writes {@code data} (of {@code memType}, {@code count} elements per dimension, row-major) into the block of
   * the dataset that starts at {@code start}: a hyperslab of the file space, a simple space in memory.
   */
  void writeHyperslab(Arena a, long dataset, long memType, long[] start, long[] count, MemorySegment data,
      String path) {
    try {
      long fileSpace = check((long) dgetSpace.invokeExact(dataset), "H5Dget_space", path);
      try {
        check((int) sselectHyperslab.invokeExact(fileSpace, H5S_SELECT_SET, a.allocateFrom(ValueLayout.JAVA_LONG, start),
            MemorySegment.NULL, a.allocateFrom(ValueLayout.JAVA_LONG, count), MemorySegment.NULL),
            "H5Sselect_hyperslab", path);
        long memSpace = createSpace(a, count, path);
        try {
          check((int) dwrite.invokeExact(dataset, memType, memSpace, fileSpace, H5P_DEFAULT, data), "H5Dwrite", path);
        } finally {
          closeSpace(memSpace, path);
        }
      } finally {
        closeSpace(fileSpace, path);
      }
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** The int64 attribute {@code name} of the object {@code loc}, or empty when it has none. */
  java.util.OptionalLong readLongAttribute(Arena a, long loc, String name, String path) {
    try {
      MemorySegment n = a.allocateFrom(name);
      int exists = (int) aexists.invokeExact(loc, n);
      check(exists, "H5Aexists", path + "@" + name);
      if (exists == 0) {
        return java.util.OptionalLong.empty();
      }
      long attr = check((long) aopen.invokeExact(loc, n, H5P_DEFAULT), "H5Aopen", path + "@" + name);
      try {
        MemorySegment v = a.allocate(ValueLayout.JAVA_LONG);
        check((int) aread.invokeExact(attr, nativeLong, v), "H5Aread", path + "@" + name);
        return java.util.OptionalLong.of(v.get(ValueLayout.JAVA_LONG, 0));
      } finally {
        check((int) aclose.invokeExact(attr), "H5Aclose", path + "@" + name);
      }
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  // ---- virtual datasets ----

  /** One block of a virtual dataset: columns {@code [first, first + count)}, all rows, from {@code dataset} of {@code file}. */
  record VirtualSource(String file, String dataset, long first, long count) {}

  /**
   * A dataset-creation property list for a 2-D float64 virtual dataset of {@code rows x cols} whose column blocks
   * are {@code sources} (each all rows x its count of the source dataset, which must have that shape when read),
   * and whose unmapped or unreadable parts read as {@code fill} ({@code H5Pset_fill_value}); close with {@link
   * #closeProperties}. A relative source file name is looked up (by the library, at read time) from the
   * directory of the file that holds the virtual dataset.
   */
  long virtualCreation(Arena a, long rows, long cols, List<VirtualSource> sources, double fill, String path) {
    try {
      long dcpl = check((long) pcreate.invokeExact(datasetCreateClass), "H5Pcreate", path);
      try {
        MemorySegment value = a.allocate(ValueLayout.JAVA_DOUBLE);
        value.set(ValueLayout.JAVA_DOUBLE, 0, fill);
        check((int) psetFillValue.invokeExact(dcpl, nativeDouble, value), "H5Pset_fill_value", path);
        for (VirtualSource s : sources) {
          String what = path + " <- " + s.file() + ":" + s.dataset();
          long virtualSpace = createSpace(a, new long[] {rows, cols}, what);
          try {
            check((int) sselectHyperslab.invokeExact(virtualSpace, H5S_SELECT_SET,
                a.allocateFrom(ValueLayout.JAVA_LONG, 0, s.first()), MemorySegment.NULL,
                a.allocateFrom(ValueLayout.JAVA_LONG, rows, s.count()), MemorySegment.NULL), "H5Sselect_hyperslab", what);
            long sourceSpace = createSpace(a, new long[] {rows, s.count()}, what);
            try {
              check((int) psetVirtual.invokeExact(dcpl, virtualSpace, a.allocateFrom(s.file()),
                  a.allocateFrom(s.dataset()), sourceSpace), "H5Pset_virtual", what);
            } finally {
              closeSpace(sourceSpace, what);
            }
          } finally {
            closeSpace(virtualSpace, what);
          }
        }
      } catch (RuntimeException e) {
        closeQuietly(pclose, dcpl);
        throw e;
      }
      return dcpl;
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Closes on a path that is already failing: a second error would hide the first. */
  private static void closeQuietly(MethodHandle close, long id) {
    try {
      int ignored = (int) close.invokeExact(id);
    } catch (Throwable t) {
      // the first failure is the one reported
    }
  }
}
