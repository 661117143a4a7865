package org.sgdmc.cli;

import java.io.PrintStream;
import java.util.Map;
import org.sgdmc.experiments.GrokReluExperiment;
import org.sgdmc.io.GrokReluFile;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.VectorizationProvider;
import org.sgdmc.models.GrokRelu;
import org.sgdmc.models.GrokReluDatasets;
import org.sgdmc.models.Sampling;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.GrokReluResult;
import org.sgdmc.stats.EventTimes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sgdmc simulate grok-relu}: a two-layer ReLU net on 1-D data under weight decay loses kinks (seed 001, Fig. 3). */
@Command(
    name = "grok-relu",
    header = "Two-layer ReLU net on 1-D data under weight decay: the kinks of the learned function over time.",
    description = {
      "f(x) = sum_j a_j relu(w_j x + b_j), full-batch GD with weight decay on (a,",
      "w, b) (or, with --batch S, minibatch SGD: --sampling with, without or",
      "reshuffle), n points uniform on [-1, 1] labelled by a teacher with 4 kinks.",
      "Tracks train and test loss, |theta|^2 and the number of kinks; t1 and t2 are",
      "exact to the step. --lr is eta; --steps 0 (the default) runs",
      "10/(eta lambda) steps."
    },
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class SimulateGrokReluCommand implements Runnable, SharedOptions.Tailored, ModelHints.Needs {
  @Override
  public String needs() {
    return "--lr ETA (the step size), and --lambda";
  }

  @Override
  public Map<String, String> defaults() {
    return Map.of("--trajectories", "256", "--steps", "0", "--record-times", "log:100");
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--lr", required = true, paramLabel = "ETA", description = "Step size eta > 0.")
  double eta;

  @Option(names = "--lambda", paramLabel = "LAMBDA", required = true, description = "Weight decay lambda >= 0.")
  double lambda;

  @Mixin GrokReluMixin relu;

  @Option(names = "--kernel", paramLabel = "K", defaultValue = "VECTOR",
      description = "vector (fast) or scalar (the reference twin, same bits, slow) (default: vector).")
  Kernel kernel;

  @Mixin EnsembleMixin ensemble;
  @Mixin StepsMixin steps;
  @Mixin OutputMixin output;
  @Mixin ObservablesMixin observables;

  @Override
  public void run() {
    GrokRelu model = relu.model(ensemble.seed, eta, lambda);
    if (steps.steps == 0) {
      steps.steps = lambda == 0 ? 100_000 : (long) Math.ceil(10 * model.driftSteps());
    }
    EnsembleOptions options = ensemble.options(steps.recordTimes(), observables);
    ReshuffleMemory.check(model.reshuffled(), model.n(), options);
    Output.checkWritable(output);
    double trainThreshold = relu.trainThreshold, testThreshold = relu.testThreshold;
    GrokReluDatasets datasets = relu.perTrajectory() ? relu.datasets(ensemble.seed, eta, lambda, options) : null;
    output.execute(spec, ensemble.seed, ensemble.trajectories, ensemble.threads(), "grok-relu",
        progress -> datasets == null
            ? GrokReluExperiment.run(model, trainThreshold, testThreshold, options, kernel, progress)
            : GrokReluExperiment.run(datasets, trainThreshold, testThreshold, options, kernel, progress),
        (out, force, meta, result) -> GrokReluFile.write(out, force, meta, result),
        result -> print(System.out, result), "plot_grok.py", null);
  }

  static void print(PrintStream out, GrokReluResult r) {
    GrokRelu m = r.model();
    EnsembleOptions o = r.options();
    out.printf("grok-relu  m=%d  n=%d  eta=%s  lambda=%s  sigma=%s  %s  trajectories=%d  steps=%d  seed=%d%n",
        m.width(), m.n(), fmt(m.eta()), fmt(m.lambda()), fmt(m.sigma()), mode(m), o.trajectories(), o.steps(),
        o.seed());
    out.printf("teacher            %d kinks; 1/(eta lambda) = %s steps%n", m.kinks().length, fmt(m.driftSteps()));
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
    out.printf("%-10s %-14s %-14s %-14s %s%n", "step", "median train", "median test", "median |th|^2", "mean kinks");
    for (int i : new int[] {0, last / 4, last / 2, 3 * last / 4, last}) {
      out.printf("%-10d %-14s %-14s %-14s %s +- %s%n", times[i], fmt(Math.exp(2 * r.observed()[0][i].quantiles()[q]) / 2),
          fmt(Math.exp(2 * r.observed()[1][i].quantiles()[q]) / 2), fmt(Math.exp(2 * r.observed()[2][i].quantiles()[q])),
          fmt(r.kinks()[i].value()), fmt(r.kinks()[i].stderr()));
    }
    event(out, "t1 (train)", r.t1());
    event(out, "t2 (test)", r.t2());
    out.printf("speed              %.3e trajectory-steps/s, %d threads, %s, kernels %.2f s%n",
        r.stepsPerSecond(), o.threads(), VectorizationProvider.lookup().describe(), r.kernelSeconds());
  }

  /** How the run descends: "full-batch GD", "SGD S=4", "SGD S=4 with replacement", "SGD S=4 reshuffled each epoch". */
  static String mode(GrokRelu m) {
    if (m.fullBatch()) {
      return "full-batch GD";
    }
    return "SGD S=" + m.batch() + (m.sampling() == Sampling.WITHOUT_REPLACEMENT ? "" : m.sampling().describe());
  }

  /**
   * What reshuffling changes and what holds: the epochs, and not the printed theory (the drift time 1/(eta lambda)
   * is the weight decay's factor (1 - eta lambda) per step, whatever the batches); there is no theory of the
   * minibatch noise for this model, reshuffled or not.
   */
  static String reshuffleNote(GrokRelu m) {
    long k = m.stepsPerEpoch();
    String epoch = m.batch() == m.n()
        ? "S = n: every step uses every point once, in its epoch's order (full-batch GD up to the order of one sum)"
        : String.format("%d batches an epoch, %d point(s) left out of each", k, m.n() - k * m.batch());
    return "reshuffled         " + epoch + "; the drift time 1/(eta lambda) is the weight decay's and does not "
        + "depend on the sampling (no theory of the minibatch noise, reshuffled or not)";
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
