package org.sgdmc.experiments;

import org.sgdmc.engine.Records;
import org.sgdmc.engine.Simulation;
import org.sgdmc.kernels.Linreg1dScalarBlock;
import org.sgdmc.kernels.Linreg1dVectorBlock;
import org.sgdmc.models.Linreg1d;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.Linreg1dResult;
import org.sgdmc.stats.EnsembleSummary;

/** Runs a {@link Linreg1d} ensemble and reduces it to the observables and estimates of seed 002, Sec. 3. */
public final class Linreg1dExperiment {
  private Linreg1dExperiment() {}

  /** Which implementation steps the trajectories; both give the same bits, the scalar one slowly. */
  public enum Kernel {
    VECTOR,
    SCALAR
  }

  public static Linreg1dResult run(Linreg1d model, EnsembleOptions options, Kernel kernel, Simulation.Progress progress) {
    Simulation.Settings settings = new Simulation.Settings(
        options.trajectories(), options.recordTimes(), options.threads(), options.blockWidth());
    long seed = options.seed();
    Simulation.Result sim = Simulation.run(
        width -> kernel == Kernel.VECTOR
            ? new Linreg1dVectorBlock(model, seed, width)
            : new Linreg1dScalarBlock(model, seed, width),
        settings, progress);
    try (Records records = sim.records()) {
      EnsembleSummary[] summaries = EnsembleReductions.summarise(records, 0, options);
      return new Linreg1dResult(model, options, summaries, EnsembleReductions.whole(records, 0),
          EnsembleReductions.late(records, 0), sim.kernelSeconds());
    }
  }
}
