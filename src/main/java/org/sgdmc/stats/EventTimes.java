package org.sgdmc.stats;

/**
 * The distribution of an event time over an ensemble (the step at which a trajectory first reaches a level), in
 * memory that does not grow with the ensemble: exact counts of the trajectories that never got there (+inf), exact
 * sums for the mean of the others, a {@link LogHistogram} of the times for quantiles, and exact counts in
 * log-spaced bins ({@link #BINS_PER_DECADE} per decade from 1; bin 0 holds t = 0) for plotting. Everything adds
 * exactly, so the result does not depend on thread count or block order.
 */
public final class EventTimes {
  /** Bins per decade of the plotting histogram. */
  public static final int BINS_PER_DECADE = 20;
  /** Decades of the plotting histogram: times up to 10^15 steps. */
  public static final int DECADES = 15;

  private final LogHistogram histogram = new LogHistogram();
  private final MeanAccumulator reached = new MeanAccumulator();
  private final long[] bins = new long[1 + BINS_PER_DECADE * DECADES];
  private long count;
  private long never;

  /** Adds one trajectory's time: a whole number of steps >= 0, or +inf for never. */
  public void add(double t) {
    if (!(t >= 0)) {
      throw new IllegalArgumentException("an event time is >= 0 or +inf, not " + t);
    }
    count++;
    histogram.add(t);
    if (t == Double.POSITIVE_INFINITY) {
      never++;
      return;
    }
    reached.add(t);
    bins[bin(t)]++;
  }

  /** The plotting bin of t: 0 for t < 1, else 1 + floor(BINS_PER_DECADE log10 t). */
  static int bin(double t) {
    if (t < 1) {
      return 0;
    }
    return (int) Math.min(BINS_PER_DECADE * DECADES, 1 + Math.floor(BINS_PER_DECADE * Math.log10(t)));
  }

  public void merge(EventTimes other) {
    histogram.merge(other.histogram);
    reached.merge(other.reached);
    for (int i = 0; i < bins.length; i++) {
      bins[i] += other.bins[i];
    }
    count += other.count;
    never += other.never;
  }

  /**
   * The summary: quantiles at {@code levels} of all times, +inf included (a quantile among the never-reached is
   * +inf), the mean of the reached ones with its standard error, the fraction never reached and the histogram.
   */
  public Summary summary(double[] levels) {
    double[] q = new double[levels.length];
    for (int i = 0; i < levels.length; i++) {
      q[i] = histogram.quantile(levels[i]);
    }
    SampleMean m = reached.count() == 0 ? new SampleMean(Double.NaN, Double.NaN) : reached.result();
    double[] edges = new double[bins.length + 1];
    edges[0] = 0;
    for (int i = 1; i <= bins.length; i++) {
      edges[i] = Math.pow(10, (i - 1) / (double) BINS_PER_DECADE);
    }
    return new Summary(count, count == 0 ? Double.NaN : never / (double) count, m, levels.clone(), q, bins.clone(),
        edges);
  }

  /**
   * @param count trajectories
   * @param fractionNever fraction that never reached the level within the run
   * @param mean mean time of those that did, with its standard error
   * @param levels quantile levels
   * @param quantiles quantiles of the time over all trajectories (+inf where the level falls among the never-reached)
   * @param histogram counts per bin: bin 0 is [0, 1), bin b >= 1 is [10^((b-1)/20), 10^(b/20))
   * @param edges the bins' edges
   */
  public record Summary(long count, double fractionNever, SampleMean mean, double[] levels, double[] quantiles,
      long[] histogram, double[] edges) {
    /** The median (+inf if half or more never got there). */
    public double median() {
      for (int i = 0; i < levels.length; i++) {
        if (levels[i] == 0.5) {
          return quantiles[i];
        }
      }
      throw new IllegalStateException("no median among the levels");
    }
  }
}
