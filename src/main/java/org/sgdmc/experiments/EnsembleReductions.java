package org.sgdmc.experiments;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.sgdmc.engine.RecordTimes;
import org.sgdmc.engine.Records;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.LyapunovEstimate;

/** The reductions every experiment applies to one recorded observable: summaries and Lyapunov estimates. */
final class EnsembleReductions {
  private EnsembleReductions() {}

  /** Summaries of observable {@code k} at every recording time, in parallel over times; each sequential. */
  static EnsembleSummary[] summarise(Records records, int k, EnsembleOptions options) {
    int count = records.times().length;
    ForkJoinPool pool = new ForkJoinPool(Math.max(1, options.threads()));
    try {
      return pool.submit(() -> IntStream.range(0, count).parallel()
              .mapToObj(r -> EnsembleSummary.of(
                  records.at(k, r), options.quantileLevels(), options.epsilons(), options.divergedAbove()))
              .toArray(EnsembleSummary[]::new))
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdown();
    }
  }

  /** The exponent of observable {@code k} over the whole run, (l(T) - l(0)) / T per trajectory, averaged. */
  static LyapunovEstimate whole(Records records, int k) {
    long[] times = records.times();
    int last = times.length - 1;
    return LyapunovEstimate.of(records.at(k, 0), records.at(k, last), times[0], times[last]);
  }

  /** The exponent over the late window [t_h, T], t_h the last recording time <= T/2 (the whole run if none). */
  static LyapunovEstimate late(Records records, int k) {
    long[] times = records.times();
    int last = times.length - 1;
    int half = RecordTimes.atOrBefore(times, times[last] / 2);
    return half < last
        ? LyapunovEstimate.of(records.at(k, half), records.at(k, last), times[half], times[last])
        : whole(records, k);
  }
}
