package org.sgdmc.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jdk.incubator.vector.VectorShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sgdmc.rng.VectorShapes;

/**
 * The invariants every kernel shares, run over every {@link KernelRegistry} entry, so that a new model cannot
 * skip them (Commons RNG's ProvidersList pattern). Each model keeps its own tests for its specifics (theory,
 * reference implementations, edge cases such as divergence or exact zeros).
 *
 * <ul>
 *   <li>the vector kernel and its scalar twin agree bit for bit, however the steps are cut, at several block
 *       widths and from awkward first trajectories;
 *   <li>a trajectory's values depend neither on the block's width nor on its place in the block;
 *   <li>golden values pin each entry's first outputs for a fixed seed ({@link KernelGoldenValues});
 *   <li>JVMs forced to 128, 256 and 512-bit vectors, and one limited to AVX2, compute the same bits.
 * </ul>
 */
class KernelInvariantsTest {
  private static final int LANES = VectorShapes.DOUBLES.length();

  static Stream<KernelEntry> entries() {
    return KernelRegistry.entries().stream();
  }

  @Test
  void entryNamesAreUnique() {
    List<String> names = KernelRegistry.entries().stream().map(KernelEntry::name).toList();
    assertEquals(names.size(), new HashSet<>(names).size(), names.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void vectorEqualsScalarTwinBitForBitAfterAwkwardCuts(KernelEntry entry) {
    long[] cuts = {0, 1, 7, 40, 41, 137};
    long seed = 0x5eed_1234_abcdL;
    for (int width : new int[] {LANES, 3 * LANES, 8 * LANES}) {
      for (long traj0 : new long[] {5, 1_000_003}) {
        ObservedBlock vector = entry.vector().create(seed, width);
        ObservedBlock scalar = entry.scalar().create(seed, width);
        assertEquals(entry.values(), vector.values(), "values per trajectory of the vector kernel");
        assertEquals(entry.values(), scalar.values(), "values per trajectory of the scalar twin");
        double[] v = new double[entry.values() * width], s = new double[entry.values() * width];
        vector.start(traj0);
        scalar.start(traj0);
        for (int c = 1; c < cuts.length; c++) {
          vector.advance(cuts[c - 1], cuts[c]);
          scalar.advance(cuts[c - 1], cuts[c]);
          vector.read(v);
          scalar.read(s);
          String where = entry + ", width " + width + ", traj0 " + traj0 + ", step " + cuts[c];
          assertSameBits(s, v, width, traj0, where);
          for (double x : v) {
            assertFalse(Double.isNaN(x), where + ": NaN");
          }
        }
      }
    }
  }

  /**
   * Trajectories 2L+1 .. 3L (L the lanes) in one block of 4L that starts at 0, stepped in one call, and in a
   * block of L that starts at 2L+1, stepped in three calls with a read in between: the same bits.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void aTrajectoryDoesNotDependOnBlockWidthOrPosition(KernelEntry entry) {
    long seed = 99;
    int k = entry.values();
    ObservedBlock wide = entry.vector().create(seed, 4 * LANES);
    wide.start(0);
    wide.advance(0, 150);
    double[] all = new double[k * 4 * LANES];
    wide.read(all);
    long first = 2L * LANES + 1;
    ObservedBlock narrow = entry.vector().create(seed, LANES);
    double[] part = new double[k * LANES];
    narrow.start(first);
    narrow.advance(0, 13);
    narrow.read(part); // asking in between must not change what follows
    narrow.advance(13, 99);
    narrow.advance(99, 150);
    narrow.read(part);
    for (int c = 0; c < k; c++) {
      for (int i = 0; i < LANES && first + i < 4 * LANES; i++) {
        assertEquals(Double.doubleToRawLongBits(all[c * 4 * LANES + (int) first + i]),
            Double.doubleToRawLongBits(part[c * LANES + i]),
            entry + ": value " + c + " of trajectory " + (first + i) + " in the wide block and the narrow one");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void goldenValues(KernelEntry entry) {
    String got = KernelGoldenValues.observe(entry.vector().create(KernelGoldenValues.SEED, KernelGoldenValues.width(LANES)));
    String expected = KernelGoldenValues.PINS.get(entry.name());
    assertNotNull(expected, "no golden values for " + entry + "; pin: \"" + entry.name() + "\", \"" + got + "\"");
    assertEquals(expected, got, entry + ": golden values changed; if deliberate, update the pin to: " + got);
    assertEquals(expected, KernelGoldenValues.observe(
        entry.scalar().create(KernelGoldenValues.SEED, KernelGoldenValues.width(LANES))), entry + ", scalar twin");
  }

  @Test
  void everyPinBelongsToAnEntry() {
    for (String name : KernelGoldenValues.PINS.keySet()) {
      KernelRegistry.get(name);
    }
  }

  @Test
  void allEntriesAtThisWidthEqualTheScalarTwins() {
    assertEquals(KernelWidthProbe.digest(true), KernelWidthProbe.digest(false), VectorShapes.describe());
  }

  /**
   * One JVM per forced width digests every entry. C1 only ({@code TieredStopAtLevel=1}): the work is far too
   * small for C2 to compile anything, and C1 starts faster; the Vector API's Java fallback must give the same
   * bits as its intrinsics, which the native-width runs of this class and the AVX2 run check.
   */
  @ParameterizedTest(name = "{0} bits")
  @ValueSource(ints = {128, 256, 512})
  void aJvmForcedToThisWidthComputesTheSameBits(int bits) throws IOException, InterruptedException {
    assertProbe(List.of("-Dsgdmc.vector.bits=" + bits, "-XX:TieredStopAtLevel=1"), bits / 64, bits + " bits");
  }

  /**
   * The same digest from a JVM limited to AVX2 on this AVX-512 host, at its preferred (256-bit) width, with C2
   * compiling the kernels early ({@code -Xbatch}, a low threshold) so that AVX2 code, not only the fallback,
   * computes some of it.
   */
  @Test
  void aJvmLimitedToAvx2ComputesTheSameBits() throws IOException, InterruptedException {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    assumeTrue((arch.equals("amd64") || arch.equals("x86_64")) && VectorShape.preferredShape().vectorBitSize() >= 512,
        "this host has no AVX-512, so -XX:UseAVX=2 cannot lower its width; the 256-bit run covers AVX2 widths");
    assertProbe(List.of("-XX:UseAVX=2", "-XX:-TieredCompilation", "-XX:CompileThreshold=200", "-Xbatch"), 4,
        "-XX:UseAVX=2");
  }

  private static void assertProbe(List<String> options, int lanes, String what) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElseThrow(() -> new IllegalStateException("no java command"));
    // commons-math3: the grok-mc snapshot takes singular values with its SVD
    String classPath = location(KernelRegistry.class) + File.pathSeparator + location(KernelWidthProbe.class)
        + File.pathSeparator + location(org.apache.commons.math3.linear.SingularValueDecomposition.class);
    List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-XX:+UseSerialGC"));
    command.addAll(options);
    command.addAll(List.of("-cp", classPath, KernelWidthProbe.class.getName()));
    Process process = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.DISCARD) // the incubator-module warning
        .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "probe at " + what + " did not finish");
    assertEquals(0, process.exitValue(), "probe at " + what + " failed: " + out);
    // the probe must really have run at that width, or the comparison proves nothing
    assertEquals("lanes=" + lanes + " digest=" + KernelWidthProbe.digest(true), out, "at " + what);
  }

  private static void assertSameBits(double[] expected, double[] actual, int width, long traj0, String where) {
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
          where + ", value " + i / width + " of trajectory " + (traj0 + i % width) + ": scalar " + expected[i]
              + " vector " + actual[i]);
    }
  }

  private static String location(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
