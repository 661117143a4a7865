package org.sgdmc.cli;

import java.io.PrintStream;
import org.sgdmc.experiments.Linreg1dExperiment;
import org.sgdmc.experiments.SinglePrecisionCheck;
import org.sgdmc.io.Linreg1dFile;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.VectorizationProvider;
import org.sgdmc.models.FeatureData;
import org.sgdmc.models.Linreg1d;
import org.sgdmc.models.Precision;
import org.sgdmc.models.Sampling;
import org.sgdmc.theory.Linreg1dTheory;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.Linreg1dResult;
import org.sgdmc.results.Linreg1dTheoryValues;
import org.sgdmc.stats.EnsembleSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code sgdmc simulate linreg1d}: seed 002's 1-D regression at an interpolation minimum. */
@Command(
    name = "linreg1d",
    header = "1-D linear regression at an interpolation minimum: w - w* <- (1 - lr q) (w - w*).",
    description = {
      "q is the batch mean of x^2. Estimates the Lyapunov exponent E log|1 - lr q| (convergence in probability",
      "iff it is negative, seed 002 Thm. 1) and prints it beside the exact theory and the GD, mean-square and",
      "stationary thresholds."
    },
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class SimulateLinreg1dCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin SgdMixin sgd;
  @Mixin DataSourceMixin source;

  @Option(names = "--w0", paramLabel = "D", defaultValue = "1", description = "Initial distance |w_0 - w*| (default: ${DEFAULT-VALUE}).")
  double initialDistance;

  @Option(names = "--kernel", paramLabel = "K", defaultValue = "VECTOR",
      description = "vector (fast) or scalar (the reference twin, same bits, slow) (default: vector).")
  Kernel kernel;

  @Option(names = "--precision", paramLabel = "P", defaultValue = "double",
      description = "Precision of the Gaussian draws: double, or single (23-bit uniforms, float functions on twice "
          + "the lanes; |x| <= 5.65; the state stays double; its measured cost is stored under /precision) "
          + "(default: ${DEFAULT-VALUE}).")
  String precisionName;

  @Mixin RunMixin run;
  @Mixin LiveMixin live;
  @Mixin ObservablesMixin observables;

  /** The --precision value. */
  Precision precision() {
    for (Precision p : Precision.values()) {
      if (p.label().equals(precisionName)) {
        return p;
      }
    }
    throw new UserError("--precision must be double or single, not '" + precisionName + "'");
  }

  @Override
  public void run() {
    EnsembleOptions options = run.options(observables);
    FeatureData data = source.features(options.seed());
    Linreg1d model;
    try {
      model = new Linreg1d(sgd.lr(), sgd.batch(), data, sgd.sampling(data instanceof FeatureData.Finite),
          initialDistance);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    Precision precision = precision();
    if (precision == Precision.SINGLE && data instanceof FeatureData.Finite) {
      throw new UserError("--precision single is for Gaussian data (--n inf); a finite dataset draws only batch "
          + "indices, which have no precision to trade");
    }
    // single-precision draws use half the Philox blocks of double ones: the check below is conservative for them
    ReshuffleMemory.check(model.reshuffled(), model.data().size(), options);
    run.steps.checkReach(model.batch(), 1);
    Linreg1dTheoryValues theory = Linreg1dTheoryValues.of(model);
    SinglePrecisionCheck check = precision == Precision.SINGLE
        ? SinglePrecisionCheck.of(model, options.seed(), options.trajectories(), options.steps()) : null;
    run.execute(spec, "linreg1d", progress -> Linreg1dExperiment.run(model, options, kernel, precision, progress),
        (out, force, meta, result) -> Linreg1dFile.write(out, force, meta, source.kind(),
            source.dataSeed(options.seed()), result, theory, check),
        result -> {
          print(System.out, result, theory);
          if (check != null) {
            System.out.printf("precision          single draws: |x| <= %.3f (P(|Z| above) = %.1e); against the same "
                + "words in double, x^2 within %.1e relative, log|w_T - w*| within %.1e after %d steps (exponent within %.1e), "
                + "%d trajectories checked%n",
                org.sgdmc.rng.SingleDraws.MAX_NORMAL, SinglePrecisionCheck.TAIL_PROBABILITY, check.maxDrawRelativeError(),
                check.maxLogDistanceDifference(), check.steps(), check.maxLogDistanceDifference() / check.steps(),
                check.trajectories());
          }
        });
  }

  static void print(PrintStream out, Linreg1dResult r, Linreg1dTheoryValues t) {
    Linreg1d m = r.model();
    EnsembleOptions o = r.options();
    out.printf("linreg1d  lr=%s  S=%d  data=%s%s  trajectories=%d  steps=%d  seed=%d%n", fmt(m.lr()), m.batch(),
        m.data().describe(), m.data() instanceof FeatureData.Finite ? m.sampling().describe() : "",
        o.trajectories(), o.steps(), o.seed());
    double lam = r.lyapunov().value(), err = r.lyapunov().stderr();
    double th = t.lyapunov().value();
    String agreement = Apart.describe(lam, err, th, t.lyapunov().stderr());
    out.printf("Lyapunov exponent  simulated %s +- %s   theory %s%s (%s)%s%n", fmt(lam), fmt(err), fmt(th),
        t.lyapunov().stderr() > 0 ? " +- " + fmt(t.lyapunov().stderr()) : "", t.lyapunov().method(), agreement);
    out.printf("late window        %s +- %s   (steps %d..%d)%n", fmt(r.lyapunovLate().value()),
        fmt(r.lyapunovLate().stderr()), r.lyapunovLate().t0(), r.lyapunovLate().t1());
    out.printf("thresholds         GD %s   mean-square %s%s   stationary %s%s%n", fmt(t.lrGd()), fmt(t.lrMeanSquare()),
        m.reshuffled() ? " (over an epoch)" : "", fmt(t.lrStationary()),
        Double.isNaN(t.lrProbabilistic()) ? "" : "   probabilistic " + fmt(t.lrProbabilistic()));
    if (m.reshuffled()) {
      long n = ((FeatureData.Finite) m.data()).size();
      long k = Sampling.batchesPerEpoch(n, m.batch());
      // the Lyapunov stderr is sd(log|w_T| - log|w_0|) / (T sqrt(n)): its square times n T is the variance a step
      double simulated = err * err * o.trajectories() * o.steps();
      out.printf("epochs             %d batches an epoch%s%n", k,
          n == k * m.batch() ? "" : ", " + (n - k * m.batch()) + " point(s) left out of each");
      out.printf("Var log|w-w*|      grows by %s a step (theory, whole epochs; batches drawn afresh: %s), "
          + "simulated %s +- %s%n", fmt(t.logVarianceRate()),
          fmt(Linreg1dTheory.logVarianceFinite(m.lr(), ((FeatureData.Finite) m.data()).x(), m.batch(), false)),
          fmt(simulated), fmt(simulated * Math.sqrt(2.0 / o.trajectories())));
    }
    EnsembleSummary end = r.summaries()[r.summaries().length - 1];
    out.printf("at step %-10d m = %s +- %s   log E|w-w*|^2 = %s (theory %s)   exactly at w*: %s   diverged: %s%n",
        o.steps(), fmt(end.mean()), fmt(end.stderr()), fmt(end.logMeanSquare()),
        fmt(Math.log(m.initialDistance()) * 2 + o.steps() * t.logMeanSquareRate()),
        fmt(end.fractionExact()), fmt(end.fractionDiverged()));
    String meanSquare = m.reshuffled()
        ? (Double.isNaN(t.logMeanSquareRate()) ? "unknown (too many epoch partitions to enumerate)"
            : t.logMeanSquareRate() < 0 ? "converges" : "does not converge")
        : m.lr() < t.lrMeanSquare() ? "converges" : "does not converge";
    out.printf("verdict            %s in probability; %s in mean square (theory)%n",
        lam < 0 ? "converges" : "does not converge", meanSquare);
    out.printf("speed              %.3e trajectory-steps/s, %d threads, %s, kernels %.2f s%n",
        r.stepsPerSecond(), o.threads(), VectorizationProvider.lookup().describe(), r.kernelSeconds());
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    double a = Math.abs(v);
    if (v == 0 || (a >= 1e-3 && a < 1e5)) {
      return String.format("%.5g", v);
    }
    return String.format("%.4e", v);
  }
}
