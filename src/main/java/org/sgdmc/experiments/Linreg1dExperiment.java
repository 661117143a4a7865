package org.sgdmc.experiments;

import org.sgdmc.engine.Records;
import org.sgdmc.engine.Simulation;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.Kernels;
import org.sgdmc.models.Linreg1d;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.LyapunovEstimate;

/** Runs a {@link Linreg1d} ensemble and reduces it to the observables and estimates of seed 002, Sec. 3. */
public final class Linreg1dExperiment {
  private Linreg1dExperiment() {}

  /**
   * The reduced outcome of a run.
   *
   * @param summaries one per recording time
   * @param lyapunov exponent over the whole run, (l(T) - l(0)) / T per trajectory, averaged
   * @param lyapunovLate exponent over the late window [t_h, T], t_h the last recording time <= T/2
   * @param kernelSeconds wall time of the simulation proper
   */
  public record Result(
      Linreg1d model, EnsembleOptions options, EnsembleSummary[] summaries, LyapunovEstimate lyapunov,
      LyapunovEstimate lyapunovLate, double kernelSeconds) {

    /** Trajectory-steps per second of wall time in the kernels. */
    public double stepsPerSecond() {
      return options.trajectories() * (double) options.steps() / kernelSeconds;
    }
  }

  public static Result run(Linreg1d model, EnsembleOptions options, Kernel kernel, Simulation.Progress progress) {
    Simulation.Settings settings = new Simulation.Settings(
        options.trajectories(), options.recordTimes(), options.threads(), options.blockWidth());
    long seed = options.seed();
    Simulation.Result sim = Simulation.run(
        Kernels.LINREG1D.blocks(model, seed, kernel),
        settings, progress);
    try (Records records = sim.records()) {
      EnsembleSummary[] summaries = EnsembleReductions.summarise(records, 0, options);
      return new Result(model, options, summaries, EnsembleReductions.whole(records, 0),
          EnsembleReductions.late(records, 0), sim.kernelSeconds());
    }
  }
}
