package org.sgdmc.experiments;

import org.sgdmc.engine.BlockReducer;
import org.sgdmc.engine.Simulation;
import org.sgdmc.kernels.GrokMcScalarBlock;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.Kernels;
import org.sgdmc.kernels.StateBlock;
import org.sgdmc.models.GrokMc;
import org.sgdmc.models.GrokMcDatasets;
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
  /** The log channel of the distance to the minimum-nuclear-norm completion. */
  static final int TARGET = 4;

  private GrokMcExperiment() {}

  public static GrokMcResult run(GrokMc base, MinNuclearCompletion completion, double trainLevel, double testLevel,
      EnsembleOptions options, Kernel kernel, Simulation.Progress progress) {
    GrokMc model = base.withThresholds(trainLevel, testLevel);
    Simulated s = simulate(Kernels.GROK_MC.blocks(model, options.seed(), kernel), Long.MAX_VALUE, options, progress);
    double[] c = completion.x(), m = model.truth();
    return new GrokMcResult(model, options, trainLevel, testLevel, s.observed, s.singular, s.t1, s.t2, completion,
        MinNuclearCompletion.singularValues(model.d(), m), testLoss(c, m), s.kernelSeconds);
  }

  /**
   * A dataset per trajectory ({@code --dataset per-trajectory}): the distance to the minimum-nuclear-norm completion
   * is summarised over the first {@link GrokMcDatasets#referenced()} trajectories only (the others have none); the
   * result's completion is trajectory 0's.
   */
  public static GrokMcResult run(GrokMcDatasets base, double trainLevel, double testLevel, EnsembleOptions options,
      Kernel kernel, Simulation.Progress progress) {
    GrokMcDatasets datasets = base.withThresholds(trainLevel, testLevel);
    int referenced = (int) Math.min(datasets.referenced(), options.trajectories());
    Simulated s = simulate(Kernels.GROK_MC_DATASETS.blocks(datasets, options.seed(), kernel), referenced, options,
        progress);
    int d = datasets.base().d();
    double[] tests = new double[referenced], norms = new double[referenced];
    MinNuclearCompletion[] own = datasets.completions();
    GrokMc model0 = datasets.at(0);
    for (int i = 0; i < referenced; i++) {
      tests[i] = testLoss(own[i].x(), datasets.at(i).truth());
      norms[i] = own[i].nuclearNorm();
    }
    MinNuclearCompletion first = own.length > 0 ? own[0]
        : MinNuclearCompletion.of(d, model0.truth(), model0.mask());
    return new GrokMcResult(datasets.base(), options, trainLevel, testLevel, s.observed, s.singular, s.t1, s.t2,
        first, MinNuclearCompletion.singularValues(d, model0.truth()), testLoss(first.x(), model0.truth()),
        s.kernelSeconds, new GrokMcResult.PerTrajectory(datasets.observed(), datasets.dataSeed(), s.distances, tests,
            norms));
  }

  /** {@code |x - m|_F^2 / (2 d^2)}. */
  private static double testLoss(double[] x, double[] m) {
    double test = 0;
    for (int k = 0; k < x.length; k++) {
      test += (x[k] - m[k]) * (x[k] - m[k]);
    }
    return test / (2.0 * x.length);
  }

  private record Simulated(EnsembleSummary[][] observed, SampleMean[][] singular, EventTimes.Summary t1,
      EventTimes.Summary t2, double[] distances, double kernelSeconds) {}

  /** The ensemble; the distance channel is read for trajectories below {@code referenced} only. */
  private static Simulated simulate(java.util.function.IntFunction<StateBlock> blocks, long referenced,
      EnsembleOptions options, Simulation.Progress progress) {
    Simulation.Settings settings = new Simulation.Settings(
        options.trajectories(), options.recordTimes(), options.threads(), options.blockWidth());
    SummaryAccumulator.Spec spec =
        new SummaryAccumulator.Spec(options.quantileLevels(), options.epsilons(), options.divergedAbove());
    long[] times = options.recordTimes();
    int kept = referenced == Long.MAX_VALUE ? 0 : (int) referenced; // the fixed dataset keeps none
    Simulation.Result<Reductions> sim = Simulation.runStates(blocks, GrokMcScalarBlock.CHANNELS, settings,
        () -> new Reductions(spec, times, referenced, kept), progress);
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
    return new Simulated(observed, singular, r.t1.summary(options.quantileLevels()),
        r.t2.summary(options.quantileLevels()), r.distances, sim.kernelSeconds());
  }

  static final class Reductions implements BlockReducer<Reductions> {
    final long[] times;
    final SummaryAccumulator[][] summaries;
    final MeanAccumulator[][] singular;
    final EventTimes t1 = new EventTimes();
    final EventTimes t2 = new EventTimes();
    final long referenced; // trajectories below it have a distance channel
    final double[] distances; // [i]: |W_T - X_nuc|_F of trajectory i, the first ones

    Reductions(SummaryAccumulator.Spec spec, long[] times, long referenced, int kept) {
      this.times = times;
      this.referenced = referenced;
      this.distances = new double[kept];
      java.util.Arrays.fill(distances, Double.NaN);
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
      // the referenced trajectories are a prefix of the run, so of each block
      int withTarget = (int) Math.max(0, Math.min(valid, referenced - traj0));
      for (int t = 0; t < times.length; t++) {
        for (int k = 0; k < LOGS; k++) {
          summaries[k][t].addAll(values[k][t], k == TARGET ? withTarget : valid);
        }
        for (int k = 0; k < GrokMc.SINGULAR_VALUES; k++) {
          for (int i = 0; i < valid; i++) {
            singular[t][k].add(values[LOGS + k][t][i]);
          }
        }
      }
      int last = times.length - 1; // the kernel's event times, as of the last recording time
      for (int i = 0; i < withTarget && traj0 + i < distances.length; i++) {
        distances[(int) (traj0 + i)] = Math.exp(values[TARGET][last][i]);
      }
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
      for (int i = 0; i < distances.length; i++) {
        distances[i] = Double.isNaN(distances[i]) ? other.distances[i] : distances[i];
      }
    }
  }
}
