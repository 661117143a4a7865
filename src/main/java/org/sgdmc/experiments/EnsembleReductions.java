package org.sgdmc.experiments;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.sgdmc.engine.BlockReducer;
import org.sgdmc.engine.BothReducers;
import org.sgdmc.engine.Execution;
import org.sgdmc.engine.MemoryGuard;
import org.sgdmc.engine.RecordTimes;
import org.sgdmc.engine.Records;
import org.sgdmc.engine.Simulation;
import org.sgdmc.kernels.TrajectoryBlock;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.KeptTrajectories;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.LyapunovEstimate;
import org.sgdmc.stats.MeanAccumulator;
import org.sgdmc.stats.SampleMean;
import org.sgdmc.stats.SummaryAccumulator;

/**
 * The streaming reduction every log-distance experiment applies: per recording time, the {@link
 * EnsembleSummary} of chosen observables, and per-trajectory statistics (Lyapunov windows and the like)
 * averaged with their standard errors. One instance per worker ({@link BlockReducer}); everything adds
 * exactly, so the result does not depend on thread count, block width or block order, and memory does not
 * grow with the ensemble.
 */
final class EnsembleReductions implements BlockReducer<EnsembleReductions> {

  /** A number per trajectory computed from its recorded values {@code v[k][r][i]}, averaged over the ensemble. */
  @FunctionalInterface
  interface PerTrajectory {
    double of(double[][][] v, int i);
  }

  /** What to reduce: the times, which observables get summaries, and the per-trajectory statistics. */
  static final class Plan {
    final long[] times;
    final int[] summarised;
    final SummaryAccumulator.Spec spec;
    final List<PerTrajectory> statistics = new ArrayList<>();
    final boolean keep;

    Plan(EnsembleOptions options, int... summarised) {
      this.keep = options.keepTrajectories();
      this.times = options.recordTimes();
      this.summarised = summarised.clone();
      this.spec = new SummaryAccumulator.Spec(options.quantileLevels(), options.epsilons(), options.divergedAbove());
    }

    /** Adds a statistic; returns its index for {@link EnsembleReductions#mean}. */
    int add(PerTrajectory statistic) {
      statistics.add(statistic);
      return statistics.size() - 1;
    }

    /** Adds the Lyapunov window of observable k from time index r0 to r1; returns its index. */
    int window(int k, int r0, int r1) {
      double span = times[r1] - times[r0];
      return add((v, i) -> {
        double end = v[k][r1][i];
        return end == Double.NEGATIVE_INFINITY ? end : (end - v[k][r0][i]) / span;
      });
    }

    /** The whole run, (l(T) - l(0)) / T. */
    int whole(int k) {
      return window(k, 0, times.length - 1);
    }

    /** The late window [t_h, T], t_h the last recording time <= T/2 (the whole run if none is earlier than T). */
    int late(int k) {
      return window(k, lateStart(), times.length - 1);
    }

    /** The time index of t_h. */
    int lateStart() {
      int last = times.length - 1;
      int half = RecordTimes.atOrBefore(times, times[last] / 2);
      return half < last ? half : 0;
    }

    EnsembleReductions newReducer() {
      return new EnsembleReductions(this);
    }

    /**
     * Runs the ensemble and reduces it: streamed, or, with {@code --keep-trajectories}, streamed and kept, the
     * summaries then exact order statistics of the kept values. {@code names} name the observables in the
     * file's {@code /trajectories}.
     */
    Outcome run(IntFunction<TrajectoryBlock> blocks, Simulation.Settings settings, Simulation.Progress progress,
        String... names) {
      return reduce(blocks, settings, progress, null, names);
    }

    /**
     * {@link #run(IntFunction, Simulation.Settings, Simulation.Progress, String...)} finished into the experiment's
     * result by {@code finish}, which a live run ({@code simulate --live}) also applies to the reductions of the
     * blocks done so far while it runs (streamed summaries only: a live run keeps no trajectories).
     */
    <T> T run(IntFunction<TrajectoryBlock> blocks, Simulation.Settings settings, Simulation.Progress progress,
        Function<Outcome, T> finish, String... names) {
      Outcome o = reduce(blocks, settings, progress, finish, names);
      return finish.apply(o);
    }

    private Outcome reduce(IntFunction<TrajectoryBlock> blocks, Simulation.Settings settings,
        Simulation.Progress progress, Function<Outcome, ?> partial, String... names) {
      if (!keep) {
        Simulation.Result<EnsembleReductions> sim = Simulation.run(blocks, settings, this::newReducer, progress,
            partial == null ? null : p -> partial.apply(new Outcome(p.reduced(), null, null, p.kernelSeconds())));
        return new Outcome(sim.reduced(), null, null, sim.kernelSeconds());
      }
      // past 2 GiB per observable only the native HDF5 writer can store the values: the command checks that
      // before it runs (EnsembleMixin), since which writer is in use is the output's business, not the run's
      MemoryGuard.check("keeping every trajectory", Records.bytes(settings.trajectories(), times.length,
          names.length), 0, "drop --keep-trajectories (the statistics are streamed without it)");
      try (Records kept = Records.allocate(settings.trajectories(), times, names.length,
          "drop --keep-trajectories (the statistics are streamed without it)")) {
        Simulation.Result<BothReducers<EnsembleReductions, Records.Collector>> sim;
        try {
          sim = Simulation.run(blocks, settings, () -> new BothReducers<>(newReducer(), kept.collector()), progress);
        } catch (Execution.Captured shard) {
          // a shard also hands on its own trajectories' values, for the shard file's final-format datasets
          for (int k = 0; k < names.length; k++) {
            double[][] mine = new double[times.length][];
            for (int r = 0; r < times.length; r++) {
              mine[r] = kept.at(k, r, shard.from(), shard.to());
            }
            shard.keepTrajectories(names[k], mine);
          }
          throw shard;
        }
        double[][][] values = new double[names.length][times.length][];
        for (int k = 0; k < names.length; k++) {
          for (int r = 0; r < times.length; r++) {
            values[k][r] = kept.at(k, r);
          }
        }
        EnsembleSummary[][] exact = new EnsembleSummary[summarised.length][times.length];
        for (int j = 0; j < summarised.length; j++) {
          for (int r = 0; r < times.length; r++) {
            exact[j][r] = EnsembleSummary.of(values[summarised[j]][r], spec.quantileLevels(), spec.epsilons(),
                spec.divergedAbove());
          }
        }
        return new Outcome(sim.reduced().first(), exact, new KeptTrajectories(names, values), sim.kernelSeconds());
      }
    }
  }

  /**
   * A reduced run: the streamed reductions, the exact summaries and the values when they were kept (else
   * null), and the kernels' wall time.
   */
  record Outcome(EnsembleReductions reduced, EnsembleSummary[][] exactSummaries, KeptTrajectories kept,
      double kernelSeconds) {
    /** The summaries of the j-th summarised observable: exact when the values were kept, else streamed. */
    EnsembleSummary[] summaries(int j) {
      return exactSummaries != null ? exactSummaries[j] : reduced.summaries(j);
    }
  }

  private final Plan plan;
  private final SummaryAccumulator[][] summaries; // [which summarised observable][time]
  private final MeanAccumulator[] means;

  private EnsembleReductions(Plan plan) {
    this.plan = plan;
    summaries = new SummaryAccumulator[plan.summarised.length][plan.times.length];
    for (SummaryAccumulator[] row : summaries) {
      for (int r = 0; r < row.length; r++) {
        row[r] = new SummaryAccumulator(plan.spec);
      }
    }
    means = new MeanAccumulator[plan.statistics.size()];
    for (int s = 0; s < means.length; s++) {
      means[s] = new MeanAccumulator();
    }
  }

  @Override
  public void accept(long traj0, int valid, double[][][] values) {
    for (int j = 0; j < summaries.length; j++) {
      double[][] v = values[plan.summarised[j]];
      for (int r = 0; r < summaries[j].length; r++) {
        summaries[j][r].addAll(v[r], valid);
      }
    }
    for (int s = 0; s < means.length; s++) {
      PerTrajectory statistic = plan.statistics.get(s);
      MeanAccumulator acc = means[s];
      for (int i = 0; i < valid; i++) {
        acc.add(statistic.of(values, i));
      }
    }
  }

  @Override
  public void merge(EnsembleReductions other) {
    for (int j = 0; j < summaries.length; j++) {
      for (int r = 0; r < summaries[j].length; r++) {
        summaries[j][r].merge(other.summaries[j][r]);
      }
    }
    for (int s = 0; s < means.length; s++) {
      means[s].merge(other.means[s]);
    }
  }

  @Override
  public void save(DataOutput out) throws IOException {
    out.writeInt(summaries.length);
    out.writeInt(plan.times.length);
    out.writeInt(means.length);
    for (SummaryAccumulator[] row : summaries) {
      for (SummaryAccumulator acc : row) {
        acc.save(out);
      }
    }
    for (MeanAccumulator acc : means) {
      acc.save(out);
    }
  }

  @Override
  public void addSaved(DataInput in) throws IOException {
    int observables = in.readInt(), times = in.readInt(), statistics = in.readInt();
    if (observables != summaries.length || times != plan.times.length || statistics != means.length) {
      throw new IOException(String.format("saved reductions of %d observables x %d times and %d statistics, "
          + "not %d x %d and %d", observables, times, statistics, summaries.length, plan.times.length, means.length));
    }
    for (SummaryAccumulator[] row : summaries) {
      for (SummaryAccumulator acc : row) {
        acc.addSaved(in);
      }
    }
    for (MeanAccumulator acc : means) {
      acc.addSaved(in);
    }
  }

  /** The summaries, at every recording time, of the j-th summarised observable. */
  EnsembleSummary[] summaries(int j) {
    EnsembleSummary[] out = new EnsembleSummary[summaries[j].length];
    for (int r = 0; r < out.length; r++) {
      out[r] = summaries[j][r].summary();
    }
    return out;
  }

  /** Statistic s: the mean over trajectories and its standard error. */
  SampleMean mean(int s) {
    return means[s].result();
  }

  /** Statistic s, a window from time index r0 to r1, as a Lyapunov estimate. */
  LyapunovEstimate lyapunov(int s, int r0, int r1) {
    SampleMean m = means[s].result();
    return new LyapunovEstimate(m.value(), m.stderr(), plan.times[r0], plan.times[r1]);
  }

  /** The whole-run window statistic s as a Lyapunov estimate. */
  LyapunovEstimate whole(int s) {
    return lyapunov(s, 0, plan.times.length - 1);
  }

  /** The late-window statistic s as a Lyapunov estimate. */
  LyapunovEstimate late(int s) {
    return lyapunov(s, plan.lateStart(), plan.times.length - 1);
  }
}
