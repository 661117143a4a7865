package org.sgdmc.cli;

import java.io.PrintStream;
import java.util.Map;
import org.sgdmc.experiments.TwoTimescaleExperiment;
import org.sgdmc.io.TwoTimescaleFile;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.VectorizationProvider;
import org.sgdmc.models.Sampling;
import org.sgdmc.models.TwoTimescale;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.TwoTimescaleResult;
import org.sgdmc.stats.EventTimes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sgdmc simulate two-timescale}: SGD on F(z) = f(x, eps y), plateaus and epoch-wise double descent (seed 000). */
@Command(
    name = "two-timescale",
    header = "SGD on F(x, y) = f(x, eps y): plateaus and epoch-wise double descent (seed 000).",
    description = {
      "SGD with one step a on a finite least-squares set whose prediction is",
      "p.x + q.g(eps y): x moves with step a, y with a eps, and u = eps y (what",
      "the loss sees) with a eps^2. Per trajectory the regimes of the test loss",
      "against the band [L_p/K, L_p K] around the plateau level L_p: end of the",
      "first descent (t1), the plateau or ascent, the terminal descent (t3), the",
      "ascent's height and peak.",
      "--f teacher-student: the closed-form gradient-flow test loss (and, with",
      "--batch N, the exact GD ensemble mean) beside the simulation.",
      "--steps 0 (the default) runs 20/(a eps^2) steps."
    },
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class SimulateTwoTimescaleCommand implements Runnable, SharedOptions.Tailored, ModelHints.Needs {
  @Override
  public String needs() {
    return "--lr A (the step size) and --eps";
  }

  @Override
  public Map<String, String> defaults() {
    return Map.of("--trajectories", "1000", "--steps", "0", "--record-times", "log:60");
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin SgdMixin sgd;

  @Option(names = "--eps", paramLabel = "EPS", required = true,
      description = "The scale separation eps in (0, 1]: F(x, y) = f(x, eps y).")
  double eps;

  @Mixin TwoTimescaleMixin tt;

  @Option(names = "--kernel", paramLabel = "K", defaultValue = "VECTOR",
      description = "vector (fast) or scalar (the reference twin, same bits, slow) (default: vector).")
  Kernel kernel;

  @Mixin EnsembleMixin ensemble;
  @Mixin StepsMixin steps;
  @Mixin OutputMixin output;
  @Mixin ObservablesMixin observables;

  @Override
  public void run() {
    TwoTimescale model = model(tt, sgd, eps, ensemble.seed);
    if (steps.steps == 0) {
      steps.steps = defaultSteps(model);
    }
    EnsembleOptions options = ensemble.options(steps.recordTimes(), observables);
    ReshuffleMemory.check(model.reshuffled(), model.data().n(), options);
    Output.checkWritable(output);
    output.execute(spec, ensemble.seed, ensemble.trajectories, ensemble.threads(), "two-timescale",
        progress -> TwoTimescaleExperiment.run(model, options, kernel, progress),
        (out, force, meta, result) -> TwoTimescaleFile.write(out, force, meta, result),
        result -> print(System.out, result), "plot_two_timescale.py", null);
  }

  static TwoTimescale model(TwoTimescaleMixin tt, SgdMixin sgd, double eps, long seed) {
    var data = tt.data(seed);
    return tt.model(data, sgd.lr(), eps, sgd.batch(), sgd.sampling(true));
  }

  /** How the run descends: "full-batch GD", "SGD S=4", "SGD S=4 with replacement", "SGD S=4 reshuffled each epoch". */
  static String header(TwoTimescale m) {
    if (m.fullBatch()) {
      return m.sampling() == Sampling.RESHUFFLE ? "full-batch GD (reshuffled at S = n: one step an epoch)" : "full-batch GD";
    }
    return "SGD S=" + m.batch() + (m.sampling() == Sampling.WITHOUT_REPLACEMENT ? "" : m.sampling().describe());
  }

  /**
   * What reshuffling changes: the epochs, and nothing the printed theory depends on (the flow and the least-squares
   * endpoint are the full-batch objective's); there is no theory of the minibatch fluctuations here, reshuffled or not.
   */
  static String reshuffleNote(TwoTimescale m) {
    long k = Sampling.batchesPerEpoch(m.data().n(), m.batch());
    return String.format("reshuffled         %d batches an epoch, %d point(s) left out of each; the flow theory and the "
        + "endpoint do not depend on the sampling (no theory of the minibatch noise, reshuffled or not)", k,
        m.data().n() - k * m.batch());
  }

  /** 20 / (a eps^2) steps, rounded up. */
  static long defaultSteps(TwoTimescale m) {
    return (long) Math.ceil(20 / m.slowStep());
  }

  static void print(PrintStream out, TwoTimescaleResult r) {
    TwoTimescale m = r.model();
    EnsembleOptions o = r.options();
    out.printf("two-timescale  f=%s  n=%d  dFast=%d  dSlow=%d  a=%s  eps=%s  %s  noise=%s  trajectories=%d  steps=%d  "
        + "seed=%d%n", m.coupling().label(), m.data().n(), m.data().dFast(), m.data().dSlow(), fmt(m.a()),
        fmt(m.eps()), header(m), fmt(m.data().noise()), o.trajectories(), o.steps(), o.seed());
    out.printf("time scales        x: step a = %s; y: step a eps = %s; u = eps y: step a eps^2 = %s%n", fmt(m.a()),
        fmt(m.a() * m.eps()), fmt(m.slowStep()));
    out.printf("band               L_p = (|lambda(0) - x*|^2 + |g(u*)|^2)/2 = %s; first descent ends below %s, terminal descent below %s%n",
        fmt(m.plateauLevel()), fmt(m.upperLevel()), fmt(m.lowerLevel()));
    TwoTimescaleResult.Theory t = r.theory();
    if (t != null) {
      out.printf("theory             H's eigenvalues %s .. %s; least-squares endpoint test loss %s%n", fmt(t.muMin()),
          fmt(t.muMax()), fmt(t.endpointTestLoss()));
    }
    if (m.reshuffled()) {
      out.println(reshuffleNote(m));
    }
    long[] times = o.recordTimes();
    int median = index(o.quantileLevels(), 0.5);
    out.printf("%-10s %-14s %-22s %-14s %-14s %-14s%n", "step", "median test", "mean test (+- se)",
        t == null ? "" : "flow theory", t == null || !m.fullBatch() ? "" : "GD exact", "E|x-lambda|^2");
    int last = times.length - 1;
    for (int i : new int[] {0, last / 6, last / 3, last / 2, 2 * last / 3, 5 * last / 6, last}) {
      out.printf("%-10d %-14s %-22s %-14s %-14s %-14s%n", times[i], fmt(Math.exp(2 * r.test()[i].quantiles()[median]) / 2),
          fmt(r.meanTestLoss()[i].value()) + " +- " + fmt(r.meanTestLoss()[i].stderr()),
          t == null ? "" : fmt(t.flowMeanTestLoss()[i]), t == null || !m.fullBatch() ? "" : fmt(t.gdMeanTestLoss()[i]),
          fmt(r.meanJitterSquare()[i].value()));
    }
    event(out, "t1 (first descent)", r.t1());
    event(out, "t3 (terminal)", r.t3());
    event(out, "t3 - t1 (middle)", r.middle());
    event(out, "in band", r.inBand());
    event(out, "above band", r.above());
    event(out, "ascent peak step", r.peakTime());
    out.printf("%-20s median peak %s, median height %s above the running minimum; no ascent %.4f%n", "ascent",
        fmt(Math.exp(2 * r.peak().quantiles()[median]) / 2), fmt(Math.exp(2 * r.rise().quantiles()[median]) / 2),
        r.rise().fractionExact());
    out.printf("speed              %.3e trajectory-steps/s, %d threads, %s, kernels %.2f s%n",
        r.stepsPerSecond(), o.threads(), VectorizationProvider.lookup().describe(), r.kernelSeconds());
  }

  private static void event(PrintStream out, String name, EventTimes.Summary s) {
    StringBuilder q = new StringBuilder();
    for (int i = 0; i < s.levels().length; i++) {
      q.append(i == 0 ? "" : "  ").append(fmt(s.levels()[i])).append(": ").append(fmt(s.quantiles()[i]));
    }
    out.printf("%-20s never %.4f; quantiles %s%n", name, s.fractionNever(), q);
  }

  private static int index(double[] levels, double p) {
    for (int i = 0; i < levels.length; i++) {
      if (levels[i] == p) {
        return i;
      }
    }
    return levels.length / 2;
  }

  static String fmt(double v) {
    return SimulateLinreg1dCommand.fmt(v);
  }
}
