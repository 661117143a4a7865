package org.sgdmc.cli;

import org.sgdmc.engine.StationarySampler;
import picocli.CommandLine.Option;

/**
 * How a stationary law is sampled: burn-in, observations per trajectory and their spacing (the ensemble is
 * {@link EnsembleMixin}). Burn-in and spacing default to multiples of the relaxation time 1/|Lambda| from theory,
 * the time scale on which two copies of the chain forget their difference.
 */
public final class StationaryMixin {
  /** Burn-in, in relaxation times 1/|Lambda|, when none is given. */
  static final double BURN_IN_RELAXATION_TIMES = 60;
  /** Spacing of a trajectory's observations, in relaxation times, when none is given. */
  static final double THIN_RELAXATION_TIMES = 5;
  static final long MIN_BURN_IN = 1000;
  static final long MAX_AUTO_BURN_IN = 200_000;

  @Option(names = "--samples-per-trajectory", paramLabel = "K", defaultValue = "8",
      description = "Observations of each trajectory after burn-in (default: ${DEFAULT-VALUE}); "
          + "the bootstrap resamples trajectories, so their correlation is accounted for.")
  int samplesPerTrajectory;

  @Option(names = "--burn-in", paramLabel = "T",
      description = "Steps before the first observation (default: 60 / |Lambda| from theory, at least 1000).")
  Long burnIn;

  @Option(names = "--thin", paramLabel = "T",
      description = "Steps between a trajectory's observations (default: 5 / |Lambda|, at least 10). "
          + "Reshuffled (--sampling reshuffle), both are whole epochs: every observation falls at an epoch's end.")
  Long thin;

  /**
   * Steps per epoch of a reshuffled run (1 otherwise): burn-in and spacing are multiples of it, so that every
   * observation is at an epoch's end, where the iterate follows Kesten's recursion over whole epochs.
   */
  private long stepsPerEpoch = 1;

  /** Observe at epoch ends only, epochs of {@code k} steps (set before {@link #checkReach} and {@link #plan}). */
  void observeAtEpochEnds(long k) {
    if (k < 1) {
      throw new IllegalArgumentException("an epoch has at least one step: " + k);
    }
    stepsPerEpoch = k;
  }

  /** A given --burn-in or --thin that is not a whole number of epochs: one line. */
  private void checkWholeEpochs(String option, Long steps) {
    if (steps != null && steps % stepsPerEpoch != 0) {
      throw new UserError(option + " " + steps + " is not a whole number of epochs (" + stepsPerEpoch + " steps each): "
          + "reshuffled, every observation is taken at an epoch's end; give a multiple of " + stepsPerEpoch
          + " or leave it out");
    }
  }

  /** {@code steps} rounded up to a whole number of epochs. */
  private long wholeEpochs(long steps) {
    long k = stepsPerEpoch;
    return steps % k == 0 ? steps : (steps / k + 1) * k;
  }

  /**
   * The plan for {@code ensemble}, with burn-in and spacing from {@code lyapunov} (theory's; NaN or >= 0 when
   * unknown or unstable).
   */
  StationarySampler.Plan plan(EnsembleMixin ensemble, double lyapunov) {
    ensemble.validated(1);
    double relaxation = lyapunov < 0 ? 1 / -lyapunov : Double.NaN;
    checkWholeEpochs("--burn-in", burnIn);
    checkWholeEpochs("--thin", thin);
    long burn = burnIn != null ? burnIn : wholeEpochs(autoSteps(relaxation, BURN_IN_RELAXATION_TIMES, MIN_BURN_IN));
    long spacing = thin != null ? thin : wholeEpochs(autoSteps(relaxation, THIN_RELAXATION_TIMES, 10));
    try {
      return new StationarySampler.Plan(ensemble.trajectories, burn, samplesPerTrajectory, spacing, ensemble.threads(),
          ensemble.blockWidth);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  /**
   * Fails with one line if the last observation, {@code burn-in + (K - 1) thin}, is past what the random streams
   * can feed (or past a long: --burn-in near 2^63).
   */
  void checkReach(long batch, long dim) {
    // the automatic burn-in and spacing are at most MAX_AUTO_BURN_IN steps each, whatever the theory says
    long burn = burnIn != null ? burnIn : wholeEpochs(MAX_AUTO_BURN_IN);
    long spacing = thin != null ? thin : wholeEpochs(MAX_AUTO_BURN_IN);
    if (burnIn != null && burnIn < 1) {
      throw new UserError("--burn-in must be at least 1 step, not " + burnIn);
    }
    if (thin != null && thin < 1) {
      throw new UserError("--thin must be at least 1 step, not " + thin);
    }
    checkWholeEpochs("--burn-in", burnIn);
    checkWholeEpochs("--thin", thin);
    if (samplesPerTrajectory < 1) {
      throw new UserError("--samples-per-trajectory must be at least 1, not " + samplesPerTrajectory);
    }
    long last;
    try {
      last = Math.addExact(burn, Math.multiplyExact(samplesPerTrajectory - 1L, spacing));
    } catch (ArithmeticException e) {
      last = Long.MAX_VALUE;
    }
    StreamReach.check("the last observation (--burn-in + (--samples-per-trajectory - 1) x --thin) at step", last,
        batch, dim);
  }

  private static long autoSteps(double relaxation, double times, long minimum) {
    if (!Double.isFinite(relaxation)) {
      return minimum;
    }
    return Math.max(minimum, Math.min(MAX_AUTO_BURN_IN, (long) Math.ceil(times * relaxation)));
  }
}
