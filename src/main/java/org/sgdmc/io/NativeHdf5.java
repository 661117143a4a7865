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
 * java.lang.foreign}: the calls sgdmc's writer needs (files, groups, dataspaces, contiguous datasets,
 * attributes, string types) and nothing else. Every call's return code is checked and a failure becomes one line naming the call
 * and the object ({@link Hdf5Exception}); the library's own error printing is switched off.
 *
 * <p>HDF5's predefined types and property classes are macros over global variables ({@code H5T_NATIVE_DOUBLE}
 * is {@code H5T_NATIVE_DOUBLE_g} after {@code H5open()}): they are read from the library's data symbols once.
 * {@code hid_t} is 64 bits from 1.10 on; older libraries are refused.
 */
final class NativeHdf5 {
  /** Library names tried in order, after {@code $SGDMC_HDF5_LIBRARY} (a path or a name). */
  private static final String[] NAMES = {"libhdf5_serial.so.103", "libhdf5.so.103", "libhdf5_serial.so",
    "libhdf5.so", "libhdf5.310.dylib", "libhdf5.dylib"};

  static final long H5P_DEFAULT = 0;
  static final int H5F_ACC_TRUNC = 0x0002;
  static final int H5S_SCALAR = 0;
  static final long H5T_VARIABLE = -1L; // (size_t) -1
  static final int H5T_CSET_UTF8 = 1;

  private static final ValueLayout.OfLong HID = ValueLayout.JAVA_LONG;
  private static final ValueLayout.OfInt HERR = ValueLayout.JAVA_INT;
  private static final ValueLayout.OfLong SIZE = ValueLayout.JAVA_LONG;
  private static final ValueLayout PTR = ValueLayout.ADDRESS;

  private static volatile Optional<NativeHdf5> instance;
  private static String unavailable;

  final String version;
  final long nativeDouble, nativeLong, nativeInt, nativeByte, cString, fileDouble, fileLong, fileInt, fileByte;
  private final MethodHandle fcreate, fclose, gcreate, gclose, screateSimple, screate, sclose, dcreate, dwrite, dclose,
      acreate, awrite, aclose, tcopy, tsetSize, tsetCset, tclose;

  private NativeHdf5(SymbolLookup lib) throws Throwable {
    Linker linker = Linker.nativeLinker();
    MethodHandle open = handle(lib, linker, "H5open", FunctionDescriptor.of(HERR));
    check((int) open.invokeExact(), "H5open", "the library");
    MethodHandle eset = handle(lib, linker, "H5Eset_auto2", FunctionDescriptor.of(HERR, HID, PTR, PTR));
    check((int) eset.invokeExact(0L, MemorySegment.NULL, MemorySegment.NULL), "H5Eset_auto2", "error printing");
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
      candidates.add(override);
    }
    candidates.addAll(List.of(NAMES));
    List<String> tried = new ArrayList<>();
    for (String name : candidates) {
      SymbolLookup lib;
      try {
        lib = name.contains("/") ? SymbolLookup.libraryLookup(Path.of(name), Arena.global())
            : SymbolLookup.libraryLookup(name, Arena.global());
      } catch (IllegalArgumentException e) {
        tried.add(name);
        continue;
      }
      try {
        return Optional.of(new NativeHdf5(lib));
      } catch (Throwable e) {
        unavailable = name + " cannot be used: " + e.getMessage();
        return Optional.empty();
      }
    }
    unavailable = "no HDF5 C library found (tried " + String.join(", ", tried) + "; Debian: apt install libhdf5-103-1, "
        + "or set SGDMC_HDF5_LIBRARY)";
    return Optional.empty();
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

  /** A failed HDF5 call: one line naming the call and the object. */
  static final class Hdf5Exception extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Hdf5Exception(String message) {
      super(message, null, false, false);
    }
  }

  private static long check(long id, String call, String what) {
    if (id < 0) {
      throw new Hdf5Exception(call + " failed for " + what);
    }
    return id;
  }

  private static void check(int status, String call, String what) {
    if (status < 0) {
      throw new Hdf5Exception(call + " failed for " + what);
    }
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
}
