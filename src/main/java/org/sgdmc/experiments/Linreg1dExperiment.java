package org.sgdmc.experiments;

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
    EnsembleReductions.Plan plan = new EnsembleReductions.Plan(options, 0);
    int whole = plan.whole(0);
    int late = plan.late(0);
    Simulation.Result<EnsembleReductions> sim = Simulation.run(
        Kernels.LINREG1D.blocks(model, seed, kernel),
        settings, plan::newReducer, progress);
    EnsembleReductions r = sim.reduced();
    return new Result(model, options, r.summaries(0), r.whole(whole), r.late(late), sim.kernelSeconds());
  }
}
