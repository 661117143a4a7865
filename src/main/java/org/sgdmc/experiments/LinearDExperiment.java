package org.sgdmc.experiments;

import java.util.TreeSet;
import org.sgdmc.engine.RecordTimes;
import org.sgdmc.engine.Simulation;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.Kernels;
import org.sgdmc.models.LinearD;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.LinearDResult;
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
    long[] times = options.recordTimes();
    int k = model.exponents();
    int last = times.length - 1;
    long steps = times[last];
    int half = RecordTimes.atOrBefore(times, steps / 2);
    if (half == last) {
      half = last - 1; // T = 1: the window is the whole run
    }
    long th = times[half];
    EnsembleReductions.Plan plan = new EnsembleReductions.Plan(options, 0);
    int[] spectrum = new int[k], late = new int[k], drift = new int[k];
    int[][] atTime = new int[last][k];
    for (int a = 0; a < k; a++) {
      spectrum[a] = plan.window(a, 0, last);
      late[a] = plan.window(a, half, last);
      drift[a] = plan.add(drift(a, half, last, th, steps));
      for (int r = 1; r <= last; r++) {
        atTime[r - 1][a] = plan.window(a, 0, r);
      }
    }
    int sum = plan.add((v, i) -> {
      double total = 0;
      for (int a = 0; a < k; a++) {
        total += (v[a][last][i] - v[a][0][i]) / steps; // summed over exponents in order, as before
      }
      return total;
    });
    int h = half;
    return plan.run(Kernels.LINEAR_D.blocks(model, seed, kernel), settings, progress,
        run -> finish(model, options, run, spectrum, late, drift, atTime, sum, h), tangentNames(k));
  }

  /** The result of the reduced {@code run}: the statistics at the given indices, the late window from {@code half}. */
  private static LinearDResult finish(LinearD model, EnsembleOptions options, EnsembleReductions.Outcome run,
      int[] spectrum, int[] late, int[] drift, int[][] atTime, int sum, int half) {
    long[] times = options.recordTimes();
    int k = model.exponents();
    int last = times.length - 1;
    long th = times[half];
    EnsembleReductions r = run.reduced();
    LyapunovEstimate[] spectrumEst = new LyapunovEstimate[k], lateEst = new LyapunovEstimate[k];
    SampleMean[] driftEst = new SampleMean[k];
    LyapunovEstimate[][] atTimeEst = new LyapunovEstimate[last][k];
    for (int a = 0; a < k; a++) {
      spectrumEst[a] = r.lyapunov(spectrum[a], 0, last);
      lateEst[a] = r.lyapunov(late[a], half, last);
      driftEst[a] = th == 0 ? new SampleMean(Double.NaN, Double.NaN) : r.mean(drift[a]);
      for (int t = 1; t <= last; t++) {
        atTimeEst[t - 1][a] = r.lyapunov(atTime[t - 1][a], 0, t);
      }
    }
    long[] after0 = java.util.Arrays.copyOfRange(times, 1, times.length);
    return new LinearDResult(model, options, run.summaries(0), spectrumEst, lateEst, driftEst, after0, atTimeEst,
        r.mean(sum), run.kernelSeconds(), run.kept());
  }

  /** The kept observables' names: {@code L_a}, the accumulated log of the a-th QR diagonal. */
  private static String[] tangentNames(int k) {
    String[] names = new String[k];
    for (int a = 0; a < k; a++) {
      names[a] = "L_" + (a + 1);
    }
    return names;
  }

  /**
   * Per trajectory {@code (L(T) - L(0))/T - (L(t_h) - L(0))/t_h}; NaN where a value is -inf (undefined), and
   * where t_h = 0 (no window).
   */
  private static EnsembleReductions.PerTrajectory drift(int a, int half, int last, long th, long steps) {
    return (v, i) -> {
      if (th == 0) {
        return Double.NaN;
      }
      double start = v[a][0][i];
      return (v[a][last][i] - start) / steps - (v[a][half][i] - start) / th;
    };
  }
}
