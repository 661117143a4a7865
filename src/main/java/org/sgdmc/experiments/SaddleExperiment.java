package org.sgdmc.experiments;

import org.sgdmc.engine.Simulation;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.Kernels;
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

  public static SaddleResult run(Saddle model, EnsembleOptions options, Kernel kernel, Simulation.Progress progress) {
    Simulation.Settings settings = new Simulation.Settings(
        options.trajectories(), options.recordTimes(), options.threads(), options.blockWidth());
    long seed = options.seed();
    int h = Saddle.OBSERVABLE_H;
    int m = Saddle.OBSERVABLE_M;
    EnsembleReductions.Plan plan = new EnsembleReductions.Plan(options, h, m);
    int wholeH = plan.whole(h), wholeM = plan.whole(m), lateH = plan.late(h), lateM = plan.late(m);
    return plan.run(Kernels.SADDLE.blocks(model, seed, kernel), settings, progress,
        run -> finish(model, options, run, wholeH, wholeM, lateH, lateM), "log_h", "log_m");
  }

  /** The result of the reduced {@code run}, the windows' statistics at the given indices. */
  private static SaddleResult finish(Saddle model, EnsembleOptions options, EnsembleReductions.Outcome run,
      int wholeH, int wholeM, int lateH, int lateM) {
    EnsembleReductions r = run.reduced();
    LyapunovEstimate plus = r.whole(wholeH);
    LyapunovEstimate minus = r.whole(wholeM);
    double meanSquareMinus = org.sgdmc.results.SaddleTheoryValues.meanSquareFactor(model, -1);
    PhaseClassifier.Classification phase = PhaseClassifier.classify(
        plus.value(), plus.stderr(), minus.value(), minus.stderr(), meanSquareMinus);
    return new SaddleResult(model, options, run.summaries(0), run.summaries(1), plus, minus, r.late(lateH),
        r.late(lateM), phase, run.kernelSeconds(), run.kept());
  }
}
