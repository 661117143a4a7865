package org.sgdmc.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sgdmc.experiments.EscapeExperiment;
import org.sgdmc.io.Escape2dFile;
import org.sgdmc.io.EscapeFile;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.models.DoubleWell;
import org.sgdmc.models.NoiseModel;
import org.sgdmc.models.TwoBasin;
import org.sgdmc.results.EscapeCell;
import org.sgdmc.results.EscapeFit;
import org.sgdmc.results.ExitTimes;
import org.sgdmc.theory.EscapeTheory;
import org.sgdmc.theory.TwoBasinTheory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sgdmc sde escape}: first-exit times from a double well under SGD and its noise models. */
@Command(
    name = "escape",
    header = "Escape from a basin: SGD's first-exit time from a double well against the Gaussian SDE (Kramers) and "
        + "stable noise (Imkeller-Pavlyukevich).",
    description = {
      "The landscape U = height (theta^2/width^2 - 1)^2 is the empirical loss of --n points with per-sample loss",
      "U + a_i theta + b_i theta^2/2 (a, b centred, orthogonal, standard deviations --sigma-a, --sigma-b), so the",
      "minibatch noise has covariance Sigma(theta) = sigma_a^2 + sigma_b^2 theta^2. From theta = -width, each",
      "trajectory runs until theta >= +width (the other minimum) or theta <= -3 width, or the budget of --steps.",
      "For each (height, width, lr, B) cell: SGD, Euler-Maruyama of d theta = -U' dt + sqrt(lr Sigma/B) dW at",
      "dt = lr/l for each --l, and Euler-Maruyama of d theta = -U' dt + eps dL (L symmetric --stable-alpha-stable,",
      "eps = sqrt(lr Sigma(-width)/(2B))); beside the exact SDE mean first passage time (double quadrature),",
      "Kramers' law with the state-dependent diffusion, Imkeller-Pavlyukevich's stable law and SGD's own large-",
      "deviation law (Freidlin-Wentzell with the dataset's cumulant generating function). Times are SDE",
      "time: steps x lr. Prints which prediction is nearest SGD per cell and the fitted laws (slope of ln T",
      "against height, and against ln width) with 95%% intervals."
    },
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class SdeEscapeCommand implements Runnable, SharedOptions.Tailored {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--height", paramLabel = "H", split = ",", description = "Barrier heights (default: 0.25,0.5,0.75,1).")
  double[] heights = {0.25, 0.5, 0.75, 1.0};

  @Option(names = "--width", paramLabel = "W", split = ",", description = "Distances of the minima from the barrier "
      + "top (default: 1).")
  double[] widths = {1.0};

  @Option(names = "--lr", paramLabel = "LR", split = ",", description = "Learning rates eta (default: 0.05).")
  double[] lrs = {0.05};

  @Option(names = "--batch", paramLabel = "B", split = ",", description = "Batch sizes, drawn with replacement "
      + "(default: 1).")
  int[] batches = {1};

  @Option(names = "--n", paramLabel = "N", defaultValue = "64", description = "Data points (default: ${DEFAULT-VALUE}).")
  int n;

  @Option(names = "--sigma-a", paramLabel = "S", defaultValue = "2",
      description = "Standard deviation of the tilts a_i: additive noise (default: ${DEFAULT-VALUE}).")
  double sigmaA;

  @Option(names = "--sigma-b", paramLabel = "S", defaultValue = "1",
      description = "Standard deviation of the curvatures b_i: noise growing as |theta| (default: ${DEFAULT-VALUE}).")
  double sigmaB;

  @Option(names = "--data-seed", paramLabel = "SEED", description = "Seed of the dataset (default: --seed).")
  Long dataSeed;

  @Option(names = "--l", paramLabel = "L", split = ",", description = "Euler-Maruyama substeps per step, dt = lr/l "
      + "(default: 1,8).")
  int[] substeps = {1, 8};

  @Option(names = "--stable-alpha", paramLabel = "A", defaultValue = "1.5",
      description = "Index of the stable-noise model, in (0, 2); 0 leaves it out (default: ${DEFAULT-VALUE}).")
  double stableAlpha;

  @Option(names = "--steps", paramLabel = "T", defaultValue = "100000",
      description = "Budget: steps of lr per trajectory (SDE time steps x lr); later exits are censored "
          + "(default: ${DEFAULT-VALUE}).")
  long steps;

  @Option(names = "--kernel", paramLabel = "K", defaultValue = "VECTOR",
      description = "vector (fast) or scalar (the reference twin, same bits, slow) (default: vector).")
  Kernel kernel;

  @Option(names = "--landscape", paramLabel = "L", defaultValue = "1d",
      description = "1d: the double well above; 2d: the two-basin landscape U = f(x) + c(x) y^2/2 with a narrow deep and "
          + "a wide shallow basin (--basins), escape from each under SGD, the Gaussian SDE and stable noise, beside "
          + "2-D Eyring-Kramers and Imkeller-Pavlyukevich (default: 1d).")
  String landscape;

  @Option(names = "--basins", paramLabel = "HL,WL,HR,WR", split = ",",
      description = "2d: depth and width of the left basin, then of the right one (default: 1,1,0.5,2).")
  double[] basins = {1.0, 1.0, 0.5, 2.0};

  @Option(names = "--kappa", paramLabel = "K", defaultValue = "0.5",
      description = "2d: curvature -f''(0) at the saddle (default: ${DEFAULT-VALUE}).")
  double kappa;

  @Option(names = "--cy", paramLabel = "C", defaultValue = "1",
      description = "2d: y curvature at the saddle, c(x) = cy (1 + rho x^2) (default: ${DEFAULT-VALUE}).")
  double cy;

  @Option(names = "--rho", paramLabel = "R", defaultValue = "0.5",
      description = "2d: growth of the y curvature away from the saddle (default: ${DEFAULT-VALUE}).")
  double rho;

  @Option(names = "--y-exit", paramLabel = "Y", defaultValue = "4",
      description = "2d: exit at |y| >= Y (default: ${DEFAULT-VALUE}).")
  double yExit;

  @Mixin EnsembleMixin ensemble;
  @Mixin OutputMixin output;

  @Override
  public Map<String, String> defaults() {
    return Map.of("--trajectories", "2048");
  }

  @Override
  public void run() {
    ensemble.validated(2);
    if (ensemble.trajectories > 1 << 24) {
      throw new UserError("--trajectories must be at most " + (1 << 24) + " (every exit time is kept), not "
          + ensemble.trajectories);
    }
    if (steps < 1 || steps > 1L << 40) {
      throw new UserError("--steps must be in 1..2^40, not " + steps);
    }
    if (n < 2 || n > 1_000_000) {
      throw new UserError("--n must be in 2..1000000, not " + n);
    }
    if (!(stableAlpha == 0 || (stableAlpha > 0 && stableAlpha < 2))) {
      throw new UserError("--stable-alpha must be in (0, 2), or 0 to leave stable noise out, not " + stableAlpha);
    }
    for (int l : substeps) {
      if (l < 1 || l > DoubleWell.MAX_SUBSTEPS) {
        throw new UserError("--l " + l + " is not in 1.." + DoubleWell.MAX_SUBSTEPS);
      }
    }
    long ds = dataSeed == null ? ensemble.seed : dataSeed;
    if (!landscape.equals("1d") && !landscape.equals("2d")) {
      throw new UserError("--landscape must be 1d or 2d, not " + landscape);
    }
    boolean twoD = landscape.equals("2d");
    for (String o : twoD ? new String[] {"--height", "--width"}
        : new String[] {"--basins", "--kappa", "--cy", "--rho", "--y-exit"}) {
      if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
        throw new UserError(o + " does not apply to --landscape " + landscape
            + (twoD ? " (its basins are set by --basins HL,WL,HR,WR)" : " (it sets the 2d landscape)"));
      }
    }
    if (twoD) {
      run2d(ds);
      return;
    }
    double[][] ab;
    try {
      ab = DoubleWell.dataset(n, sigmaA, sigmaB, ds);
      for (double h : heights) {
        for (double w : widths) {
          for (double lr : lrs) {
            for (int b : batches) {
              DoubleWell g = DoubleWell.of(h, w, ab, lr, b, NoiseModel.GAUSSIAN, 1, Double.NaN);
              if (!(sigmaA > 0)) {
                throw new IllegalArgumentException("--sigma-a must be positive: the SDE needs noise at the barrier "
                    + "top, not " + sigmaA);
              }
              if (EscapeTheory.quasiPotentialBarrier(g) > 600) {
                throw new IllegalArgumentException(String.format("the barrier is %.0f noise units high at height %s, "
                    + "width %s, lr %s, B %d: no escape to measure (lower it, or raise the noise)",
                    EscapeTheory.quasiPotentialBarrier(g), h, w, lr, b));
              }
            }
          }
        }
      }
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    Output.checkWritable(output);
    EscapeExperiment.Settings settings = new EscapeExperiment.Settings(ab, substeps,
        stableAlpha == 0 ? Double.NaN : stableAlpha, ensemble.trajectories, steps, ensemble.seed, kernel,
        ensemble.threads());
    record Run(List<EscapeCell> cells, List<EscapeFit> fits) {}
    output.execute(spec, ensemble.seed, ensemble.trajectories, ensemble.threads(), "sde escape",
        progress -> {
          List<EscapeCell> cells = new ArrayList<>();
          long total = (long) heights.length * widths.length * lrs.length * batches.length;
          for (double lr : lrs) {
            for (int b : batches) {
              for (double w : widths) {
                for (double h : heights) {
                  cells.add(EscapeExperiment.run(h, w, lr, b, settings));
                  progress.update(cells.size(), total);
                }
              }
            }
          }
          return new Run(cells, EscapeExperiment.fits(cells));
        },
        (out, force, meta, run) -> EscapeFile.write(out, force, meta, ab, ds, sigmaA, sigmaB, ensemble.seed,
            ensemble.trajectories, steps, ensemble.threads(), run.cells(), run.fits()),
        run -> print(System.out, sigmaA, sigmaB, n, run.cells(), run.fits()), "plot_escape.py", null);
  }

  /** {@code --landscape 2d}: escape from both basins of a {@link TwoBasin} landscape, per (lr, B). */
  private void run2d(long ds) {
    if (basins.length != 4) {
      throw new UserError("--basins takes 4 numbers HL,WL,HR,WR, not " + basins.length);
    }
    if (n < 3) {
      throw new UserError("--landscape 2d needs --n of at least 3, not " + n);
    }
    List<TwoBasin[]> cells = new ArrayList<>();
    double[][] data;
    try {
      data = TwoBasin.dataset(n, sigmaA, sigmaB, ds);
      for (double lr : lrs) {
        for (int b : batches) {
          for (boolean right : new boolean[] {false, true}) {
            List<TwoBasin> models = new ArrayList<>();
            models.add(TwoBasin.of(basins[0], basins[1], basins[2], basins[3], kappa, cy, rho, yExit, right, data, lr, b,
                NoiseModel.MINIBATCH, 1, Double.NaN));
            for (int l : substeps) {
              models.add(TwoBasin.of(basins[0], basins[1], basins[2], basins[3], kappa, cy, rho, yExit, right, data, lr,
                  b, NoiseModel.GAUSSIAN, l, Double.NaN));
            }
            if (stableAlpha > 0) {
              models.add(TwoBasin.of(basins[0], basins[1], basins[2], basins[3], kappa, cy, rho, yExit, right, data, lr,
                  b, NoiseModel.STABLE, substeps[substeps.length - 1], stableAlpha));
            }
            if (TwoBasinTheory.quasiPotentialBarrier(models.get(0)) > 600) {
              throw new IllegalArgumentException(String.format("the barrier is %.0f noise units high at lr %s, B %d: "
                  + "no escape to measure (raise the noise)", TwoBasinTheory.quasiPotentialBarrier(models.get(0)), lr,
                  b));
            }
            cells.add(models.toArray(TwoBasin[]::new));
          }
        }
      }
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    Output.checkWritable(output);
    String[] names = new String[cells.get(0).length];
    for (int m = 0; m < names.length; m++) {
      TwoBasin t = cells.get(0)[m];
      names[m] = switch (t.noise()) {
        case MINIBATCH -> "sgd";
        case GAUSSIAN -> "em l=" + t.substeps();
        default -> "stable alpha=" + t.alpha() + " l=" + t.substeps();
      };
    }
    output.execute(spec, ensemble.seed, ensemble.trajectories, ensemble.threads(), "sde escape 2d",
        progress -> {
          List<ExitTimes[]> exits = new ArrayList<>();
          for (TwoBasin[] cell : cells) {
            ExitTimes[] e = new ExitTimes[cell.length];
            for (int m = 0; m < cell.length; m++) {
              e[m] = EscapeExperiment.exitTimes(cell[m], ensemble.trajectories, steps, ensemble.seed, kernel,
                  ensemble.threads());
            }
            exits.add(e);
            progress.update(exits.size(), cells.size());
          }
          return exits;
        },
        (out, force, meta, exits) -> Escape2dFile.write(out, force, meta, data, ds, sigmaA, sigmaB, ensemble.seed,
            ensemble.trajectories, steps, ensemble.threads(), cells, exits, names),
        exits -> print2d(System.out, cells, exits, names), "plot_escape.py", null);
  }

  private void print2d(PrintStream ps, List<TwoBasin[]> cells, List<ExitTimes[]> exits, String[] names) {
    ps.printf("sde escape --landscape 2d  U = f(x) + cy (1 + rho x^2) y^2/2, left basin depth %s width %s, right basin "
        + "depth %s width %s, kappa %s, cy %s, rho %s; %d points, Sigma = %s^2 I + %s^2 theta theta^T; from each "
        + "minimum until the other minimum's x (crossed) or outwards (x one width beyond the minimum, |y| >= %s); "
        + "SDE time, mean +- stderr%n", basins[0], basins[1], basins[2], basins[3], kappa, cy, rho, n, sigmaA, sigmaB,
        yExit);
    for (int i = 0; i < cells.size(); i++) {
      TwoBasin[] cell = cells.get(i);
      TwoBasin m0 = cell[0];
      ps.printf("%n%s basin (depth %s, width %s), lr %s, B %d   lr f''(min) = %.3g; barrier / noise %.3f%n",
          m0.right() ? "right" : "left", m0.depth(), m0.width(), m0.lr(), m0.batch(), m0.lr() * m0.fSecond(m0.start()),
          TwoBasinTheory.quasiPotentialBarrier(m0));
      ps.printf("  %-22s %24s %9s %9s %10s %6s%n", "model", "mean exit time", "censored", "outwards", "median", "cv");
      for (int m = 0; m < cell.length; m++) {
        ExitTimes e = exits.get(i)[m];
        ps.printf("  %-22s %24s %9.3f %9.3f %10s %6.3f%n", names[m], meanText(e), e.censoredFraction(),
            e.leftFraction(), fmt(e.median()), e.cv());
      }
      ps.printf("  %-22s %24s%n", "Eyring-Kramers 2-D", fmt(TwoBasinTheory.eyringKramers(m0)));
      ps.printf("  %-22s %24s%n", "reduced 1-D (quadr.)", fmt(TwoBasinTheory.reducedMeanExitTime(m0)));
      TwoBasin st = cell[cell.length - 1];
      if (st.noise() == NoiseModel.STABLE) {
        ps.printf("  %-22s %24s   (eps = %.4g)%n", "Imkeller-Pavlyukevich", fmt(TwoBasinTheory.stableMeanExitTime(st)),
            st.stableScale());
      }
    }
  }

  static void print(PrintStream ps, double sigmaA, double sigmaB, int n, List<EscapeCell> cells, List<EscapeFit> fits) {
    ps.printf("sde escape  U = h (theta^2/w^2 - 1)^2 from %d points, Sigma(theta) = %s^2 + %s^2 theta^2; start -w, "
        + "exit at +w (or -3w); times in SDE time (steps x lr), mean +- stderr%n", n, sigmaA, sigmaB);
    for (EscapeCell c : cells) {
      ps.printf("%nheight %s, width %s, lr %s, B %d   lr U''(min) = %.3g; barrier in noise units: quasi-potential %.3f, "
          + "frozen h/D(min) %.3f%n", c.height(), c.width(), c.lr(), c.batch(), c.lr() * 8 * c.height()
          / (c.width() * c.width()), c.quasiBarrier(), Math.log(c.kramersFrozen() / (2 * Math.PI * c.width() * c.width()
          / (c.height() * Math.sqrt(32)))));
      ps.printf("  %-20s %24s %9s %9s %10s %10s %10s %6s%n", "model", "mean exit time", "censored", "left", "q10",
          "median", "q90", "cv");
      for (int m = 0; m < c.models().length; m++) {
        ExitTimes e = c.exits()[m];
        ps.printf("  %-20s %24s %9.3f %9.3f %10s %10s %10s %6.3f%n", c.models()[m], meanText(e), e.censoredFraction(),
            e.leftFraction(), fmt(e.q10()), fmt(e.median()), fmt(e.q90()), e.cv());
      }
      ps.printf("  %-20s %24s%n", "exact SDE (quadr.)", fmt(c.exact()));
      ps.printf("  %-20s %24s   (ratio to exact %.3f)%n", "Kramers, state D", fmt(c.kramers()), c.kramers() / c.exact());
      ps.printf("  %-20s %24s   (ratio to exact %.3f)%n", "Kramers, frozen D", fmt(c.kramersFrozen()),
          c.kramersFrozen() / c.exact());
      ps.printf("  %-20s %24s   (barrier %.3f against the SDE's %.3f)%n", "SGD large deviations", fmt(c.sgdTheory()),
          c.sgdBarrier(), c.quasiBarrier());
      if (!Double.isNaN(c.stableTheory())) {
        ps.printf("  %-20s %24s   (eps = %.4g)%n", "Imkeller-Pavlyukevich", fmt(c.stableTheory()), c.stableScale());
      }
    }
    ps.printf("%nwhich prediction is nearest SGD's mean exit time (ratio = prediction / SGD; z = ln ratio / se)%n");
    ps.printf("  %6s %6s %6s %3s %24s   %-22s %8s %8s %9s %8s %8s%n", "height", "width", "lr", "B", "SGD", "nearest",
        "ratio", "z", "exact/SGD", "LD/SGD", "EM1/SGD");
    for (EscapeCell c : cells) {
      ExitTimes s = c.exits()[0];
      int b = c.sgdPredictor();
      double ratio = b == Integer.MIN_VALUE ? Double.NaN : c.prediction(b) / s.mean();
      double seB = b > 0 ? c.exits()[b].logStderr() : 0;
      double z = Math.log(ratio) / Math.sqrt(s.logStderr() * s.logStderr() + seB * seB);
      double em1 = c.models().length > 1 ? c.exits()[1].mean() / s.mean() : Double.NaN;
      ps.printf("  %6s %6s %6s %3d %24s   %-22s %8.3f %8.2f %9.3f %8.3f %8.3f%n", c.height(), c.width(), c.lr(),
          c.batch(), meanText(s), b == Integer.MIN_VALUE ? "(none)" : c.predictionName(b), ratio, z, c.exact() / s.mean(),
          c.sgdTheory() / s.mean(), em1);
    }
    if (!fits.isEmpty()) {
      ps.printf("%nfitted laws: slope of ln(mean exit time) against height (Kramers: the inverse temperature) or "
          + "against ln width (stable: alpha), 95%% interval%n");
      ps.printf("  %-10s %6s %3s %7s  %-22s %10s %22s %6s%n", "against", "lr", "B", "fixed", "model", "slope",
          "95% interval", "cells");
      for (EscapeFit f : fits) {
        ps.printf("  %-10s %6s %3d %7s  %-22s %10.4f %22s %6d%n", f.variable(), f.lr(), f.batch(), f.fixed(), f.model(),
            f.slope(), f.low() == f.high() ? "(theory)" : String.format("[%.4f, %.4f]", f.low(), f.high()), f.points());
      }
    }
  }

  static String meanText(ExitTimes e) {
    if (Double.isInfinite(e.mean())) {
      return "all censored";
    }
    return String.format("%.4g +- %.2g%s", e.mean(), e.stderr(), e.censoredFraction() > 0 ? " (s)" : "");
  }

  static String fmt(double v) {
    return Double.isInfinite(v) ? "inf" : Double.isNaN(v) ? "-" : String.format("%.4g", v);
  }
}
