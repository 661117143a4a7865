package org.sgdmc.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binding's live-file calls (chunked datasets, an unlimited deflated one, H5Dset_extent, hyperslab writes,
 * H5Dflush/H5Fflush, H5Fstart_swmr_write) seen by another process: h5py opens the file with {@code swmr=True}
 * while this JVM still holds it open for writing and sees exactly what was flushed, then more after the next
 * flush; once closed, the file opens plainly. Misuse is one line each. Skipped only where libhdf5 is absent
 * (scripts/install-deps.sh installs it with python3-h5py).
 */
class LiveFileTest {
  @TempDir Path dir;

  static final String READ = """
      import h5py, sys
      with h5py.File(sys.argv[1], 'r', swmr=(sys.argv[2] == 'swmr')) as f:
          g = f['g/m'][()]
          print(int(f.attrs['complete']), g.shape, f['g/m'].chunks is not None, list(f['live/done'][()]),
                f['live/done'].compression, ' '.join(repr(float(x)) for x in g.ravel()), f['g/k'][()].tolist())
      """;

  @BeforeEach
  void library() {
    Assumptions.assumeTrue(LiveFile.available(), "libhdf5 is absent: " + LiveFile.unavailableReason());
  }

  private LiveFile create(Path target, boolean overwrite) {
    try (ResultFile f = ResultFile.create(target, overwrite)) {
      f.attribute("/", "complete", 0L);
      f.dataset("/g/m", new double[][] {{Double.NaN, Double.NaN, Double.NaN}, {Double.NaN, Double.NaN, Double.NaN}});
      f.dataset("/g/k", new int[] {0, 0});
      f.dataset("/g/scalar", 2.5);
      f.appendableDataset("/live/done");
      f.datasetAttribute("/live/done", "description", "cells done");
      return f.commitLive();
    }
  }

  private String read(Path file, String mode) {
    ExternalTools.Result r = ExternalTools.python(READ, file.toString(), mode);
    assertEquals(0, r.exitCode(), r.stderr());
    return r.stdout().strip();
  }

  @Test
  void aSwmrReaderInAnotherProcessSeesWhatWasFlushedWhileTheFileIsOpen() {
    Path file = dir.resolve("live.h5");
    try (LiveFile live = create(file, false)) {
      assertEquals("0 (2, 3) True [] gzip nan nan nan nan nan nan [0, 0]", read(file, "swmr"));
      live.set("/g/m", 4, -1.5); // row 1, column 1
      live.set("/g/k", 1, 7);
      live.append("/live/done", 4, 9);
      live.flush();
      assertEquals("0 (2, 3) True [4, 9] gzip nan nan nan nan -1.5 nan [0, 7]", read(file, "swmr"));
      live.set("/g/m", 0, 0.25);
      live.append("/live/done", 0);
      live.flush();
      assertEquals("0 (2, 3) True [4, 9, 0] gzip 0.25 nan nan nan -1.5 nan [0, 7]", read(file, "swmr"));
    }
    assertEquals("0 (2, 3) True [4, 9, 0] gzip 0.25 nan nan nan -1.5 nan [0, 7]", read(file, "plain"));
    assertEquals(0L, LiveFile.rootLong(file, "complete").orElseThrow());
    assertTrue(LiveFile.rootLong(file, "no_such").isEmpty());
  }

  @Test
  void misuseIsOneLineEach() throws Exception {
    Path file = dir.resolve("live.h5");
    LiveFile live = create(file, false);
    try {
      assertEquals("no dataset /g/x in live file " + file,
          assertThrows(IllegalArgumentException.class, () -> live.set("/g/x", 0, 1.0)).getMessage());
      assertEquals("/g/m: element 6 is outside its shape",
          assertThrows(IllegalArgumentException.class, () -> live.set("/g/m", 6, 1.0)).getMessage());
      assertEquals("/g/m holds float64, not int32",
          assertThrows(IllegalArgumentException.class, () -> live.set("/g/m", 0, 1)).getMessage());
      assertEquals("/g/m holds float64, not int64",
          assertThrows(IllegalArgumentException.class, () -> live.append("/g/m", 1L)).getMessage());
      // a second live file over the same path, without overwrite: refused before HDF5 is asked
      assertEquals("output file " + file + " exists (use --force to overwrite)",
          assertThrows(IllegalArgumentException.class, () -> create(file, false)).getMessage());
      // ... and with overwrite, while this process's HDF5 still holds it open: HDF5 refuses, one line, and the
      // open file is left alone; the line says why, from HDF5's error stack
      assertEquals("cannot write " + file + ": unable to truncate a file which is already open (H5Fcreate)",
          assertThrows(UncheckedIOException.class, () -> create(file, true)).getMessage());
      assertTrue(Files.exists(file));
      live.set("/g/m", 0, 1.0);
      live.flush();
    } finally {
      live.close();
    }
    live.close(); // twice is fine
    assertEquals("live file " + file + " is closed",
        assertThrows(IllegalStateException.class, () -> live.set("/g/m", 0, 1.0)).getMessage());
    // HDF5's own failures: a file that is not HDF5, and a path HDF5 cannot create (one line, nothing left)
    Path text = Files.writeString(dir.resolve("text.h5"), "not hdf5\n");
    assertEquals("cannot read " + text + ": not an HDF5 file (H5Fopen)",
        assertThrows(IllegalArgumentException.class, () -> LiveFile.rootLong(text, "complete")).getMessage());
    Path sub = Files.createDirectory(dir.resolve("sub"));
    Path inside = sub.resolve("x.h5");
    try (ResultFile f = ResultFile.create(inside)) {
      f.dataset("/a", new double[] {1});
      try (var left = Files.list(sub)) { // the directory goes away between create and commit
        for (Path p : left.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(sub);
      UncheckedIOException e = assertThrows(UncheckedIOException.class, f::commitLive);
      assertEquals("cannot write " + inside + ": No such file or directory (H5Fcreate)", e.getMessage());
    }
    assertFalse(Files.exists(inside));
    // a plain commit refuses a file with an appendable dataset: it needs commitLive
    try (ResultFile f = ResultFile.create(dir.resolve("plain.h5"))) {
      f.appendableDataset("/live/done");
      assertThrows(IllegalStateException.class, f::commit);
    }
  }
}
