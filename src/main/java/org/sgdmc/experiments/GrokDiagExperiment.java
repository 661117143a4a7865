package org.sgdmc.experiments;

import org.sgdmc.engine.BlockReducer;
import org.sgdmc.engine.Simulation;
import org.sgdmc.kernels.GrokDiagScalarBlock;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.Kernels;
import org.sgdmc.models.GrokDiag;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.GrokDiagResult;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.EventTimes;
import org.sgdmc.stats.SummaryAccumulator;
import org.sgdmc.theory.MinL1Interpolant;

/** Runs a {@link GrokDiag} ensemble, streamed: summaries of its five logs per recording time, t1 and t2 at the end. */
public final class GrokDiagExperiment {
  static final int LOGS = 5;

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
        GrokDiagScalarBlock.CHANNELS, settings, () -> new Reductions(spec, times), progress);
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
    return new GrokDiagResult(model, options, delta, observed, r.t1.summary(options.quantileLevels()),
        r.t2.summary(options.quantileLevels()), minL1, test, sim.kernelSeconds());
  }

  static final class Reductions implements BlockReducer<Reductions> {
    final SummaryAccumulator[][] summaries;
    final EventTimes t1 = new EventTimes();
    final EventTimes t2 = new EventTimes();

    Reductions(SummaryAccumulator.Spec spec, int times) {
      summaries = new SummaryAccumulator[LOGS][times];
      for (SummaryAccumulator[] row : summaries) {
        for (int t = 0; t < times; t++) {
          row[t] = new SummaryAccumulator(spec);
        }
      }
    }

    @Override
    public void accept(long traj0, int valid, double[][][] values) {
      for (int k = 0; k < LOGS; k++) {
        for (int t = 0; t < summaries[k].length; t++) {
          summaries[k][t].addAll(values[k][t], valid);
        }
      }
      int last = summaries[0].length - 1;
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
    }
  }
}
