package org.sgdmc.cli;

import org.sgdmc.engine.RecordTimes;
import org.sgdmc.experiments.EnsembleOptions;
import org.sgdmc.experiments.TwoLayerExperiment;
import picocli.CommandLine.Option;

/** Ensemble size and length, seed, cores and blocking of a two-layer run. */
public final class TwoLayerEnsembleMixin {
  @Option(names = "--trajectories", paramLabel = "N", defaultValue = "10000",
      description = "Independent trajectories (default: ${DEFAULT-VALUE}).")
  long trajectories;

  @Option(names = "--steps", paramLabel = "T", defaultValue = "10000", description = "SGD steps (default: ${DEFAULT-VALUE}).")
  long steps;

  @Option(names = "--seed", defaultValue = "1",
      description = "Seed of the batches and initial noise (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", paramLabel = "K", description = "Worker threads (default: all cores). Results do not depend on it.")
  Integer threads;

  @Option(names = "--record-times", paramLabel = "SPEC", defaultValue = "log:30",
      description = "When to classify the trajectories: log:K, linear:K or a list (default: ${DEFAULT-VALUE}).")
  String recordTimes;

  @Option(names = "--block", paramLabel = "W", defaultValue = "" + EnsembleOptions.DEFAULT_BLOCK_WIDTH,
      description = "Trajectories per block, a multiple of the vector lanes (default: ${DEFAULT-VALUE}). Results do not depend on it.")
  int blockWidth;

  TwoLayerExperiment.Ensemble ensemble() {
    if (trajectories < 1 || trajectories > Integer.MAX_VALUE / 8) {
      throw new UserError("--trajectories must be in 1.." + Integer.MAX_VALUE / 8 + ", not " + trajectories);
    }
    if (steps < 1) {
      throw new UserError("--steps must be at least 1, not " + steps);
    }
    int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (t < 1) {
      throw new UserError("--threads must be at least 1, not " + t);
    }
    int lanes = org.sgdmc.kernels.VectorizationProvider.lookup().lanes();
    if (blockWidth < 1 || blockWidth % lanes != 0 || blockWidth > 1 << 16) {
      throw new UserError("--block must be a multiple of " + lanes + " (the vector lanes) up to 65536, not " + blockWidth);
    }
    try {
      return new TwoLayerExperiment.Ensemble(trajectories, RecordTimes.parse(recordTimes, steps), seed, t, blockWidth);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
