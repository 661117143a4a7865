package org.sgdmc.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by {@link ResultFile} as the reference HDF5 library sees them, through h5py and h5dump.
 * jhdf reading back what jhdf wrote proves little on its own; these readers are the ones users have.
 */
class ExternalReadersTest {

  @TempDir Path dir;

  /**
   * The writer these files are written with: jhdf here, whatever the default (its known gaps, e.g. the corrupt
   * layouts below, are what this class guards); {@link ExternalReadersNativeTest} runs the same with the C library.
   */
  String writer() {
    return "jhdf";
  }

  private String writerBefore;

  @org.junit.jupiter.api.BeforeEach
  void chooseWriter() {
    writerBefore = System.getProperty("sgdmc.hdf5.writer");
    System.setProperty("sgdmc.hdf5.writer", writer());
  }

  @org.junit.jupiter.api.AfterEach
  void restoreWriter() {
    if (writerBefore == null) {
      System.clearProperty("sgdmc.hdf5.writer");
    } else {
      System.setProperty("sgdmc.hdf5.writer", writerBefore);
    }
  }

  /**
   * Prints one tab-separated line per group, attribute and dataset: kind, object path, attribute name, the
   * Python type h5py returns, the numpy dtype of the stored type, shape, string encoding, and the values (doubles as their 64 bits
   * in hex, integers in decimal, strings as the hex of their UTF-8 bytes after decoding).
   */
  static final String DESCRIBE = """
      import sys, h5py, numpy as np
      def payload(v):
          a = np.asarray(v)
          k = a.dtype.kind
          if k == 'f':
              return ','.join('%016x' % x for x in a.astype('<f8').ravel().view('<u8'))
          if k in 'iu':
              return ','.join(str(int(x)) for x in a.ravel())
          if k == 'S':
              return ','.join(x.decode('utf-8').encode('utf-8').hex() for x in a.ravel())
          if k in 'OU' and all(isinstance(x, str) for x in a.ravel()):
              return ','.join(x.encode('utf-8').hex() for x in a.ravel())
          return 'unsupported:' + a.dtype.str
      def encoding(dt):
          info = h5py.check_string_dtype(dt)
          return info.encoding if info else '-'
      def line(kind, path, name, v, dt):
          a = np.asarray(v)
          print('\\t'.join([kind, path, name, type(v).__name__, dt.str, str(a.shape), encoding(dt), payload(v)]))
      def attrs(obj):
          for name in sorted(obj.attrs):
              line('A', obj.name, name, obj.attrs[name], obj.attrs.get_id(name).dtype)
      def visit(name, obj):
          if isinstance(obj, h5py.Group):
              print('G\\t' + obj.name)
          else:
              line('D', obj.name, '', obj[()], obj.dtype)
          attrs(obj)
      with h5py.File(sys.argv[1], 'r') as f:
          print('G\\t/')
          attrs(f)
          f.visititems(visit)
      """;

  /** What h5py said about one attribute or dataset. */
  record Seen(String pyType, String dtype, String shape, String encoding, String payload) {}

  @Test
  void h5pyReadsEveryValueExactly() {
    Path file = SampleResult.write(dir.resolve("run.h5"));
    ExternalTools.Result r = ExternalTools.python(DESCRIBE, file.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    Map<String, Seen> seen = parse(r.stdout());

    // strings: variable-length UTF-8, which h5py returns as str (object arrays of str), nothing to decode
    assertEquals(new Seen("str", "|O", "()", "utf-8", hex(SampleResult.COMMAND)), seen.get("A / command"));
    assertEquals(new Seen("str", "|O", "()", "utf-8", hex("0.1.0")), seen.get("A / sgdmc_version"));
    assertEquals(new Seen("ndarray", "|O", "(4,)", "utf-8", hex(SampleResult.LABELS)), seen.get("A / labels"));
    assertEquals(hex(SampleResult.NOTES), seen.get("A /parameters notes").payload());

    assertEquals(new Seen("int64", "<i8", "()", "-", "42"), seen.get("A / seed"));
    assertEquals(new Seen("int8", "|i1", "()", "-", "1"), seen.get("A / converged"));
    assertEquals(new Seen("int8", "|i1", "()", "-", "0"), seen.get("A / diverged"));
    assertEquals(new Seen("float64", "<f8", "()", "-", bits(0.1)), seen.get("A / lr"));
    assertEquals(new Seen("float64", "<f8", "()", "-", bits(Double.NEGATIVE_INFINITY)), seen.get("A / floor"));
    assertEquals(new Seen("ndarray", "<f8", "(5,)", "-", bits(SampleResult.GRID)), seen.get("A / grid"));
    assertEquals(new Seen("ndarray", "<i8", "(3,)", "-", longs(SampleResult.SEEDS)), seen.get("A / seeds"));
    assertEquals(new Seen("int64", "<i8", "()", "-", "32"), seen.get("A /parameters batch"));

    double[] flatLoss = Stream.of(SampleResult.LOSS).flatMapToDouble(Arrays::stream).toArray();
    assertEquals(new Seen("ndarray", "<f8", "(3, 5)", "-", bits(flatLoss)), seen.get("D /observables/loss "));
    assertEquals(new Seen("ndarray", "<f8", "(9,)", "-", bits(SampleResult.EDGE)), seen.get("D /observables/edge "));
    assertEquals(new Seen("ndarray", "<f8", "(100,)", "-", bits(SampleResult.time())),
        seen.get("D /observables/time "));
    assertEquals(new Seen("ndarray", "<i8", "(5,)", "-", longs(SampleResult.STEPS)),
        seen.get("D /observables/steps "));
    assertEquals(new Seen("ndarray", "<i4", "(5,)", "-",
        longs(Arrays.stream(SampleResult.COUNTS).asLongStream().toArray())), seen.get("D /observables/counts "));
    assertEquals(new Seen("float64", "<f8", "()", "-", bits(1.25)), seen.get("D /summary/final_loss "));
    assertEquals(bits(SampleResult.ODD_NAN), seen.get("D /summary/nan_scalar ").payload());

    assertEquals(hex("steps"), seen.get("A /observables/time units").payload());
    assertEquals(bits(2.0), seen.get("A /observables/loss scale").payload());
    assertEquals("7", seen.get("A /observables/loss stride").payload());

    // nothing more than was written (and the writer's name, hdf5_writer): in particular no "_jHDF" attribute
    assertEquals(new TreeSet<>(List.of("command", "converged", "created", "diverged", "floor", "grid", "hdf5_writer", "labels",
        "lr", "rng", "seed", "seeds", "sgdmc_version")), names(seen, "A / "));
    assertEquals(new TreeSet<>(List.of("/", "/empty_group", "/observables", "/parameters", "/summary")),
        names(seen, "G "));
  }

  @Test
  void h5dumpReadsTheFile() {
    Path file = SampleResult.write(dir.resolve("run.h5"));
    ExternalTools.Result r = ExternalTools.h5dump(file.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    String out = r.stdout();
    for (String expected : List.of(
        "GROUP \"/\"", "GROUP \"empty_group\"", "GROUP \"observables\"", "GROUP \"parameters\"",
        "ATTRIBUTE \"sgdmc_version\"", "(0): \"0.1.0\"", "ATTRIBUTE \"seed\"", "(0): 42",
        "(0): \"philox4x32-10\"", "CSET H5T_CSET_UTF8", "H5T_STD_I8LE", "H5T_STD_I64LE", "H5T_STD_I32LE",
        "DATASET \"loss\"", "H5T_IEEE_F64LE", "SIMPLE { ( 3, 5 ) / ( 3, 5 ) }",
        "(1,0): 1, inf, nan, -0, 1e-300", "(2,0): -1.5, 2.5, -inf, 3, 4",
        "(0): 0, 0.5, inf, -inf, nan", "DATASET \"final_loss\"", "DATASPACE  SCALAR", "(0): 1.25",
        "ATTRIBUTE \"units\"", "(0): \"nats\"")) {
      assertTrue(out.contains(expected), () -> "h5dump output lacks " + expected + "\n" + out);
    }
    assertFalse(out.contains("_jHDF"));
  }

  @Test
  void attributesAtTheSizeCapAreReadable() {
    Path file = dir.resolve("cap.h5");
    try (ResultFile f = ResultFile.create(file)) {
      f.attribute("/", "many", new double[ResultFile.MAX_ATTRIBUTE_BYTES / 8]);
      f.attribute("/", "long_text", "x".repeat(ResultFile.MAX_ATTRIBUTE_BYTES - 1));
      f.dataset("/d", new double[] {1});
      f.datasetAttribute("/d", "long_text", "y".repeat(ResultFile.MAX_ATTRIBUTE_BYTES - 1));
      f.commit();
    }
    assertEquals(0, ExternalTools.h5dump("-H", file.toString()).exitCode());
    ExternalTools.Result r = ExternalTools.python("""
        import sys, h5py
        f = h5py.File(sys.argv[1], 'r')
        print(f.attrs['many'].shape[0], len(f.attrs['long_text']), len(f['d'].attrs['long_text']))
        """, file.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    int n = ResultFile.MAX_ATTRIBUTE_BYTES;
    assertEquals((n / 8) + " " + (n - 1) + " " + (n - 1), r.stdout().strip());
  }

  /**
   * jhdf's own file writer corrupts files whose last object in its (hash) order is a group without datasets;
   * many random layouts, with such groups everywhere, must all open in h5py with every object in place.
   */
  @Test
  void randomLayoutsAllOpenInH5py() {
    SplittableRandom rnd = new SplittableRandom(20250101);
    List<String> files = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      Path file = dir.resolve("layout" + i + ".h5");
      List<String> groups = new ArrayList<>(List.of("/"));
      Set<String> used = new HashSet<>(groups);
      try (ResultFile f = ResultFile.create(file)) {
        int objects = 1 + rnd.nextInt(12);
        for (int k = 0; k < objects; k++) {
          String parent = groups.get(rnd.nextInt(groups.size()));
          String path = (parent.equals("/") ? "" : parent) + "/n" + Integer.toString(rnd.nextInt(1 << 20), 36);
          if (!used.add(path)) {
            continue;
          }
          if (rnd.nextBoolean()) {
            f.attribute(path, "k", "group " + k); // a group holding only an attribute
            groups.add(path);
          } else {
            f.dataset(path, new double[] {k, -k});
          }
        }
        f.commit();
      }
      files.add(file.toString());
      expected.add(String.valueOf(countBelow(ResultFileReader.read(file))));
    }
    ExternalTools.Result r = ExternalTools.python("""
        import sys, h5py
        for name in sys.argv[1:]:
            with h5py.File(name, 'r') as f:
                seen = []
                f.visititems(lambda n, o: seen.append(o[()] if isinstance(o, h5py.Dataset) else dict(o.attrs)))
                print(len(seen))
        """, files.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals(expected, r.stdout().lines().toList());
  }

  /** Files written by h5py (types sgdmc never writes) must still be read, or flagged, not crash the reader. */
  @Test
  void readerCopesWithFilesWrittenByH5py() {
    Path file = dir.resolve("foreign.h5");
    ExternalTools.Result r = ExternalTools.python("""
        import sys, h5py, numpy as np
        with h5py.File(sys.argv[1], 'w') as f:
            f.attrs['vlen'] = 'variable length'
            f.attrs['f32'] = np.float32(0.5)
            f.create_dataset('flags', data=np.array([True, False]))
            f.create_dataset('i16', data=np.arange(6, dtype='<i2').reshape(2, 3))
            f.create_dataset('u8', data=np.array([1, 255], dtype='u1'))
            f.create_dataset('cube', data=np.arange(24, dtype='<f8').reshape(2, 3, 4))
            f.create_dataset('empty', data=np.zeros(0))
            f.create_dataset('pairs', data=np.array([(1, 2.0)], dtype=[('a', '<i4'), ('b', '<f8')]))
            f.create_dataset('texts', data=['x', 'yz'], dtype=h5py.string_dtype())
            f.create_group('g/h')
            f['soft'] = h5py.SoftLink('/cube')
            f['dangling'] = h5py.SoftLink('/nothing')
        """, file.toString());
    assertEquals(0, r.exitCode(), r.stderr());

    HdfNode.Group root = ResultFileReader.read(file);
    assertEquals("variable length", root.attribute("vlen").strings()[0]);
    assertEquals("float32", root.attribute("f32").dtype());
    assertEquals(0.5, root.attribute("f32").doubles()[0]);
    Value i16 = root.dataset("i16").value();
    assertEquals("int16", i16.dtype());
    assertEquals("[2, 3]", Arrays.toString(i16.shape()));
    assertEquals("[0, 1, 2, 3, 4, 5]", Arrays.toString(i16.longs()));
    assertEquals("uint8", root.dataset("u8").value().dtype());
    Value cube = root.dataset("cube").value();
    assertEquals("[2, 3, 4]", Arrays.toString(cube.shape()));
    assertEquals(23.0, cube.doubles()[23]);
    assertEquals(0, root.dataset("empty").value().size());
    assertEquals(List.of("x", "yz"), List.of(root.dataset("texts").value().strings()));
    assertEquals(23.0, root.dataset("soft").value().doubles()[23]);
    assertFalse(root.dataset("dangling").value().isReadable());
    assertTrue(root.group("g").group("h").children().isEmpty());
    // whatever jhdf makes of booleans (an enum) and compounds, the tree must serialise
    TreeJson.document(file.toString(), root);
  }

  // ---- helpers ----

  private static int countBelow(HdfNode.Group g) {
    int n = 0;
    for (HdfNode c : g.children()) {
      n += 1 + (c instanceof HdfNode.Group sub ? countBelow(sub) : 0);
    }
    return n;
  }

  private static Map<String, Seen> parse(String out) {
    Map<String, Seen> seen = new LinkedHashMap<>();
    for (String line : out.lines().toList()) {
      String[] f = line.split("\t", -1);
      if (f[0].equals("G")) {
        seen.put("G " + f[1], null);
      } else {
        seen.put(f[0] + " " + f[1] + " " + f[2], new Seen(f[3], f[4], f[5], f[6], f[7]));
      }
    }
    return seen;
  }

  private static TreeSet<String> names(Map<String, Seen> seen, String prefix) {
    return seen.keySet().stream()
        .filter(k -> k.startsWith(prefix))
        .map(k -> k.substring(prefix.length()))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static String bits(double... values) {
    return Arrays.stream(values)
        .mapToObj(v -> String.format("%016x", Double.doubleToRawLongBits(v)))
        .collect(Collectors.joining(","));
  }

  private static String longs(long... values) {
    return Arrays.stream(values).mapToObj(Long::toString).collect(Collectors.joining(","));
  }

  private static String hex(String... strings) {
    return Arrays.stream(strings)
        .map(s -> HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8)))
        .collect(Collectors.joining(","));
  }
}
