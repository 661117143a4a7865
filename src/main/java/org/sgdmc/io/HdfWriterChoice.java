package org.sgdmc.io;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which library writes HDF5 files. By default the HDF5 C library through {@code java.lang.foreign} ({@link
 * NativeHdf5}) where it loads and passes its self-check, else jhdf (pure Java). {@code SGDMC_HDF5_WRITER} (or
 * {@code -Dsgdmc.hdf5.writer}) overrides it: {@code jhdf} always writes with jhdf, {@code native} asks for the C
 * library (with jhdf, and a word why, where it cannot be used), {@code auto} is the default. The layout and the
 * values are the same either way (NativeWriterTest compares every command's file); every file names its writer
 * in the root attribute {@code hdf5_writer}, and every command says once on stderr, after writing, which writer
 * it used.
 */
public final class HdfWriterChoice {
  /** jhdf's version, for {@code hdf5_writer}. */
  static final String JHDF_VERSION = "0.13.0";

  /** The writers already named on stderr by the command running now ({@link #newCommand}). */
  private static final Set<String> ANNOUNCED = new LinkedHashSet<>();

  private HdfWriterChoice() {}

  private enum Mode { AUTO, NATIVE, JHDF }

  private static String setting() {
    return System.getProperty("sgdmc.hdf5.writer", System.getenv().getOrDefault("SGDMC_HDF5_WRITER", "auto"));
  }

  private static Mode mode() {
    String s = setting().strip().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "", "auto" -> Mode.AUTO;
      case "native" -> Mode.NATIVE;
      case "jhdf" -> Mode.JHDF;
      default -> throw new IllegalArgumentException("SGDMC_HDF5_WRITER must be auto, native or jhdf, not \""
          + setting().strip() + "\"");
    };
  }

  /** Fails in one line ({@link IllegalArgumentException}) when {@code SGDMC_HDF5_WRITER} names no writer. */
  public static void checkSetting() {
    mode();
  }

  /** A new command starts (in this process): it names its writer once again. */
  public static void newCommand() {
    synchronized (ANNOUNCED) {
      ANNOUNCED.clear();
    }
  }

  /** The C library when it is to write (the default where it can be used); else empty (jhdf writes). */
  static Optional<NativeHdf5> nativeLibrary() {
    return mode() == Mode.JHDF ? Optional.empty() : NativeHdf5.load();
  }

  /** The root attribute {@code hdf5_writer} of a file the C library writes. */
  static String nativeName(NativeHdf5 lib) {
    return "libhdf5 " + lib.version;
  }

  /** The root attribute {@code hdf5_writer} of a file jhdf writes. */
  static String jhdfName() {
    return "jhdf " + JHDF_VERSION;
  }

  /**
   * Says on stderr, once per command and writer, which writer wrote its file, and why that one: one line, after
   * the file is written (so that a failed write stays the one line that says why).
   */
  static void announce(String writer) {
    synchronized (ANNOUNCED) {
      if (!ANNOUNCED.add(writer)) {
        return;
      }
    }
    String why;
    if (writer.startsWith("libhdf5")) {
      why = mode() == Mode.JHDF ? "a live file: only the C library writes one"
          : "the HDF5 C library; SGDMC_HDF5_WRITER=jhdf writes with pure-Java jhdf instead";
    } else {
      why = switch (mode()) {
        case JHDF -> "pure Java, as SGDMC_HDF5_WRITER=jhdf asks";
        case NATIVE -> "pure Java: SGDMC_HDF5_WRITER=native, but " + NativeHdf5.unavailableReason();
        case AUTO -> "pure Java: " + NativeHdf5.unavailableReason();
      };
    }
    System.err.println("sgdmc: HDF5 writer: " + writer + " (" + why + ")");
  }
}
