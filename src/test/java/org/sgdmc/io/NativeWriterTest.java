package org.sgdmc.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.cli.Main;

/**
 * The HDF5 C library through java.lang.foreign ({@link NativeHdf5}) writes the same files as jhdf: the same run
 * of every command written both ways has the same groups, datasets, attributes, types, shapes, storage and bits,
 * read back by h5py ({@link SameLayout}, scripts/h5same.py), and each file names its writer. Skipped only where Debian's libhdf5 is absent
 * (scripts/install-deps.sh installs it, with python3-h5py).
 */
class NativeWriterTest {
  @TempDir Path dir;

  private Path write(List<String> args, String writer, String name) {
    Path out = dir.resolve(name);
    String[] all = Stream.concat(args.stream(), Stream.of("-o", out.toString())).toArray(String[]::new);
    withWriter(writer, () -> assertEquals(0, Main.execute(all), String.join(" ", all)));
    return out;
  }

  /**
   * The path of datasets past 2 GiB (--keep-trajectories of 10^9 trajectories), at a small size: with the most
   * elements one write takes forced down to 300, the (about 100) x 500 values of each kept observable go through {@link
   * ResultFile#rows} as rows, written into one contiguous dataset by hyperslabs of at most 300 values (two per
   * row); the file is the jhdf file of the same run, bit for bit, and jhdf refuses that path in one line.
   */
  @org.junit.jupiter.api.Test
  void datasetsPastTheWriteLimitAreWrittenInHyperslabsAndEqualJhdfs() {
    org.junit.jupiter.api.Assumptions.assumeTrue(NativeHdf5.load().isPresent(),
        "libhdf5 is absent (scripts/install-deps.sh installs it): " + NativeHdf5.unavailableReason());
    List<String> args = List.of("simulate", "saddle", "--lr", "1.0", "--mu", "0.06", "--n", "5", "--trajectories",
        "500", "--steps", "100", "--record-times", "linear:100", "--keep-trajectories");
    Path jhdf = write(args, "jhdf", "jhdf.h5");
    System.setProperty("sgdmc.hdf5.max.write.elements", "300");
    Path nat;
    try {
      nat = write(args, "native", "native.h5");
      String before = System.getProperty("sgdmc.hdf5.writer");
      System.setProperty("sgdmc.hdf5.writer", "jhdf");
      try (ResultFile f = ResultFile.create(dir.resolve("refused.h5"))) {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> f.rows("/trajectories/x", new double[][] {new double[200], new double[200]}));
        assertEquals("dataset /trajectories/x holds 400 values, past the 2 GiB that jhdf writes: needs the HDF5 C "
            + "library (libhdf5, the default writer where installed unless SGDMC_HDF5_WRITER=jhdf)", e.getMessage());
      } finally {
        System.setProperty("sgdmc.hdf5.writer", before == null ? "jhdf" : before);
      }
    } finally {
      System.clearProperty("sgdmc.hdf5.max.write.elements");
    }
    ExternalTools.Result same = ExternalTools.python(
        "import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')",
        Path.of("scripts/h5same.py").toAbsolutePath().toString(), jhdf.toString(), nat.toString());
    assertEquals(0, same.exitCode(), same.stdout() + same.stderr());
    ExternalTools.Result shape = ExternalTools.python("""
        import h5py, sys
        with h5py.File(sys.argv[1], 'r') as f:
            d = [f['trajectories'][k] for k in f['trajectories']]
            print(len(d), d[0].shape, d[0].chunks)
        """, nat.toString());
    assertTrue(shape.stdout().matches("[1-9] \\(\\d+, 500\\) None\\s*"), shape.stdout() + shape.stderr());
  }

  /**
   * Every command that writes a file (EveryFileDescribesItselfTest's list, which covers every file type, plus the
   * final file of a live sweep and a merged file), run with each writer: the two files are the same to h5py, node
   * for node, type for type, storage layout and bits ({@link SameLayout}), and each names its writer. This is
   * what lets the C library be the default writer.
   */
  @org.junit.jupiter.api.Test
  void everyCommandWritesTheSameFileWithEitherWriter() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(NativeHdf5.load().isPresent(),
        "libhdf5 is absent (scripts/install-deps.sh installs it): " + NativeHdf5.unavailableReason());
    List<String[]> commands = new java.util.ArrayList<>(org.sgdmc.cli.EveryFileDescribesItselfTest.commands(dir));
    commands.add(new String[] {"sweep", "saddle", "--lr", "0.1:1:2", "--mu", "0.06,0.5", "--trajectories", "64",
        "--steps", "20", "--live"});
    List<Path[]> pairs = new java.util.ArrayList<>();
    java.util.Set<Path> measured = new java.util.HashSet<>();
    java.nio.file.Files.createDirectories(dir.resolve("jhdf"));
    java.nio.file.Files.createDirectories(dir.resolve("native"));
    for (String[] c : commands) {
      String name = "f" + pairs.size() + ".h5"; // the same name in both: a shard file keeps its command line
      pairs.add(new Path[] {write(List.of(c), "jhdf", "jhdf/" + name), write(List.of(c), "native", "native/" + name)});
      if (c[0].equals("bench")) {
        measured.add(pairs.getLast()[0]); // timings: only the layout can be the same
      }
    }
    List<String> shard = List.of("simulate", "linreg1d", "--lr", "0.5", "--trajectories", "128", "--steps", "20");
    Path s0 = write(Stream.concat(shard.stream(), Stream.of("--shard", "0/2")).toList(), "jhdf", "s0.h5");
    Path s1 = write(Stream.concat(shard.stream(), Stream.of("--shard", "1/2")).toList(), "native", "s1.h5");
    pairs.add(new Path[] {merge("jhdf", "mj.h5", s0, s1), merge("native", "mn.h5", s0, s1)});
    SameLayout.assertSame(pairs, measured);
    ExternalTools.Result writers = ExternalTools.python(
        "import h5py, sys; print(h5py.File(sys.argv[1])['/'].attrs['hdf5_writer'], '|', "
            + "h5py.File(sys.argv[2])['/'].attrs['hdf5_writer'])", pairs.get(0)[0].toString(), pairs.get(0)[1].toString());
    assertTrue(writers.stdout().matches("(?s)jhdf 0\\.13\\.0 \\| libhdf5 1\\.\\d+\\.\\d+\\s*"), writers.stdout());
  }

  private Path merge(String writer, String name, Path... shards) {
    Path out = dir.resolve(name);
    List<String> args = new java.util.ArrayList<>(List.of("merge", out.toString()));
    for (Path p : shards) {
      args.add(p.toString());
    }
    withWriter(writer, () -> assertEquals(0, Main.execute(args.toArray(String[]::new)), String.join(" ", args)));
    return out;
  }

  private static void withWriter(String writer, Runnable r) {
    String before = System.getProperty("sgdmc.hdf5.writer");
    System.setProperty("sgdmc.hdf5.writer", writer);
    try {
      r.run();
    } finally {
      if (before == null) {
        System.clearProperty("sgdmc.hdf5.writer");
      } else {
        System.setProperty("sgdmc.hdf5.writer", before);
      }
    }
  }
}
