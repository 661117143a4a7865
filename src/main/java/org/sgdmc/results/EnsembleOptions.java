package org.sgdmc.results;

/**
 * How an ensemble is run and observed, independent of the model: size, length, seed, cores, blocking and
 * the observables' parameters.
 *
 * @param trajectories ensemble size
 * @param recordTimes recording times, ascending, from 0 to the last step
 * @param seed the Philox key: every random number is a function of (seed, trajectory, draw)
 * @param threads worker threads
 * @param blockWidth trajectories per block (a multiple of the vector lane count)
 * @param quantileLevels levels for the quantiles of log-distance
 * @param epsilons distances for the fractions within epsilon of the minimum
 * @param divergedAbove a distance above which a trajectory counts as diverged
 * @param keepTrajectories keep every trajectory's values (exact quantiles, values in the file) besides the
 *     streamed statistics, memory permitting
 */
public record EnsembleOptions(
    long trajectories,
    long[] recordTimes,
    long seed,
    int threads,
    int blockWidth,
    double[] quantileLevels,
    double[] epsilons,
    double divergedAbove,
    boolean keepTrajectories) {

  /** Default quantile levels: median, quartiles, deciles and the 1% tails. */
  public static final double[] DEFAULT_QUANTILES = {0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99};
  /** Default epsilons. */
  public static final double[] DEFAULT_EPSILONS = {1e-1, 1e-3, 1e-6, 1e-12};
  /** Default divergence threshold on |w - w*|. */
  public static final double DEFAULT_DIVERGED_ABOVE = 1e100;
  /** Default block width: 64 trajectories, 16 vectors of 4 doubles on AVX2. */
  public static final int DEFAULT_BLOCK_WIDTH = 64;

  public EnsembleOptions {
    for (double p : quantileLevels) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("quantile levels must lie in [0, 1], not " + p);
      }
    }
    for (double e : epsilons) {
      if (!(e > 0) || !Double.isFinite(e)) {
        throw new IllegalArgumentException("epsilons must be positive finite numbers, not " + e);
      }
    }
    if (!(divergedAbove > 0)) {
      throw new IllegalArgumentException("the divergence threshold must be positive, not " + divergedAbove);
    }
    recordTimes = recordTimes.clone();
    quantileLevels = quantileLevels.clone();
    epsilons = epsilons.clone();
  }

  /** An ensemble observed with the default quantiles, epsilons and divergence threshold. */
  /** Options that stream their statistics (nothing kept per trajectory). */
  public EnsembleOptions(long trajectories, long[] recordTimes, long seed, int threads, int blockWidth,
      double[] quantileLevels, double[] epsilons, double divergedAbove) {
    this(trajectories, recordTimes, seed, threads, blockWidth, quantileLevels, epsilons, divergedAbove, false);
  }

  public EnsembleOptions(long trajectories, long[] recordTimes, long seed, int threads, int blockWidth) {
    this(trajectories, recordTimes, seed, threads, blockWidth, DEFAULT_QUANTILES, DEFAULT_EPSILONS,
        DEFAULT_DIVERGED_ABOVE);
  }

  /** The same ensemble observed at {@code times} instead. */
  public EnsembleOptions withRecordTimes(long[] times) {
    return new EnsembleOptions(trajectories, times, seed, threads, blockWidth, quantileLevels, epsilons, divergedAbove,
        keepTrajectories);
  }

  /** The last step. */
  public long steps() {
    return recordTimes[recordTimes.length - 1];
  }
}
