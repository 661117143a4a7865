package org.sgdmc.io;

import java.util.Optional;

/**
 * Which library writes HDF5 files: jhdf (pure Java, the default) or the HDF5 C library through {@code
 * java.lang.foreign} ({@link NativeHdf5}), chosen with {@code SGDMC_HDF5_WRITER=native} (or {@code
 * -Dsgdmc.hdf5.writer=native}). The layout and the values are the same either way; every file names its writer
 * in the root attribute {@code hdf5_writer}. Asked for the native writer where the library is missing, sgdmc
 * says so once on stderr and writes with jhdf.
 */
final class HdfWriterChoice {
  /** jhdf's version, for {@code hdf5_writer}. */
  static final String JHDF_VERSION = "0.13.0";

  private static volatile boolean warned;

  private HdfWriterChoice() {}

  /** The C library when the native writer is asked for and can be used; else empty (jhdf writes). */
  static Optional<NativeHdf5> nativeLibrary() {
    String choice = System.getProperty("sgdmc.hdf5.writer", System.getenv().getOrDefault("SGDMC_HDF5_WRITER", "jhdf"));
    if (!choice.strip().equalsIgnoreCase("native")) {
      return Optional.empty();
    }
    Optional<NativeHdf5> lib = NativeHdf5.load();
    if (lib.isEmpty() && !warned) {
      warned = true;
      System.err.println("sgdmc: SGDMC_HDF5_WRITER=native, but " + NativeHdf5.unavailableReason() + ": writing with jhdf");
    }
    return lib;
  }
}
