package org.sgdmc.perf;

import java.util.Arrays;
import java.util.List;

/**
 * What {@code sgdmc bench} measured: the host, one {@link Measurement} per kernel, vector width and thread
 * count, and the native reference's runs (empty, with the reason, where it could not run).
 *
 * @param host the machine line
 * @param seconds wall time of one measurement
 * @param repeats measurements per (kernel, width, threads)
 * @param measurements every Java figure
 * @param nativeRuns the C reference, one run per thread count
 * @param nativeCompiler the compiler and flags of the C reference, or why it did not run
 * @param inProcessRuns the same C reference loaded into the JVM and called through java.lang.foreign, one run per
 *     thread count (empty where it could not load)
 * @param downcallNanos nanoseconds per call of a no-op C function through java.lang.foreign (NaN if not measured)
 * @param inProcessNote how the in-process runs went: "run", or why not
 */
public record BenchReport(HostInfo host, double seconds, int repeats, List<Measurement> measurements,
    List<NativeReference.Run> nativeRuns, String nativeCompiler, List<NativeReference.Run> inProcessRuns,
    double downcallNanos, String inProcessNote) {

  /**
   * One kernel at one vector width and thread count, measured {@code rates.length} times.
   *
   * @param kernel the {@link org.sgdmc.kernels.KernelRegistry} entry
   * @param bits the vector width in bits
   * @param lanes double lanes at that width
   * @param threads worker threads
   * @param rates trajectory-steps per second of each repetition
   */
  public record Measurement(String kernel, int bits, int lanes, int threads, double[] rates) {
    public double median() {
      double[] s = rates.clone();
      Arrays.sort(s);
      int n = s.length;
      return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    /** (max - min) / median: how far the repetitions disagree. */
    public double spread() {
      double lo = Arrays.stream(rates).min().orElse(Double.NaN), hi = Arrays.stream(rates).max().orElse(Double.NaN);
      return (hi - lo) / median();
    }
  }

  /**
   * Parallel efficiency of {@code m}: its rate over {@code threads} times the same kernel and width on one
   * thread (NaN where one thread was not measured).
   */
  public double efficiency(Measurement m) {
    for (Measurement one : measurements) {
      if (one.threads() == 1 && one.bits() == m.bits() && one.kernel().equals(m.kernel())) {
        return m.median() / (m.threads() * one.median());
      }
    }
    return Double.NaN;
  }

  /** The C reference's rate at {@code threads}, or NaN. */
  public double nativeRate(int threads) {
    return nativeRuns.stream().filter(r -> r.threads() == threads).mapToDouble(NativeReference.Run::trajStepsPerSecond)
        .findFirst().orElse(Double.NaN);
  }
}
