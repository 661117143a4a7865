package org.sgdmc.bench.stats;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.sgdmc.stats.tails.BootstrapResult;
import org.sgdmc.stats.tails.KGrid;
import org.sgdmc.stats.tails.TailBootstrap;
import org.sgdmc.stats.tails.TailFit;
import org.sgdmc.stats.tails.TailFitOptions;
import org.sgdmc.stats.tails.TailFitter;
import org.sgdmc.stats.tails.TailSample;
import org.sgdmc.stats.tails.ThresholdChoice;
import org.sgdmc.stats.tails.ThresholdScan;

/**
 * The whole tail fit as the CLI does it, {@link TailFitter#fit}, on {@code n} samples with a power-law tail
 * of index {@link #ALPHA}, and its three stages on their own: the sort ({@link TailSample#prepare}), the KS
 * threshold search ({@link ThresholdScan#of}) and the 200-replicate bootstrap ({@link TailBootstrap#run}).
 * The reference point is the Python {@code powerlaw} package, which takes hours at 5 x 10^6 samples.
 *
 * <p>Laws: {@code pareto} is a pure (signed) Pareto sample, the worst case for the bootstrap: the power law
 * holds everywhere, the KS search picks k near its upper end n/2, and every replicate works through the
 * whole half-sample. {@code bulk} is 90% Exp(1) and 10% of 10 x Pareto, where the threshold lands at 10 and
 * the replicates read only the top 2% or so of the sample: closer to a stationary law of SGD.
 *
 * <p>Self-check: the set-up fits once on one thread; alpha must lie within {@value #SIGMAS} standard errors
 * of {@link #ALPHA} (false alarm about 1 in 10^9 runs) and lie inside its interval. The tear-down holds
 * the last measured fit to that reference bit for bit, which also checks that the result does not depend
 * on the number of threads.
 */
// Average time of one fit: seconds per operation at 10^7.
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
// A fit takes seconds, so an iteration is one or two of them; the first compiles the hot loops.
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
// One fork is enough for scalar code; the heap holds the samples (80 MB), their sorted copy and the sort's
// scratch, the tail region's logs and one prefix array per bootstrap thread: under 1 GB at 10^7.
@Fork(value = 1, jvmArgsAppend = {
    "--add-modules=jdk.incubator.vector", "-XX:+UseParallelGC", "--sun-misc-unsafe-memory-access=allow",
    "-Xmx4g"})
@State(Scope.Benchmark)
public class TailFitBenchmark {
  /** The tail index of both laws. */
  static final double ALPHA = 1.5;
  /** Standard errors the estimate may stray from ALPHA. */
  static final int SIGMAS = 6;
  /** Any seed. */
  static final long SEED = 2025;

  /** Samples. */
  @Param("10000000")
  public int n;

  /** {@code pareto} or {@code bulk} (see the class comment). */
  @Param({"pareto", "bulk"})
  public String law;

  /** Threads for the bootstrap replicates. */
  @Param({"1", "2"})
  public int threads;

  double[] samples;
  TailFitOptions options;
  TailFit reference;
  TailFit last;
  TailSample prepared;
  int[] grid;
  ThresholdChoice choice;

  @Setup(Level.Trial)
  public void setUp() {
    samples = generate(law, n, SEED);
    options = TailFitOptions.defaults().withThreads(threads);
    reference = TailFitter.fit(samples, n, options.withThreads(1));
    if (!(Math.abs(reference.alpha() - ALPHA) <= SIGMAS * reference.alphaStderr())
        || !(reference.ciLow() < reference.alpha() && reference.alpha() < reference.ciHigh())) {
      throw new IllegalStateException(String.format("alpha %.5f +- %.5f (interval %.5f .. %.5f), exact %.2f",
          reference.alpha(), reference.alphaStderr(), reference.ciLow(), reference.ciHigh(), ALPHA));
    }
    prepared = TailSample.prepare(samples, n, options);
    grid = KGrid.geometric(options.kMin(), prepared.kMax(), options.gridRatio());
    choice = ThresholdScan.of(prepared, grid, options.ksAcceptance()).choice();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (last == null) {
      return; // nothing was measured (set-up alone, as in a listing)
    }
    if (Double.doubleToRawLongBits(last.alpha()) != Double.doubleToRawLongBits(reference.alpha())
        || Double.doubleToRawLongBits(last.ciLow()) != Double.doubleToRawLongBits(reference.ciLow())
        || Double.doubleToRawLongBits(last.ciHigh()) != Double.doubleToRawLongBits(reference.ciHigh())
        || last.k() != reference.k()) {
      throw new IllegalStateException(String.format(
          "with %d threads the fit is alpha %s [%s, %s] at k %d, on one thread %s [%s, %s] at k %d", threads,
          last.alpha(), last.ciLow(), last.ciHigh(), last.k(), reference.alpha(), reference.ciLow(),
          reference.ciHigh(), reference.k()));
    }
  }

  /** The whole fit: sort, search, bootstrap, moment estimator, survival function. */
  @Benchmark
  public TailFit fit() {
    last = TailFitter.fit(samples, n, options);
    return last;
  }

  /** The sort of the magnitudes and the region's logarithms. */
  @Benchmark
  public TailSample prepare() {
    return TailSample.prepare(samples, n, options);
  }

  /** The KS threshold search (with the Hill and moment curves) on the prepared sample. */
  @Benchmark
  public ThresholdScan search() {
    return ThresholdScan.of(prepared, grid, options.ksAcceptance());
  }

  /** The 200 bootstrap replicates on the prepared sample. */
  @Benchmark
  public BootstrapResult bootstrap() {
    return TailBootstrap.run(prepared, grid, choice, options);
  }

  /** {@code n} samples of {@code law} ({@code pareto} or {@code bulk}) from a seeded SplitMix64. */
  static double[] generate(String law, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      double u = 1 - r.nextDouble();
      x[i] = switch (law) {
        case "pareto" -> (r.nextBoolean() ? 1 : -1) * Math.pow(u, -1 / ALPHA);
        case "bulk" -> r.nextDouble() < 0.1 ? 10 * Math.pow(u, -1 / ALPHA) : -Math.log(u);
        default -> throw new IllegalArgumentException("law is pareto or bulk: " + law);
      };
    }
    return x;
  }
}
