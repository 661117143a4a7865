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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sgdmc.rng.Draws;
import org.sgdmc.rng.StableShape;
import org.sgdmc.rng.Stream;
import org.sgdmc.rng.StreamLayout;
import org.sgdmc.rng.Uniforms;
import org.sgdmc.rng.VectorDraws;

/**
 * Symmetric alpha-stable numbers (Chambers-Mallows-Stuck), scalar against vector, for the same block as
 * {@link RngBenchmark}: {@value RngBenchmark#WIDTH} trajectories x {@value RngBenchmark#BLOCKS} Philox
 * blocks, one stable per block (1,088 per call). The pair differs in the loop only: a plain scalar loop over
 * reused scratch calling {@link Draws#symmetricStableFromBits}, or {@link VectorDraws#symmetricStables}.
 * {@code stablesScalarMath} is the same formula with {@code java.lang.Math} (sin, cos, log, pow): what plain
 * Java code would do, for scale.
 *
 * <p>Self-check as in {@link RngBenchmark}: the set-up computes every stable by its coordinates with
 * {@link Draws#symmetricStable}, runs each fill and compares; the tear-down compares what the measured code
 * left. The scalar and vector stables must agree bit for bit, the java.lang.Math ones within a relative
 * 1e-9 (they lose accuracy near V = +-pi/2, which our turn-based sines do not).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// As RngBenchmark: 15 s of warm-up until C2 has compiled the Vector API code, several forks for its spread.
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {
    "--add-modules=jdk.incubator.vector", "-XX:+UseParallelGC", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Thread)
public class StableBenchmark {
  /** Stables per call: one per block. */
  static final int STABLES = RngBenchmark.BLOCK_COUNT;
  /** How far the java.lang.Math stables may stray from the reference, relatively. */
  static final double MATH_TOLERANCE = 1e-9;

  /** The stability index; the code has no branch on it, so one value stands for all. */
  @Param({"1.5"})
  public double alpha;

  private StableShape shape;
  private final ScalarFills.Scratch scratch = new ScalarFills.Scratch();
  private final long[] vectorScratch = new long[RngBenchmark.NUMBERS];

  double[] reference;
  final double[] scalarStables = new double[STABLES];
  final double[] mathStables = new double[STABLES];
  final double[] vectorStables = new double[STABLES];

  @Setup(Level.Trial)
  public void setUp() {
    shape = StableShape.of(alpha);
    reference = new double[STABLES];
    for (int b = 0; b < RngBenchmark.BLOCKS; b++) {
      for (int j = 0; j < RngBenchmark.WIDTH; j++) {
        reference[b * RngBenchmark.WIDTH + j] =
            Draws.symmetricStable(RngBenchmark.SEED, Stream.DATA, RngBenchmark.TRAJ0 + j, RngBenchmark.BLOCK0 + b, shape);
      }
    }
    stablesScalar();
    stablesScalarMath();
    stablesVector();
    verify("before measuring");
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    verify("after measuring");
  }

  @Benchmark
  @OperationsPerInvocation(STABLES)
  public double[] stablesScalar() {
    int width = RngBenchmark.WIDTH;
    StreamLayout.key(RngBenchmark.SEED, scratch.key);
    for (int b = 0; b < RngBenchmark.BLOCKS; b++) {
      for (int j = 0; j < width; j++) {
        scratch.block(RngBenchmark.TRAJ0 + j, RngBenchmark.STREAM, RngBenchmark.BLOCK0 + b);
        scalarStables[b * width + j] = Draws.symmetricStableFromBits(scratch.draw0(), scratch.draw1(), shape);
      }
    }
    return scalarStables;
  }

  @Benchmark
  @OperationsPerInvocation(STABLES)
  public double[] stablesScalarMath() {
    int width = RngBenchmark.WIDTH;
    double a = alpha, p = (1.0 - a) / a;
    StreamLayout.key(RngBenchmark.SEED, scratch.key);
    for (int b = 0; b < RngBenchmark.BLOCKS; b++) {
      for (int j = 0; j < width; j++) {
        scratch.block(RngBenchmark.TRAJ0 + j, RngBenchmark.STREAM, RngBenchmark.BLOCK0 + b);
        double v = Math.PI * (Uniforms.open(scratch.draw0()) - 0.5);
        double w = -Math.log(Uniforms.open(scratch.draw1()));
        double cosV = Math.cos(v);
        mathStables[b * width + j] = Math.sin(a * v) / cosV * Math.pow(Math.cos((1.0 - a) * v) / (w * cosV), p);
      }
    }
    return mathStables;
  }

  @Benchmark
  @OperationsPerInvocation(STABLES)
  public double[] stablesVector() {
    VectorDraws.symmetricStables(RngBenchmark.SEED, RngBenchmark.STREAM, RngBenchmark.TRAJ0, RngBenchmark.WIDTH,
        RngBenchmark.BLOCK0, RngBenchmark.BLOCKS, shape, vectorScratch, vectorStables);
    return vectorStables;
  }

  /** Holds every output buffer against the reference; throws on the first difference. */
  void verify(String when) {
    for (int i = 0; i < STABLES; i++) {
      same("stablesScalar", when, i, scalarStables[i]);
      same("stablesVector", when, i, vectorStables[i]);
      if (!(Math.abs(mathStables[i] - reference[i]) <= MATH_TOLERANCE * Math.abs(reference[i]))) {
        throw mismatch("stablesScalarMath", when, i, mathStables[i]);
      }
    }
  }

  private void same(String fill, String when, int i, double actual) {
    if (Double.doubleToRawLongBits(reference[i]) != Double.doubleToRawLongBits(actual)) {
      throw mismatch(fill, when, i, actual);
    }
  }

  private IllegalStateException mismatch(String fill, String when, int i, double actual) {
    return new IllegalStateException(String.format(
        "%s %s: stable %d of trajectory %d is %s, the reference (Draws) says %s",
        fill, when, RngBenchmark.BLOCK0 + i / RngBenchmark.WIDTH, RngBenchmark.TRAJ0 + i % RngBenchmark.WIDTH, actual, reference[i]));
  }
}
