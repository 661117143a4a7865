package org.sgdmc.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sgdmc.experiments.StationaryLawsExperiment;
import org.sgdmc.io.StationaryLawsFile;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.models.LabelledData;
import org.sgdmc.models.Linreg1dTails;
import org.sgdmc.models.Logistic1d;
import org.sgdmc.models.PointGradients;
import org.sgdmc.models.Sampling;
import org.sgdmc.engine.Simulation;
import org.sgdmc.results.StationaryLaws;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sgdmc sde stationary}: SGD's stationary law in 1-D beside its SDE's, per (lr, B). */
@Command(
    name = "stationary",
    header = "linreg1d off interpolation: SGD's stationary law against Euler-Maruyama, the zero-flux SDE law, "
        + "eq. (29) and stable noise.",
    description = {
      "For each (lr, B): samples SGD, Euler-Maruyama of seed 004's SDE at dt = lr/l for each --l, and additive",
      "stable noise; fits each tail; histograms each law and the zero-flux density p ~ D^-1 exp(-int L'/D),",
      "D = lr Sigma/(2B), and seed 004's eq. (29). Prints tail indices side by side (Kesten's for SGD, the SDE's",
      "own 1 + 2 m2/(lr f A), each Euler-Maruyama recursion's Kesten index, the stable alpha) and which model",
      "predicts SGD's tail and bulk."
    },
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class SdeStationaryCommand implements Runnable, SharedOptions.Tailored {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", paramLabel = "M", defaultValue = "linreg1d",
      description = "linreg1d (least squares off interpolation, Gaussian stream: heavy tails) or logistic1d (logistic "
          + "regression on --n generated points, labels sign(x + sigma eps): a non-quadratic loss with light tails) "
          + "(default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--n", paramLabel = "N", defaultValue = "50", description = "logistic1d: data points (default: ${DEFAULT-VALUE}).")
  int n;

  @Option(names = "--data-seed", paramLabel = "SEED", description = "logistic1d: seed of the dataset (default: --seed).")
  Long dataSeed;

  @Option(names = "--lr", paramLabel = "LR", split = ",", required = true, description = "Learning rates eta.")
  double[] lrs;

  @Option(names = "--batch", paramLabel = "B", split = ",", description = "Batch sizes (default: 1).")
  int[] batches = {1};

  @Option(names = "--sampling", paramLabel = "MODE",
      description = "logistic1d: how SGD's batches of the --n points are drawn: 'with' (default: B points with "
          + "replacement, the covariance Sigma/B the SDE models use), 'without' (a fresh B-subset each step) or "
          + "'reshuffle' (a random permutation per epoch, its batches taken in order, floor(N/B) batches an epoch). "
          + "The SDE and Euler-Maruyama models keep Sigma/B: against another sampling they are a reference, not its "
          + "theory. linreg1d draws fresh data each step (N = infinity) and refuses it.")
  String samplingMode;

  @Option(names = "--noise-sigma", paramLabel = "SIGMA", defaultValue = "1",
      description = "Label noise: y = x w* + sigma eps, x and eps standard normal, fresh each step (default: ${DEFAULT-VALUE}).")
  double sigma;

  @Option(names = "--l", paramLabel = "L", split = ",", description = "Euler-Maruyama substeps per step, dt = lr/l (default: 1,4,16).")
  int[] substeps = {1, 4, 16};

  @Option(names = "--stable-alpha", paramLabel = "A", defaultValue = "1.5",
      description = "linreg1d: index of the stable-noise model, in (0, 2], scale matched at alpha = 2; 0 leaves it out "
          + "(default: ${DEFAULT-VALUE}).")
  double stableAlpha;

  @Option(names = "--kernel", paramLabel = "K", defaultValue = "VECTOR",
      description = "vector (fast) or scalar (the reference twin, same bits, slow) (default: vector).")
  Kernel kernel;

  @Mixin EnsembleMixin ensemble;
  @Mixin StationaryMixin sampling;
  @Mixin TailFitMixin fitting;
  @Mixin OutputMixin output;

  @Override
  public Map<String, String> defaults() {
    return Map.of("--trajectories", "32768");
  }

  @Override
  public void run() {
    ensemble.validated(2);
    if (!(sigma > 0) || !Double.isFinite(sigma)) {
      throw new UserError("--noise-sigma must be a positive finite number, not " + sigma);
    }
    if (!(stableAlpha == 0 || (stableAlpha > 0 && stableAlpha <= 2))) {
      throw new UserError("--stable-alpha must be in (0, 2], or 0 to leave stable noise out, not " + stableAlpha);
    }
    for (int l : substeps) {
      if (l < 1 || l > Linreg1dTails.MAX_SUBSTEPS) {
        throw new UserError("--l " + l + " is not in 1.." + Linreg1dTails.MAX_SUBSTEPS);
      }
    }
    boolean logistic;
    switch (model) {
      case "linreg1d" -> logistic = false;
      case "logistic1d" -> logistic = true;
      default -> throw new UserError("unknown model '" + model + "' (expected linreg1d or logistic1d)");
    }
    Sampling drawn = Sampling.WITH_REPLACEMENT;
    if (samplingMode != null) {
      if (!logistic) {
        throw new UserError("--sampling: sde stationary's linreg1d draws fresh data each step (N = infinity); "
            + "the option applies to --model logistic1d");
      }
      drawn = Sampling.parse(samplingMode);
      if (drawn == null) {
        throw new UserError("--sampling: '" + samplingMode + "' is none of " + Sampling.words());
      }
    }
    double[] lx = null;
    double[] ly = null;
    if (logistic) {
      if (n < 2 || n > 100_000) {
        throw new UserError("--n must be in 2..100000, not " + n);
      }
      try {
        PointGradients pg = PointGradients.generated(PointGradients.Loss.LOGISTIC, n, 1, sigma,
            dataSeed == null ? ensemble.seed : dataSeed);
        lx = new double[n];
        for (int i = 0; i < n; i++) {
          lx[i] = pg.x()[i][0];
        }
        ly = pg.y();
        for (double lr : lrs) {
          for (int b : batches) {
            Logistic1d.of(lr, b, lx, ly, org.sgdmc.models.NoiseModel.MINIBATCH, 1, drawn);
          }
        }
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
    }
    LabelledData data = new LabelledData.Stream(sigma);
    for (double lr : logistic ? new double[0] : lrs) {
      for (int b : batches) {
        try {
          Linreg1dTails.minibatch(lr, b, data, true);
          for (int l : substeps) {
            new Linreg1dTails(lr, b, data, true, org.sgdmc.models.NoiseModel.GAUSSIAN, Double.NaN, Double.NaN, l);
          }
        } catch (IllegalArgumentException e) {
          throw new UserError(e.getMessage());
        }
      }
    }
    int maxSubsteps = java.util.Arrays.stream(substeps).max().orElse(1);
    for (int b : batches) {
      sampling.checkReach(Math.max(b, maxSubsteps), 1);
    }
    long samples = ensemble.trajectories * (long) sampling.samplesPerTrajectory;
    long needed = fitting.options(1).fewestSamples();
    if (samples < needed) {
      throw new UserError(String.format("%d samples (--trajectories x --samples-per-trajectory) are too few for the "
          + "tail fit, which needs at least %d; give more", samples, needed));
    }
    if (logistic) {
      ReshuffleMemory.check(drawn == Sampling.RESHUFFLE, n, ensemble.options(new long[] {1}, null));
    }
    Output.checkWritable(output);
    StationaryLawsExperiment.Settings settings = new StationaryLawsExperiment.Settings(data, substeps,
        stableAlpha == 0 ? Double.NaN : stableAlpha, ensemble.seed, kernel, lyap -> sampling.plan(ensemble, lyap),
        fitting.options(ensemble.threads()));
    double[] fx = lx;
    double[] fy = ly;
    long ds = dataSeed == null ? ensemble.seed : dataSeed;
    Sampling mode = drawn;
    output.execute(spec, ensemble.seed, ensemble.trajectories, ensemble.threads(), "sde stationary",
        progress -> {
          List<StationaryLaws> cells = new ArrayList<>();
          long total = (long) lrs.length * batches.length;
          for (double lr : lrs) {
            for (int b : batches) {
              cells.add(logistic
                  ? StationaryLawsExperiment.runLogistic(lr, b, fx, fy, mode, settings, Simulation.Progress.NONE)
                  : StationaryLawsExperiment.run(lr, b, settings, Simulation.Progress.NONE));
              progress.update(cells.size(), total);
            }
          }
          return cells;
        },
        (out, force, meta, cells) -> StationaryLawsFile.write(out, force, meta, model, sigma, ensemble.seed,
            ensemble.trajectories, sampling.samplesPerTrajectory, ensemble.threads(), fx, fy, logistic ? ds : null,
            mode, cells),
        cells -> print(System.out, model, sigma, fx, mode, cells), "plot_stationary.py", null);
  }

  static void print(PrintStream ps, String model, double sigma, double[] x, List<StationaryLaws> cells) {
    print(ps, model, sigma, x, Sampling.WITH_REPLACEMENT, cells);
  }

  static void print(PrintStream ps, String model, double sigma, double[] x, Sampling batches,
      List<StationaryLaws> cells) {
    boolean logistic = model.equals("logistic1d");
    if (logistic) {
      ps.printf("sde stationary  logistic1d: %d points x ~ N(0,1), y = sign(x + %s eps), batches%s; "
          + "u = theta - theta*%n", x.length, sigma, batches.describe());
      if (batches != Sampling.WITH_REPLACEMENT) {
        ps.printf("  the SDE models keep Sigma/B, the covariance of batches with replacement: no theory here models "
            + "SGD %s; its samples are taken wherever the thinning falls%s%n",
            batches == Sampling.RESHUFFLE ? "reshuffled each epoch" : "without replacement",
            batches == Sampling.RESHUFFLE ? ", at any step of an epoch" : "");
      }
    } else {
      ps.printf("sde stationary  linreg1d off interpolation, Gaussian x and eps, sigma = %s, with replacement%n", sigma);
    }
    for (StationaryLaws c : cells) {
      if (logistic) {
        ps.printf("%nlr = %s, B = %d   SDE: dtheta = -L'(theta) dt + sqrt(lr/B Sigma(theta)) dW (exact sums over the "
            + "data); bounded gradient: exponential tails; zero-flux E u^2 = %s%n", c.lr(), c.batch(),
            fmt(c.sdeSecondMoment()));
      } else {
        ps.printf("%nlr = %s, B = %d   SDE: du = -u dt + sqrt(lr/B (2 u^2 + sigma^2)) dW; its own tail index "
            + "1 + 2 m2/(lr f A) = %.4f, E u^2 = %s%n", c.lr(), c.batch(), c.sdeIndex(), fmt(c.sdeSecondMoment()));
      }
      ps.printf("  %-18s %-26s %9s %22s %10s %10s %9s%n", "model", "tail index [95% CI]", "own alpha",
          "E u^2 sim (exact)", "TV to SGD", "TV to ZF", "diverged");
      for (int m = 0; m < c.models().length; m++) {
        String fit = Double.isInfinite(c.theoryIndex()[m]) ? "light tail: no index" : Double.isNaN(c.tailIndex()[m]) ? "not fitted"
            : String.format("%.3f [%.3f, %.3f]", c.tailIndex()[m], c.tailLow()[m], c.tailHigh()[m]);
        String mom = String.format("%s +- %.2g", fmt(c.secondMoment()[m]), c.secondMomentStderr()[m])
            + (Double.isNaN(c.eulerSecondMoment()[m]) ? "" : " (" + fmt(c.eulerSecondMoment()[m]) + ")");
        ps.printf("  %-18s %-26s %9s %22s %10.4f %10.4f %9.2g%n", c.models()[m], fit, alpha(c.theoryIndex()[m]), mom,
            c.tvToSgd()[m], c.tvToZeroFlux()[m], c.diverged()[m]);
      }
      ps.printf("  %-18s %-26s %9s %22s %10.4f %10s%n", "zero-flux (SDE)", "(exact law)", alpha(c.sdeIndex()),
          fmt(c.sdeSecondMoment()), StationaryLaws.tv(c.zeroFlux(), c.histograms()[0]), "0");
      ps.printf("  %-18s %-26s %9s %22s %10.4f %10.4f%n", "seed eq. (29)", "(its tail: exp(-2BL/lr))", "light", "",
          StationaryLaws.tv(c.seed29(), c.histograms()[0]), StationaryLaws.tv(c.seed29(), c.zeroFlux()));
      ps.printf("  TV between two halves of SGD's sample / sqrt 2 (the noise floor of 'TV to SGD'): %.4f%n", c.tvNoise());
    }
    ps.printf("%nwhich model predicts SGD (tail: the index nearest SGD's Kesten index; bulk: the histogram nearest "
        + "SGD's)%n");
    ps.printf("  %6s %3s %9s %9s", "lr", "B", "Kesten", "SDE");
    StationaryLaws first = cells.get(0);
    for (int m = 1; m < first.models().length; m++) {
      ps.printf(" %12s", first.models()[m]);
    }
    ps.printf("   %-22s %s%n", "tail predicted by", "bulk predicted by (TV)");
    for (StationaryLaws c : cells) {
      ps.printf("  %6s %3d %9s %9s", c.lr(), c.batch(), alpha(c.theoryIndex()[0]), alpha(c.sdeIndex()));
      for (int m = 1; m < c.models().length; m++) {
        ps.printf(" %12s", alpha(c.theoryIndex()[m]));
      }
      int t = c.tailPredictor();
      double tErr = t == -3 ? Double.NaN : (t < 0 ? c.sdeIndex() : c.theoryIndex()[t]) / c.theoryIndex()[0] - 1;
      int b = c.bulkPredictor();
      double bTv = b == -1 ? StationaryLaws.tv(c.zeroFlux(), c.histograms()[0])
          : b == -2 ? StationaryLaws.tv(c.seed29(), c.histograms()[0]) : c.tvToSgd()[b];
      String tName = t == -3 ? "(light tails)" : t < 0 ? "SDE" : c.models()[t];
      String bName = b == -1 ? "zero-flux (SDE)" : b == -2 ? "eq. (29)" : c.models()[b];
      ps.printf("   %-22s %s%n", t == -3 ? tName : String.format("%s (%+.1f%%)", tName, 100 * tErr),
          String.format("%s (%.4f; noise %.4f)", bName, bTv, c.tvNoise()));
    }
  }

  static String alpha(double v) {
    return Double.isInfinite(v) ? "light" : String.format("%.4f", v);
  }

  static String fmt(double v) {
    return Double.isInfinite(v) ? "inf" : String.format("%.4g", v);
  }
}
