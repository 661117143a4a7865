package org.sgdmc.experiments;

import java.util.TreeSet;
import org.sgdmc.engine.RecordTimes;
import org.sgdmc.engine.Records;
import org.sgdmc.engine.Simulation;
import org.sgdmc.kernels.LinearDScalarBlock;
import org.sgdmc.kernels.LinearDVectorBlock;
import org.sgdmc.models.LinearD;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.LinearDResult;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.LyapunovEstimate;
import org.sgdmc.stats.SampleMean;

/**
 * Runs a {@link LinearD} ensemble and reduces it to the first k Lyapunov exponents with their errors and a
 * convergence diagnostic.
 *
 * <p>Per trajectory i and exponent a the kernel reports {@code L_a,i(t)}, the accumulated log of the a-th
 * QR diagonal (see {@code kernels.Tangents}); {@code L_a,i(t) / t} is that trajectory's estimate at time t.
 * Trajectories are independent, so the mean over them, with the sample standard error, is an honest error
 * bar whatever the correlations in time. The estimates:
 *
 * <ul>
 *   <li>whole run: {@code mean_i L_a,i(T) / T}, the smallest variance, but biased by the transient of the
 *       tangent directions: {@code E L_a(t) = Lambda_a t + c_a + o(1)}, so the bias is about {@code c_a / T};
 *   <li>late window: {@code mean_i (L_a,i(T) - L_a,i(t_h)) / (T - t_h)}, t_h the last recording time <= T/2:
 *       free of the transient once the directions have mixed by t_h, with about twice the variance;
 *   <li>drift: {@code mean_i (L_a,i(T)/T - L_a,i(t_h)/t_h)}, the change of the estimate from T/2 to T, with
 *       the standard error of that per-trajectory difference (so the correlation of the two is accounted
 *       for). For t_h = T/2 it is exactly minus (whole - late), and its expectation is {@code -c_a/T}: minus
 *       the remaining bias of the whole-run estimate. The run counts as converged when {@code |drift| <= 2
 *       stderr} for every exponent. A converged run fails that test with probability about 5% per exponent;
 *       a transient shows up as a drift of many standard errors.
 * </ul>
 *
 * <p>Two cases have no transient at all, so the whole-run estimate is unbiased at every T: the sum of all d
 * exponents ({@code L_1 + ... + L_d = sum_t log|det M_t|}, a sum of i.i.d. terms), and the top exponent for
 * isotropic Gaussian data (see {@code theory.LinearDTheory}).
 */
public final class LinearDExperiment {
  private LinearDExperiment() {}

  /** Which implementation steps the trajectories; both give the same bits, the scalar one slowly. */
  public enum Kernel {
    VECTOR,
    SCALAR
  }

  /**
   * {@code times} with T/4 and T/2 (rounded down, when positive) added, so the convergence of the estimates
   * can be read at T/4, T/2 and T.
   */
  public static long[] withQuarters(long[] times) {
    long steps = times[times.length - 1];
    TreeSet<Long> all = new TreeSet<>();
    for (long t : times) {
      all.add(t);
    }
    for (long t : new long[] {steps / 4, steps / 2}) {
      if (t > 0) {
        all.add(t);
      }
    }
    return all.stream().mapToLong(Long::longValue).toArray();
  }

  public static LinearDResult run(LinearD model, EnsembleOptions options, Kernel kernel, Simulation.Progress progress) {
    Simulation.Settings settings = new Simulation.Settings(
        options.trajectories(), options.recordTimes(), options.threads(), options.blockWidth());
    long seed = options.seed();
    Simulation.Result sim = Simulation.run(
        width -> kernel == Kernel.VECTOR
            ? new LinearDVectorBlock(model, seed, width)
            : new LinearDScalarBlock(model, seed, width),
        settings, progress);
    try (Records records = sim.records()) {
      return reduce(model, options, records, sim.kernelSeconds());
    }
  }

  private static LinearDResult reduce(LinearD model, EnsembleOptions options, Records records, double seconds) {
    long[] times = options.recordTimes();
    int k = model.exponents();
    int last = times.length - 1;
    long steps = times[last];
    int half = RecordTimes.atOrBefore(times, steps / 2);
    if (half == last) {
      half = last - 1; // T = 1: the window is the whole run
    }
    EnsembleSummary[] summaries = EnsembleReductions.summarise(records, 0, options);
    LyapunovEstimate[] spectrum = new LyapunovEstimate[k];
    LyapunovEstimate[] late = new LyapunovEstimate[k];
    SampleMean[] drift = new SampleMean[k];
    LyapunovEstimate[][] atTime = new LyapunovEstimate[last][k];
    double[] sums = null;
    for (int a = 0; a < k; a++) {
      double[] start = records.at(a, 0);
      double[] end = records.at(a, last);
      double[] mid = records.at(a, half);
      spectrum[a] = LyapunovEstimate.of(start, end, 0, steps);
      late[a] = LyapunovEstimate.of(mid, end, times[half], steps);
      drift[a] = drift(start, mid, end, times[half], steps);
      for (int r = 1; r <= last; r++) {
        atTime[r - 1][a] = LyapunovEstimate.of(start, r == last ? end : records.at(a, r), 0, times[r]);
      }
      if (sums == null) {
        sums = new double[end.length];
      }
      for (int i = 0; i < end.length; i++) {
        sums[i] += (end[i] - start[i]) / steps;
      }
    }
    long[] after0 = java.util.Arrays.copyOfRange(times, 1, times.length);
    return new LinearDResult(model, options, summaries, spectrum, late, drift, after0, atTime, SampleMean.of(sums), seconds);
  }

  /** Per trajectory {@code (L(T) - L(0))/T - (L(t_h) - L(0))/t_h}; NaN where a value is -inf (undefined). */
  private static SampleMean drift(double[] start, double[] mid, double[] end, long th, long steps) {
    if (th == 0) {
      return new SampleMean(Double.NaN, Double.NaN);
    }
    double[] d = new double[end.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = (end[i] - start[i]) / steps - (mid[i] - start[i]) / th;
    }
    return SampleMean.of(d);
  }
}
