package org.sgdmc.experiments;

import org.sgdmc.engine.Simulation;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.Kernels;
import org.sgdmc.models.Linreg1d;
import org.sgdmc.models.Precision;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.Linreg1dResult;

/** Runs a {@link Linreg1d} ensemble and reduces it to the observables and estimates of seed 002, Sec. 3. */
public final class Linreg1dExperiment {
  private Linreg1dExperiment() {}

  public static Linreg1dResult run(Linreg1d model, EnsembleOptions options, Kernel kernel, Simulation.Progress progress) {
    return run(model, options, kernel, Precision.DOUBLE, progress);
  }

  /** The run with the draws in {@code precision} (single: Gaussian data only). */
  public static Linreg1dResult run(
      Linreg1d model, EnsembleOptions options, Kernel kernel, Precision precision, Simulation.Progress progress) {
    Simulation.Settings settings = new Simulation.Settings(
        options.trajectories(), options.recordTimes(), options.threads(), options.blockWidth());
    long seed = options.seed();
    EnsembleReductions.Plan plan = new EnsembleReductions.Plan(options, 0);
    int whole = plan.whole(0);
    int late = plan.late(0);
    return plan.run(
        (precision == Precision.SINGLE ? Kernels.LINREG1D_SINGLE : Kernels.LINREG1D).blocks(model, seed, kernel), settings, progress,
        run -> new Linreg1dResult(model, options, run.summaries(0), run.reduced().whole(whole),
            run.reduced().late(late), run.kernelSeconds(), run.kept()),
        "log_distance");
  }
}
