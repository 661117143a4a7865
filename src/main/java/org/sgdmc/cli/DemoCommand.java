package org.sgdmc.cli;

import java.io.PrintStream;
import java.util.Map;
import org.sgdmc.experiments.Scans;
import org.sgdmc.io.Linreg1dScanFile;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.Linreg1dResult;
import org.sgdmc.results.Linreg1dScan;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sgdmc demo}: the main job on an embedded default. Scans the learning rate of linreg1d with Gaussian
 * data across the mean-square threshold and the probabilistic edge for several batch sizes, writes one HDF5
 * file and prints the table of seed 002's central claim: SGD converges in probability far beyond the point
 * where it stops converging in mean square.
 */
@Command(
    name = "demo",
    header = "Scan lr across the mean-square and probabilistic edges of linreg1d (the README's main job).",
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class DemoCommand implements Runnable, SharedOptions.Tailored {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--batches", split = ",", paramLabel = "S", description = "Batch sizes (default: 1,2,4,8).")
  int[] batches = {1, 2, 4, 8};

  @Option(names = "--points", defaultValue = "16", description = "Learning rates per batch size (default: ${DEFAULT-VALUE}).")
  int points;

  @Mixin RunMixin run;

  /** A scan reduces one ensemble per point: it is not sharded (shard its points as separate runs). */
  @Override
  public java.util.Set<String> notApplicable() {
    return java.util.Set.of("--shard");
  }

  @Override
  public Map<String, String> defaults() {
    return Map.of("--trajectories", "20000", "--seed", "2024", "--record-times", "log:30", "--out", "demo.h5");
  }

  @Override
  public void run() {
    if (points < 2 || points > 1000) {
      throw new UserError("--points must be in 2..1000, not " + points);
    }
    for (int s : batches) {
      if (s < 1 || s > 4096) {
        throw new UserError("batch sizes must be in 1..4096, not " + s);
      }
    }
    run.ensemble.validated(2);
    EnsembleOptions options = run.options(null);
    run.steps.checkReach(java.util.Arrays.stream(batches).max().orElse(1), 1);
    run.execute(spec, "demo", progress -> Scans.linreg1dGaussian(batches, points, options, progress),
        Linreg1dScanFile::write, scan -> print(System.out, scan), "plot_lyapunov.py");
  }

  static void print(PrintStream ps, Linreg1dScan scan) {
    ps.printf("linreg1d, Gaussian data, %d trajectories x %d steps per point%n",
        scan.options().trajectories(), scan.options().steps());
    ps.printf("%3s %8s %24s %11s %6s  %-12s %-12s%n", "S", "lr", "Lyapunov (simulated)", "theory", "z", "probability", "mean square");
    for (int i = 0; i < scan.batches().length; i++) {
      Linreg1dScan.Row row = scan.rows()[i];
      ps.printf("--- S = %d: mean-square edge lr = %.4f, probabilistic edge lr = %.4f, GD edge lr = %.4f%n",
          scan.batches()[i], row.lrMeanSquare(), row.lrProbabilistic(), row.lrGd());
      for (int j = 0; j < row.lr().length; j++) {
        Linreg1dResult r = row.results()[j];
        double lam = r.lyapunov().value(), err = r.lyapunov().stderr(), th = row.theory()[j];
        ps.printf("%3d %8.4f %13.5f +- %8.5f %11.5f %6.1f  %-12s %-12s%n", scan.batches()[i], row.lr()[j], lam, err, th,
            (lam - th) / err, lam + 4 * err < 0 ? "converges" : lam - 4 * err > 0 ? "diverges" : "marginal",
            row.lr()[j] < row.lrMeanSquare() ? "converges" : "diverges");
      }
    }
    ps.printf("speed: %.3e trajectory-steps/s over the scan (%d threads)%n", scan.stepsPerSecond(), scan.options().threads());
  }
}
