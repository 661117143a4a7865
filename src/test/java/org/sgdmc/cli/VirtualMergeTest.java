package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.io.ExternalTools;
import org.sgdmc.io.ResultFileReader;
import org.sgdmc.io.Value;

/**
 * {@code sgdmc merge --virtual}: the merged file's {@code /trajectories} are HDF5 virtual datasets over the
 * shard files, which read (h5py, h5dump, sgdmc inspect) exactly as the copy a plain merge makes, keep reading
 * when the merged file and its shards move together, and say clearly what is missing when a shard moves away.
 * Needs the HDF5 C library, as the native writer's tests do.
 */
class VirtualMergeTest {
  @TempDir Path dir;

  private static final String[] KEPT = {"simulate", "saddle", "--lr", "0.4", "--mu", "0.5", "--trajectories", "300",
    "--steps", "40", "--keep-trajectories"};

  private static String[] with(String[] base, String... more) {
    return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
  }

  private static void sgdmc(String... args) {
    InspectCommandTest.Run r = InspectCommandTest.run(args);
    assertEquals(0, r.exitCode(), String.join(" ", args) + "\n" + r.err());
  }

  @TempDir static Path shared;
  private static List<Path> keptShards;

  /** Three shards of {@link #KEPT}, run once with different thread counts; each test works on its own copies. */
  @BeforeAll
  static void runShards() throws Exception {
    keptShards = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Path f = shared.resolve("s" + i + ".h5");
      sgdmc(with(KEPT, "--shard", i + "/3", "--threads", String.valueOf(1 + i % 2), "-o", f.toString()));
      keptShards.add(f);
    }
  }

  /** Copies of the shards in {@code run/shards/}; returns their paths. */
  private List<String> shards() throws Exception {
    Files.createDirectories(dir.resolve("run/shards"));
    List<String> files = new java.util.ArrayList<>();
    for (Path p : keptShards) {
      files.add(Files.copy(p, dir.resolve("run/shards").resolve(p.getFileName())).toString());
    }
    return files;
  }

  private static String[] merge(String out, List<String> shards, String... options) {
    return Stream.concat(Stream.concat(Stream.of("merge"), Stream.of(options)), Stream.concat(Stream.of(out),
        shards.stream())).toArray(String[]::new);
  }

  private static String py(String script, String... args) {
    ExternalTools.Result r = ExternalTools.python(script, args);
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    return r.stdout().strip();
  }

  @Test
  void theVirtualFileReadsAsTheCopyBitForBitWhereverThePairMoves() throws Exception {
    List<String> shards = shards();
    Files.createDirectories(dir.resolve("run/merged"));
    Path copy = dir.resolve("run/merged/copy.h5"), virtual = dir.resolve("run/merged/virtual.h5");
    sgdmc(merge(copy.toString(), shards));
    sgdmc(merge(virtual.toString(), shards.reversed(), "--virtual"));
    ShardMergeCliIT.assertSame(copy, virtual); // every dataset and attribute, bit for bit, /trajectories included
    String check = """
        import sys, h5py
        v = h5py.File(sys.argv[1], 'r')
        for name in ('log_h', 'log_m'):
            d = v['trajectories'][name]
            assert d.is_virtual, name
            print(name, [(m.file_name, m.dset_name) for m in d.virtual_sources()])
        """;
    assertEquals("log_h [('../shards/s0.h5', '/trajectories/log_h'), ('../shards/s1.h5', '/trajectories/log_h'), "
        + "('../shards/s2.h5', '/trajectories/log_h')]\nlog_m [('../shards/s0.h5', '/trajectories/log_m'), "
        + "('../shards/s1.h5', '/trajectories/log_m'), ('../shards/s2.h5', '/trajectories/log_m')]",
        py(check, virtual.toString()));
    assertTrue(Files.size(virtual) < Files.size(copy) / 2, Files.size(virtual) + " bytes, the copy " + Files.size(copy));

    ExternalTools.Result dumpCopy = ExternalTools.h5dump("-d", "/trajectories/log_m", copy.toString());
    ExternalTools.Result dumpVirtual = ExternalTools.h5dump("-d", "/trajectories/log_m", virtual.toString());
    assertEquals(0, dumpVirtual.exitCode(), dumpVirtual.stderr());
    assertEquals(data(dumpCopy.stdout()), data(dumpVirtual.stdout()));

    // sgdmc's own reader (inspect's), which puts the virtual datasets together from the shards itself
    for (String name : List.of("/trajectories/log_h", "/trajectories/log_m")) {
      Value a = ResultFileReader.read(copy).dataset(name).value(), b = ResultFileReader.read(virtual).dataset(name).value();
      assertTrue(b.isReadable(), b.error());
      assertArrayEquals(a.shape(), b.shape(), name);
      assertTrue(Arrays.equals(bits(a.doubles()), bits(b.doubles())), name + " differs");
    }
    InspectCommandTest.Run shown = InspectCommandTest.run("inspect", virtual.toString());
    assertEquals(0, shown.exitCode(), shown.err());
    assertTrue(shown.out().matches("(?s).*dataset /trajectories/log_h  float64 \\(\\d+, 300\\)  \\[natural log\\].*"),
        shown.out());

    Path moved = dir.resolve("elsewhere");
    Files.move(dir.resolve("run"), moved);
    ShardMergeCliIT.assertSame(moved.resolve("merged/copy.h5"), moved.resolve("merged/virtual.h5"));
  }

  /** The DATA block of an h5dump listing (the header names the file). */
  private static String data(String dump) {
    return dump.substring(dump.indexOf("DATA {"));
  }

  private static long[] bits(double[] x) {
    return Arrays.stream(x).mapToLong(Double::doubleToRawLongBits).toArray();
  }

  @Test
  void aShardMovedAwayIsNamedByInspectAndReadsAsNaNInH5py() throws Exception {
    List<String> shards = shards();
    Path virtual = dir.resolve("run/virtual.h5");
    sgdmc(merge(virtual.toString(), shards, "--virtual"));
    Files.move(Path.of(shards.get(1)), dir.resolve("s1.h5"));
    InspectCommandTest.Run r = InspectCommandTest.run("inspect", virtual.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("virtual dataset over 3 shard files, of which 1 missing: shards/s1.h5 (moved or "
        + "deleted?"), r.out());
    // HDF5 itself gives the fill value for a source it cannot open: NaN, which no simulated log-distance is here
    assertEquals("True True False", py("""
        import sys, h5py, numpy as np
        d = h5py.File(sys.argv[1], 'r')['trajectories/log_h'][()]
        print(np.isnan(d[:, 64:192]).all(), not np.isnan(d[:, :64]).any(), np.isnan(d[:, 192:]).any())
        """, virtual.toString()));
  }

  @Test
  void shardsWithoutPerTrajectoryDatasetsAreRefusedInOneLine() throws Exception {
    String[] streamed = {"simulate", "saddle", "--lr", "0.4", "--mu", "0.5", "--trajectories", "300", "--steps", "40"};
    List<String> shards = List.of(dir.resolve("s.h5").toString());
    sgdmc(with(streamed, "--shard", "0/1", "-o", shards.get(0)));
    Path out = dir.resolve("out.h5");
    InspectCommandTest.Run r = InspectCommandTest.run(merge(out.toString(), shards, "--virtual"));
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("holds no per-trajectory datasets for --virtual to map (run the shards with "
        + "--keep-trajectories, or merge without --virtual)"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertFalse(Files.exists(out));
  }
}
