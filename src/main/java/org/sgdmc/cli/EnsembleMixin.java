package org.sgdmc.cli;

import org.sgdmc.engine.MemoryGuard;
import org.sgdmc.engine.Records;
import org.sgdmc.engine.TooLargeException;
import org.sgdmc.io.ResultFile;
import org.sgdmc.kernels.VectorizationProvider;
import org.sgdmc.results.EnsembleOptions;
import picocli.CommandLine.Option;

/**
 * The ensemble, the same in every command: how many trajectories, the seed, the cores and the blocking. The
 * options are checked here and nowhere else in the CLI; commands differ only in their defaults
 * ({@link SharedOptions}).
 */
public final class EnsembleMixin {
  @Option(names = "--trajectories", paramLabel = "N", defaultValue = "100000",
      description = "Independent trajectories (per point of a scan, per cell of a sweep) (default: ${DEFAULT-VALUE}).")
  long trajectories;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
      description = "Seed: every random number is a function of (seed, trajectory, draw) (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", paramLabel = "K",
      description = "Worker threads (default: SLURM_CPUS_PER_TASK inside a Slurm job, else all cores). Results do not depend on it.")
  Integer threads;

  @Option(names = "--block", paramLabel = "W", defaultValue = "" + EnsembleOptions.DEFAULT_BLOCK_WIDTH,
      description = "Trajectories per block, a multiple of the vector lanes up to 65536 (default: ${DEFAULT-VALUE}). "
          + "Results do not depend on it.")
  int blockWidth;

  /**
   * Checks the options once for every command; {@code minTrajectories} is 2 where a standard error over
   * trajectories is the result (sweeps, the demo).
   */
  EnsembleMixin validated(long minTrajectories) {
    if (trajectories < minTrajectories) {
      throw new UserError("--trajectories must be at least " + minTrajectories + ", not " + trajectories);
    }
    // no upper bound here: streamed runs hold nothing per trajectory, and runs that keep every value are
    // refused by the memory guard (engine.MemoryGuard), in one line, before they start
    if (threads() < 1) {
      throw new UserError("--threads must be at least 1, not " + threads);
    }
    int lanes = VectorizationProvider.lookup().lanes();
    if (blockWidth < 1 || blockWidth % lanes != 0 || blockWidth > 1 << 16) {
      throw new UserError(
          "--block must be a multiple of " + lanes + " (the vector lanes) up to 65536, not " + blockWidth);
    }
    return this;
  }

  /** Worker threads: {@code --threads}, else the CPUs Slurm gave the task ({@code SLURM_CPUS_PER_TASK}), else every core. */
  int threads() {
    return threads != null ? threads : defaultThreads();
  }

  /** The CPUs Slurm allocated to this task, else every core the JVM sees. */
  static int defaultThreads() {
    String slurm = System.getenv("SLURM_CPUS_PER_TASK");
    if (slurm != null) {
      try {
        return Math.max(1, Integer.parseInt(slurm.strip()));
      } catch (NumberFormatException e) {
        // not a plain number: fall back to the cores
      }
    }
    return Runtime.getRuntime().availableProcessors();
  }

  /** The validated ensemble with its recording times and observables. */
  EnsembleOptions options(long[] recordTimes, ObservablesMixin observables) {
    validated(1);
    long perObservable = Records.bytes(trajectories, recordTimes.length, 1);
    if (observables != null && observables.keepTrajectories && !ResultFile.canWrite(perObservable / Double.BYTES)) {
      throw new TooLargeException(String.format("--keep-trajectories writes each observable as one dataset, at "
          + "most 2 GiB with the pure-Java HDF5 writer; %d trajectories x %d record times is %s: use fewer "
          + "trajectories or --record-times, or the HDF5 C library (libhdf5: it writes any size, and is the default "
          + "writer where installed unless SGDMC_HDF5_WRITER=jhdf)",
          trajectories, recordTimes.length, MemoryGuard.bytes(perObservable)));
    }
    try {
      return observables == null
          ? new EnsembleOptions(trajectories, recordTimes, seed, threads(), blockWidth)
          : new EnsembleOptions(trajectories, recordTimes, seed, threads(), blockWidth, observables.quantiles,
              observables.epsilons, observables.divergedAbove, observables.keepTrajectories);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
