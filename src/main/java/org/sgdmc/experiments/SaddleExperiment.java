package org.sgdmc.experiments;

import org.sgdmc.engine.Records;
import org.sgdmc.engine.Simulation;
import org.sgdmc.kernels.SaddleScalarBlock;
import org.sgdmc.kernels.SaddleVectorBlock;
import org.sgdmc.models.Saddle;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.SaddleResult;
import org.sgdmc.stats.LyapunovEstimate;
import org.sgdmc.stats.PhaseClassifier;
import org.sgdmc.theory.SaddleTheory;

/**
 * Runs a {@link Saddle} ensemble and reduces it to the observables and estimates of seed 002, Sec. 4.2: for
 * each of h = w + u and m = w - u the per-time summaries of its log-distance from 0 and its Lyapunov exponent,
 * and the phase those exponents imply.
 */
public final class SaddleExperiment {
  private SaddleExperiment() {}

  /** Which implementation steps the trajectories; both give the same bits, the scalar one slowly. */
  public enum Kernel {
    VECTOR,
    SCALAR
  }

  public static SaddleResult run(Saddle model, EnsembleOptions options, Kernel kernel, Simulation.Progress progress) {
    Simulation.Settings settings = new Simulation.Settings(
        options.trajectories(), options.recordTimes(), options.threads(), options.blockWidth());
    long seed = options.seed();
    Simulation.Result sim = Simulation.run(
        width -> kernel == Kernel.VECTOR
            ? new SaddleVectorBlock(model, seed, width)
            : new SaddleScalarBlock(model, seed, width),
        settings, progress);
    try (Records records = sim.records()) {
      int h = Saddle.OBSERVABLE_H;
      int m = Saddle.OBSERVABLE_M;
      LyapunovEstimate plus = EnsembleReductions.whole(records, h);
      LyapunovEstimate minus = EnsembleReductions.whole(records, m);
      double meanSquareMinus = SaddleTheory.meanSquareFactor(
          model.lr(), -1, model.data(), model.batch(), model.withReplacement());
      PhaseClassifier.Classification phase = PhaseClassifier.classify(
          plus.value(), plus.stderr(), minus.value(), minus.stderr(), meanSquareMinus);
      return new SaddleResult(model, options, EnsembleReductions.summarise(records, h, options),
          EnsembleReductions.summarise(records, m, options), plus, minus, EnsembleReductions.late(records, h),
          EnsembleReductions.late(records, m), phase, sim.kernelSeconds());
    }
  }
}
