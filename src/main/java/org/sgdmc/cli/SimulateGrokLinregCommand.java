package org.sgdmc.cli;

import java.io.PrintStream;
import java.util.Map;
import org.sgdmc.experiments.GrokLinregExperiment;
import org.sgdmc.io.GrokLinregFile;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.VectorizationProvider;
import org.sgdmc.models.GrokData;
import org.sgdmc.models.GrokLinreg;
import org.sgdmc.models.GrokLinregDatasets;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.GrokLinregResult;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.EventTimes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sgdmc simulate grok-linreg}: grokking in over-parameterised linear regression under weight decay (seed 001). */
@Command(
    name = "grok-linreg",
    header = "Over-parameterised linear regression under weight decay: grokking as two time scales (seed 001).",
    description = {
      "GD or minibatch SGD with weight decay on |Xw - y|^2/(2n), d > n Gaussian",
      "inputs, |beta*| = 1. The train loss falls in O(1/(eta mu_min)) steps (t1);",
      "the null-space part of w then decays as (1 - eta lambda)^k and the test loss",
      "|w - beta*|^2/2 falls to its floor over 1/(eta lambda) steps (t2). Prints",
      "the ensemble's curves, t1 and t2 with the closed form of t2 per trajectory",
      "beside the simulated one. --lr is the step size eta; without --batch,",
      "full-batch GD; --steps 0 (the default) runs 10/(eta lambda) steps."
    },
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class SimulateGrokLinregCommand implements Runnable, SharedOptions.Tailored, ModelHints.Needs {
  @Override
  public String needs() {
    return "--lr ETA (the step size), and --lambda";
  }

  @Override
  public Map<String, String> defaults() {
    return Map.of("--trajectories", "10000", "--steps", "0", "--record-times", "log:60");
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin SgdMixin sgd;
  @Mixin GrokMixin grok;

  @Option(names = "--lambda", paramLabel = "LAMBDA", required = true, description = "Weight decay lambda >= 0.")
  double lambda;

  @Option(names = "--kernel", paramLabel = "K", defaultValue = "VECTOR",
      description = "vector (fast) or scalar (the reference twin, same bits, slow) (default: vector).")
  Kernel kernel;

  @Mixin EnsembleMixin ensemble;
  @Mixin StepsMixin steps;
  @Mixin OutputMixin output;
  @Mixin ObservablesMixin observables;

  @Override
  public void run() {
    if (grok.perTrajectory()) {
      runPerTrajectory();
      return;
    }
    GrokLinreg model = model(grok, sgd, lambda, ensemble.seed);
    if (steps.steps == 0) {
      steps.steps = defaultSteps(model);
    }
    EnsembleOptions options = ensemble.options(steps.recordTimes(), observables);
    ReshuffleMemory.check(model.reshuffled(), model.data().n(), options);
    Output.checkWritable(output);
    double delta = grok.testExcess;
    output.execute(spec, ensemble.seed, ensemble.trajectories, ensemble.threads(), "grok-linreg",
        progress -> GrokLinregExperiment.run(model, delta, options, kernel, progress),
        (out, force, meta, result) -> GrokLinregFile.write(out, force, meta, result),
        result -> print(System.out, result), "plot_grok.py", null);
  }

  /** {@code --dataset per-trajectory}: each trajectory on its own dataset. */
  private void runPerTrajectory() {
    Integer batch = sgd.batch == null ? null : sgd.batch();
    GrokLinregDatasets model = grok.perTrajectoryModel(ensemble.seed, sgd.lr(), lambda, batch, sgd.sampling(true));
    if (steps.steps == 0) {
      steps.steps = lambda == 0 ? 10_000 : (long) Math.ceil(10 * model.driftSteps()); // as defaultSteps
    }
    EnsembleOptions options = ensemble.options(steps.recordTimes(), observables);
    GrokMixin.checkDatasetMemory(model.datasets(), options);
    ReshuffleMemory.check(model.reshuffled(), model.datasets().n(), options);
    GrokMixin.checkStability(model, ensemble.trajectories);
    Output.checkWritable(output);
    output.execute(spec, ensemble.seed, ensemble.trajectories, ensemble.threads(), "grok-linreg",
        progress -> GrokLinregExperiment.run(model, options, kernel, progress),
        (out, force, meta, result) -> GrokLinregFile.write(out, force, meta, result),
        result -> print(System.out, result), "plot_grok.py", null);
  }

  static GrokLinreg model(GrokMixin grok, SgdMixin sgd, double lambda, long seed) {
    GrokData data = grok.data(seed);
    Integer batch = sgd.batch == null ? null : sgd.batch();
    return grok.model(data, sgd.lr(), lambda, batch, sgd.sampling(true));
  }

  /** 10 / (eta lambda) steps, rounded up; 10^4 without weight decay. */
  static long defaultSteps(GrokLinreg m) {
    return m.lambda() == 0 ? 10_000 : (long) Math.ceil(10 * m.driftSteps());
  }

  static void print(PrintStream out, GrokLinregResult r) {
    GrokLinreg m = r.model();
    EnsembleOptions o = r.options();
    GrokLinregResult.Theory t = r.theory();
    out.printf("grok-linreg  d=%d  n=%d  eta=%s  lambda=%s  alpha=%s  %s  noise=%s  trajectories=%d  steps=%d  seed=%d"
        + "  dataset=%s%n", m.dim(), m.data().n(), fmt(m.eta()), fmt(m.lambda()), fmt(m.alpha()),
        GrokSampling.descent(m.batch(), m.data().n(), m.fullBatch(), m.sampling()), fmt(m.data().noise()),
        o.trajectories(), o.steps(), o.seed(), r.dataset());
    if (m.reshuffled()) {
      out.println(GrokSampling.linregNote(m.data().n(), m.batch()));
    }
    if (r.perTrajectory()) {
      out.printf("datasets           one per trajectory: time scales and endpoint below are means over them, t2's "
          + "level is each one's endpoint + %s; %d of them make GD unstable%n", fmt(r.testExcess()),
          r.unstableDatasets());
    }
    out.printf("time scales        fast: 1/(eta mu_min) = %s steps (mu_min = %s, mu_max = %s); slow: 1/(eta lambda) = %s%n",
        fmt(1 / (m.eta() * t.muMin())), fmt(t.muMin()), fmt(t.muMax()), fmt(m.driftSteps()));
    out.printf("endpoint (ridge)   test loss %s, train loss %s, |w| %s; test level %s (+ %s), train level %s%n",
        fmt(t.endpointTestLoss()), fmt(t.endpointTrainLoss()), fmt(t.endpointNorm()),
        r.perTrajectory() ? "per trajectory" : fmt(m.testThreshold()), fmt(r.testExcess()), fmt(m.trainThreshold()));
    int last = r.train().length - 1;
    long[] times = o.recordTimes();
    int median = index(o.quantileLevels(), 0.5);
    out.printf("%-10s %-14s %-14s %-14s%n", "step", "median train", "median test", "median |w|^2");
    for (int i : new int[] {0, last / 4, last / 2, 3 * last / 4, last}) {
      out.printf("%-10d %-14s %-14s %-14s%n", times[i], loss(r.train()[i], median), loss(r.test()[i], median),
          square(r.norm()[i], median));
    }
    event(out, "t1 (train)", r.t1());
    event(out, "t2 (test)", r.t2());
    event(out, "t2 closed form", r.t2Closed());
    out.printf("t2 vs closed form  %.4f of trajectories within 1 step; mean t2 - closed form %s +- %s%n",
        r.t2Agreeing(), fmt(r.t2Difference().value()), fmt(r.t2Difference().stderr()));
    if (!Double.isNaN(r.slope().value())) {
      out.printf("slope              eta lambda t2 against log(|P_perp w0|^2 / (2 delta)): %s +- %s (1/2 for gradient "
          + "flow when |P_perp w0| >> |P_perp beta*|)%n", fmt(r.slope().value()), fmt(r.slope().stderr()));
    }
    out.printf("speed              %.3e trajectory-steps/s, %d threads, %s, kernels %.2f s%n",
        r.stepsPerSecond(), o.threads(), VectorizationProvider.lookup().describe(), r.kernelSeconds());
  }

  private static void event(PrintStream out, String name, EventTimes.Summary s) {
    StringBuilder q = new StringBuilder();
    for (int i = 0; i < s.levels().length; i++) {
      q.append(i == 0 ? "" : "  ").append(fmt(s.levels()[i])).append(": ").append(fmt(s.quantiles()[i]));
    }
    out.printf("%-18s never %.4f; quantiles %s%n", name, s.fractionNever(), q);
  }

  private static int index(double[] levels, double p) {
    for (int i = 0; i < levels.length; i++) {
      if (levels[i] == p) {
        return i;
      }
    }
    return levels.length / 2;
  }

  /** A loss from the log of its root: exp(2 l) / 2. */
  private static String loss(EnsembleSummary s, int q) {
    return fmt(Math.exp(2 * s.quantiles()[q]) / 2);
  }

  private static String square(EnsembleSummary s, int q) {
    return fmt(Math.exp(2 * s.quantiles()[q]));
  }

  static String fmt(double v) {
    return SimulateLinreg1dCommand.fmt(v);
  }
}
