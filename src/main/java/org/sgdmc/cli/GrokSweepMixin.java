package org.sgdmc.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import org.sgdmc.engine.RecordTimes;
import org.sgdmc.stats.PowerLawFit;
import org.sgdmc.sweep.Axis;
import org.sgdmc.sweep.GrokSweep;
import picocli.CommandLine.Option;

/**
 * The options and the loop every grok sweep shares ({@code sweep grok-linreg|grok-diag|grok-mc|grok-relu}): the
 * lambda axis, how long each cell runs, the cells in order (eta the outer axis), and the table and fits printed at
 * the end ({@link GrokSweep}).
 */
public final class GrokSweepMixin {
  @Option(names = "--lambda", paramLabel = "AXIS", required = true,
      description = "Weight decays: log:START:STOP:COUNT, START:STOP:COUNT or a list (0 allowed in a list).")
  String lambda;

  @Option(names = "--drift-multiples", paramLabel = "K", defaultValue = "10",
      description = "Each cell runs K/(eta lambda) steps (default: ${DEFAULT-VALUE}).")
  double multiples;

  @Option(names = "--steps", paramLabel = "T", defaultValue = "0",
      description = "Steps of every cell (default: 0, each cell runs --drift-multiples/(eta lambda) steps).")
  long steps;

  /** The (eta, lambda) of every cell, eta the outer axis; every bad value one line. */
  List<double[]> cells(String lr) {
    Axis lambdas;
    try {
      lambdas = Axis.parse("lambda", lambda);
    } catch (IllegalArgumentException e) {
      throw new UserError("--lambda: " + e.getMessage());
    }
    for (double l : lambdas.values()) {
      if (!(l >= 0) || !Double.isFinite(l)) {
        throw new UserError("--lambda: the weight decay must be a finite number >= 0, not " + l);
      }
    }
    if (steps < 0) {
      throw new UserError("--steps must be at least 1 (or 0: automatic), not " + steps);
    }
    if (!(multiples > 0) || !Double.isFinite(multiples)) {
      throw new UserError("--drift-multiples must be positive, not " + multiples);
    }
    Axis etas;
    try {
      etas = Axis.parse("lr", lr);
    } catch (IllegalArgumentException e) {
      throw new UserError("--lr: " + e.getMessage());
    }
    List<double[]> out = new ArrayList<>();
    for (double eta : etas.values()) {
      if (!(eta > 0) || !Double.isFinite(eta)) {
        throw new UserError("--lr: the learning rate must be a positive finite number, not " + eta);
      }
      for (double l : lambdas.values()) {
        out.add(new double[] {eta, l});
      }
    }
    return out;
  }

  /**
   * The steps of a cell: {@code --steps} when given, else {@code --drift-multiples / (eta lambda)} rounded up, and
   * {@code zeroLambda} steps at lambda = 0.
   */
  long steps(double eta, double lambda, long zeroLambda) {
    return steps > 0 ? steps : lambda == 0 ? zeroLambda : (long) Math.ceil(multiples / (eta * lambda));
  }

  /**
   * The steps at lambda = 0 for the models without a fixed count: as long as the longest cell with weight decay
   * (so "no drift" means none within the time the smallest lambda needed), {@code fallback} when there is none.
   */
  long zeroLambdaSteps(List<double[]> cells, long fallback) {
    long most = 0;
    for (double[] c : cells) {
      if (c[1] > 0) {
        most = Math.max(most, steps(c[0], c[1], 0));
      }
    }
    return most > 0 ? most : fallback;
  }

  /** The recording times of a cell, one line on a bad specification. */
  static long[] recordTimes(String spec, long steps) {
    try {
      return RecordTimes.parse(spec, steps);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  /** Runs the cells in order, a line on stderr after each. */
  static <R> List<R> run(List<double[]> cells, Function<double[], R> cell) {
    List<R> out = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      double[] c = cells.get(i);
      out.add(cell.apply(c));
      System.err.printf("sgdmc: cell %d of %d (eta = %s, lambda = %s) done%n", i + 1, cells.size(), fmt(c[0]),
          fmt(c[1]));
    }
    return out;
  }

  /**
   * The table of cells (with one extra column of the model's own, {@code extraName}: {@code extra[i]} per cell) and
   * the fits.
   */
  static void print(PrintStream out, GrokSweep.Cell[] cells, GrokSweep.Fits s, String extraName, String[] extra) {
    out.printf("%-10s %-12s %-10s %-12s %-12s %-12s %-10s %-12s %s%n", "eta", "lambda", "steps", "median t1",
        "median t2", "eta lam t2", "t2 never", extraName, "cell");
    for (int i = 0; i < cells.length; i++) {
      GrokSweep.Cell c = cells[i];
      out.printf("%-10s %-12s %-10d %-12s %-12s %-12s %-10.4f %-12s %s%n", fmt(c.eta()), fmt(c.lambda()), c.steps(),
          fmt(c.t1().median()), fmt(c.t2().median()), fmt(c.eta() * c.lambda() * c.t2().median()),
          c.t2().fractionNever(), extra[i], GrokSweep.why(c, s.separated()[i]));
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

  /** The distinct learning rates of the cells, comma-separated. */
  static String etas(GrokSweep.Cell[] cells) {
    LinkedHashSet<String> e = new LinkedHashSet<>();
    for (GrokSweep.Cell c : cells) {
      e.add(fmt(c.eta()));
    }
    return String.join(",", e);
  }

  /** The median at the last recording time of a log-distance's summaries: exp of its median. */
  static double endpointMedian(org.sgdmc.stats.EnsembleSummary[] log, double[] levels) {
    int q = levels.length / 2;
    for (int i = 0; i < levels.length; i++) {
      if (levels[i] == 0.5) {
        q = i;
      }
    }
    return Math.exp(log[log.length - 1].quantiles()[q]);
  }

  static String fmt(double v) {
    return SimulateLinreg1dCommand.fmt(v);
  }
}
