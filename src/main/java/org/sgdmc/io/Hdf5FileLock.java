package org.sgdmc.io;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether another program holds an HDF5 file open for writing (h5py's {@code File(path, "w")}, say): HDF5 1.10
 * locks a file it opens, and a writer's lock is exclusive. sgdmc replaces an output by renaming a new file onto
 * it, which the lock does not stop, so a forced run over a file another program is writing would leave that
 * program writing into a file nobody can open again; it is refused instead. Only the HDF5 C library can see the
 * lock: without it there is no check.
 */
public final class Hdf5FileLock {
  private Hdf5FileLock() {}

  /**
   * Throws a one-line IllegalArgumentException when the existing {@code file} is locked by another HDF5 program.
   * A file that is not HDF5, or that opens, or where the C library is missing, passes.
   */
  public static void refuseIfHeld(Path file) {
    Optional<NativeHdf5> lib = NativeHdf5.load();
    if (lib.isEmpty()) {
      return;
    }
    NativeHdf5 h5 = lib.get();
    try (Arena a = Arena.ofConfined()) {
      long f = h5.openFile(a, file, NativeHdf5.H5F_ACC_RDONLY); // a shared lock: refused while a writer holds it
      h5.closeFile(f, file);
    } catch (NativeHdf5.Hdf5Exception e) {
      if (e.locked) {
        throw new IllegalArgumentException("cannot write " + file + ": another program has it open (HDF5 file lock): "
            + "close it there first");
      }
    }
  }
}
