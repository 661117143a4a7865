package org.sgdmc.experiments;

import org.sgdmc.engine.BlockReducer;
import org.sgdmc.engine.Simulation;
import org.sgdmc.kernels.GrokLinregScalarBlock;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.Kernels;
import org.sgdmc.kernels.StateBlock;
import java.util.function.IntFunction;
import java.util.function.LongFunction;
import org.sgdmc.models.GrokLinreg;
import org.sgdmc.models.GrokLinregDatasets;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.GrokLinregResult;
import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.EventTimes;
import org.sgdmc.stats.MeanAccumulator;
import org.sgdmc.stats.SampleMean;
import org.sgdmc.stats.SummaryAccumulator;
import org.sgdmc.theory.GrokLinregTheory;

/**
 * Runs a {@link GrokLinreg} ensemble and reduces it, streamed: per recording time the summaries of the train, test
 * and norm logs; at the end the distributions of t1 and t2 and, per trajectory, the closed-form t2 of {@link
 * GrokLinregTheory} from the trajectory's own w_0 (regenerated here from its INIT stream by the scalar draws, not
 * read from the kernel), their difference, and the regression of {@code eta lambda t2} on {@code log(|P_perp
 * w_0|^2 / (2 delta))}.
 */
public final class GrokLinregExperiment {
  private GrokLinregExperiment() {}

  /** Runs the ensemble; {@code delta} is the test excess that set the model's test threshold. */
  public static GrokLinregResult run(GrokLinreg model, double delta, EnsembleOptions options, Kernel kernel,
      Simulation.Progress progress) {
    GrokLinregTheory theory = new GrokLinregTheory(model);
    Simulation.Result<Reductions> sim = simulate(Kernels.GROK_LINREG.blocks(model, options.seed(), kernel),
        i -> theory, false, delta, options, progress);
    Reductions r = sim.reduced();
    double[] ridge = theory.ridge();
    double norm = 0;
    for (double v : ridge) {
      norm += v * v;
    }
    GrokLinregResult.Theory t = new GrokLinregResult.Theory(theory.rank(), theory.smallestNonZero(), theory.largest(),
        theory.endpointTestLoss(), theory.trainLoss(ridge), Math.sqrt(norm), theory.expectedNullInitSquare());
    return result(model, "fixed", r, t, delta, options, sim.kernelSeconds());
  }

  /**
   * Runs an ensemble with a dataset per trajectory ({@code --dataset per-trajectory}): the closed form of t2, the
   * slope's regression and the theory's values per trajectory from that trajectory's own dataset (its own
   * eigendecomposition); the reported theory is their mean over the ensemble, and the result's model is trajectory
   * 0's.
   */
  public static GrokLinregResult run(GrokLinregDatasets model, EnsembleOptions options, Kernel kernel,
      Simulation.Progress progress) {
    Simulation.Result<Reductions> sim = simulate(Kernels.GROK_LINREG_DATASETS.blocks(model, options.seed(), kernel),
        i -> new GrokLinregTheory(model.at(i)), true, model.testExcess(), options, progress);
    Reductions r = sim.reduced();
    GrokLinregResult.Theory t = new GrokLinregResult.Theory((int) Math.round(r.rank.result().value()),
        r.muMin.result().value(), r.muMax.result().value(), r.endpointTest.result().value(),
        r.endpointTrain.result().value(), r.endpointNorm.result().value(), r.nullInit.result().value());
    return result(model.at(0), "per-trajectory", r, t, model.testExcess(), options, sim.kernelSeconds());
  }

  private static Simulation.Result<Reductions> simulate(IntFunction<StateBlock> blocks,
      LongFunction<GrokLinregTheory> theoryOf, boolean perDataset, double delta, EnsembleOptions options,
      Simulation.Progress progress) {
    Simulation.Settings settings = new Simulation.Settings(
        options.trajectories(), options.recordTimes(), options.threads(), options.blockWidth());
    SummaryAccumulator.Spec spec =
        new SummaryAccumulator.Spec(options.quantileLevels(), options.epsilons(), options.divergedAbove());
    return Simulation.runStates(blocks, GrokLinregScalarBlock.CHANNELS, settings,
        () -> new Reductions(theoryOf, perDataset, delta, options.seed(), spec, options.recordTimes()), progress);
  }

  private static GrokLinregResult result(GrokLinreg model, String dataset, Reductions r, GrokLinregResult.Theory t,
      double delta, EnsembleOptions options, double kernelSeconds) {
    double[] levels = options.quantileLevels();
    return new GrokLinregResult(model, dataset, options, delta, r.summaries(0), r.summaries(1), r.summaries(2),
        r.t1.summary(levels), r.t2.summary(levels), r.t2Closed.summary(levels),
        r.difference.count() == 0 ? new SampleMean(Double.NaN, Double.NaN) : r.difference.result(),
        r.agreeing / (double) r.t1.summary(levels).count(), r.slope(model), t, r.unstable, kernelSeconds);
  }

  /** One worker's reductions. */
  static final class Reductions implements BlockReducer<Reductions> {
    private final LongFunction<GrokLinregTheory> theoryOf;
    private final boolean perDataset;
    private final double delta;
    private final long seed;
    private final long lastStep;
    private final SummaryAccumulator[][] summaries;
    final EventTimes t1 = new EventTimes();
    final EventTimes t2 = new EventTimes();
    final EventTimes t2Closed = new EventTimes();
    final MeanAccumulator difference = new MeanAccumulator();
    long agreeing;
    // exact sums for the regression of v = eta lambda t2 on u = log(|P_perp w0|^2 / (2 delta))
    final MeanAccumulator u = new MeanAccumulator(), v = new MeanAccumulator(), uu = new MeanAccumulator(),
        uv = new MeanAccumulator(), vv = new MeanAccumulator();
    // the theory's values per trajectory's dataset (all equal with a fixed dataset), and how many were unstable
    final MeanAccumulator rank = new MeanAccumulator(), muMin = new MeanAccumulator(), muMax = new MeanAccumulator(),
        endpointTest = new MeanAccumulator(), endpointTrain = new MeanAccumulator(),
        endpointNorm = new MeanAccumulator(), nullInit = new MeanAccumulator();
    long unstable;

    Reductions(LongFunction<GrokLinregTheory> theoryOf, boolean perDataset, double delta, long seed,
        SummaryAccumulator.Spec spec, long[] times) {
      this.theoryOf = theoryOf;
      this.perDataset = perDataset;
      this.lastStep = times[times.length - 1];
      this.delta = delta;
      this.seed = seed;
      summaries = new SummaryAccumulator[3][times.length];
      for (SummaryAccumulator[] row : summaries) {
        for (int r = 0; r < times.length; r++) {
          row[r] = new SummaryAccumulator(spec);
        }
      }
    }

    @Override
    public void accept(long traj0, int valid, double[][][] values) {
      for (int k = 0; k < 3; k++) {
        for (int r = 0; r < summaries[k].length; r++) {
          summaries[k][r].addAll(values[k][r], valid);
        }
      }
      int last = summaries[0].length - 1;
      for (int i = 0; i < valid; i++) {
        GrokLinregTheory theory = theoryOf.apply(traj0 + i);
        GrokLinreg m = theory.model();
        double rate = m.eta() * m.lambda();
        double scale = m.initScale();
        double[] w0 = new double[m.dim()];
        if (perDataset) {
          describe(theory);
        }
        double a = values[3][last][i], b = values[4][last][i];
        t1.add(a);
        t2.add(b);
        for (int c = 0; c < w0.length; c++) {
          w0[c] = scale * Draws.normal(seed, Stream.INIT, traj0 + i, c);
        }
        double closed = theory.t2ClosedForm(w0, delta);
        if (closed > lastStep) {
          closed = Double.POSITIVE_INFINITY; // beyond the run: "never" within it, as the simulation sees it
        }
        t2Closed.add(closed);
        if (b == closed || Math.abs(b - closed) <= 1) {
          agreeing++;
        }
        if (b != Double.POSITIVE_INFINITY && closed != Double.POSITIVE_INFINITY) {
          difference.add(b - closed);
        }
        if (rate > 0 && b != Double.POSITIVE_INFINITY) {
          double[] p = theory.nullPart(w0);
          double na = 0;
          for (double x : p) {
            na += x * x;
          }
          double uu0 = Math.log(na / (2 * delta)), vv0 = rate * b;
          u.add(uu0);
          v.add(vv0);
          uu.add(uu0 * uu0);
          uv.add(uu0 * vv0);
          vv.add(vv0 * vv0);
        }
      }
    }

    /** Adds one trajectory's dataset's theory to the ensemble's means (per-trajectory datasets only). */
    private void describe(GrokLinregTheory theory) {
      double[] ridge = theory.ridge();
      double norm = 0;
      for (double x : ridge) {
        norm += x * x;
      }
      rank.add(theory.rank());
      muMin.add(theory.smallestNonZero());
      muMax.add(theory.largest());
      endpointTest.add(theory.endpointTestLoss());
      endpointTrain.add(theory.trainLoss(ridge));
      endpointNorm.add(Math.sqrt(norm));
      nullInit.add(theory.expectedNullInitSquare());
      unstable += theory.stable() ? 0 : 1;
    }

    @Override
    public void merge(Reductions other) {
      for (int k = 0; k < 3; k++) {
        for (int r = 0; r < summaries[k].length; r++) {
          summaries[k][r].merge(other.summaries[k][r]);
        }
      }
      t1.merge(other.t1);
      t2.merge(other.t2);
      t2Closed.merge(other.t2Closed);
      difference.merge(other.difference);
      agreeing += other.agreeing;
      u.merge(other.u);
      v.merge(other.v);
      uu.merge(other.uu);
      uv.merge(other.uv);
      vv.merge(other.vv);
      for (MeanAccumulator[] pair : new MeanAccumulator[][] {{rank, other.rank}, {muMin, other.muMin},
          {muMax, other.muMax}, {endpointTest, other.endpointTest}, {endpointTrain, other.endpointTrain},
          {endpointNorm, other.endpointNorm}, {nullInit, other.nullInit}}) {
        pair[0].merge(pair[1]);
      }
      unstable += other.unstable;
    }

    EnsembleSummary[] summaries(int k) {
      EnsembleSummary[] out = new EnsembleSummary[summaries[k].length];
      for (int r = 0; r < out.length; r++) {
        out[r] = summaries[k][r].summary();
      }
      return out;
    }

    /** Least-squares slope of v on u with its standard error (NaN when undefined). */
    SampleMean slope(GrokLinreg m) {
      long n = u.count();
      if (n < 3) {
        return new SampleMean(Double.NaN, Double.NaN);
      }
      double mu = u.result().value(), mv = v.result().value();
      double suu = uu.result().value() - mu * mu, suv = uv.result().value() - mu * mv;
      double svv = vv.result().value() - mv * mv;
      if (!(suu > 0)) {
        return new SampleMean(Double.NaN, Double.NaN);
      }
      double b = suv / suu;
      double resid = Math.max(0, svv - b * suv) * n / (n - 2);
      return new SampleMean(b, Math.sqrt(resid / (suu * n)));
    }
  }
}
