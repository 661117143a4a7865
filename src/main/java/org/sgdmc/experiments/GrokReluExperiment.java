package org.sgdmc.experiments;

import org.sgdmc.engine.BlockReducer;
import org.sgdmc.engine.Simulation;
import org.sgdmc.kernels.GrokReluScalarBlock;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.Kernels;
import org.sgdmc.kernels.StateBlock;
import org.sgdmc.models.GrokRelu;
import org.sgdmc.models.GrokReluDatasets;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.GrokReluResult;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.EventTimes;
import org.sgdmc.stats.MeanAccumulator;
import org.sgdmc.stats.SampleMean;
import org.sgdmc.stats.SummaryAccumulator;

/**
 * Runs a {@link GrokRelu} ensemble, streamed; t1 and t2 come from the kernel, exact to the step (it evaluates the
 * test loss at every step only while t2 is unset).
 */
public final class GrokReluExperiment {
  static final int LOGS = 3;

  private GrokReluExperiment() {}

  public static GrokReluResult run(GrokRelu base, double trainLevel, double testLevel, EnsembleOptions options,
      Kernel kernel, Simulation.Progress progress) {
    GrokRelu model = base.withThresholds(trainLevel, testLevel);
    return run(model, Kernels.GROK_RELU.blocks(model, options.seed(), kernel), false, options, progress);
  }

  /** A dataset per trajectory ({@code --dataset per-trajectory}). */
  public static GrokReluResult run(GrokReluDatasets base, double trainLevel, double testLevel,
      EnsembleOptions options, Kernel kernel, Simulation.Progress progress) {
    GrokReluDatasets datasets = base.withThresholds(trainLevel, testLevel);
    return run(datasets.base(), Kernels.GROK_RELU_DATASETS.blocks(datasets, options.seed(), kernel), true, options,
        progress);
  }

  private static GrokReluResult run(GrokRelu model, java.util.function.IntFunction<StateBlock> blocks,
      boolean perTrajectory, EnsembleOptions options, Simulation.Progress progress) {
    Simulation.Settings settings = new Simulation.Settings(
        options.trajectories(), options.recordTimes(), options.threads(), options.blockWidth());
    SummaryAccumulator.Spec spec =
        new SummaryAccumulator.Spec(options.quantileLevels(), options.epsilons(), options.divergedAbove());
    long[] times = options.recordTimes();
    Simulation.Result<Reductions> sim = Simulation.runStates(blocks,
        GrokReluScalarBlock.CHANNELS, settings,
        () -> new Reductions(spec, times, model.width()), progress);
    Reductions r = sim.reduced();
    EnsembleSummary[][] observed = new EnsembleSummary[LOGS][times.length];
    SampleMean[] kinks = new SampleMean[times.length];
    for (int t = 0; t < times.length; t++) {
      for (int k = 0; k < LOGS; k++) {
        observed[k][t] = r.summaries[k][t].summary();
      }
      kinks[t] = r.kinks[t].result();
    }
    return new GrokReluResult(model, options, model.trainThreshold(), model.testThreshold(), observed, kinks,
        r.kinkCounts, r.t1.summary(options.quantileLevels()), r.t2.summary(options.quantileLevels()), r.function0,
        sim.kernelSeconds(), perTrajectory);
  }

  static final class Reductions implements BlockReducer<Reductions> {
    final long[] times;
    final SummaryAccumulator[][] summaries;
    final MeanAccumulator[] kinks;
    final long[][] kinkCounts;
    final EventTimes t1 = new EventTimes();
    final EventTimes t2 = new EventTimes();
    double[][] function0;

    Reductions(SummaryAccumulator.Spec spec, long[] times, int width) {
      this.times = times;
      summaries = new SummaryAccumulator[LOGS][times.length];
      for (SummaryAccumulator[] row : summaries) {
        for (int t = 0; t < times.length; t++) {
          row[t] = new SummaryAccumulator(spec);
        }
      }
      kinks = new MeanAccumulator[times.length];
      kinkCounts = new long[times.length][width + 1];
      for (int t = 0; t < times.length; t++) {
        kinks[t] = new MeanAccumulator();
      }
    }

    @Override
    public void accept(long traj0, int valid, double[][][] values) {
      for (int t = 0; t < times.length; t++) {
        for (int k = 0; k < LOGS; k++) {
          summaries[k][t].addAll(values[k][t], valid);
        }
        for (int i = 0; i < valid; i++) {
          kinks[t].add(values[3][t][i]);
          kinkCounts[t][(int) values[3][t][i]]++;
        }
      }
      int last = times.length - 1; // the kernel's event times, as of the last recording time
      for (int i = 0; i < valid; i++) {
        t1.add(values[GrokReluScalarBlock.T1][last][i]);
        t2.add(values[GrokReluScalarBlock.T2][last][i]);
      }
      if (traj0 == 0) {
        function0 = new double[times.length][GrokRelu.PLOT_POINTS];
        for (int t = 0; t < times.length; t++) {
          for (int p = 0; p < function0[t].length; p++) {
            function0[t][p] = values[4 + p][t][0];
          }
        }
      }
    }

    @Override
    public void merge(Reductions other) {
      for (int t = 0; t < times.length; t++) {
        for (int k = 0; k < LOGS; k++) {
          summaries[k][t].merge(other.summaries[k][t]);
        }
        kinks[t].merge(other.kinks[t]);
        for (int c = 0; c < kinkCounts[t].length; c++) {
          kinkCounts[t][c] += other.kinkCounts[t][c];
        }
      }
      t1.merge(other.t1);
      t2.merge(other.t2);
      if (function0 == null) {
        function0 = other.function0;
      }
    }
  }
}
