package org.sgdmc.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sgdmc.engine.RecordTimes;
import org.sgdmc.experiments.GrokLinregExperiment;
import org.sgdmc.io.GrokSignatureFile;
import org.sgdmc.io.RunMetadata;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.models.GrokData;
import org.sgdmc.models.GrokLinreg;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.GrokLinregResult;
import org.sgdmc.stats.OffsetPowerLawFit;
import org.sgdmc.sweep.Axis;
import org.sgdmc.theory.GrokLinregTheory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sgdmc sweep grok-fraction} (seed 003, App. E): the time to generalise against the train fraction r = n/d of
 * grok-linreg, and the fit of the seed's law {@code t(r) = a r^-gamma + b}.
 */
@Command(
    name = "grok-fraction",
    header = "The law of seed 003 t(r) = a r^-gamma + b: grok-linreg's t2 against the train fraction r = n/d, fitted.",
    description = {
      "Runs grok-linreg (full-batch GD unless --batch) at one (eta, lambda) for each",
      "number of training points n of --n (the dimension d fixed, so r = n/d), each",
      "with its own dataset from the same data seed, and fits the mean t2 against r",
      "by seed 003's law a r^-gamma + b (weighted least squares, gamma profiled, a",
      "profile-likelihood 95%% interval). Cells where some trajectory never reached",
      "the test level within --steps are reported and left out of the fit. Beside",
      "it the mean of t2's closed form (theory.GrokLinregTheory) per cell."
    },
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class SweepGrokFractionCommand implements Runnable, SharedOptions.Tailored {
  @Override
  public Map<String, String> defaults() {
    return Map.of("--trajectories", "500");
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--lr", paramLabel = "ETA", required = true, description = "Step size eta.")
  double eta;

  @Option(names = "--lambda", paramLabel = "LAMBDA", required = true, description = "Weight decay lambda > 0.")
  double lambda;

  @Option(names = "--n", paramLabel = "AXIS", required = true,
      description = "Training points per cell, each 1..d-1: START:STOP:COUNT or a list (rounded to whole numbers).")
  String nAxis;

  @Option(names = "--dim", paramLabel = "D", defaultValue = "40", description = "Dimension d (default: ${DEFAULT-VALUE}).")
  int dim;

  @Option(names = "--alpha", paramLabel = "A", defaultValue = "3",
      description = "Initialisation scale, E|w_0|^2 = A^2 (default: ${DEFAULT-VALUE}).")
  double alpha;

  @Option(names = "--batch", paramLabel = "S", description = "Minibatch size (default: full-batch GD).")
  Integer batch;

  @Option(names = "--train-threshold", paramLabel = "L1", defaultValue = "1e-3",
      description = "t1's level of the training loss (default: ${DEFAULT-VALUE}).")
  double trainThreshold;

  @Option(names = "--test-excess", paramLabel = "DELTA", defaultValue = "0.01",
      description = "t2's level: the ridge endpoint's test loss + DELTA (default: ${DEFAULT-VALUE}).")
  double testExcess;

  @Option(names = "--data-seed", paramLabel = "SEED", description = "Seed of the datasets (default: the run's --seed).")
  Long dataSeed;

  @Option(names = "--steps", paramLabel = "T", defaultValue = "0",
      description = "Steps of every cell (default: 0, 10/(eta lambda)).")
  long steps;

  @Mixin EnsembleMixin ensemble;
  @Mixin OutputMixin output;

  @Override
  public void run() {
    if (!(eta > 0) || !Double.isFinite(eta)) {
      throw new UserError("--lr: the step size must be a positive finite number, not " + eta);
    }
    if (!(lambda > 0) || !Double.isFinite(lambda) || !(eta * lambda < 1)) {
      throw new UserError("--lambda: the weight decay must be positive (no drift without it) with eta lambda < 1, "
          + "not " + lambda);
    }
    if (!(alpha >= 0) || !Double.isFinite(alpha) || !(trainThreshold > 0) || !(testExcess > 0)) {
      throw new UserError("--alpha must be >= 0, --train-threshold and --test-excess positive");
    }
    if (steps < 0) {
      throw new UserError("--steps must be at least 1 (or 0: automatic), not " + steps);
    }
    Axis axis;
    try {
      axis = Axis.parse("n", nAxis);
    } catch (IllegalArgumentException e) {
      throw new UserError("--n: " + e.getMessage());
    }
    List<GrokLinreg> models = new ArrayList<>();
    List<Double> deltas = new ArrayList<>();
    long seed = dataSeed != null ? dataSeed : ensemble.seed;
    for (double v : axis.values()) {
      long n = Math.round(v);
      if (n < 1 || n >= dim) {
        throw new UserError("--n: every number of points must be in 1..d-1 = " + (dim - 1) + " (d > n), not " + v);
      }
      GrokData data = GrokData.generate((int) n, dim, 0.0, seed);
      try {
        int s = batch == null ? (int) n : batch;
        GrokLinreg probe = new GrokLinreg(data, eta, lambda, alpha, s, false, trainThreshold, 1.0);
        GrokLinregTheory theory = new GrokLinregTheory(probe);
        if (!theory.stable()) {
          throw new UserError(String.format("--lr %s: gradient descent diverges at n = %d, eta (mu_max + lambda) = "
              + "%.3g >= 2", eta, n, eta * (theory.largest() + lambda)));
        }
        models.add(new GrokLinreg(data, eta, lambda, alpha, s, false, trainThreshold,
            theory.endpointTestLoss() + testExcess));
        deltas.add(testExcess);
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
    }
    ensemble.validated(2);
    Path out = output.required();
    Output.checkWritable(output);
    long t = steps > 0 ? steps : (long) Math.ceil(10 / (eta * lambda));
    long[] times;
    try {
      times = RecordTimes.parse("log:20", t);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    EnsembleOptions options = ensemble.options(times, null);
    GrokLinregResult[] cells = new GrokLinregResult[models.size()];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = GrokLinregExperiment.run(models.get(i), deltas.get(i), options, Kernel.VECTOR,
          org.sgdmc.engine.Simulation.Progress.NONE);
      System.err.printf("sgdmc: cell %d of %d (n = %d) done%n", i + 1, cells.length, models.get(i).data().n());
    }
    Fraction fit = Fraction.of(cells);
    RunMetadata meta = RunMetadata.now(VersionProvider.version(), output.commandLine(spec), ensemble.seed);
    Output.write(() -> GrokSignatureFile.writeFraction(out, output.force, meta, cells, fit.fitted(), fit.law()));
    print(System.out, cells, fit);
    System.out.println("wrote " + out + "   (plot: scripts/plot_grok_signature.py " + out + ")");
  }

  /** The cells in the fit (every trajectory reached t2) and the law fitted to their mean t2 (null below 3 cells). */
  public record Fraction(boolean[] fitted, OffsetPowerLawFit law) {
    public static Fraction of(GrokLinregResult[] cells) {
      boolean[] in = new boolean[cells.length];
      List<double[]> pts = new ArrayList<>();
      for (int i = 0; i < cells.length; i++) {
        GrokLinregResult c = cells[i];
        in[i] = c.t2().fractionNever() == 0 && c.t2().mean().stderr() > 0;
        if (in[i]) {
          pts.add(new double[] {fraction(c), c.t2().mean().value(), c.t2().mean().stderr()});
        }
      }
      if (pts.size() < 3) {
        return new Fraction(in, null);
      }
      double[][] col = new double[3][pts.size()];
      for (int i = 0; i < pts.size(); i++) {
        for (int k = 0; k < 3; k++) {
          col[k][i] = pts.get(i)[k];
        }
      }
      return new Fraction(in, OffsetPowerLawFit.fit(col[0], col[1], col[2]));
    }
  }

  public static double fraction(GrokLinregResult c) {
    return c.model().data().n() / (double) c.model().dim();
  }

  static void print(PrintStream out, GrokLinregResult[] cells, Fraction f) {
    GrokLinreg m0 = cells[0].model();
    out.printf("sweep grok-fraction  d=%d  eta=%s  lambda=%s  alpha=%s  %s  trajectories=%d per cell  steps=%d%n",
        m0.dim(), fmt(m0.eta()), fmt(m0.lambda()), fmt(m0.alpha()), m0.fullBatch() ? "full-batch GD"
            : "SGD S=" + m0.batch(), cells[0].options().trajectories(), cells[0].options().steps());
    out.printf("%-6s %-8s %-14s %-12s %-14s %-10s %s%n", "n", "r = n/d", "mean t2", "+-", "closed form", "t2 never",
        "cell");
    for (int i = 0; i < cells.length; i++) {
      GrokLinregResult c = cells[i];
      out.printf("%-6d %-8s %-14s %-12s %-14s %-10.4f %s%n", c.model().data().n(), fmt(fraction(c)),
          fmt(c.t2().mean().value()), fmt(c.t2().mean().stderr()), fmt(c.t2Closed().mean().value()),
          c.t2().fractionNever(), f.fitted()[i] ? "fitted" : "t2 not reached by every trajectory");
    }
    if (f.law() == null) {
      out.println("fit                fewer than 3 cells reached t2 in every trajectory: no fit");
      return;
    }
    OffsetPowerLawFit law = f.law();
    double[] ci = law.interval95();
    out.printf("fit t2(r) = a r^-gamma + b: gamma = %s, 95%% profile interval [%s, %s]; a = %s, b = %s; chi2/dof %s "
        + "over %d cells%n", fmt(law.gamma()), fmt(ci[0]), fmt(ci[1]), fmt(law.a()), fmt(law.b()),
        fmt(law.chi2PerDof()), law.points());
  }

  static String fmt(double v) {
    return SimulateLinreg1dCommand.fmt(v);
  }
}
