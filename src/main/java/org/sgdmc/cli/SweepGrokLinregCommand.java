package org.sgdmc.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sgdmc.engine.RecordTimes;
import org.sgdmc.experiments.GrokLinregExperiment;
import org.sgdmc.io.GrokLinregFile;
import org.sgdmc.io.RunMetadata;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.models.GrokData;
import org.sgdmc.models.GrokLinreg;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.GrokLinregResult;
import org.sgdmc.stats.PowerLawFit;
import org.sgdmc.sweep.Axis;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sgdmc sweep grok-linreg}: t1 and t2 against the weight decay lambda, and the fitted exponent of t2 (it
 * should be -1) and of t1 (0), over the cells where the two time scales separate.
 */
@Command(
    name = "grok-linreg",
    header = "Grokking linear regression over lambda (and eta) axes: fit t2 ~ (eta lambda)^p (p should be -1).",
    description = {
      "Runs one ensemble per (eta, lambda) cell (--lr and --lambda are axes, eta",
      "the outer one) on common random numbers (same seed, same dataset), each for",
      "10/(eta lambda) steps (10^4 at lambda = 0), and fits the exponent of the",
      "mean t2 against eta lambda over all fitted cells (it should be -1: t2",
      "collapses on 1/(eta lambda)) and, with one eta, of the mean t2 and t1",
      "against lambda (-1 and 0), by weighted least squares with a 95% interval.",
      "A cell is fitted where the time scales separate: every trajectory reached",
      "both levels and the median t2 is at least 10 times the median t1. The other",
      "cells are reported and marked: lambda too large (t1 never reached, or no",
      "separation), or lambda = 0 (no drift)."
    },
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class SweepGrokLinregCommand implements Runnable, SharedOptions.Tailored {
  @Override
  public Map<String, String> defaults() {
    return Map.of("--trajectories", "1000", "--record-times", "log:40");
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin SgdMixin sgd;
  @Mixin GrokMixin grok;

  @Option(names = "--lambda", paramLabel = "AXIS", required = true,
      description = "Weight decays: log:START:STOP:COUNT, START:STOP:COUNT or a list (0 allowed in a list).")
  String lambda;

  @Option(names = "--drift-multiples", paramLabel = "K", defaultValue = "10",
      description = "Each cell runs K/(eta lambda) steps (default: ${DEFAULT-VALUE}).")
  double multiples;

  @Option(names = "--steps", paramLabel = "T", defaultValue = "0",
      description = "Steps of every cell (default: 0, each cell runs --drift-multiples/(eta lambda) steps).")
  long steps;

  @Mixin EnsembleMixin ensemble;
  @Mixin OutputMixin output;
  @Mixin ObservablesMixin observables;

  @Option(names = "--record-times", paramLabel = "SPEC", defaultValue = "log:40",
      description = "Recording times of each cell (default: ${DEFAULT-VALUE}).")
  String recordTimes;

  @Override
  public void run() {
    Axis axis;
    try {
      axis = Axis.parse("lambda", lambda);
    } catch (IllegalArgumentException e) {
      throw new UserError("--lambda: " + e.getMessage());
    }
    if (steps < 0) {
      throw new UserError("--steps must be at least 1 (or 0: automatic), not " + steps);
    }
    if (!(multiples > 0) || !Double.isFinite(multiples)) {
      throw new UserError("--drift-multiples must be positive, not " + multiples);
    }
    Axis etas;
    try {
      etas = Axis.parse("lr", sgd.lr);
    } catch (IllegalArgumentException e) {
      throw new UserError("--lr: " + e.getMessage());
    }
    for (double eta : etas.values()) {
      if (!(eta > 0) || !Double.isFinite(eta)) {
        throw new UserError("--lr: the learning rate must be a positive finite number, not " + eta);
      }
    }
    GrokData data = grok.data(ensemble.seed);
    Integer batch = sgd.batch == null ? null : sgd.batch();
    List<GrokLinreg> models = new ArrayList<>();
    for (double eta : etas.values()) {
      for (double l : axis.values()) {
        models.add(grok.model(data, eta, l, batch, sgd.withReplacement()));
      }
    }
    ensemble.validated(2);
    Path out = output.required();
    Output.checkWritable(output);
    double delta = grok.testExcess;
    GrokLinregResult[] cells = new GrokLinregResult[models.size()];
    for (int i = 0; i < cells.length; i++) {
      GrokLinreg m = models.get(i);
      long steps = this.steps > 0 ? this.steps
          : m.lambda() == 0 ? 10_000 : (long) Math.ceil(multiples * m.driftSteps());
      long[] times;
      try {
        times = RecordTimes.parse(recordTimes, steps);
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
      EnsembleOptions options = ensemble.options(times, observables);
      cells[i] = GrokLinregExperiment.run(m, delta, options, Kernel.VECTOR, org.sgdmc.engine.Simulation.Progress.NONE);
      System.err.printf("sgdmc: cell %d of %d (eta = %s, lambda = %s) done%n", i + 1, cells.length, fmt(m.eta()),
          fmt(m.lambda()));
    }
    Sweep sweep = Sweep.of(cells);
    RunMetadata meta = RunMetadata.now(VersionProvider.version(), output.commandLine(spec), ensemble.seed);
    Output.write(() -> GrokLinregFile.writeSweep(out, output.force, meta, cells, sweep.separated(), sweep.t2(),
        sweep.t1(), sweep.t2EtaLambda()));
    print(System.out, cells, sweep);
    System.out.println("wrote " + out + "   (plot: scripts/plot_grok.py " + out + ")");
  }

  /**
   * The cells the fits use and the fits: of the mean t2 and t1 against lambda (null unless every cell has the same
   * eta and at least two cells separate) and of the mean t2 against eta lambda (null where fewer than two cells with
   * distinct eta lambda separate).
   */
  public record Sweep(boolean[] separated, PowerLawFit t2, PowerLawFit t1, PowerLawFit t2EtaLambda) {
    public static Sweep of(GrokLinregResult[] cells) {
      boolean[] sep = new boolean[cells.length];
      List<double[]> pts = new ArrayList<>();
      boolean oneEta = true;
      for (int i = 0; i < cells.length; i++) {
        GrokLinregResult c = cells[i];
        oneEta &= c.model().eta() == cells[0].model().eta();
        sep[i] = separated(c);
        if (sep[i]) {
          pts.add(new double[] {c.model().lambda(), c.t2().mean().value(), c.t2().mean().stderr(),
              c.t1().mean().value(), c.t1().mean().stderr(), c.model().eta() * c.model().lambda()});
        }
      }
      double[][] cols = new double[6][pts.size()];
      for (int i = 0; i < pts.size(); i++) {
        for (int k = 0; k < 6; k++) {
          cols[k][i] = pts.get(i)[k];
        }
      }
      long distinct = java.util.Arrays.stream(cols[5]).distinct().count();
      PowerLawFit collapse = distinct >= 2 ? PowerLawFit.fit(cols[5], cols[1], cols[2]) : null;
      if (!oneEta || distinct < 2) {
        return new Sweep(sep, null, null, collapse);
      }
      return new Sweep(sep, PowerLawFit.fit(cols[0], cols[1], cols[2]), PowerLawFit.fit(cols[0], cols[3], cols[4]),
          collapse);
    }

    /** Every trajectory reached both levels, lambda > 0, and the median t2 is at least 10 median t1. */
    public static boolean separated(GrokLinregResult c) {
      return c.model().lambda() > 0 && c.t1().fractionNever() == 0 && c.t2().fractionNever() == 0
          && c.t2().median() >= 10 * Math.max(1, c.t1().median());
    }
  }

  static void print(PrintStream out, GrokLinregResult[] cells, Sweep s) {
    GrokLinreg m0 = cells[0].model();
    out.printf("sweep grok-linreg  d=%d  n=%d  eta=%s  alpha=%s  %s  trajectories=%d per cell%n", m0.dim(),
        m0.data().n(), etas(cells), fmt(m0.alpha()), m0.fullBatch() ? "full-batch GD" : "SGD S=" + m0.batch(),
        cells[0].options().trajectories());
    out.printf("%-10s %-12s %-10s %-12s %-12s %-12s %-10s %-12s %s%n", "eta", "lambda", "steps", "median t1", "median t2",
        "eta lam t2", "t2 never", "closed ok", "cell");
    for (int i = 0; i < cells.length; i++) {
      GrokLinregResult c = cells[i];
      double l = c.model().lambda();
      String why = s.separated()[i] ? "fitted" : l == 0 ? "lambda = 0: no drift"
          : c.t1().fractionNever() > 0 ? "lambda too large: train level not reached"
          : c.t2().fractionNever() > 0 ? "t2 not reached within the run" : "lambda too large: no separation";
      out.printf("%-10s %-12s %-10d %-12s %-12s %-12s %-10.4f %-12.4f %s%n", fmt(c.model().eta()), fmt(l),
          c.options().steps(),
          fmt(c.t1().median()), fmt(c.t2().median()), fmt(c.model().eta() * l * c.t2().median()),
          c.t2().fractionNever(), c.t2Agreeing(), why);
    }
    if (s.t2EtaLambda() == null) {
      out.println("fit                fewer than 2 cells separate the time scales: no fit");
      return;
    }
    PowerLawFit c = s.t2EtaLambda();
    out.printf("fit t2 ~ (eta lambda)^p  p = %s +- %s, 95%% interval [%s, %s] over %d cells (chi2/dof %s): %s%n",
        fmt(c.exponent()), fmt(c.stderr()), fmt(c.low()), fmt(c.high()), c.points(), fmt(c.chi2PerDof()),
        c.covers(-1) ? "covers -1" : "does NOT cover -1");
    if (s.t2() == null) {
      return;
    }
    out.printf("fit t2 ~ lambda^p  p = %s +- %s, 95%% interval [%s, %s] over %d cells (chi2/dof %s): %s%n",
        fmt(s.t2().exponent()), fmt(s.t2().stderr()), fmt(s.t2().low()), fmt(s.t2().high()), s.t2().points(),
        fmt(s.t2().chi2PerDof()), s.t2().covers(-1) ? "covers -1" : "does NOT cover -1");
    out.printf("fit t1 ~ lambda^p  p = %s +- %s, 95%% interval [%s, %s]: %s%n", fmt(s.t1().exponent()),
        fmt(s.t1().stderr()), fmt(s.t1().low()), fmt(s.t1().high()),
        s.t1().covers(0) ? "covers 0 (t1 does not depend on lambda)" : "does NOT cover 0");
  }

  private static String etas(GrokLinregResult[] cells) {
    java.util.LinkedHashSet<String> e = new java.util.LinkedHashSet<>();
    for (GrokLinregResult c : cells) {
      e.add(fmt(c.model().eta()));
    }
    return String.join(",", e);
  }

  static String fmt(double v) {
    return SimulateLinreg1dCommand.fmt(v);
  }
}
