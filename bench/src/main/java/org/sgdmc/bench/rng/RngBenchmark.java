package org.sgdmc.bench.rng;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Philox4x32Vector;
import org.sgdmc.rng.Stream;
import org.sgdmc.rng.VectorDraws;

/**
 * The random-number layer, scalar against vector, for one block of {@value #WIDTH} trajectories and
 * {@value #BLOCKS} Philox blocks each (the size of one linreg1d segment, plus one): Philox blocks per second,
 * then uniforms, normals and squares of normals per second. Each pair differs in one thing only, the
 * scalar loop ({@link ScalarFills}) or the Vector API fill, and writes the same numbers to the same layout.
 *
 * <p>Self-check: the trial set-up computes every number by its coordinates with {@link Draws}, the
 * reference, runs every fill once and compares; the tear-down compares again what the measured, compiled
 * code left behind. Bits, uniforms, normals and squares must agree bit for bit; the java.lang.Math normals
 * within 1e-12. A fill that is wrong fails the run instead of producing a number.
 */
// Throughput in numbers (or blocks) per second: @OperationsPerInvocation turns one call into its count.
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Fifteen seconds of warm-up: until C2 has compiled the Vector API code (in several steps), the vector fills
// run 100 to 1000 times slower than scalar code; on a busy two-core machine they took 3 to 10 s to settle.
// One call takes microseconds, so one-second measurements hold hundreds of thousands.
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 1)
// Several forks, because the JIT can land the Vector API code in different states from one JVM to the next
// (what got inlined, whether the vectors were boxed); a single fork can mislead, several show it as spread.
// ParallelGC as the launcher uses; JMH 1.37 still reads fields through sun.misc.Unsafe, which JDK 25 warns
// about in every fork unless allowed.
@Fork(value = 3, jvmArgsAppend = {
    "--add-modules=jdk.incubator.vector", "-XX:+UseParallelGC", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Thread)
public class RngBenchmark {
  /** Trajectories per fill: the engine's default block width. */
  static final int WIDTH = 64;
  /**
   * Philox blocks per trajectory and fill: not a multiple of the vector fill's four-block unroll, so its
   * one-block tail is measured too, as in a linreg1d segment that starts on an odd draw.
   */
  static final int BLOCKS = 17;
  /** Philox blocks per call. */
  static final int BLOCK_COUNT = WIDTH * BLOCKS;
  /** 64-bit draws (or uniforms, normals, squares) per call: two per block. */
  static final int NUMBERS = 2 * BLOCK_COUNT;
  /** Any seed: the key. */
  static final long SEED = 0x5EED_0002_2024_0501L;
  /** First trajectory: far from 0, with a high counter word that is not 0. */
  static final long TRAJ0 = (3L << 32) + 1_000_000L;
  /** First block: past the first 2^32 blocks, so both counter words 2 and 3 carry block bits. */
  static final long BLOCK0 = (1L << 32) + 12_345L;
  /** The stream the linreg1d kernels draw their data from. */
  static final int STREAM = Stream.DATA.id;
  /** How far the java.lang.Math normals may stray from the reference (|x| <= 8.5, a few ulp). */
  static final double MATH_TOLERANCE = 1e-12;

  private final ScalarFills.Scratch scratch = new ScalarFills.Scratch();
  private final long[] vectorScratch = new long[NUMBERS];

  long[] referenceBits;
  double[] referenceUniforms;
  double[] referenceNormals;
  double[] referenceSquares;

  final long[] scalarBits = new long[NUMBERS];
  final long[] vectorBits = new long[NUMBERS];
  final double[] scalarUniforms = new double[NUMBERS];
  final double[] vectorUniforms = new double[NUMBERS];
  final double[] scalarNormals = new double[NUMBERS];
  final double[] mathNormals = new double[NUMBERS];
  final double[] vectorNormals = new double[NUMBERS];
  final double[] scalarSquares = new double[NUMBERS];
  final double[] vectorSquares = new double[NUMBERS];

  @Setup(Level.Trial)
  public void setUp() {
    referenceBits = new long[NUMBERS];
    referenceUniforms = new double[NUMBERS];
    referenceNormals = new double[NUMBERS];
    referenceSquares = new double[NUMBERS];
    for (int d = 0; d < 2 * BLOCKS; d++) {
      long k = 2 * BLOCK0 + d;
      for (int j = 0; j < WIDTH; j++) {
        int i = d * WIDTH + j;
        referenceBits[i] = Draws.bits(SEED, Stream.DATA, TRAJ0 + j, k);
        referenceUniforms[i] = Draws.uniform(SEED, Stream.DATA, TRAJ0 + j, k);
        referenceNormals[i] = Draws.normal(SEED, Stream.DATA, TRAJ0 + j, k);
        referenceSquares[i] = Draws.normalSquare(SEED, Stream.DATA, TRAJ0 + j, k);
      }
    }
    philoxScalar();
    philoxVector();
    uniformsScalar();
    uniformsVector();
    normalsScalar();
    normalsScalarMath();
    normalsVector();
    normalSquaresScalar();
    normalSquaresVector();
    verify("before measuring");
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    verify("after measuring");
  }

  @Benchmark
  @OperationsPerInvocation(BLOCK_COUNT)
  public long[] philoxScalar() {
    ScalarFills.bits(SEED, STREAM, TRAJ0, WIDTH, BLOCK0, BLOCKS, scratch, scalarBits);
    return scalarBits;
  }

  @Benchmark
  @OperationsPerInvocation(BLOCK_COUNT)
  public long[] philoxVector() {
    Philox4x32Vector.fillBits(SEED, STREAM, TRAJ0, WIDTH, BLOCK0, BLOCKS, vectorBits, 0);
    return vectorBits;
  }

  @Benchmark
  @OperationsPerInvocation(NUMBERS)
  public double[] uniformsScalar() {
    ScalarFills.uniforms(SEED, STREAM, TRAJ0, WIDTH, BLOCK0, BLOCKS, scratch, scalarUniforms);
    return scalarUniforms;
  }

  @Benchmark
  @OperationsPerInvocation(NUMBERS)
  public double[] uniformsVector() {
    VectorDraws.uniforms(SEED, STREAM, TRAJ0, WIDTH, BLOCK0, BLOCKS, vectorScratch, vectorUniforms);
    return vectorUniforms;
  }

  @Benchmark
  @OperationsPerInvocation(NUMBERS)
  public double[] normalsScalar() {
    ScalarFills.normals(SEED, STREAM, TRAJ0, WIDTH, BLOCK0, BLOCKS, scratch, scalarNormals);
    return scalarNormals;
  }

  @Benchmark
  @OperationsPerInvocation(NUMBERS)
  public double[] normalsScalarMath() {
    ScalarFills.normalsMath(SEED, STREAM, TRAJ0, WIDTH, BLOCK0, BLOCKS, scratch, mathNormals);
    return mathNormals;
  }

  @Benchmark
  @OperationsPerInvocation(NUMBERS)
  public double[] normalsVector() {
    VectorDraws.normals(SEED, STREAM, TRAJ0, WIDTH, BLOCK0, BLOCKS, vectorScratch, vectorNormals);
    return vectorNormals;
  }

  @Benchmark
  @OperationsPerInvocation(NUMBERS)
  public double[] normalSquaresScalar() {
    ScalarFills.normalSquares(SEED, STREAM, TRAJ0, WIDTH, BLOCK0, BLOCKS, scratch, scalarSquares);
    return scalarSquares;
  }

  @Benchmark
  @OperationsPerInvocation(NUMBERS)
  public double[] normalSquaresVector() {
    VectorDraws.normalSquares(SEED, STREAM, TRAJ0, WIDTH, BLOCK0, BLOCKS, vectorScratch, vectorSquares);
    return vectorSquares;
  }

  /** Holds every output buffer against the reference; throws on the first difference. */
  void verify(String when) {
    for (int i = 0; i < NUMBERS; i++) {
      same("philoxScalar", when, i, referenceBits[i], scalarBits[i]);
      same("philoxVector", when, i, referenceBits[i], vectorBits[i]);
      same("uniformsScalar", when, i, referenceUniforms[i], scalarUniforms[i]);
      same("uniformsVector", when, i, referenceUniforms[i], vectorUniforms[i]);
      same("normalsScalar", when, i, referenceNormals[i], scalarNormals[i]);
      same("normalsVector", when, i, referenceNormals[i], vectorNormals[i]);
      same("normalSquaresScalar", when, i, referenceSquares[i], scalarSquares[i]);
      same("normalSquaresVector", when, i, referenceSquares[i], vectorSquares[i]);
      if (!(Math.abs(mathNormals[i] - referenceNormals[i]) <= MATH_TOLERANCE)) {
        throw mismatch("normalsScalarMath", when, i, referenceNormals[i], mathNormals[i]);
      }
    }
  }

  private static void same(String fill, String when, int i, long expected, long actual) {
    if (expected != actual) {
      throw mismatch(fill, when, i, expected, actual);
    }
  }

  private static void same(String fill, String when, int i, double expected, double actual) {
    if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual)) {
      throw mismatch(fill, when, i, expected, actual);
    }
  }

  private static IllegalStateException mismatch(String fill, String when, int i, Object expected, Object actual) {
    return new IllegalStateException(String.format(
        "%s %s: draw %d of trajectory %d is %s, the reference (Draws) says %s",
        fill, when, 2 * BLOCK0 + i / WIDTH, TRAJ0 + i % WIDTH, actual, expected));
  }
}
