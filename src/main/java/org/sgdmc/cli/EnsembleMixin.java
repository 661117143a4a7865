package org.sgdmc.cli;

import org.sgdmc.engine.RecordTimes;
import org.sgdmc.experiments.EnsembleOptions;
import picocli.CommandLine.Option;

/** Options every simulation shares: ensemble size and length, seed, cores, blocking, observables. */
public final class EnsembleMixin {
  @Option(names = "--trajectories", paramLabel = "N", defaultValue = "100000",
      description = "Independent trajectories (default: ${DEFAULT-VALUE}).")
  long trajectories;

  @Option(names = "--steps", paramLabel = "T", defaultValue = "1000",
      description = "SGD steps per trajectory (default: ${DEFAULT-VALUE}).")
  long steps;

  @Option(names = "--seed", defaultValue = "1",
      description = "Seed: every random number is a function of (seed, trajectory, draw) (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", paramLabel = "K",
      description = "Worker threads (default: all cores). Results do not depend on it.")
  Integer threads;

  @Option(names = "--record-times", paramLabel = "SPEC", defaultValue = RecordTimes.DEFAULT,
      description = "When to observe: log:K, linear:K or a list like 0,10,100 (default: ${DEFAULT-VALUE}).")
  String recordTimes;

  @Option(names = "--block", paramLabel = "W", defaultValue = "" + EnsembleOptions.DEFAULT_BLOCK_WIDTH,
      description = "Trajectories per block, a multiple of the vector lanes (default: ${DEFAULT-VALUE}). "
          + "Results do not depend on it.")
  int blockWidth;

  @Option(names = "--quantiles", split = ",", paramLabel = "P",
      description = "Quantile levels of log|w - w*| (default: 0.01,0.1,0.25,0.5,0.75,0.9,0.99).")
  double[] quantiles = EnsembleOptions.DEFAULT_QUANTILES.clone();

  @Option(names = "--epsilons", split = ",", paramLabel = "EPS",
      description = "Report the fraction of trajectories within each EPS of w* (default: 1e-1,1e-3,1e-6,1e-12).")
  double[] epsilons = EnsembleOptions.DEFAULT_EPSILONS.clone();

  @Option(names = "--diverged-above", paramLabel = "D", defaultValue = "1e100",
      description = "A trajectory farther than D from w* counts as diverged (default: ${DEFAULT-VALUE}).")
  double divergedAbove;

  /** The options, validated; user errors become {@link UserError}. */
  EnsembleOptions options() {
    if (trajectories < 1) {
      throw new UserError("--trajectories must be at least 1, not " + trajectories);
    }
    if (steps < 1) {
      throw new UserError("--steps must be at least 1, not " + steps);
    }
    int cores = Runtime.getRuntime().availableProcessors();
    int t = threads == null ? cores : threads;
    if (t < 1) {
      throw new UserError("--threads must be at least 1, not " + t);
    }
    checkBlockWidth(blockWidth);
    try {
      long[] times = RecordTimes.parse(recordTimes, steps);
      long tooMany = Math.multiplyHigh(trajectories, times.length);
      if (tooMany != 0 || trajectories > Integer.MAX_VALUE - 8) {
        throw new UserError("--trajectories must be below 2^31 per run (use several seeds or shards)");
      }
      return new EnsembleOptions(trajectories, times, seed, t, blockWidth, quantiles, epsilons, divergedAbove);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  /** A block width the kernels take: a multiple of the vector lanes, at most 65536; else a user error. */
  static void checkBlockWidth(int blockWidth) {
    int lanes = org.sgdmc.kernels.VectorizationProvider.lookup().lanes();
    if (blockWidth < 1 || blockWidth % lanes != 0 || blockWidth > 1 << 16) {
      throw new UserError("--block must be a multiple of " + lanes + " (the vector lanes) up to 65536, not " + blockWidth);
    }
  }
}
