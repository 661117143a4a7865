package org.sgdmc.engine;

import java.util.function.IntFunction;
import org.sgdmc.kernels.StationaryBlock;

/**
 * Samples a stationary law: every trajectory runs {@code burnIn} steps, then is observed {@code K} times,
 * {@code thin} steps apart. Samples are laid out time-major: sample {@code r M + i} is trajectory i's r-th
 * observation, so sample j belongs to trajectory {@code j % M} (the "cluster" a bootstrap resamples as a
 * whole when K > 1, since one trajectory's observations are correlated).
 *
 * <p>The blocks report the {@link StationaryBlock} channels; the log-factor channel at the last observation,
 * divided by its step, estimates each trajectory's Lyapunov exponent.
 */
public final class StationarySampler {
  private StationarySampler() {}

  /** Burn-in, observations per trajectory and their spacing, plus the ensemble's size and execution. */
  public record Plan(long trajectories, long burnIn, int samplesPerTrajectory, long thin, int threads, int blockWidth) {
    public Plan {
      if (trajectories < 1) {
        throw new IllegalArgumentException("the number of trajectories must be at least 1, not " + trajectories);
      }
      if (burnIn < 1) {
        throw new IllegalArgumentException("the burn-in must be at least 1 step, not " + burnIn);
      }
      if (samplesPerTrajectory < 1) {
        throw new IllegalArgumentException("samples per trajectory must be at least 1, not " + samplesPerTrajectory);
      }
      if (thin < 1) {
        throw new IllegalArgumentException("the thinning interval must be at least 1 step, not " + thin);
      }
      if ((double) trajectories * samplesPerTrajectory > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("trajectories x samples per trajectory must stay below 2^31, not "
            + trajectories + " x " + samplesPerTrajectory);
      }
    }

    /** The step of the last observation. */
    public long lastStep() {
      return burnIn + (samplesPerTrajectory - 1) * thin;
    }

    /** Recording times: 0, then the observation steps. */
    long[] recordTimes() {
      long[] t = new long[samplesPerTrajectory + 1];
      for (int r = 1; r < t.length; r++) {
        t[r] = burnIn + (r - 1) * thin;
      }
      return t;
    }
  }

  /**
   * The samples: {@code norms} and {@code coordinates} (the norm and coordinate channels, time-major, {@code clusters =}
   * trajectories), {@code logFactorRates[i]} = the log-factor channel of trajectory i at the last observation divided by
   * its step, and the kernels' wall time.
   */
  public record Samples(double[] norms, double[] coordinates, int clusters, double[] logFactorRates, long lastStep,
      double kernelSeconds) {
    /** Trajectories whose last observation is diverged (+infinity). */
    public long diverged() {
      long d = 0;
      int k = norms.length / clusters;
      for (int i = (k - 1) * clusters; i < norms.length; i++) {
        if (norms[i] == Double.POSITIVE_INFINITY) {
          d++;
        }
      }
      return d;
    }
  }

  /** Runs the plan with blocks made by {@code blocks} (one per worker, of the given width). */
  public static Samples run(IntFunction<? extends StationaryBlock> blocks, Plan plan, Simulation.Progress progress) {
    Simulation.Settings settings =
        new Simulation.Settings(plan.trajectories(), plan.recordTimes(), plan.threads(), plan.blockWidth());
    long start = System.nanoTime();
    Records kept = Simulation.keepAllStates(blocks::apply, StationaryBlock.CHANNELS, settings, progress,
        "use fewer --trajectories or --samples-per-trajectory");
    double kernelSeconds = (System.nanoTime() - start) * 1e-9;
    try (Records records = kept) {
      int m = (int) plan.trajectories();
      int k = plan.samplesPerTrajectory();
      double[] norms = new double[m * k];
      double[] coordinates = new double[m * k];
      for (int r = 0; r < k; r++) {
        System.arraycopy(records.at(StationaryBlock.NORM, r + 1), 0, norms, r * m, m);
        System.arraycopy(records.at(StationaryBlock.COORDINATE, r + 1), 0, coordinates, r * m, m);
      }
      double[] rates = records.at(StationaryBlock.LOG_FACTOR, k);
      double last = plan.lastStep();
      for (int i = 0; i < m; i++) {
        rates[i] /= last;
      }
      return new Samples(norms, coordinates, m, rates, plan.lastStep(), kernelSeconds);
    }
  }
}
