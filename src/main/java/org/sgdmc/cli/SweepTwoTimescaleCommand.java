package org.sgdmc.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sgdmc.engine.RecordTimes;
import org.sgdmc.experiments.TwoTimescaleExperiment;
import org.sgdmc.io.RunMetadata;
import org.sgdmc.io.TwoTimescaleFile;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.models.TwoTimescale;
import org.sgdmc.models.TwoTimescaleData;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.TwoTimescaleResult;
import org.sgdmc.stats.PowerLawFit;
import org.sgdmc.sweep.Axis;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sgdmc sweep two-timescale}: the regime times over an (a, eps) grid, the fitted exponent of the middle regime
 * against a eps^2 (-1 if u = eps y sets the time scale), and the stationary mean-square jitter fitted as c_a a +
 * c_eps eps (Theorem 4.5's O(a) + O(eps)).
 */
@Command(
    name = "two-timescale",
    header = "Two-timescale SGD over (a, eps): fit the middle regime ~ (a eps^2)^p and the stationary c_a a + c_eps eps.",
    description = {
      "Runs one ensemble per (a, eps) cell (--lr and --eps are axes, a the outer",
      "one) on common random numbers (same seed, same dataset), each for",
      "--multiples/(a eps^2) steps, and fits, over the cells where every",
      "trajectory reached t3, the mean middle regime t3 - t1 against a eps^2 (p",
      "should be -1), and against eps alone with one a (-2), by weighted least",
      "squares with a 95% interval; and the mean E|x - lambda(u)|^2 at the last",
      "step of every cell as c_a a + c_eps eps (weighted least squares; it means",
      "the stationary error only where every cell has reached stationarity, as",
      "with the default --multiples 20)."
    },
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class SweepTwoTimescaleCommand implements Runnable, SharedOptions.Tailored {
  @Override
  public Map<String, String> defaults() {
    return Map.of("--trajectories", "256", "--record-times", "log:40");
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin SgdMixin sgd;

  @Option(names = "--eps", paramLabel = "AXIS", required = true,
      description = "Scale separations in (0, 1]: log:START:STOP:COUNT, START:STOP:COUNT or a list.")
  String eps;

  @Mixin TwoTimescaleMixin tt;

  @Option(names = "--multiples", paramLabel = "K", defaultValue = "20",
      description = "Each cell runs K/(a eps^2) steps (default: ${DEFAULT-VALUE}).")
  double multiples;

  @Option(names = "--steps", paramLabel = "T", defaultValue = "0",
      description = "Steps of every cell (default: 0, each cell runs --multiples/(a eps^2) steps).")
  long steps;

  @Mixin EnsembleMixin ensemble;
  @Mixin OutputMixin output;
  @Mixin ObservablesMixin observables;

  @Option(names = "--record-times", paramLabel = "SPEC", defaultValue = "log:40",
      description = "Recording times of each cell (default: ${DEFAULT-VALUE}).")
  String recordTimes;

  @Override
  public void run() {
    Axis as = axis("lr", sgd.lr);
    Axis es = axis("eps", eps);
    if (steps < 0) {
      throw new UserError("--steps must be at least 1 (or 0: automatic), not " + steps);
    }
    if (!(multiples > 0) || !Double.isFinite(multiples)) {
      throw new UserError("--multiples must be positive, not " + multiples);
    }
    for (double a : as.values()) {
      if (!(a > 0) || !Double.isFinite(a)) {
        throw new UserError("--lr: the step size must be a positive finite number, not " + a);
      }
    }
    TwoTimescaleData data = tt.data(ensemble.seed);
    org.sgdmc.models.Sampling sampling = sgd.sampling(true);
    List<TwoTimescale> models = new ArrayList<>();
    for (double a : as.values()) {
      for (double e : es.values()) {
        models.add(tt.model(data, a, e, sgd.batch(), sampling));
      }
    }
    ensemble.validated(2);
    Path out = output.required();
    Output.checkWritable(output);
    TwoTimescaleResult[] cells = new TwoTimescaleResult[models.size()];
    for (int i = 0; i < cells.length; i++) {
      TwoTimescale m = models.get(i);
      long n = steps > 0 ? steps : (long) Math.ceil(multiples / m.slowStep());
      long[] times;
      try {
        times = RecordTimes.parse(recordTimes, n);
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
      EnsembleOptions options = ensemble.options(times, observables);
      ReshuffleMemory.check(m.reshuffled(), m.data().n(), options);
      cells[i] = TwoTimescaleExperiment.run(m, options, Kernel.VECTOR, org.sgdmc.engine.Simulation.Progress.NONE);
      System.err.printf("sgdmc: cell %d of %d (a = %s, eps = %s) done%n", i + 1, cells.length, fmt(m.a()),
          fmt(m.eps()));
    }
    Fits fits = Fits.of(cells);
    RunMetadata meta = RunMetadata.now(VersionProvider.version(), output.commandLine(spec), ensemble.seed);
    Output.write(() -> TwoTimescaleFile.writeSweep(out, output.force, meta, cells, fits.fitted, fits.slowStep,
        fits.eps, fits.stationary));
    print(System.out, cells, fits);
    System.out.println("wrote " + out);
  }

  private static Axis axis(String name, String spec) {
    try {
      return Axis.parse(name, spec);
    } catch (IllegalArgumentException e) {
      throw new UserError("--" + name + ": " + e.getMessage());
    }
  }

  /**
   * The fits: the mean middle regime against a eps^2 over the fitted cells (null below two distinct values), against
   * eps alone (null unless every cell has one a and two eps are fitted), and the stationary two-term fit.
   */
  record Fits(boolean[] fitted, PowerLawFit slowStep, PowerLawFit eps, double[] stationary) {
    static Fits of(TwoTimescaleResult[] cells) {
      int k = cells.length;
      boolean[] fitted = new boolean[k];
      List<double[]> rows = new ArrayList<>();
      boolean oneA = true;
      for (int i = 0; i < k; i++) {
        TwoTimescaleResult c = cells[i];
        oneA &= c.model().a() == cells[0].model().a();
        fitted[i] = c.middle().fractionNever() == 0 && c.middle().mean().value() > 0;
        if (fitted[i]) {
          rows.add(new double[] {c.model().slowStep(), c.middle().mean().value(), c.middle().mean().stderr(),
              c.model().eps()});
        }
      }
      PowerLawFit s = null, e = null;
      if (rows.stream().mapToDouble(r -> r[0]).distinct().count() >= 2) {
        s = PowerLawFit.fit(col(rows, 0), col(rows, 1), col(rows, 2));
        if (oneA) {
          e = PowerLawFit.fit(col(rows, 3), col(rows, 1), col(rows, 2));
        }
      }
      return new Fits(fitted, s, e, stationary(cells));
    }

    private static double[] col(List<double[]> rows, int j) {
      return rows.stream().mapToDouble(r -> r[j]).toArray();
    }

    /**
     * {@code E|x - lambda(u)|^2} at the last step = c_a a + c_eps eps, weighted least squares over the cells (weights
     * 1/stderr^2): {c_a, c_a stderr, c_eps, c_eps stderr, chi2/dof}, the standard errors scaled by sqrt(chi2/dof)
     * when it is above 1; NaN where the design is singular (one a and one eps, or a proportional to eps).
     */
    static double[] stationary(TwoTimescaleResult[] cells) {
      double saa = 0, sae = 0, see = 0, say = 0, sey = 0;
      int k = cells.length;
      double[] a = new double[k], e = new double[k], y = new double[k], w = new double[k];
      for (int i = 0; i < k; i++) {
        TwoTimescaleResult c = cells[i];
        int last = c.meanJitterSquare().length - 1;
        a[i] = c.model().a();
        e[i] = c.model().eps();
        y[i] = c.meanJitterSquare()[last].value();
        double se = c.meanJitterSquare()[last].stderr();
        w[i] = se > 0 ? 1 / (se * se) : 0;
        saa += w[i] * a[i] * a[i];
        sae += w[i] * a[i] * e[i];
        see += w[i] * e[i] * e[i];
        say += w[i] * a[i] * y[i];
        sey += w[i] * e[i] * y[i];
      }
      double det = saa * see - sae * sae;
      if (!(Math.abs(det) > 1e-12 * saa * see) || k < 3) {
        return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
      }
      double ca = (say * see - sey * sae) / det, ce = (sey * saa - say * sae) / det;
      double chi2 = 0;
      for (int i = 0; i < k; i++) {
        double r = y[i] - ca * a[i] - ce * e[i];
        chi2 += w[i] * r * r;
      }
      double perDof = chi2 / (k - 2);
      double scale = Math.sqrt(Math.max(1, perDof));
      return new double[] {ca, Math.sqrt(see / det) * scale, ce, Math.sqrt(saa / det) * scale, perDof};
    }
  }

  static void print(PrintStream out, TwoTimescaleResult[] cells, Fits fits) {
    if (cells[0].model().reshuffled()) {
      out.println(SimulateTwoTimescaleCommand.reshuffleNote(cells[0].model()));
    }
    out.printf("%-10s %-10s %-12s %-14s %-14s %-22s %-22s%n", "a", "eps", "a eps^2", "median t1", "median t3",
        "mean t3 - t1 (+- se)", "E|x-lambda|^2 at end");
    for (int i = 0; i < cells.length; i++) {
      TwoTimescaleResult c = cells[i];
      int last = c.meanJitterSquare().length - 1;
      out.printf("%-10s %-10s %-12s %-14s %-14s %-22s %-22s%s%n", fmt(c.model().a()), fmt(c.model().eps()),
          fmt(c.model().slowStep()), fmt(c.t1().median()), fmt(c.t3().median()),
          fmt(c.middle().mean().value()) + " +- " + fmt(c.middle().mean().stderr()),
          fmt(c.meanJitterSquare()[last].value()) + " +- " + fmt(c.meanJitterSquare()[last].stderr()),
          fits.fitted[i] ? "" : "  (not fitted: t3 not reached by all)");
    }
    if (fits.slowStep != null) {
      out.printf("middle regime ~ (a eps^2)^p: p = %s +- %s, 95%% [%s, %s] (-1: u = eps y moves with step a eps^2)%n",
          fmt(fits.slowStep.exponent()), fmt(fits.slowStep.stderr()), fmt(fits.slowStep.low()),
          fmt(fits.slowStep.high()));
    }
    if (fits.eps != null) {
      out.printf("middle regime ~ eps^q at one a: q = %s +- %s, 95%% [%s, %s] (-2, not the -1 of step a eps)%n",
          fmt(fits.eps.exponent()), fmt(fits.eps.stderr()), fmt(fits.eps.low()), fmt(fits.eps.high()));
    }
    double[] s = fits.stationary;
    out.printf("stationary E|x - lambda(u)|^2 = c_a a + c_eps eps: c_a = %s +- %s, c_eps = %s +- %s (chi2/dof %s)%n",
        fmt(s[0]), fmt(s[1]), fmt(s[2]), fmt(s[3]), fmt(s[4]));
  }

  static String fmt(double v) {
    return SimulateLinreg1dCommand.fmt(v);
  }
}
