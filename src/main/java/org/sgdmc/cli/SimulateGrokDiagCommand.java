package org.sgdmc.cli;

import java.io.PrintStream;
import java.util.Map;
import org.sgdmc.experiments.GrokDiagExperiment;
import org.sgdmc.io.GrokDiagFile;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.VectorizationProvider;
import org.sgdmc.models.GrokData;
import org.sgdmc.models.GrokDiag;
import org.sgdmc.models.GrokDiagDatasets;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.GrokDiagResult;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.EventTimes;
import org.sgdmc.theory.MinL1Interpolant;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sgdmc simulate grok-diag}: a diagonal linear network under weight decay drifts to the minimum-l1 interpolant. */
@Command(
    name = "grok-diag",
    header = "Diagonal linear network beta = u*u - v*v under weight decay: the drift to the minimum-l1 interpolant.",
    description = {
      "GD or minibatch SGD with weight decay on |X beta - y|^2/(2n), d > n Gaussian",
      "inputs, a k-sparse teacher (|beta*| = 1), u_0, v_0 ~ N(0, alpha^2 I). The",
      "drift along the interpolating manifold lowers |u|^2 + |v|^2, whose minimum",
      "over u*u - v*v = beta is |beta|_1: the endpoint approaches the minimum-l1",
      "interpolant, computed independently by commons-math3's simplex solver; the",
      "run reports the distance to it. --lr is eta; without --batch, full-batch GD;",
      "--steps 0 (the default) runs 10/(eta lambda) steps."
    },
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class SimulateGrokDiagCommand implements Runnable, SharedOptions.Tailored, ModelHints.Needs {
  @Override
  public String needs() {
    return "--lr ETA (the step size), and --lambda";
  }

  @Override
  public Map<String, String> defaults() {
    return Map.of("--trajectories", "1000", "--steps", "0", "--record-times", "log:60", "--dim", "40", "--n", "20",
        "--alpha", "0.5");
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin SgdMixin sgd;
  @Mixin GrokMixin grok;

  @Mixin GrokDiagMixin diag;

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
    GrokData data = sparseData();
    MinL1Interpolant minL1 = MinL1Interpolant.of(data);
    GrokDiag model = model(data, minL1);
    if (steps.steps == 0) {
      steps.steps = model.lambda() == 0 ? 100_000 : (long) Math.ceil(10 * model.driftSteps());
    }
    EnsembleOptions options = ensemble.options(steps.recordTimes(), observables);
    ReshuffleMemory.check(model.reshuffled(), model.data().n(), options);
    Output.checkWritable(output);
    double delta = grok.testExcess;
    output.execute(spec, ensemble.seed, ensemble.trajectories, ensemble.threads(), "grok-diag",
        progress -> GrokDiagExperiment.run(model, delta, minL1, options, kernel, progress),
        (out, force, meta, result) -> GrokDiagFile.write(out, force, meta, result),
        result -> print(System.out, result), "plot_grok.py", null);
  }

  /** {@code --dataset per-trajectory}: each trajectory on its own dataset. */
  private void runPerTrajectory() {
    GrokDiagDatasets model = diag.perTrajectoryModel(grok, ensemble.seed, sgd.lr(), lambda,
        sgd.batch == null ? null : sgd.batch(), sgd.sampling(true));
    if (steps.steps == 0) {
      steps.steps = lambda == 0 ? 100_000 : (long) Math.ceil(10 * model.driftSteps());
    }
    EnsembleOptions options = ensemble.options(steps.recordTimes(), observables);
    GrokMixin.checkDatasetMemory(model.datasets(), options);
    ReshuffleMemory.check(model.reshuffled(), model.datasets().n(), options);
    Output.checkWritable(output);
    output.execute(spec, ensemble.seed, ensemble.trajectories, ensemble.threads(), "grok-diag",
        progress -> GrokDiagExperiment.run(model, options, kernel, progress),
        (out, force, meta, result) -> GrokDiagFile.write(out, force, meta, result),
        result -> print(System.out, result), "plot_grok.py", null);
  }

  private GrokData sparseData() {
    return diag.data(grok, ensemble.seed);
  }

  private GrokDiag model(GrokData data, MinL1Interpolant minL1) {
    return GrokDiagMixin.model(grok, data, minL1, sgd.lr(), lambda, sgd.batch == null ? null : sgd.batch(),
        sgd.sampling(true));
  }

  static void print(PrintStream out, GrokDiagResult r) {
    GrokDiag m = r.model();
    EnsembleOptions o = r.options();
    out.printf("grok-diag  %s  d=%d  n=%d  k=%d  eta=%s  lambda=%s  alpha=%s  %s  noise=%s  trajectories=%d  steps=%d  "
            + "seed=%d%n", m.data().isFourier() ? "fourier" : "gaussian", m.dim(), m.data().n(), m.data().support(), fmt(m.eta()), fmt(m.lambda()), fmt(m.alpha()),
        GrokSampling.descent(m.batch(), m.data().n(), m.fullBatch(), m.sampling()), fmt(m.data().noise()),
        o.trajectories(), o.steps(), o.seed());
    if (m.reshuffled()) {
      out.println(GrokSampling.diagNote(m.data().n(), m.batch()));
    }
    if (r.perTrajectory()) {
      double[] tl = r.targetTestLosses();
      double worst = 0;
      for (double v : tl) {
        worst = Math.max(worst, v);
      }
      out.printf("datasets           one per trajectory (dataset=per-trajectory); the minimum-l1 interpolant for the "
          + "first %d: largest test loss %s; test level %s above the teacher, train level %s; 1/(eta lambda) = %s%n",
          tl.length, fmt(worst), fmt(m.testThreshold()), fmt(m.trainThreshold()), fmt(m.driftSteps()));
    } else {
      out.printf("min-l1 interpolant |beta_l1|_1 = %s (simplex, residual %s), test loss %s; test level %s, train "
              + "level %s; 1/(eta lambda) = %s%n", fmt(r.minL1().l1()), fmt(r.minL1().residual()),
          fmt(r.minL1TestLoss()), fmt(m.testThreshold()), fmt(m.trainThreshold()), fmt(m.driftSteps()));
    }
    long[] times = o.recordTimes();
    int q = median(o.quantileLevels());
    EnsembleSummary[][] s = r.observed();
    int last = times.length - 1;
    out.printf("%-10s %-14s %-14s %-16s %-18s %-12s%n", "step", "median train", "median test", "median |u|2+|v|2",
        "median |b - b_l1|", "median |b|_1");
    for (int i : new int[] {0, last / 4, last / 2, 3 * last / 4, last}) {
      out.printf("%-10d %-14s %-14s %-16s %-18s %-12s%n", times[i], fmt(Math.exp(2 * s[0][i].quantiles()[q]) / 2),
          fmt(Math.exp(2 * s[1][i].quantiles()[q]) / 2), fmt(Math.exp(2 * s[2][i].quantiles()[q])),
          fmt(Math.exp(s[3][i].quantiles()[q])), fmt(Math.exp(s[4][i].quantiles()[q])));
    }
    event(out, "t1 (train)", r.t1());
    event(out, "t2 (test)", r.t2());
    EnsembleSummary end = s[3][last];
    out.printf("endpoint           |beta_T - beta_l1|: median %s, 90%% %s, mean square %s (distance to the "
            + "minimum-l1 interpolant%s; |beta_l1| = %s)%n", fmt(Math.exp(end.quantiles()[q])),
        fmt(Math.exp(end.quantiles()[Math.min(q + 2, end.quantiles().length - 1)])), fmt(Math.exp(end.logMeanSquare())),
        r.perTrajectory() ? ", first " + r.targetDistances().length + " trajectories, each its own" : "",
        r.perTrajectory() ? "trajectory 0's " + fmt(norm(r.minL1().beta())) : fmt(norm(r.minL1().beta())));
    out.printf("speed              %.3e trajectory-steps/s, %d threads, %s, kernels %.2f s%n",
        r.stepsPerSecond(), o.threads(), VectorizationProvider.lookup().describe(), r.kernelSeconds());
  }

  private static double norm(double[] b) {
    double s = 0;
    for (double v : b) {
      s += v * v;
    }
    return Math.sqrt(s);
  }

  private static int median(double[] levels) {
    for (int i = 0; i < levels.length; i++) {
      if (levels[i] == 0.5) {
        return i;
      }
    }
    return levels.length / 2;
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
