package org.sgdmc.cli;

import java.io.PrintStream;
import java.util.Set;
import org.sgdmc.experiments.SaddleExperiment;
import org.sgdmc.io.SaddleFile;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.VectorizationProvider;
import org.sgdmc.models.Saddle;
import org.sgdmc.models.SaddleData;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.SaddleResult;
import org.sgdmc.results.SaddleTheoryValues;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.LyapunovEstimate;
import org.sgdmc.theory.Estimate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code sgdmc simulate saddle}: seed 002's rank-0 saddle and its phases. */
@Command(
    name = "saddle",
    header = "SGD near the rank-0 saddle of l = -chi u w: h = w + u and m = w - u scale by 1 +- lr chi.",
    description = {
      "chi = x y is averaged over the batch. Estimates the Lyapunov exponents of h and m (each converges to 0",
      "in probability iff its exponent is negative, seed 002 Prop. 2), prints them beside the exact theory, and",
      "names the phase of Fig. 1b: I (correct learning), Ib (I and m -> 0 in mean square), II (incorrect",
      "learning), III (the low-rank saddle), IV (complete instability)."
    },
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class SimulateSaddleCommand implements Runnable, SharedOptions.Tailored, ModelHints.Needs {
  @Override
  public String needs() {
    return "--lr LR, and --mu MU (Gaussian data) or --data two-point --a A";
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin SgdMixin sgd;
  @Mixin SaddleDataMixin law;
  @Mixin DataSourceMixin source;

  @Option(names = "--w0", paramLabel = "W", defaultValue = "1", description = "Initial w (default: ${DEFAULT-VALUE}).")
  double w0;

  @Option(names = "--u0", paramLabel = "U", defaultValue = "0",
      description = "Initial u; w0 != +-u0 (default: ${DEFAULT-VALUE}).")
  double u0;

  @Option(names = "--kernel", paramLabel = "K", defaultValue = "VECTOR",
      description = "vector (fast) or scalar (the reference twin, same bits, slow) (default: vector).")
  Kernel kernel;

  @Mixin RunMixin run;
  @Mixin LiveMixin live;
  @Mixin ObservablesMixin observables;

  @Override
  public Set<String> notApplicable() {
    return Set.of("--outlier", "--data-file");
  }

  @Override
  public void run() {
    EnsembleOptions options = run.options(observables);
    SaddleData data = law.data(source, options.seed());
    Saddle model;
    try {
      model = new Saddle(sgd.lr(), sgd.batch(), data,
          sgd.sampling(data instanceof SaddleData.Finite), w0, u0);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    ReshuffleMemory.check(model.reshuffled(), model.data().size(), options);
    run.steps.checkReach(model.batch(), 1);
    SaddleTheoryValues theory = SaddleTheoryValues.of(model);
    run.execute(spec, "saddle", progress -> SaddleExperiment.run(model, options, kernel, progress),
        (out, force, meta, result) -> SaddleFile.write(out, force, meta, law.source(source, options.seed()), result,
            theory),
        result -> print(System.out, result, theory));
  }

  static void print(PrintStream out, SaddleResult r, SaddleTheoryValues t) {
    Saddle m = r.model();
    EnsembleOptions o = r.options();
    out.printf("saddle  lr=%s  S=%d  data=%s%s  w0=%s  u0=%s  trajectories=%d  steps=%d  seed=%d%n", fmt(m.lr()),
        m.batch(), m.data().describe(), m.data() instanceof SaddleData.Finite
            ? m.sampling().describe() : "",
        fmt(m.w0()), fmt(m.u0()), o.trajectories(), o.steps(), o.seed());
    exponent(out, "Lyapunov exponent  h = w + u", r.lyapunovPlus(), t.lyapunovPlus());
    exponent(out, "                   m = w - u", r.lyapunovMinus(), t.lyapunovMinus());
    out.printf("late window        h %s +- %s   m %s +- %s   (steps %d..%d)%n", fmt(r.lyapunovPlusLate().value()),
        fmt(r.lyapunovPlusLate().stderr()), fmt(r.lyapunovMinusLate().value()), fmt(r.lyapunovMinusLate().stderr()),
        r.lyapunovPlusLate().t0(), r.lyapunovPlusLate().t1());
    if (m.reshuffled()) {
      out.printf("mean square        h %s   m %s (theory, per step over whole epochs: E[A^2]^(1/K), A the epoch's "
          + "product)%n", fmt(t.meanSquarePlus()), fmt(t.meanSquareMinus()));
    } else {
      out.printf("mean square        E(1 + lr chib)^2 = %s   E(1 - lr chib)^2 = %s (theory, per step)%n",
          fmt(t.meanSquarePlus()), fmt(t.meanSquareMinus()));
    }
    EnsembleSummary h = r.summariesH()[r.summariesH().length - 1];
    EnsembleSummary mm = r.summariesM()[r.summariesM().length - 1];
    out.printf("at step %-10d mean log|h| = %s +- %s   mean log|m| = %s +- %s   exactly 0: h %s, m %s%n", o.steps(),
        fmt(h.mean()), fmt(h.stderr()), fmt(mm.mean()), fmt(mm.stderr()), fmt(h.fractionExact()),
        fmt(mm.fractionExact()));
    out.printf("phase              simulated %s   theory %s   (%s)%n", r.phase().describe(), t.phase().describe(),
        r.phase().phase().description);
    out.printf("speed              %.3e trajectory-steps/s, %d threads, %s, kernels %.2f s%n",
        r.stepsPerSecond(), o.threads(), VectorizationProvider.lookup().describe(), r.kernelSeconds());
  }

  private static void exponent(PrintStream out, String label, LyapunovEstimate sim, Estimate th) {
    String agreement = Apart.describe(sim.value(), sim.stderr(), th.value(), th.stderr());
    out.printf("%s: simulated %s +- %s   theory %s%s (%s)%s%n", label, fmt(sim.value()), fmt(sim.stderr()),
        fmt(th.value()), th.stderr() > 0 ? " +- " + fmt(th.stderr()) : "", th.method(), agreement);
  }

  static String fmt(double v) {
    return SimulateLinreg1dCommand.fmt(v);
  }
}
