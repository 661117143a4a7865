package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.io.ExternalTools;
import org.sgdmc.io.LiveFile;

/**
 * The HDF5 binding's error paths, through real CLI runs with the default writer (the C library where it is
 * installed): an output that cannot be created, a full disk, a file another HDF5 program holds open, a file that
 * is not HDF5 where one is read, a directory at the output path, a bad writer setting or library. Each gives one
 * line on stderr and its exit code (2: the user's to fix; 74: the write itself failed, as on a full disk), never
 * a crash of the JVM, and leaves no file at the output path (or the one there as it was).
 */
class Hdf5ErrorPathsIT {
  @TempDir Path dir;

  private static final String[] SIM = {"simulate", "linreg1d", "--lr", "0.5", "--trajectories", "64", "--steps", "20"};
  private static final String[] SWEEP = {"sweep", "saddle", "--lr", "0.1:1:2", "--mu", "0.06,0.5", "--trajectories",
      "64", "--steps", "20"};

  private static String[] with(String[] a, String... b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
  }

  /** One line starting "sgdmc: " that contains {@code says}, exit code {@code code}, no crash, no stack trace. */
  private void assertOneLine(String what, Launcher.Run r, int code, String says) throws Exception {
    assertEquals(code, r.exitCode(), what + ": " + r.stdout() + r.stderr());
    assertEquals(1, r.errorLines().size(), what + ": expected one line, got\n" + r.stderr());
    assertTrue(r.stderr().startsWith("sgdmc: ") && r.stderr().contains(says), what + ": " + r.stderr());
    assertFalse(r.stderr().contains("Exception") || r.stderr().contains("\tat ") || r.stderr().contains("fatal error"),
        what + ": " + r.stderr());
    try (Stream<Path> files = Files.list(dir)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("hs_err")), what + ": the JVM crashed");
    }
  }

  private void assertNoOutput(String what, String name) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      List<String> left = files.map(p -> p.getFileName().toString()).filter(n -> n.contains(name)).toList();
      assertEquals(List.of(), left, what + ": output or temporary file left");
    }
  }

  @Test
  void anOutputThatCannotBeCreatedIsOneLine() throws Exception {
    Files.writeString(dir.resolve("plain"), "a regular file");
    assertOneLine("under a regular file", Launcher.sgdmc(dir, with(SIM, "-o", "plain/out.h5")), 2,
        "plain is not a directory");
    Files.createDirectory(dir.resolve("dir.h5"));
    assertOneLine("a directory at the path", Launcher.sgdmc(dir, with(SIM, "-o", "dir.h5")), 2, "is a directory");
    Path readOnly = Files.createDirectory(dir.resolve("ro"));
    assertTrue(readOnly.toFile().setWritable(false, false));
    try {
      // root writes into a read-only directory anyway; sysfs refuses new files even to root
      String where = Files.isWritable(readOnly) ? "/sys/sgdmc-out.h5" : "ro/out.h5";
      Assumptions.assumeTrue(new File("/sys").isDirectory() || !Files.isWritable(readOnly), "no unwritable directory");
      assertOneLine("an unwritable directory", Launcher.sgdmc(dir, with(SIM, "-o", where)), 2, "is not writable");
      assertOneLine("an unwritable directory, live", Launcher.sgdmc(dir, with(SWEEP, "--live", "-o", where)), 2,
          "is not writable");
    } finally {
      readOnly.toFile().setWritable(true, false);
    }
    assertNoOutput("unwritable", "out.h5");
  }

  @Test
  void aFullDiskIsOneLineAndLeavesNothing() throws Exception {
    // a file size limit of 4 KiB (HotSpot ignores SIGXFSZ, so the write fails with EFBIG), as on a full disk
    for (String[] run : List.of(with(SIM, "-o", "full.h5"), with(SWEEP, "--live", "-o", "full.h5"))) {
      Launcher.Run r = Launcher.exec(dir, List.of("bash", "-c", "ulimit -f 4; exec " + Launcher.SCRIPT + " "
          + String.join(" ", run)));
      assertOneLine(String.join(" ", run), r, Cli.IO_ERROR, "cannot write full.h5: File too large");
      assertNoOutput(String.join(" ", run), "full.h5");
    }
  }

  @Test
  void aFileAnotherHdf5ProgramHoldsOpenIsLeftAlone() throws Exception {
    Assumptions.assumeTrue(LiveFile.available(), "only the HDF5 C library sees HDF5's file locks");
    Path held = dir.resolve("held.h5");
    Path ready = dir.resolve("ready");
    Process writer = new ProcessBuilder(ExternalTools.PYTHON, "-c", """
        import h5py, sys, time
        f = h5py.File(sys.argv[1], 'w')
        f['x'] = [1.0, 2.0]
        f.flush()
        open(sys.argv[2], 'w').close()
        sys.stdin.read()
        f.close()
        """, held.toString(), ready.toString()).redirectErrorStream(true).start();
    try {
      for (int i = 0; i < 300 && !Files.exists(ready); i++) {
        Thread.sleep(50);
      }
      assertTrue(Files.exists(ready), "h5py did not open the file: " + new String(writer.getInputStream().readNBytes(
          writer.getInputStream().available())));
      byte[] before = Files.readAllBytes(held);
      String says = "another program has it open (HDF5 file lock)";
      assertOneLine("--force over a held file", Launcher.sgdmc(dir, with(SIM, "--force", "-o", "held.h5")), 2, says);
      assertOneLine("--live --force over a held file", Launcher.sgdmc(dir, with(SWEEP, "--live", "--force", "-o",
          "held.h5")), 2, says);
      assertArrayEquals(before, Files.readAllBytes(held), "the held file was changed");
    } finally {
      writer.getOutputStream().close(); // h5py closes its file and exits
      writer.waitFor(30, TimeUnit.SECONDS);
      writer.destroyForcibly();
    }
    ExternalTools.Result intact = ExternalTools.python(
        "import h5py, sys; print(list(h5py.File(sys.argv[1], 'r')['x'][()]))", held.toString());
    assertEquals("[1.0, 2.0]", intact.stdout().strip(), intact.stderr());
  }

  @Test
  void aFileThatIsNotHdf5WhereOneIsReadIsOneLine() throws Exception {
    Path notes = Files.writeString(dir.resolve("notes.h5"), "not HDF5 at all\n");
    assertOneLine("inspect", Launcher.sgdmc(dir, "inspect", "notes.h5"), 2, "notes.h5 is not an HDF5 file");
    assertOneLine("merge", Launcher.sgdmc(dir, "merge", "merged.h5", "notes.h5"), 2, "not an HDF5 file");
    // a live sweep resumes over its own incomplete live file without --force; over anything else it needs --force
    assertOneLine("--live over it", Launcher.sgdmc(dir, with(SWEEP, "--live", "-o", "notes.h5")), 2,
        "exists (use --force to overwrite)");
    assertEquals("not HDF5 at all\n", Files.readString(notes));
    assertNoOutput("merge", "merged.h5");
  }

  @Test
  void aBadWriterSettingOrLibraryIsOneLineOrJhdf() throws Exception {
    List<String> badSetting = new ArrayList<>(List.of("env", "SGDMC_HDF5_WRITER=fastest", Launcher.SCRIPT.toString()));
    badSetting.addAll(List.of(with(SIM, "-o", "bad.h5")));
    Launcher.Run bad = Launcher.exec(dir, badSetting);
    assertOneLine("SGDMC_HDF5_WRITER=fastest", bad, 2, "SGDMC_HDF5_WRITER must be auto, native or jhdf, not \"fastest\"");
    assertNoOutput("a bad setting", "bad.h5");
    // a library that is no HDF5 (a text file; the C library itself): jhdf writes, and says why, in one line
    Path fake = Files.writeString(dir.resolve("libfake.so"), "not a library");
    List<String> libraries = new ArrayList<>(List.of(fake.toString()));
    if (Files.exists(Path.of("/lib/x86_64-linux-gnu/libc.so.6"))) {
      libraries.add("/lib/x86_64-linux-gnu/libc.so.6");
    }
    for (String lib : libraries) {
      List<String> cmd = new ArrayList<>(List.of("env", "SGDMC_HDF5_LIBRARY=" + lib, Launcher.SCRIPT.toString()));
      cmd.addAll(List.of(with(SIM, "-o", "j.h5")));
      Launcher.Run r = Launcher.exec(dir, cmd);
      assertEquals(0, r.exitCode(), lib + ": " + r.stderr());
      assertEquals(1, r.errorLines().size(), lib + ": " + r.stderr());
      assertTrue(r.errorLines().get(0).startsWith("sgdmc: HDF5 writer: jhdf 0.13.0 (pure Java: ")
          && r.errorLines().get(0).contains(lib), r.stderr());
      Files.delete(dir.resolve("j.h5"));
    }
  }
}
