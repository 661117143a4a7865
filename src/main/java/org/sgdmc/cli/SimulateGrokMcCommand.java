package org.sgdmc.cli;

import java.io.PrintStream;
import java.util.Map;
import org.sgdmc.experiments.GrokMcExperiment;
import org.sgdmc.io.GrokMcFile;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.VectorizationProvider;
import org.sgdmc.models.GrokMc;
import org.sgdmc.models.GrokMcDatasets;
import org.sgdmc.models.Sampling;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.GrokMcResult;
import org.sgdmc.stats.EventTimes;
import org.sgdmc.theory.MinNuclearCompletion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sgdmc simulate grok-mc}: matrix completion with full-width factors drifts to low rank (seed 001, Fig. 2). */
@Command(
    name = "grok-mc",
    header = "Matrix completion U V^T under weight decay: the drift to the minimum-nuclear-norm completion.",
    description = {
      "A rank-r d x d ground truth, each entry observed with probability",
      "--observed, full-width factors U, V (d x d) with N(0, sigma^2) entries,",
      "full-batch GD with weight decay (or, with --batch S, minibatch SGD over the",
      "observed entries: --sampling with, without or reshuffle). Tracks the",
      "observed-entry and full losses,",
      "|U|^2 + |V|^2, the nuclear norm and the top singular values of U V^T, and",
      "the distance to the minimum-nuclear-norm completion (ADMM to 1e-9). t1, t2",
      "exact to the step. --lr is eta; --steps 0 (the default) runs 10/(eta",
      "lambda) steps. --dataset per-trajectory: every trajectory its own M* and",
      "mask (full-batch GD)."
    },
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class SimulateGrokMcCommand implements Runnable, SharedOptions.Tailored, ModelHints.Needs {
  @Override
  public String needs() {
    return "--lr ETA (the step size), and --lambda";
  }

  @Override
  public Map<String, String> defaults() {
    return Map.of("--trajectories", "256", "--steps", "0", "--record-times", "log:60");
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--lr", required = true, paramLabel = "ETA", description = "Step size eta > 0.")
  double eta;

  @Option(names = "--lambda", paramLabel = "LAMBDA", required = true, description = "Weight decay lambda >= 0.")
  double lambda;

  @Mixin GrokMcMixin mc;

  @Option(names = "--kernel", paramLabel = "K", defaultValue = "VECTOR",
      description = "vector (fast) or scalar (the reference twin, same bits, slow) (default: vector).")
  Kernel kernel;

  @Mixin EnsembleMixin ensemble;
  @Mixin StepsMixin steps;
  @Mixin OutputMixin output;
  @Mixin ObservablesMixin observables;

  @Override
  public void run() {
    boolean perTrajectory = mc.perTrajectory();
    GrokMcMixin.Data data = perTrajectory ? null : mc.data(ensemble.seed, new double[] {eta}, new double[] {lambda});
    GrokMc model = perTrajectory ? mc.perTrajectoryBase(ensemble.seed, eta, lambda, ensemble.trajectories)
        : data.model(eta, lambda);
    MinNuclearCompletion completion = perTrajectory ? null : data.completion();
    if (steps.steps == 0) {
      steps.steps = lambda == 0 ? 100_000 : (long) Math.ceil(10 * model.driftSteps());
    }
    EnsembleOptions options = ensemble.options(steps.recordTimes(), observables);
    ReshuffleMemory.check(model.reshuffled(), model.observedCount(), options);
    GrokMcDatasets datasets = perTrajectory ? mc.datasets(model, ensemble.seed, options) : null;
    Output.checkWritable(output);
    double trainThreshold = mc.trainThreshold, testThreshold = mc.testThreshold;
    output.execute(spec, ensemble.seed, ensemble.trajectories, ensemble.threads(), "grok-mc",
        progress -> perTrajectory
            ? GrokMcExperiment.run(datasets, trainThreshold, testThreshold, options, kernel, progress)
            : GrokMcExperiment.run(model, completion, trainThreshold, testThreshold, options, kernel, progress),
        (out, force, meta, result) -> GrokMcFile.write(out, force, meta, result),
        result -> print(System.out, result), "plot_grok.py", null);
  }

  static void print(PrintStream out, GrokMcResult r) {
    GrokMc m = r.model();
    EnsembleOptions o = r.options();
    GrokMcResult.PerTrajectory own = r.perTrajectory();
    if (own != null) {
      out.printf("grok-mc  d=%d  rank=%d  a dataset per trajectory, each entry observed with p=%s  eta=%s  lambda=%s  "
              + "sigma=%s  %s  trajectories=%d  steps=%d  seed=%d  data seed=%d%n", m.d(), m.rank(),
          fmt(own.observedFraction()), fmt(m.eta()), fmt(m.lambda()), fmt(m.sigma()), mode(m), o.trajectories(),
          o.steps(), o.seed(), own.dataSeed());
      int k = own.distances().length;
      double dMax = 0, testMax = 0;
      for (int i = 0; i < k; i++) {
        dMax = Math.max(dMax, own.distances()[i]);
        testMax = Math.max(testMax, own.completionTestLosses()[i]);
      }
      out.printf("min-nuclear        each of the first %d trajectories against its own X_nuc (ADMM): max |W_T - X_nuc|_F "
          + "%s, max test loss of X_nuc %s (med |W - X_nuc| below: over these %d); 1/(eta lambda) = %s%n", k, fmt(dMax),
          fmt(testMax), k, fmt(m.driftSteps()));
    } else {
      out.printf("grok-mc  d=%d  rank=%d  observed=%d of %d  eta=%s  lambda=%s  sigma=%s  %s  trajectories=%d  "
              + "steps=%d  seed=%d%n", m.d(), m.rank(), m.observedCount(), m.d() * m.d(), fmt(m.eta()),
          fmt(m.lambda()), fmt(m.sigma()), mode(m), o.trajectories(), o.steps(), o.seed());
      StringBuilder sv = new StringBuilder();
      for (int k = 0; k < Math.min(GrokMc.SINGULAR_VALUES, r.truthSingular().length); k++) {
        sv.append(k == 0 ? "" : ", ").append(fmt(r.truthSingular()[k]));
      }
      out.printf("ground truth       singular values %s ...; |M*|_* = %s%n", sv,
          fmt(MinNuclearCompletion.nuclearNorm(m.d(), m.truth())));
      out.printf("min-nuclear        |X_nuc|_* = %s (ADMM, %d iterations, residual %s), its test loss %s; 1/(eta "
              + "lambda) = %s%n", fmt(r.completion().nuclearNorm()), r.completion().iterations(),
          fmt(r.completion().primalResidual()), fmt(r.completionTestLoss()), fmt(m.driftSteps()));
    }
    if (m.reshuffled()) {
      out.println(reshuffleNote(m));
    }
    long[] times = o.recordTimes();
    int q = 3;
    for (int i = 0; i < o.quantileLevels().length; i++) {
      if (o.quantileLevels()[i] == 0.5) {
        q = i;
      }
    }
    int last = times.length - 1;
    out.printf("%-10s %-13s %-13s %-13s %-13s %-15s %s%n", "step", "median obs", "median test", "med |U|2+|V|2",
        "median |W|_*", "med |W - X_nuc|", "mean top singular values");
    for (int i : new int[] {0, last / 4, last / 2, 3 * last / 4, last}) {
      StringBuilder s = new StringBuilder();
      for (int k = 0; k < GrokMc.SINGULAR_VALUES; k++) {
        s.append(k == 0 ? "" : " ").append(fmt(r.singular()[i][k].value()));
      }
      out.printf("%-10d %-13s %-13s %-13s %-13s %-15s %s%n", times[i],
          fmt(Math.exp(2 * r.observed()[0][i].quantiles()[q]) / 2),
          fmt(Math.exp(2 * r.observed()[1][i].quantiles()[q]) / 2), fmt(Math.exp(2 * r.observed()[2][i].quantiles()[q])),
          fmt(Math.exp(r.observed()[3][i].quantiles()[q])), fmt(Math.exp(r.observed()[4][i].quantiles()[q])), s);
    }
    event(out, "t1 (observed)", r.t1());
    event(out, "t2 (test)", r.t2());
    out.printf("speed              %.3e trajectory-steps/s, %d threads, %s, kernels %.2f s%n",
        r.stepsPerSecond(), o.threads(), VectorizationProvider.lookup().describe(), r.kernelSeconds());
  }

  /** How the run descends: "full-batch GD", "SGD S=4", "SGD S=4 with replacement", "SGD S=4 reshuffled each epoch". */
  static String mode(GrokMc m) {
    if (m.fullBatch()) {
      return "full-batch GD";
    }
    return "SGD S=" + m.batch() + (m.sampling() == Sampling.WITHOUT_REPLACEMENT ? "" : m.sampling().describe());
  }

  /**
   * What reshuffling changes and what holds: the epochs over the observed entries; X_nuc is a function of the data
   * alone (the same target whatever the sampling), and the endpoint's distance to it is reported as for GD, but no
   * theory here says how close a minibatch run ends, reshuffled or not.
   */
  static String reshuffleNote(GrokMc m) {
    long k = m.stepsPerEpoch();
    String epoch = m.batch() == m.observedCount()
        ? "S = |Omega|: every step uses every observed entry once, in its epoch's order (full-batch GD up to the order "
            + "of one sum)"
        : String.format("%d batches an epoch, %d observed entr%s left out of each", k, m.observedCount() - k * m.batch(),
            m.observedCount() - k * m.batch() == 1 ? "y" : "ies");
    return "reshuffled         " + epoch + "; X_nuc depends on the data alone and |W - X_nuc| is reported as for GD, "
        + "but no theory here says how close minibatch SGD ends (reshuffled or not); the drift time 1/(eta lambda) "
        + "is the weight decay's";
  }

  private static void event(PrintStream out, String name, EventTimes.Summary s) {
    StringBuilder q = new StringBuilder();
    for (int i = 0; i < s.levels().length; i++) {
      q.append(i == 0 ? "" : "  ").append(fmt(s.levels()[i])).append(": ").append(fmt(s.quantiles()[i]));
    }
    out.printf("%-18s never %.4f; quantiles %s%n", name, s.fractionNever(), q);
  }

  static String fmt(double v) {
    return SimulateLinreg1dCommand.fmt(v);
  }
}
