package org.sgdmc.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trip through jhdf, argument checks, and the all-or-nothing file handling of {@link ResultFile}. */
class ResultFileTest {

  @TempDir Path dir;

  // ---- round trip ----

  @Test
  void everyKindOfValueReadsBackExactly() {
    HdfNode.Group root = ResultFileReader.read(SampleResult.write(dir.resolve("run.h5")));

    assertString(root.attribute("sgdmc_version"), "0.1.0");
    assertString(root.attribute("command"), SampleResult.COMMAND);
    assertScalar(root.attribute("seed"), "int64", 42L);
    assertScalar(root.attribute("converged"), "int8", (byte) 1);
    assertScalar(root.attribute("diverged"), "int8", (byte) 0);
    assertBits(root.attribute("lr"), new int[0], 0.1);
    assertBits(root.attribute("floor"), new int[0], Double.NEGATIVE_INFINITY);
    assertBits(root.attribute("grid"), new int[] {5}, SampleResult.GRID);
    assertEquals("string", root.attribute("labels").dtype());
    assertArrayEquals(new int[] {4}, root.attribute("labels").shape());
    assertArrayEquals(SampleResult.LABELS, root.attribute("labels").strings());
    assertEquals("int64", root.attribute("seeds").dtype());
    assertArrayEquals(SampleResult.SEEDS, root.attribute("seeds").longs());

    HdfNode.Group parameters = root.group("/parameters");
    assertBits(parameters.attribute("learning_rate"), new int[0], 0.05);
    assertScalar(parameters.attribute("batch"), "int64", 32L);
    assertString(parameters.attribute("notes"), SampleResult.NOTES);
    assertTrue(root.group("/empty_group").children().isEmpty());

    HdfNode.Dataset time = root.dataset("/observables/time");
    assertBits(time.value(), new int[] {100}, SampleResult.time());
    assertString(time.attribute("units"), "steps");
    assertString(time.attribute("description"), "time of each sample");

    HdfNode.Dataset loss = root.dataset("/observables/loss");
    double[] flatLoss = Stream.of(SampleResult.LOSS).flatMapToDouble(Arrays::stream).toArray();
    assertBits(loss.value(), new int[] {3, 5}, flatLoss);
    assertBits(loss.attribute("scale"), new int[0], 2.0);
    assertScalar(loss.attribute("stride"), "int64", 7L);

    assertBits(root.dataset("/observables/edge").value(), new int[] {9}, SampleResult.EDGE);
    Value steps = root.dataset("/observables/steps").value();
    assertEquals("int64", steps.dtype());
    assertArrayEquals(SampleResult.STEPS, (long[]) steps.data());
    Value counts = root.dataset("/observables/counts").value();
    assertEquals("int32", counts.dtype());
    assertArrayEquals(SampleResult.COUNTS, (int[]) counts.data());
    assertBits(root.dataset("/summary/final_loss").value(), new int[0], 1.25);
    assertBits(root.dataset("/summary/nan_scalar").value(), new int[0], SampleResult.ODD_NAN);

    assertEquals(List.of("empty_group", "observables", "parameters", "summary"),
        root.children().stream().map(HdfNode::name).toList());
  }

  @Test
  void attributesCanBeSetAgainAndTheLastValueWins() {
    Path target = dir.resolve("again.h5");
    try (ResultFile f = ResultFile.create(target)) {
      f.attribute("/", "status", "running");
      f.attribute("/", "status", "done");
      f.commit();
    }
    assertString(ResultFileReader.read(target).attribute("status"), "done");
  }

  @Test
  void attributesUpToTheCapAreWritten() {
    Path target = dir.resolve("cap.h5");
    int doubles = ResultFile.MAX_ATTRIBUTE_BYTES / 8;
    String text = "x".repeat(ResultFile.MAX_ATTRIBUTE_BYTES - 1); // plus the terminating NUL
    try (ResultFile f = ResultFile.create(target)) {
      f.attribute("/", "many", new double[doubles]);
      f.attribute("/", "long_text", text);
      f.commit();
    }
    HdfNode.Group root = ResultFileReader.read(target);
    assertEquals(doubles, root.attribute("many").size());
    assertEquals(text, root.attribute("long_text").strings()[0]);
  }

  // ---- argument checks ----

  @Test
  void rejectsWhatJhdfCannotWriteCorrectly() {
    try (ResultFile f = ResultFile.create(dir.resolve("bad.h5"))) {
      assertMessage(() -> f.dataset("/empty", new double[0]), "dataset /empty is empty");
      assertMessage(() -> f.dataset("/empty2d", new double[0][3]), "is empty");
      assertMessage(() -> f.dataset("/empty2d", new double[3][0]), "is empty");
      assertMessage(() -> f.attribute("/", "none", new String[0]), "attribute none on / is empty");
      assertMessage(() -> f.dataset("/ragged", new double[][] {{1, 2}, {3}}), "ragged");
      assertMessage(() -> f.attribute("/", "nul", "a\0b"), "NUL");
      assertMessage(() -> f.attribute("/", "nuls", new String[] {"ok", "a\0"}), "NUL");
      assertMessage(() -> f.attribute("/", "big", new double[ResultFile.MAX_ATTRIBUTE_BYTES / 8 + 1]),
          "store it as a dataset");
      assertMessage(() -> f.attribute("/", "big", "x".repeat(ResultFile.MAX_ATTRIBUTE_BYTES)),
          "store it as a dataset");
    }
  }

  @Test
  void rejectsBadPathsAndConflicts() {
    try (ResultFile f = ResultFile.create(dir.resolve("paths.h5"))) {
      for (String bad : List.of("x", "/a/", "//a", "/a//b", "/a/../b", "/./a", "")) {
        assertMessage(() -> f.dataset(bad, new double[] {1}), "bad HDF5 path");
      }
      assertMessage(() -> f.dataset("/", new double[] {1}), "root group");
      assertMessage(() -> f.attribute("/", "a/b", 1.0), "bad attribute name");
      assertMessage(() -> f.attribute("/", "", 1.0), "bad attribute name");

      f.dataset("/g/d", new double[] {1});
      assertMessage(() -> f.dataset("/g/d", new double[] {2}), "already exists");
      assertMessage(() -> f.dataset("/g", new double[] {2}), "already exists");
      assertMessage(() -> f.dataset("/g/d/e", new double[] {2}), "is a dataset");
      assertMessage(() -> f.attribute("/g/d", "units", "s"), "use datasetAttribute");
      assertMessage(() -> f.datasetAttribute("/g/nothing", "units", "s"), "no dataset /g/nothing");
    }
  }

  @Test
  void copiesArraysSoLaterChangesDoNotLeakIn() {
    Path target = dir.resolve("copy.h5");
    double[] data = {1, 2, 3};
    try (ResultFile f = ResultFile.create(target)) {
      f.dataset("/d", data);
      data[0] = 99;
      f.commit();
    }
    assertEquals(1.0, ResultFileReader.read(target).dataset("/d").value().doubles()[0]);
  }

  @Test
  void nothingCanBeAddedAfterCommit() {
    try (ResultFile f = ResultFile.create(dir.resolve("done.h5"))) {
      f.commit();
      assertThrows(IllegalStateException.class, () -> f.attribute("/", "late", 1L));
      assertThrows(IllegalStateException.class, f::commit);
    }
  }

  // ---- all or nothing ----

  @Test
  void existingTargetIsRefusedAndLeftUntouched() throws IOException {
    Path target = Files.writeString(dir.resolve("run.h5"), "precious");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultFile.create(target, false));
    assertEquals("output file " + target + " exists (use --force to overwrite)", e.getMessage());
    assertEquals("precious", Files.readString(target));
    assertEquals(List.of(target), list(dir));
  }

  @Test
  void targetCreatedMeanwhileIsNotClobbered() throws IOException {
    Path target = dir.resolve("race.h5");
    try (ResultFile f = ResultFile.create(target, false)) {
      f.dataset("/d", new double[] {1});
      Files.writeString(target, "someone else's");
      assertMessage(f::commit, "exists (use --force to overwrite)");
    }
    assertEquals("someone else's", Files.readString(target));
    assertEquals(List.of(target), list(dir));
  }

  @Test
  void overwriteReplacesTheTarget() throws IOException {
    Path target = Files.writeString(dir.resolve("run.h5"), "old");
    try (ResultFile f = ResultFile.create(target, true)) {
      f.attribute("/", "seed", 7L);
      assertEquals("old", Files.readString(target), "untouched until commit");
      f.commit();
    }
    assertScalar(ResultFileReader.read(target).attribute("seed"), "int64", 7L);
    assertEquals(List.of(target), list(dir));
  }

  @Test
  void closeWithoutCommitLeavesNothing() throws IOException {
    Path target = dir.resolve("run.h5");
    try (ResultFile f = ResultFile.create(target)) {
      f.dataset("/d", new double[] {1, 2});
      assertEquals(1, list(dir).size(), "the temporary file exists while writing");
      assertTrue(list(dir).get(0).getFileName().toString().startsWith(".run.h5.tmp"));
    }
    assertEquals(List.of(), list(dir));
  }

  @Test
  void failureInsideTryLeavesNothing() throws IOException {
    Path target = dir.resolve("run.h5");
    assertThrows(ArithmeticException.class, () -> {
      try (ResultFile f = ResultFile.create(target)) {
        f.dataset("/d", new double[] {1, 2});
        throw new ArithmeticException("simulated failure mid-run");
      }
    });
    assertEquals(List.of(), list(dir));
  }

  @Test
  void committedFileGetsTheUsualPermissions() throws IOException {
    Path plain = Files.createFile(dir.resolve("plain"));
    Path target = dir.resolve("run.h5");
    try (ResultFile f = ResultFile.create(target)) {
      f.commit();
    }
    assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
        PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
  }

  @Test
  void missingOrNonDirectoryParentIsOneLine() throws IOException {
    assertMessage(() -> ResultFile.create(dir.resolve("nowhere/run.h5")), "does not exist");
    Path file = Files.writeString(dir.resolve("file"), "");
    assertMessage(() -> ResultFile.create(file.resolve("run.h5")), "is not a directory");
    assertMessage(() -> ResultFile.create(dir), "is a directory");
  }

  @Test
  void unwritableDirectoryIsOneLine() throws IOException {
    Path readOnly = Files.createDirectory(dir.resolve("ro"));
    Files.setPosixFilePermissions(readOnly, Set.of(
        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
        java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE));
    // root may write anywhere; /proc refuses new files even to root
    Path target = Files.isWritable(readOnly) ? Path.of("/proc/sgdmc-test.h5") : readOnly.resolve("run.h5");
    try {
      assertMessage(() -> ResultFile.create(target), "cannot create " + target);
    } finally {
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwx------"));
    }
  }

  // ---- helpers ----

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  private static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(part), () -> "message \"" + e.getMessage() + "\" lacks \"" + part + "\"");
    assertFalse(e.getMessage().contains("\n"), "one line");
  }

  private static void assertString(Value v, String expected) {
    assertEquals("string", v.dtype());
    assertArrayEquals(new int[0], v.shape());
    assertEquals(expected, v.strings()[0]);
  }

  private static void assertScalar(Value v, String dtype, Object expected) {
    assertEquals(dtype, v.dtype());
    assertTrue(v.isScalar());
    assertEquals(expected, v.get(0));
  }

  /** Doubles compared by their bits: distinguishes -0.0 from 0.0 and NaN payloads from one another. */
  static void assertBits(Value v, int[] shape, double... expected) {
    assertEquals("float64", v.dtype());
    assertArrayEquals(shape, v.shape());
    double[] actual = v.doubles();
    assertInstanceOf(double[].class, v.data());
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      long e = Double.doubleToRawLongBits(expected[i]);
      long a = Double.doubleToRawLongBits(actual[i]);
      int at = i;
      assertEquals(e, a, () -> "element " + at + ": expected " + expected[at] + " (0x" + Long.toHexString(e)
          + ") but was " + actual[at] + " (0x" + Long.toHexString(a) + ")");
    }
  }

  @Test
  void temporaryFilesOfKilledRunsAreRemovedAndThoseOfLiveOnesKept() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    long deadPid = gone.pid();
    Path dead = Files.createFile(dir.resolve(".out.h5.tmp-" + deadPid + "-abc"));
    Path live = Files.createFile(dir.resolve(".out.h5.tmp-" + ProcessHandle.current().pid() + "-def"));
    Path otherTarget = Files.createFile(dir.resolve(".other.h5.tmp-" + deadPid + "-ghi"));
    Path notOurs = Files.createFile(dir.resolve(".out.h5.tmp-notapid"));
    try (ResultFile f = ResultFile.create(dir.resolve("out.h5"), false)) {
      assertFalse(Files.exists(dead), "the killed run's temporary file is still there");
      assertTrue(Files.exists(live), "a live process's temporary file was removed");
      assertTrue(Files.exists(otherTarget), "another target's temporary file was removed");
      assertTrue(Files.exists(notOurs));
    }
  }
}
