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
      description = "Steps between a trajectory's observations (default: 5 / |Lambda|, at least 10).")
  Long thin;

  /**
   * The plan for {@code ensemble}, with burn-in and spacing from {@code lyapunov} (theory's; NaN or >= 0 when
   * unknown or unstable).
   */
  StationarySampler.Plan plan(EnsembleMixin ensemble, double lyapunov) {
    ensemble.validated(1);
    double relaxation = lyapunov < 0 ? 1 / -lyapunov : Double.NaN;
    long burn = burnIn != null ? burnIn : autoSteps(relaxation, BURN_IN_RELAXATION_TIMES, MIN_BURN_IN);
    long spacing = thin != null ? thin : autoSteps(relaxation, THIN_RELAXATION_TIMES, 10);
    try {
      return new StationarySampler.Plan(ensemble.trajectories, burn, samplesPerTrajectory, spacing, ensemble.threads(),
          ensemble.blockWidth);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  private static long autoSteps(double relaxation, double times, long minimum) {
    if (!Double.isFinite(relaxation)) {
      return minimum;
    }
    return Math.max(minimum, Math.min(MAX_AUTO_BURN_IN, (long) Math.ceil(times * relaxation)));
  }
}
