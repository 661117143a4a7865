package org.sgdmc.experiments;

import org.sgdmc.engine.BlockReducer;
import org.sgdmc.engine.Simulation;
import org.sgdmc.kernels.GrokDiagScalarBlock;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.Kernels;
import org.sgdmc.models.GrokDiag;
import org.sgdmc.models.GrokDiagDatasets;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.GrokDiagResult;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.EventTimes;
import org.sgdmc.stats.SummaryAccumulator;
import org.sgdmc.theory.MinL1Interpolant;

/** Runs a {@link GrokDiag} ensemble, streamed: summaries of its five logs per recording time, t1 and t2 at the end. */
public final class GrokDiagExperiment {
  static final int LOGS = 5;
  /** The channel of |beta - target|. */
  static final int TARGET = 3;

  private GrokDiagExperiment() {}

  /** Runs the ensemble; {@code minL1} is the interpolant the model's target was set to. */
  public static GrokDiagResult run(GrokDiag model, double delta, MinL1Interpolant minL1, EnsembleOptions options,
      Kernel kernel, Simulation.Progress progress) {
    Simulation.Settings settings = new Simulation.Settings(
        options.trajectories(), options.recordTimes(), options.threads(), options.blockWidth());
    SummaryAccumulator.Spec spec =
        new SummaryAccumulator.Spec(options.quantileLevels(), options.epsilons(), options.divergedAbove());
    int times = options.recordTimes().length;
    Simulation.Result<Reductions> sim = Simulation.runStates(Kernels.GROK_DIAG.blocks(model, options.seed(), kernel),
        GrokDiagScalarBlock.CHANNELS, settings, () -> new Reductions(spec, times, Long.MAX_VALUE), progress);
    Reductions r = sim.reduced();
    EnsembleSummary[][] observed = new EnsembleSummary[LOGS][times];
    for (int k = 0; k < LOGS; k++) {
      for (int t = 0; t < times; t++) {
        observed[k][t] = r.summaries[k][t].summary();
      }
    }
    double[] b = minL1.beta(), star = model.data().betaStar();
    double test = 0;
    for (int c = 0; c < b.length; c++) {
      test += (b[c] - star[c]) * (b[c] - star[c]) / 2;
    }
    return new GrokDiagResult(model, "fixed", options, delta, observed, r.t1.summary(options.quantileLevels()),
        r.t2.summary(options.quantileLevels()), minL1, test, new double[0], new double[0], sim.kernelSeconds());
  }

  /**
   * Runs an ensemble with a dataset per trajectory ({@code --dataset per-trajectory}): the distance to the
   * minimum-l1 interpolant is summarised over the first {@code model.targeted()} trajectories only (the others have
   * no interpolant computed), and their endpoint distances and interpolants' test losses are kept one by one; the
   * result's model and interpolant are trajectory 0's.
   */
  public static GrokDiagResult run(GrokDiagDatasets model, EnsembleOptions options, Kernel kernel,
      Simulation.Progress progress) {
    Simulation.Settings settings = new Simulation.Settings(
        options.trajectories(), options.recordTimes(), options.threads(), options.blockWidth());
    SummaryAccumulator.Spec spec =
        new SummaryAccumulator.Spec(options.quantileLevels(), options.epsilons(), options.divergedAbove());
    int times = options.recordTimes().length;
    int kept = (int) Math.min(options.trajectories(), model.targeted());
    Simulation.Result<Reductions> sim = Simulation.runStates(
        Kernels.GROK_DIAG_DATASETS.blocks(model, options.seed(), kernel), GrokDiagScalarBlock.CHANNELS, settings,
        () -> new Reductions(spec, times, kept), progress);
    Reductions r = sim.reduced();
    EnsembleSummary[][] observed = new EnsembleSummary[LOGS][times];
    for (int k = 0; k < LOGS; k++) {
      for (int t = 0; t < times; t++) {
        observed[k][t] = r.summaries[k][t].summary();
      }
    }
    double[] testLosses = new double[kept];
    for (int i = 0; i < kept; i++) {
      GrokDiag m = model.at(i);
      double[] b = m.target(), star = m.data().betaStar();
      for (int c = 0; c < b.length; c++) {
        testLosses[i] += (b[c] - star[c]) * (b[c] - star[c]) / 2;
      }
    }
    GrokDiag first = model.at(0);
    MinL1Interpolant minL1 = MinL1Interpolant.of(first.data());
    return new GrokDiagResult(first, "per-trajectory", options, model.testExcess(), observed,
        r.t1.summary(options.quantileLevels()), r.t2.summary(options.quantileLevels()), minL1,
        kept > 0 ? testLosses[0] : Double.NaN, r.distances, testLosses, sim.kernelSeconds());
  }

  static final class Reductions implements BlockReducer<Reductions> {
    final SummaryAccumulator[][] summaries;
    final EventTimes t1 = new EventTimes();
    final EventTimes t2 = new EventTimes();
    /** The target channel is read for trajectories below this (those with an interpolant computed). */
    private final long targeted;
    /** Per targeted trajectory (when fewer than 2^31), |beta_T - beta_l1| at the last recording time. */
    final double[] distances;

    Reductions(SummaryAccumulator.Spec spec, int times, long targeted) {
      this.targeted = targeted;
      this.distances = new double[targeted == Long.MAX_VALUE ? 0 : (int) targeted];
      java.util.Arrays.fill(distances, Double.NaN);
      summaries = new SummaryAccumulator[LOGS][times];
      for (SummaryAccumulator[] row : summaries) {
        for (int t = 0; t < times; t++) {
          row[t] = new SummaryAccumulator(spec);
        }
      }
    }

    @Override
    public void accept(long traj0, int valid, double[][][] values) {
      // the trajectories of a block are traj0 .. traj0 + valid - 1: the targeted ones are a prefix
      int targets = (int) Math.max(0, Math.min(valid, targeted - traj0));
      for (int k = 0; k < LOGS; k++) {
        for (int t = 0; t < summaries[k].length; t++) {
          summaries[k][t].addAll(values[k][t], k == TARGET ? targets : valid);
        }
      }
      int last = summaries[0].length - 1;
      for (int i = 0; i < targets && traj0 + i < distances.length; i++) {
        distances[(int) (traj0 + i)] = Math.exp(values[TARGET][last][i]);
      }
      for (int i = 0; i < valid; i++) {
        t1.add(values[LOGS][last][i]);
        t2.add(values[LOGS + 1][last][i]);
      }
    }

    @Override
    public void merge(Reductions other) {
      for (int k = 0; k < LOGS; k++) {
        for (int t = 0; t < summaries[k].length; t++) {
          summaries[k][t].merge(other.summaries[k][t]);
        }
      }
      t1.merge(other.t1);
      t2.merge(other.t2);
      for (int i = 0; i < distances.length; i++) {
        if (!Double.isNaN(other.distances[i])) {
          distances[i] = other.distances[i];
        }
      }
    }
  }
}
