package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sgdmc merge --virtual} where the HDF5 C library cannot be loaded: refused in one line, nothing
 * written (the launcher's own process, since the library is loaded once per JVM). VirtualMergeTest has the rest.
 */
class VirtualMergeIT {
  @TempDir Path dir;

  @Test
  void withoutTheCLibraryAVirtualMergeIsRefusedInOneLine() {
    Launcher.Run shard = Launcher.sgdmc(dir, "simulate", "saddle", "--lr", "0.4", "--mu", "0.5", "--trajectories",
        "128", "--steps", "20", "--keep-trajectories", "--shard", "0/1", "-o", "s.h5");
    assertEquals(0, shard.exitCode(), shard.stderr());
    Path lib = dir.resolve("no-such-libhdf5.so");
    Launcher.Run merge = Launcher.exec(dir, List.of("env", "SGDMC_HDF5_LIBRARY=" + lib, Launcher.SCRIPT.toString(),
        "merge", "--virtual", "out.h5", "s.h5"));
    assertEquals(2, merge.exitCode(), merge.stderr());
    assertEquals(List.of("sgdmc: merge --virtual writes HDF5 virtual datasets, which need the HDF5 C library: no HDF5 "
        + "C library found (tried " + lib + ", from SGDMC_HDF5_LIBRARY)"), merge.errorLines());
    assertFalse(Files.exists(dir.resolve("out.h5")));
  }
}
