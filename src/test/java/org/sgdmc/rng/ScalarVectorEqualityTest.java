package org.sgdmc.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vector path equals the scalar reference bit for bit: Philox blocks, uniforms and normals of
 * {@link Philox4x32Vector} / {@link VectorDraws} against {@link Draws}, and each lane-wise
 * {@link Transcendentals} function against its scalar twin. Nothing is compared with a tolerance.
 */
class ScalarVectorEqualityTest {
  private static final int LANES = Philox4x32Vector.lanes();
  private static final long[] SEEDS = {0L, 7L, -1L, 0x9E37_79B9_7F4A_7C15L};
  private static final Stream[] STREAMS = {Stream.DATA, Stream.NOISE, Stream.TEST};
  private static final int N_BLOCKS = 3;
  private static final long[] BLOCK0S = {0L, 7L, 1L << 40, StreamLayout.MAX_BLOCKS - N_BLOCKS};

  /** Trajectory blocks at the awkward places of the counter: the start, off by one, both ends of 2^32 ranges. */
  enum TrajectoryStart {
    ZERO, ONE, JUST_BELOW_2_TO_32, AT_2_TO_32, LARGE, TOP_OF_2_TO_64;

    long traj0(int width) {
      return switch (this) {
        case ZERO -> 0L;
        case ONE -> 1L;
        case JUST_BELOW_2_TO_32 -> (1L << 32) - width;
        case AT_2_TO_32 -> 1L << 32;
        case LARGE -> 0x7654_3210_0000_0000L + 12_345L * LANES;
        case TOP_OF_2_TO_64 -> -width; // trajectories 2^64 - width .. 2^64 - 1
      };
    }
  }

  static List<Arguments> fillCases() {
    List<Arguments> cases = new ArrayList<>();
    for (int vectors : new int[] {1, 2, 13}) {
      for (TrajectoryStart start : TrajectoryStart.values()) {
        cases.add(Arguments.of(vectors * LANES, start));
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "width {0}, traj0 {1}")
  @MethodSource("fillCases")
  void vectorBitsUniformsAndNormalsEqualScalarDraws(int width, TrajectoryStart start) {
    long traj0 = start.traj0(width);
    int n = 2 * N_BLOCKS * width;
    int off = 3;
    long[] bits = new long[off + n], scratch = new long[n];
    double[] uniforms = new double[n], normals = new double[n];
    for (long seed : SEEDS) {
      for (Stream stream : STREAMS) {
        for (long block0 : BLOCK0S) {
          Philox4x32Vector.fillBits(seed, stream.id, traj0, width, block0, N_BLOCKS, bits, off);
          VectorDraws.uniforms(seed, stream.id, traj0, width, block0, N_BLOCKS, scratch, uniforms);
          VectorDraws.normals(seed, stream.id, traj0, width, block0, N_BLOCKS, scratch, normals);
          for (int d = 0; d < 2 * N_BLOCKS; d++) {
            long k = 2 * block0 + d;
            for (int j = 0; j < width; j++) {
              long traj = traj0 + j;
              int i = d * width + j;
              if (bits[off + i] != Draws.bits(seed, stream, traj, k)
                  || raw(uniforms[i]) != raw(Draws.uniform(seed, stream, traj, k))
                  || raw(normals[i]) != raw(Draws.normal(seed, stream, traj, k))) {
                fail(String.format(
                    "seed %x stream %s traj %x draw %x: vector (%x, %s, %s) vs scalar (%x, %s, %s)",
                    seed, stream, traj, k, bits[off + i], uniforms[i], normals[i],
                    Draws.bits(seed, stream, traj, k), Draws.uniform(seed, stream, traj, k), Draws.normal(seed, stream, traj, k)));
              }
            }
          }
        }
      }
    }
  }

  @Test
  void fillLeavesTheOutputOutsideItsRangeAlone() {
    int width = 2 * LANES, off = 4, n = 2 * N_BLOCKS * width;
    long[] out = new long[off + n + 4];
    Arrays.fill(out, 0x5555_5555_5555_5555L);
    Philox4x32Vector.fillBits(7L, Stream.DATA.id, 0L, width, 0L, N_BLOCKS, out, off);
    for (int i = 0; i < out.length; i++) {
      if (i < off || i >= off + n) {
        assertEquals(0x5555_5555_5555_5555L, out[i], "index " + i);
      }
    }
  }

  @Test
  void aVectorOfTrajectoriesMayNotStraddleAMultipleOf2To32() {
    long[] out = new long[2 * 2 * LANES];
    assertThrows(IllegalArgumentException.class,
        () -> Philox4x32Vector.fillBits(7L, 0, (1L << 32) - LANES, 2 * LANES, 0L, 1, out, 0));
    assertThrows(IllegalArgumentException.class,
        () -> Philox4x32Vector.fillBits(7L, 0, -LANES, 2 * LANES, 0L, 1, out, 0));
  }

  @Test
  void widthMustBeAMultipleOfTheLaneCount() {
    long[] out = new long[64];
    if (LANES > 1) {
      assertThrows(IllegalArgumentException.class, () -> Philox4x32Vector.fillBits(7L, 0, 0L, LANES + 1, 0L, 1, out, 0));
    }
  }

  // ------------------------------------------------------------------ Transcendentals

  private static final int RANDOM_INPUTS = 1_000_000;

  /** Inputs on which log's reduction changes branch, and the extremes of its use on uniforms. */
  static double[] logEdges() {
    List<Double> edges = new ArrayList<>();
    double sqrt2 = Math.sqrt(2.0);
    double carry = 0x1.6a09cp0; // the mantissa where the reduction switches from m to m/2 (fdlibm's 0x6a09c)
    for (double scale : new double[] {1.0, 0.5, 0x1p-10, 0x1p-52, 0x1p10, 0x1p-1000, 0x1p1000}) {
      for (double x : new double[] {1.0, sqrt2, sqrt2 / 2, carry, 2.0}) {
        edges.add(x * scale);
        edges.add(Math.nextUp(x) * scale);
        edges.add(Math.nextDown(x) * scale);
      }
    }
    for (double x : new double[] {0x1p-52, 1.0 - 0x1p-52, 1.0 - 0x1p-53, 1.0 + 0x1p-52, Double.MIN_NORMAL,
        Math.nextUp(Double.MIN_NORMAL), Double.MAX_VALUE, 0.75, 0.25, 3.0, Math.E, 10.0}) {
      edges.add(x);
    }
    return edges.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Turn fractions at and next to every eighth of a turn, where the quadrant and the rounding of 4u switch. */
  static double[] turnEdges() {
    List<Double> edges = new ArrayList<>();
    for (int k = 0; k < 16; k++) {
      double u = k / 16.0;
      edges.add(u);
      edges.add(Math.nextUp(u));
      if (u > 0) {
        edges.add(Math.nextDown(u));
        edges.add(u - 0x1p-52);
      }
      edges.add(u + 0x1p-52);
    }
    for (double u : new double[] {1.0 - 0x1p-52, Math.nextDown(1.0), Double.MIN_VALUE, Double.MIN_NORMAL, 0x1p-52,
        0x1p-30, 0.1, 1.0 / 3, 2.0 / 3}) {
      edges.add(u);
    }
    return edges.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** {@code count} random positive normal doubles: half uniforms in (0, 1], half spread over all exponents. */
  static double[] randomLogInputs(long seed, int count) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[count];
    for (int i = 0; i < count; i++) {
      long exponent = 1 + random.nextLong(2046);
      x[i] = (i & 1) == 0
          ? Uniforms.openClosed(random.nextLong())
          : Double.longBitsToDouble(exponent << 52 | (random.nextLong() >>> 12));
    }
    return x;
  }

  /** {@code count} random u in [0, 1): half on the 2^-52 grid the uniforms use, half arbitrary doubles. */
  static double[] randomTurnInputs(long seed, int count) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] u = new double[count];
    for (int i = 0; i < count; i++) {
      u[i] = (i & 1) == 0
          ? Uniforms.closedOpen(random.nextLong())
          : Math.scalb(1.0 + (random.nextLong() >>> 12) * 0x1p-52, -1 - random.nextInt(60));
    }
    return u;
  }

  @Test
  void vectorLogEqualsScalarLog() {
    assertTwinsAgree(Twin.LOG, logEdges());
    assertTwinsAgree(Twin.LOG, randomLogInputs(1L, RANDOM_INPUTS));
  }

  @Test
  void vectorSin2piEqualsScalarSin2pi() {
    assertTwinsAgree(Twin.SIN2PI, turnEdges());
    assertTwinsAgree(Twin.SIN2PI, randomTurnInputs(2L, RANDOM_INPUTS));
  }

  @Test
  void vectorCos2piEqualsScalarCos2pi() {
    assertTwinsAgree(Twin.COS2PI, turnEdges());
    assertTwinsAgree(Twin.COS2PI, randomTurnInputs(3L, RANDOM_INPUTS));
  }

  @Test
  void vectorKernelsEqualScalarKernelsOnTheirWholeDomain() {
    SplittableRandom random = new SplittableRandom(4L);
    double[] x = new double[100_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = (random.nextDouble() * 2.0 - 1.0) * (Math.PI / 4); // both thresholds of cosKernel, 0.3 and 0.78125, inside
    }
    assertTwinsAgree(Twin.SIN_KERNEL, x);
    assertTwinsAgree(Twin.COS_KERNEL, x);
    double[] edges = {0.0, -0.0, 0.3, Math.nextDown(0.3), -0.3, 0.78125, Math.nextUp(0.78125), -0.78125, Math.PI / 4, -Math.PI / 4};
    assertTwinsAgree(Twin.SIN_KERNEL, edges);
    assertTwinsAgree(Twin.COS_KERNEL, edges);
  }

  /** The scalar-vector pairs of {@link Transcendentals}. */
  enum Twin {
    LOG, SIN2PI, COS2PI, SIN_KERNEL, COS_KERNEL;

    double scalar(double x) {
      return switch (this) {
        case LOG -> Transcendentals.log(x);
        case SIN2PI -> Transcendentals.sin2pi(x);
        case COS2PI -> Transcendentals.cos2pi(x);
        case SIN_KERNEL -> Transcendentals.sinKernel(x);
        case COS_KERNEL -> Transcendentals.cosKernel(x);
      };
    }

    /**
     * The vector twin over {@code in} (length a multiple of the lane count). One loop per function, each
     * calling it directly: behind a shared lambda the calls would not inline, and an un-inlined Vector API
     * call boxes every vector, which is correct but tens of times slower.
     */
    void vector(double[] in, double[] out) {
      VectorSpecies<Double> sp = VectorShapes.DOUBLES;
      switch (this) {
        case LOG -> {
          for (int i = 0; i < in.length; i += sp.length()) {
            VectorTranscendentals.log(DoubleVector.fromArray(sp, in, i)).intoArray(out, i);
          }
        }
        case SIN2PI -> {
          for (int i = 0; i < in.length; i += sp.length()) {
            VectorTranscendentals.sin2pi(DoubleVector.fromArray(sp, in, i)).intoArray(out, i);
          }
        }
        case COS2PI -> {
          for (int i = 0; i < in.length; i += sp.length()) {
            VectorTranscendentals.cos2pi(DoubleVector.fromArray(sp, in, i)).intoArray(out, i);
          }
        }
        case SIN_KERNEL -> {
          for (int i = 0; i < in.length; i += sp.length()) {
            VectorTranscendentals.sinKernel(DoubleVector.fromArray(sp, in, i)).intoArray(out, i);
          }
        }
        case COS_KERNEL -> {
          for (int i = 0; i < in.length; i += sp.length()) {
            VectorTranscendentals.cosKernel(DoubleVector.fromArray(sp, in, i)).intoArray(out, i);
          }
        }
      }
    }
  }

  private static void assertTwinsAgree(Twin twin, double[] inputs) {
    VectorSpecies<Double> sp = VectorShapes.DOUBLES;
    int n = sp.loopBound(inputs.length + sp.length() - 1);
    double[] in = Arrays.copyOf(inputs, n), out = new double[n];
    for (int i = inputs.length; i < n; i++) {
      in[i] = inputs[0]; // pad the last vector with a valid input
    }
    twin.vector(in, out);
    for (int i = 0; i < inputs.length; i++) {
      double expected = twin.scalar(in[i]);
      if (raw(expected) != raw(out[i])) {
        fail(String.format("%s(%s = %s): scalar %s vector %s", twin, in[i], Double.toHexString(in[i]),
            Double.toHexString(expected), Double.toHexString(out[i])));
      }
    }
  }

  private static long raw(double x) {
    return Double.doubleToRawLongBits(x);
  }
}
