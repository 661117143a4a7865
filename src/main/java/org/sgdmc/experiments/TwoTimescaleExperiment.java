package org.sgdmc.experiments;

import org.sgdmc.engine.BlockReducer;
import org.sgdmc.engine.Simulation;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.Kernels;
import org.sgdmc.kernels.TwoTimescaleScalarBlock;
import org.sgdmc.models.TwoTimescale;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.TwoTimescaleResult;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.EventTimes;
import org.sgdmc.stats.MeanAccumulator;
import org.sgdmc.stats.SampleMean;
import org.sgdmc.stats.SummaryAccumulator;
import org.sgdmc.theory.TwoTimescaleTheory;

/**
 * Runs a {@link TwoTimescale} ensemble and reduces it, streamed: per recording time the summaries of the test, train,
 * slow-error and jitter logs and the exact means of the test loss, of the squared jitter and of the squared slow error;
 * at the end the distributions of the regime times the kernel kept per trajectory. For the linear coupling, the closed
 * forms of {@link TwoTimescaleTheory} at the recording times.
 */
public final class TwoTimescaleExperiment {
  private TwoTimescaleExperiment() {}

  public static TwoTimescaleResult run(TwoTimescale model, EnsembleOptions options, Kernel kernel,
      Simulation.Progress progress) {
    Simulation.Settings settings = new Simulation.Settings(
        options.trajectories(), options.recordTimes(), options.threads(), options.blockWidth());
    SummaryAccumulator.Spec spec =
        new SummaryAccumulator.Spec(options.quantileLevels(), options.epsilons(), options.divergedAbove());
    Simulation.Result<Reductions> sim = Simulation.runStates(
        Kernels.TWO_TIMESCALE.blocks(model, options.seed(), kernel), TwoTimescaleScalarBlock.CHANNELS, settings,
        () -> new Reductions(spec, options.recordTimes().length), progress);
    Reductions r = sim.reduced();
    double[] levels = options.quantileLevels();
    return new TwoTimescaleResult(model, options, r.summaries(0), r.summaries(1), r.summaries(2), r.summaries(3),
        means(r.means[0]), means(r.means[1]), means(r.means[2]), r.t1.summary(levels), r.t3.summary(levels),
        r.middle.summary(levels), r.above.summary(levels), r.inBand.summary(levels), r.peakTime.summary(levels),
        r.peak.summary(), r.rise.summary(), theory(model, options.recordTimes()), sim.kernelSeconds());
  }

  /** The closed forms at {@code times}, or null for the quadratic coupling. */
  static TwoTimescaleResult.Theory theory(TwoTimescale model, long[] times) {
    if (model.coupling() != TwoTimescale.Coupling.LINEAR) {
      return null;
    }
    TwoTimescaleTheory th = new TwoTimescaleTheory(model);
    double[] gd = new double[times.length], flow = new double[times.length];
    for (int r = 0; r < times.length; r++) {
      gd[r] = model.fullBatch() ? th.gdMeanTestLoss(times[r]) : Double.NaN;
      flow[r] = th.flowMeanTestLoss(model.a() * times[r]);
    }
    double[] mu = th.eigenvalues();
    return new TwoTimescaleResult.Theory(gd, flow, th.endpointTestLoss(), mu[0], mu[mu.length - 1]);
  }

  private static SampleMean[] means(MeanAccumulator[] row) {
    SampleMean[] out = new SampleMean[row.length];
    for (int r = 0; r < row.length; r++) {
      out[r] = row[r].count() == 0 ? new SampleMean(Double.NaN, Double.NaN) : row[r].result();
    }
    return out;
  }

  /** {@code exp(2 l)}: the square of a root from its log (StrictMath, the same bits everywhere). */
  static double square(double logRoot) {
    return StrictMath.exp(2 * logRoot);
  }

  /** One worker's reductions. */
  static final class Reductions implements BlockReducer<Reductions> {
    private final SummaryAccumulator[][] summaries;
    final MeanAccumulator[][] means;
    final EventTimes t1 = new EventTimes();
    final EventTimes t3 = new EventTimes();
    final EventTimes middle = new EventTimes();
    final EventTimes above = new EventTimes();
    final EventTimes inBand = new EventTimes();
    final EventTimes peakTime = new EventTimes();
    final SummaryAccumulator peak;
    final SummaryAccumulator rise;

    Reductions(SummaryAccumulator.Spec spec, int times) {
      summaries = new SummaryAccumulator[4][times];
      means = new MeanAccumulator[3][times];
      for (int k = 0; k < 4; k++) {
        for (int r = 0; r < times; r++) {
          summaries[k][r] = new SummaryAccumulator(spec);
        }
      }
      for (int k = 0; k < 3; k++) {
        for (int r = 0; r < times; r++) {
          means[k][r] = new MeanAccumulator();
        }
      }
      peak = new SummaryAccumulator(spec);
      rise = new SummaryAccumulator(spec);
    }

    @Override
    public void accept(long traj0, int valid, double[][][] values) {
      int times = summaries[0].length;
      for (int k = 0; k < 4; k++) {
        for (int r = 0; r < times; r++) {
          summaries[k][r].addAll(values[k][r], valid);
        }
      }
      int[] channel = {0, 3, 2};
      for (int k = 0; k < 3; k++) {
        for (int r = 0; r < times; r++) {
          double[] row = values[channel[k]][r];
          for (int i = 0; i < valid; i++) {
            double v = square(row[i]);
            means[k][r].add(k == 0 ? 0.5 * v : v);
          }
        }
      }
      int last = times - 1;
      peak.addAll(values[7][last], valid);
      rise.addAll(values[9][last], valid);
      for (int i = 0; i < valid; i++) {
        double a = values[4][last][i], b = values[5][last][i], up = values[6][last][i];
        t1.add(a);
        t3.add(b);
        double mid = b == Double.POSITIVE_INFINITY ? b : b - a;
        middle.add(mid);
        above.add(a == Double.POSITIVE_INFINITY ? a : up);
        inBand.add(b == Double.POSITIVE_INFINITY ? b : mid - up);
        peakTime.add(values[8][last][i]);
      }
    }

    @Override
    public void merge(Reductions other) {
      for (int k = 0; k < 4; k++) {
        for (int r = 0; r < summaries[k].length; r++) {
          summaries[k][r].merge(other.summaries[k][r]);
        }
      }
      for (int k = 0; k < 3; k++) {
        for (int r = 0; r < means[k].length; r++) {
          means[k][r].merge(other.means[k][r]);
        }
      }
      t1.merge(other.t1);
      t3.merge(other.t3);
      middle.merge(other.middle);
      above.merge(other.above);
      inBand.merge(other.inBand);
      peakTime.merge(other.peakTime);
      peak.merge(other.peak);
      rise.merge(other.rise);
    }

    EnsembleSummary[] summaries(int k) {
      EnsembleSummary[] out = new EnsembleSummary[summaries[k].length];
      for (int r = 0; r < out.length; r++) {
        out[r] = summaries[k][r].summary();
      }
      return out;
    }
  }
}
