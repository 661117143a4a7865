package org.sgdmc.experiments;

import org.sgdmc.engine.BlockReducer;
import org.sgdmc.engine.Simulation;
import org.sgdmc.kernels.GrokMcScalarBlock;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.Kernels;
import org.sgdmc.models.GrokMc;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.GrokMcResult;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.EventTimes;
import org.sgdmc.stats.MeanAccumulator;
import org.sgdmc.stats.SampleMean;
import org.sgdmc.stats.SummaryAccumulator;
import org.sgdmc.theory.MinNuclearCompletion;

/** Runs a {@link GrokMc} ensemble, streamed; t1 and t2 come from the kernel, exact to the step. */
public final class GrokMcExperiment {
  static final int LOGS = 5;

  private GrokMcExperiment() {}

  public static GrokMcResult run(GrokMc base, MinNuclearCompletion completion, double trainLevel, double testLevel,
      EnsembleOptions options, Kernel kernel, Simulation.Progress progress) {
    GrokMc model = base.withThresholds(trainLevel, testLevel);
    Simulation.Settings settings = new Simulation.Settings(
        options.trajectories(), options.recordTimes(), options.threads(), options.blockWidth());
    SummaryAccumulator.Spec spec =
        new SummaryAccumulator.Spec(options.quantileLevels(), options.epsilons(), options.divergedAbove());
    long[] times = options.recordTimes();
    Simulation.Result<Reductions> sim = Simulation.runStates(Kernels.GROK_MC.blocks(model, options.seed(), kernel),
        GrokMcScalarBlock.CHANNELS, settings, () -> new Reductions(spec, times), progress);
    Reductions r = sim.reduced();
    EnsembleSummary[][] observed = new EnsembleSummary[LOGS][times.length];
    SampleMean[][] singular = new SampleMean[times.length][GrokMc.SINGULAR_VALUES];
    for (int t = 0; t < times.length; t++) {
      for (int k = 0; k < LOGS; k++) {
        observed[k][t] = r.summaries[k][t].summary();
      }
      for (int k = 0; k < GrokMc.SINGULAR_VALUES; k++) {
        singular[t][k] = r.singular[t][k].result();
      }
    }
    double[] c = completion.x(), m = model.truth();
    double test = 0;
    for (int k = 0; k < c.length; k++) {
      test += (c[k] - m[k]) * (c[k] - m[k]);
    }
    test /= 2.0 * c.length;
    return new GrokMcResult(model, options, trainLevel, testLevel, observed, singular,
        r.t1.summary(options.quantileLevels()), r.t2.summary(options.quantileLevels()), completion,
        MinNuclearCompletion.singularValues(model.d(), m), test, sim.kernelSeconds());
  }

  static final class Reductions implements BlockReducer<Reductions> {
    final long[] times;
    final SummaryAccumulator[][] summaries;
    final MeanAccumulator[][] singular;
    final EventTimes t1 = new EventTimes();
    final EventTimes t2 = new EventTimes();

    Reductions(SummaryAccumulator.Spec spec, long[] times) {
      this.times = times;
      summaries = new SummaryAccumulator[LOGS][times.length];
      singular = new MeanAccumulator[times.length][GrokMc.SINGULAR_VALUES];
      for (int t = 0; t < times.length; t++) {
        for (int k = 0; k < LOGS; k++) {
          summaries[k][t] = new SummaryAccumulator(spec);
        }
        for (int k = 0; k < GrokMc.SINGULAR_VALUES; k++) {
          singular[t][k] = new MeanAccumulator();
        }
      }
    }

    @Override
    public void accept(long traj0, int valid, double[][][] values) {
      for (int t = 0; t < times.length; t++) {
        for (int k = 0; k < LOGS; k++) {
          summaries[k][t].addAll(values[k][t], valid);
        }
        for (int k = 0; k < GrokMc.SINGULAR_VALUES; k++) {
          for (int i = 0; i < valid; i++) {
            singular[t][k].add(values[LOGS + k][t][i]);
          }
        }
      }
      int last = times.length - 1; // the kernel's event times, as of the last recording time
      for (int i = 0; i < valid; i++) {
        t1.add(values[GrokMcScalarBlock.T1][last][i]);
        t2.add(values[GrokMcScalarBlock.T2][last][i]);
      }
    }

    @Override
    public void merge(Reductions other) {
      for (int t = 0; t < times.length; t++) {
        for (int k = 0; k < LOGS; k++) {
          summaries[k][t].merge(other.summaries[k][t]);
        }
        for (int k = 0; k < GrokMc.SINGULAR_VALUES; k++) {
          singular[t][k].merge(other.singular[t][k]);
        }
      }
      t1.merge(other.t1);
      t2.merge(other.t2);
    }
  }
}
