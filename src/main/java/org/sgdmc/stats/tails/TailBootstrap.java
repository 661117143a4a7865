package org.sgdmc.stats.tails;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bootstrap of Clauset, Shalizi and Newman (2009, Sec. 3.4): every replicate repeats the threshold
 * search, so the interval includes the uncertainty of the threshold, not only of alpha at a fixed k.
 *
 * <p>Resampling unit: clusters (trajectories). A replicate draws {@code M = clusters} cluster indices
 * uniformly with replacement; cluster j, drawn {@code c_j} times, contributes each of its samples {@code c_j}
 * times. Samples of one trajectory at different record times are correlated, so resampling them one by one
 * would make the interval too short; with {@code clusters = n} this is the ordinary i.i.d. bootstrap.
 *
 * <p>Speed: a replicate is never built or sorted. Only the region's points can enter a replicate's tail, so
 * it draws the counts of the clusters met there ({@link MultinomialCounts}, exact) and searches the weighted
 * tail ({@link WeightedThresholdSearch}). Cost per replicate: O(region) for the weights and one prefix pass,
 * plus O(sqrt k) per candidate k for the KS distances.
 *
 * <p>Search range: with span s &gt; 0 a replicate searches the grid's k in {@code [k^/s, s k^]} (within
 * {@code [kMin, kMax]}) around the data's choice k^, and reads only the top {@code min(kMax, 2 s k^)}
 * points, so that a fit whose power law starts deep in a large sample does not pay for the whole half-sample
 * per replicate. Why that is harmless: the KS distance of a tail k' away from the right one grows like the
 * bias of a wrong threshold, and the replicates' choices spread over a factor of about 2 around k^ in our
 * tests (Pareto, Student-t, mixtures); a choice at a restricted end is counted ({@link
 * BootstrapResult#edgeHits}) so that the rare case where it is not harmless shows. Span 0 searches the whole
 * grid, exactly as the data's own search.
 *
 * <p>Threads: replicate b uses draws (seed, b) only ({@link ReplicateDraws}), and writes only its own
 * entries, so the result is the same to the bit on any number of threads.
 */
public final class TailBootstrap {
  private TailBootstrap() {}

  /** Runs {@code options.replicates()} replicates around the data's choice {@code fit} made on {@code grid}. */
  public static BootstrapResult run(TailSample sample, int[] grid, ThresholdChoice fit, TailFitOptions options) {
    int replicates = options.replicates();
    int kLow = grid[0];
    int kHigh = grid[grid.length - 1];
    double span = options.bootstrapSpan();
    if (span > 0) {
      kLow = (int) Math.max(kLow, Math.ceil(fit.k() / span));
      kHigh = (int) Math.min(kHigh, Math.floor(fit.k() * span));
    }
    int[] range = KGrid.within(grid, kLow, kHigh);
    boolean lowRestricted = range[0] > grid[0];
    boolean highRestricted = range[range.length - 1] < grid[grid.length - 1];
    int top = highRestricted ? (int) Math.min(sample.kMax(), 2L * range[range.length - 1]) : sample.kMax();

    double[] alpha = new double[replicates];
    int[] k = new int[replicates];
    boolean[] edge = new boolean[replicates];
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      WeightedThresholdSearch search = new WeightedThresholdSearch(sample, range, top, options.ksAcceptance());
      for (int b = next.getAndIncrement(); b < replicates; b = next.getAndIncrement()) {
        ThresholdChoice choice = search.replicate(options.seed(), b);
        if (choice == null) {
          alpha[b] = Double.NaN;
          continue;
        }
        alpha[b] = choice.alpha();
        k[b] = choice.k();
        int g = search.chosenIndex;
        edge[b] = (g == 0 && lowRestricted)
            || (g == range.length - 1 && highRestricted)
            || (g == search.reachable - 1 && search.reachable < range.length && highRestricted);
      }
    };
    runOn(Math.max(1, Math.min(options.threads(), replicates)), worker);

    int failed = 0;
    int edgeHits = 0;
    for (int b = 0; b < replicates; b++) {
      failed += Double.isNaN(alpha[b]) ? 1 : 0;
      edgeHits += edge[b] ? 1 : 0;
    }
    double[] valid = validSorted(alpha);
    double level = options.ciLevel();
    return new BootstrapResult(alpha, k, level, quantile(valid, (1 - level) / 2), quantile(valid, (1 + level) / 2),
        failed, edgeHits, range[0], range[range.length - 1]);
  }

  private static void runOn(int threads, Runnable worker) {
    new org.sgdmc.engine.WorkerPool().run(threads, "tail-bootstrap", index -> worker.run());
  }

  private static double[] validSorted(double[] alpha) {
    double[] valid = Arrays.stream(alpha).filter(a -> !Double.isNaN(a)).toArray();
    Arrays.sort(valid);
    return valid;
  }

  /** The p-quantile of ascending {@code x} by linear interpolation between order statistics; NaN if empty. */
  static double quantile(double[] x, double p) {
    if (x.length == 0) {
      return Double.NaN;
    }
    double h = (x.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, x.length - 1);
    return x[lo] + (h - lo) * (x[hi] - x[lo]);
  }
}
