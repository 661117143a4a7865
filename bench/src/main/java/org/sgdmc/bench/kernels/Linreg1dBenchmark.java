package org.sgdmc.bench.kernels;

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
import org.sgdmc.kernels.Linreg1dScalarBlock;
import org.sgdmc.kernels.Linreg1dVectorBlock;
import org.sgdmc.kernels.TrajectoryBlock;
import org.sgdmc.models.Datasets;
import org.sgdmc.models.FeatureData;
import org.sgdmc.models.Linreg1d;
import org.sgdmc.models.Precision;
import org.sgdmc.stats.LyapunovEstimate;

/**
 * One linreg1d block of {@value #WIDTH} trajectories, {@value #STEPS} steps per call, in trajectory-steps
 * per second: the vector kernel on Gaussian data with S = 1 at lr = 0.5, its scalar twin on the same
 * workload (the ratio is what vectorising bought), the vector kernel with S = 8 (eight normals a step) and
 * with a finite dataset of N = 100 points, S = 1 (batch indices instead of normals). A call restarts the
 * block at step 0, so every call does the same work; start and read-out are under 1% of it.
 *
 * <p>Self-check: the trial set-up runs the scalar twin once for the reference log-distances, then the
 * vector kernel, which must agree bit for bit; the tear-down compares what the measured call left behind.
 * The Lyapunov estimate of the 64 trajectories must also lie within {@value #SIGMAS} standard errors of the
 * exact exponent E log|1 - lr q| (seed 002, Prop. 1): false alarm about 1 in 10^9 runs (normal tail).
 */
// Throughput in trajectory-steps per second: @OperationsPerInvocation(WIDTH * STEPS).
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Fifteen seconds of warm-up: until C2 has compiled the Vector API code (in several steps) the vector kernel
// runs orders of magnitude slower; on a busy two-core machine the fills took 3 to 10 s to settle.
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 1)
// Several forks, because the JIT can land the Vector API code in different states from one JVM to the next
// (what got inlined, whether the vectors were boxed); a single fork can mislead, several show it as spread.
// ParallelGC as the launcher uses; JMH 1.37 still reads fields through sun.misc.Unsafe, which JDK 25 warns
// about in every fork unless allowed.
@Fork(value = 3, jvmArgsAppend = {
    "--add-modules=jdk.incubator.vector", "-XX:+UseParallelGC", "--sun-misc-unsafe-memory-access=allow"})
public class Linreg1dBenchmark {
  /** Trajectories per block: the engine's default block width. */
  static final int WIDTH = 64;
  /**
   * Steps per call: odd, so not a multiple of the kernel's segment (32 steps at S = 1, 4 at S = 8) nor of
   * its renormalisation interval (8 steps at lr = 0.5): a short last segment is measured, as in real runs.
   */
  static final int STEPS = 999;
  /** Trajectory-steps per call. */
  static final int TRAJECTORY_STEPS = WIDTH * STEPS;
  /** Any seed. */
  static final long SEED = 0x5EED_0002L;
  /** First trajectory of the block: any, not 0. */
  static final long TRAJ0 = 1L << 20;
  /** The learning rate of all workloads. */
  static final double LR = 0.5;
  /** E log|1 - x^2/2| for x ~ N(0, 1), by numerical quadrature (mpmath, 20 digits, rounded). */
  static final double LYAPUNOV_GAUSSIAN_S1 = -0.4846267658232649;
  /** E log|1 - q/2| for q = chi-square(8)/8 ~ Gamma(4, 1/4), by numerical quadrature (mpmath, rounded). */
  static final double LYAPUNOV_GAUSSIAN_S8 = -0.8300161278396592;
  /** Standard errors the estimate may stray from the exact exponent. */
  static final int SIGMAS = 6;

  /** Gaussian data, one point per step: the workload the peers run. */
  @State(Scope.Thread)
  public static class GaussianS1 extends Workload {
    @Override
    Linreg1d model() {
      return new Linreg1d(LR, 1, new FeatureData.Gaussian(), false, 1.0);
    }

    @Override
    double exactLyapunov(Linreg1d model) {
      return LYAPUNOV_GAUSSIAN_S1;
    }
  }

  /** Gaussian data, eight points per step. */
  @State(Scope.Thread)
  public static class GaussianS8 extends Workload {
    @Override
    Linreg1d model() {
      return new Linreg1d(LR, 8, new FeatureData.Gaussian(), false, 1.0);
    }

    @Override
    double exactLyapunov(Linreg1d model) {
      return LYAPUNOV_GAUSSIAN_S8;
    }
  }

  /** {@link GaussianS1} with single-precision draws ({@code --precision single}). */
  @State(Scope.Thread)
  public static class GaussianS1Single extends GaussianS1 {
    @Override
    Precision precision() {
      return Precision.SINGLE;
    }
  }

  /** {@link GaussianS8} with single-precision draws. */
  @State(Scope.Thread)
  public static class GaussianS8Single extends GaussianS8 {
    @Override
    Precision precision() {
      return Precision.SINGLE;
    }
  }

  /** A generated dataset of 100 Gaussian points, one drawn per step. */
  @State(Scope.Thread)
  public static class FiniteN100S1 extends Workload {
    @Override
    Linreg1d model() {
      return new Linreg1d(LR, 1, Datasets.gaussian(100, null, 7), false, 1.0);
    }

    @Override
    double exactLyapunov(Linreg1d model) {
      // S = 1: q is a uniformly chosen x_i^2, so the exponent is the dataset average of log|1 - lr x_i^2|.
      double[] squares = ((FeatureData.Finite) model.data()).squares();
      double sum = 0;
      for (double q : squares) {
        sum += Math.log(Math.abs(1 - model.lr() * q));
      }
      return sum / squares.length;
    }
  }

  @Benchmark
  @OperationsPerInvocation(TRAJECTORY_STEPS)
  public double[] vectorGaussianS1(GaussianS1 w) {
    return w.run(w.vector);
  }

  @Benchmark
  @OperationsPerInvocation(TRAJECTORY_STEPS)
  public double[] scalarGaussianS1(GaussianS1 w) {
    return w.run(w.scalar);
  }

  @Benchmark
  @OperationsPerInvocation(TRAJECTORY_STEPS)
  public double[] vectorGaussianS8(GaussianS8 w) {
    return w.run(w.vector);
  }

  @Benchmark
  @OperationsPerInvocation(TRAJECTORY_STEPS)
  public double[] vectorGaussianS1Single(GaussianS1Single w) {
    return w.run(w.vector);
  }

  @Benchmark
  @OperationsPerInvocation(TRAJECTORY_STEPS)
  public double[] vectorGaussianS8Single(GaussianS8Single w) {
    return w.run(w.vector);
  }

  @Benchmark
  @OperationsPerInvocation(TRAJECTORY_STEPS)
  public double[] vectorFiniteN100S1(FiniteN100S1 w) {
    return w.run(w.vector);
  }

  /**
   * One model's vector block, scalar twin and reference. Every call writes the log-distances at step
   * {@value #STEPS} into {@link #out}, so the tear-down sees the last measured call's answer.
   */
  public abstract static class Workload {
    Linreg1d model;
    TrajectoryBlock vector;
    TrajectoryBlock scalar;
    double[] reference;
    final double[] out = new double[WIDTH];

    abstract Linreg1d model();

    abstract double exactLyapunov(Linreg1d model);

    /** The draws' precision: double unless a workload says otherwise. */
    Precision precision() {
      return Precision.DOUBLE;
    }

    @Setup(Level.Trial)
    public void setUp() {
      model = model();
      vector = new Linreg1dVectorBlock(model, SEED, WIDTH, precision());
      scalar = new Linreg1dScalarBlock(model, SEED, WIDTH, precision());
      reference = run(scalar).clone();
      check("scalar twin, before measuring", reference);
      run(vector);
      verify("before measuring");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      verify("after measuring");
    }

    /** Steps {@code block} from step 0 to {@value #STEPS}; returns the log-distances. */
    double[] run(TrajectoryBlock block) {
      block.start(TRAJ0);
      block.advance(0, STEPS);
      block.logDistance(out);
      return out;
    }

    /** Holds {@link #out} against the scalar twin's reference, bit for bit, and checks the physics. */
    void verify(String when) {
      for (int i = 0; i < WIDTH; i++) {
        if (Double.doubleToRawLongBits(out[i]) != Double.doubleToRawLongBits(reference[i])) {
          throw new IllegalStateException(String.format(
              "%s %s: trajectory %d at step %d has log-distance %s, the scalar twin %s",
              getClass().getSimpleName(), when, TRAJ0 + i, STEPS, out[i], reference[i]));
        }
      }
      check(when, out);
    }

    /** The Lyapunov estimate of {@code logs} (log-distance 0 at step 0) must fit the exact exponent. */
    void check(String when, double[] logs) {
      LyapunovEstimate est = LyapunovEstimate.of(new double[WIDTH], logs, 0, STEPS);
      double exact = exactLyapunov(model);
      if (!(Math.abs(est.value() - exact) <= SIGMAS * est.stderr())) {
        throw new IllegalStateException(String.format(
            "%s %s: Lyapunov estimate %.5f +- %.5f, exact %.5f: more than %d standard errors apart",
            getClass().getSimpleName(), when, est.value(), est.stderr(), exact, SIGMAS));
      }
    }
  }
}
