package org.sgdmc.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.sgdmc.engine.Simulation;
import org.sgdmc.engine.StationarySampler;
import org.sgdmc.kernels.StationaryBlock;
import org.sgdmc.results.TailsResult;
import org.sgdmc.stats.SampleMean;
import org.sgdmc.stats.tails.TailFit;
import org.sgdmc.stats.tails.TailFitOptions;
import org.sgdmc.stats.tails.TailFitter;
import org.sgdmc.theory.TailIndex;

/**
 * Samples a model's stationary law and fits its tail, beside the Kesten theory. The index is reported only
 * where a stationary law exists: the theory's Lyapunov exponent (when there is one) and the simulated one
 * must both be negative, and almost no trajectory may have diverged. Otherwise the result says why not,
 * and carries no index.
 */
public final class TailsExperiment {
  /** More diverged trajectories than this fraction means there is no stationary law to fit. */
  public static final double MAX_DIVERGED_FRACTION = 1e-3;

  private TailsExperiment() {}

  /**
   * Runs {@code plan} with the given blocks, then fits. {@code fitCoordinate}: also fit the coordinate channel, which in one dimension is u itself and adds nothing.
   */
  public static TailsResult run(IntFunction<? extends StationaryBlock> blocks, StationarySampler.Plan plan, TailIndex theory,
      TailFitOptions fit, boolean fitCoordinate, Simulation.Progress progress) {
    StationarySampler.Samples s = StationarySampler.run(blocks, plan, progress);
    SampleMean lyapunov = SampleMean.of(s.logFactorRates());
    double diverged = s.diverged() / (double) plan.trajectories();
    String refusal = refusal(theory, lyapunov, diverged);
    // A light-tailed law (|a| <= 1 almost surely, e.g. --noise gaussian-constant) has no index to estimate: Hill's
    // estimator would still return a number. The fit still runs, for the survival function and Hill plot it
    // stores, but no index is reported.
    boolean lightTail = refusal == null && theory != null && theory.regime() == TailIndex.Regime.LIGHT_TAIL;
    if (lightTail) {
      refusal = LIGHT_TAIL;
    }
    long t0 = System.nanoTime();
    TailFit norm = null;
    TailFit coordinate = null;
    if (refusal == null || lightTail) {
      try {
        norm = TailFitter.fit(s.norms(), s.clusters(), fit);
        if (fitCoordinate) {
          coordinate = TailFitter.fit(s.coordinates(), s.clusters(), fit);
        }
      } catch (IllegalArgumentException e) {
        // too few usable samples (the run checks the count up front; diverged or zero samples can still leave
        // too few): the simulation's other results stand, the index is not estimated, and the file says why
        norm = null;
        coordinate = null;
        refusal = "too few samples for the tail fit: " + e.getMessage();
      }
    }
    double fitSeconds = (System.nanoTime() - t0) * 1e-9;
    return new TailsResult(plan, theory, lyapunov, diverged, s.norms().length, norm, coordinate, refusal,
        s.kernelSeconds(), fitSeconds);
  }

  /** The refusal of a light-tailed law: it has no power-law tail, so no index. */
  public static final String LIGHT_TAIL =
      "light tail: no index (|a| <= 1 almost surely, so the stationary law has every moment)";

  /** Why there is no index to report, or null. */
  static String refusal(TailIndex theory, SampleMean lyapunov, double divergedFraction) {
    List<String> why = new ArrayList<>();
    if (theory != null && theory.regime() == TailIndex.Regime.NO_STATIONARY_LAW) {
      why.add(String.format("theory's Lyapunov exponent %.6g >= 0", theory.lyapunov().value()));
    }
    if (!(lyapunov.value() < 0)) {
      why.add(String.format("simulated Lyapunov exponent %.6g >= 0", lyapunov.value()));
    }
    if (divergedFraction > MAX_DIVERGED_FRACTION) {
      why.add(String.format("%.3g of the trajectories diverged", divergedFraction));
    }
    return why.isEmpty() ? null : "no stationary law: " + String.join("; ", why);
  }
}
