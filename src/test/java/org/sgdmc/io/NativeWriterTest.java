package org.sgdmc.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdmc.cli.Main;

/**
 * The HDF5 C library through java.lang.foreign ({@link NativeHdf5}) writes the same files as jhdf: the same run
 * written both ways has the same groups, datasets, attributes, dtypes, shapes and bits, read back by h5py
 * (scripts/h5same.py), and each file names its writer. Skipped only where Debian's libhdf5 is absent
 * (scripts/install-deps.sh installs it, with python3-h5py).
 */
class NativeWriterTest {
  @TempDir Path dir;

  static Stream<Arguments> runs() {
    return Stream.of(
        Arguments.of("simulate linreg1d", List.of("simulate", "linreg1d", "--lr", "0.5", "--n", "20", "--trajectories",
            "500", "--steps", "100", "--keep-trajectories")),
        Arguments.of("simulate swish2", List.of("simulate", "swish2", "--lr", "0.3", "--start", "B", "--trajectories",
            "300", "--steps", "200")),
        Arguments.of("tails linreg1d", List.of("tails", "linreg1d", "--lr", "0.5", "--trajectories", "2000")),
        Arguments.of("sweep saddle", List.of("sweep", "saddle", "--lr", "0.1:1:4", "--mu", "0.06,0.5", "--trajectories",
            "200", "--steps", "100")));
  }

  private Path write(List<String> args, String writer, String name) {
    Path out = dir.resolve(name);
    String before = System.getProperty("sgdmc.hdf5.writer");
    System.setProperty("sgdmc.hdf5.writer", writer);
    try {
      String[] all = Stream.concat(args.stream(), Stream.of("-o", out.toString())).toArray(String[]::new);
      assertEquals(0, Main.execute(all), String.join(" ", all));
    } finally {
      if (before == null) {
        System.clearProperty("sgdmc.hdf5.writer");
      } else {
        System.setProperty("sgdmc.hdf5.writer", before);
      }
    }
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

  @ParameterizedTest(name = "{0}")
  @MethodSource("runs")
  void theNativeWriterWritesWhatJhdfWrites(String name, List<String> args) {
    org.junit.jupiter.api.Assumptions.assumeTrue(NativeHdf5.load().isPresent(),
        "libhdf5 is absent (scripts/install-deps.sh installs it): " + NativeHdf5.unavailableReason());
    Path jhdf = write(args, "jhdf", "jhdf.h5");
    Path nat = write(args, "native", "native.h5");
    ExternalTools.Result same = ExternalTools.python(
        "import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')",
        Path.of("scripts/h5same.py").toAbsolutePath().toString(), jhdf.toString(), nat.toString());
    assertEquals(0, same.exitCode(), same.stdout() + same.stderr());
    ExternalTools.Result writers = ExternalTools.python(
        "import h5py, sys; print(h5py.File(sys.argv[1])['/'].attrs['hdf5_writer'], '|', "
            + "h5py.File(sys.argv[2])['/'].attrs['hdf5_writer'])", jhdf.toString(), nat.toString());
    assertTrue(writers.stdout().matches("(?s)jhdf 0\\.13\\.0 \\| libhdf5 1\\.\\d+\\.\\d+\\s*"), writers.stdout());
  }
}
