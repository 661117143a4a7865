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
 * (scripts/h5same.py), and each file names its writer. Needs Debian's libhdf5 (scripts/install-deps.sh).
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

  @ParameterizedTest(name = "{0}")
  @MethodSource("runs")
  void theNativeWriterWritesWhatJhdfWrites(String name, List<String> args) {
    assertTrue(NativeHdf5.load().isPresent(), "libhdf5: " + NativeHdf5.unavailableReason());
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
