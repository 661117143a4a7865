package org.sgdmc.bench.engine;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sgdmc.engine.RecordTimes;
import org.sgdmc.engine.Simulation;
import org.sgdmc.experiments.Linreg1dExperiment;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.models.FeatureData;
import org.sgdmc.models.Linreg1d;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.Linreg1dResult;
import org.sgdmc.stats.LyapunovEstimate;

/**
 * A whole linreg1d run as the CLI does it, {@link Linreg1dExperiment#run}: Gaussian data, S = 1, lr = 0.5,
 * {@code trajectories} trajectories of {@code steps} steps in blocks of 64, recorded at steps 0 and
 * {@code steps} or at the CLI's 41 log-spaced times ({@code records}), and streamed into summaries and
 * Lyapunov estimates. With {@code threads} = 1 and 2 (or more,
 * {@code -p threads=1,16}) it measures how the engine scales with cores; the sizes are parameters so that
 * {@code bench/peers.sh} can run it at the peers' sizes.
 *
 * <p>Scores: the primary score is whole runs per second; the secondary {@code trajectorySteps} is
 * trajectory-steps per second, the figure to compare with the kernel benchmark and the peers.
 *
 * <p>Self-check: the trial set-up runs once on one thread for the reference; its Lyapunov estimate must lie
 * within {@value #SIGMAS} standard errors of the exact exponent (false alarm about 1 in 10^9 runs). The
 * tear-down holds the last measured run to the reference bit for bit, which also checks that the result
 * does not depend on the number of threads.
 */
// Throughput of whole runs, plus trajectory-steps per second through an auxiliary counter.
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// At the default size a run takes some 0.1 to 0.3 s; larger sizes (peers.sh) take seconds, and JMH then
// finishes the run in progress at the end of each iteration, so the time counted stays exact.
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
// Several forks, because the JIT can land the Vector API code in different states from one JVM to the next
// (what got inlined, whether the vectors were boxed); a single fork can mislead, several show it as spread.
// ParallelGC as the launcher uses; JMH 1.37 still reads fields through sun.misc.Unsafe, which JDK 25 warns
// about in every fork unless allowed.
@Fork(value = 3, jvmArgsAppend = {
    "--add-modules=jdk.incubator.vector", "-XX:+UseParallelGC", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Thread)
public class Linreg1dEngineBenchmark {
  /** E log|1 - x^2/2| for x ~ N(0, 1), by numerical quadrature (mpmath, 20 digits, rounded). */
  static final double LYAPUNOV_GAUSSIAN_S1 = -0.4846267658232649;
  /** Standard errors the estimate may stray from the exact exponent. */
  static final int SIGMAS = 6;
  /** Any seed. */
  static final long SEED = 2024;

  /** Worker threads of the engine (JMH itself runs one benchmark thread). */
  @Param({"1", "2"})
  public int threads;

  /** Ensemble size. */
  @Param("65536")
  public long trajectories;

  /** Steps per trajectory. */
  @Param("200")
  public long steps;

  /**
   * When to record: {@code ends} (steps 0 and T only: the kernel and the engine's fixed costs) or a
   * {@code --record-times} spec such as the CLI's default {@code log:40}, where every trajectory is logged and
   * streamed into the summaries 41 times: the difference is what the streaming reductions cost.
   */
  @Param({"ends", "log:40"})
  public String records;

  Linreg1d model;
  EnsembleOptions options;
  LyapunovEstimate reference;
  Linreg1dResult last;

  /** Trajectory-steps done, reported by JMH per second as the secondary score {@code trajectorySteps}. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    public long trajectorySteps;

    @Setup(Level.Iteration)
    public void reset() {
      trajectorySteps = 0;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    model = new Linreg1d(0.5, 1, new FeatureData.Gaussian(), false, 1.0);
    options = options(threads);
    reference = Linreg1dExperiment.run(model, options(1), Kernel.VECTOR, Simulation.Progress.NONE)
        .lyapunov();
    if (!(Math.abs(reference.value() - LYAPUNOV_GAUSSIAN_S1) <= SIGMAS * reference.stderr())) {
      throw new IllegalStateException(String.format(
          "Lyapunov estimate %.5f +- %.5f, exact %.5f: more than %d standard errors apart",
          reference.value(), reference.stderr(), LYAPUNOV_GAUSSIAN_S1, SIGMAS));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (last == null) {
      return; // nothing was measured (set-up alone, as in a listing)
    }
    LyapunovEstimate got = last.lyapunov();
    if (Double.doubleToRawLongBits(got.value()) != Double.doubleToRawLongBits(reference.value())
        || Double.doubleToRawLongBits(got.stderr()) != Double.doubleToRawLongBits(reference.stderr())) {
      throw new IllegalStateException(String.format(
          "with %d threads the Lyapunov estimate is %s +- %s, on one thread %s +- %s: not bit-identical",
          threads, got.value(), got.stderr(), reference.value(), reference.stderr()));
    }
  }

  @Benchmark
  public Linreg1dResult run(Counters counters) {
    last = Linreg1dExperiment.run(model, options, Kernel.VECTOR, Simulation.Progress.NONE);
    counters.trajectorySteps += trajectories * steps;
    return last;
  }

  private EnsembleOptions options(int workers) {
    return new EnsembleOptions(
        trajectories, RecordTimes.parse(records.equals("ends") ? "0," + steps : records, steps), SEED, workers, EnsembleOptions.DEFAULT_BLOCK_WIDTH,
        EnsembleOptions.DEFAULT_QUANTILES, EnsembleOptions.DEFAULT_EPSILONS, EnsembleOptions.DEFAULT_DIVERGED_ABOVE);
  }
}
