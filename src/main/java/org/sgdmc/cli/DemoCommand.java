package org.sgdmc.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.sgdmc.engine.RecordTimes;
import org.sgdmc.engine.Simulation;
import org.sgdmc.experiments.EnsembleOptions;
import org.sgdmc.experiments.Linreg1dExperiment;
import org.sgdmc.experiments.Linreg1dScan;
import org.sgdmc.io.Linreg1dScanFile;
import org.sgdmc.io.RunMetadata;
import picocli.CommandLine;
import picocli.CommandLine.Command;
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
public final class DemoCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE.h5", defaultValue = "demo.h5",
      description = "Output file (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--force", description = "Overwrite the output if it exists.")
  boolean force;

  @Option(names = "--batches", split = ",", paramLabel = "S", description = "Batch sizes (default: 1,2,4,8).")
  int[] batches = {1, 2, 4, 8};

  @Option(names = "--points", defaultValue = "16", description = "Learning rates per batch size (default: ${DEFAULT-VALUE}).")
  int points;

  @Option(names = "--trajectories", defaultValue = "20000", description = "Trajectories per point (default: ${DEFAULT-VALUE}).")
  long trajectories;

  @Option(names = "--steps", defaultValue = "1000", description = "Steps per trajectory (default: ${DEFAULT-VALUE}).")
  long steps;

  @Option(names = "--seed", defaultValue = "2024", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", description = "Worker threads (default: all cores).")
  Integer threads;

  @Option(names = "--progress", negatable = true, description = "Show progress on stderr (default: when a terminal).")
  Boolean progress;

  @Override
  public void run() {
    OutputMixin o = new OutputMixin();
    o.out = out;
    o.force = force;
    o.progress = progress;
    Output.checkWritable(o);
    if (points < 2 || points > 1000) {
      throw new UserError("--points must be in 2..1000, not " + points);
    }
    for (int s : batches) {
      if (s < 1 || s > 4096) {
        throw new UserError("batch sizes must be in 1..4096, not " + s);
      }
    }
    if (trajectories < 2 || steps < 1) {
      throw new UserError("--trajectories must be at least 2 and --steps at least 1");
    }
    int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (t < 1) {
      throw new UserError("--threads must be at least 1");
    }
    EnsembleOptions options = new EnsembleOptions(trajectories, RecordTimes.parse("log:30", steps), seed, t,
        EnsembleOptions.DEFAULT_BLOCK_WIDTH, EnsembleOptions.DEFAULT_QUANTILES, EnsembleOptions.DEFAULT_EPSILONS,
        EnsembleOptions.DEFAULT_DIVERGED_ABOVE);
    Linreg1dScan scan;
    try (ProgressBar bar = o.showProgress() ? new ProgressBar(System.err, "demo") : null) {
      scan = Linreg1dScan.gaussian(batches, points, options, bar == null ? Simulation.Progress.NONE : bar);
    }
    RunMetadata meta = RunMetadata.now(VersionProvider.version(), Output.commandLine(spec), seed);
    Output.write(() -> Linreg1dScanFile.write(out, force, meta, scan));
    print(System.out, scan);
    System.out.println("wrote " + out + "   (plot: scripts/plot_lyapunov.py " + out + ")");
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
        Linreg1dExperiment.Result r = row.results()[j];
        double lam = r.lyapunov().value(), err = r.lyapunov().stderr(), th = row.theory()[j];
        ps.printf("%3d %8.4f %13.5f +- %8.5f %11.5f %6.1f  %-12s %-12s%n", scan.batches()[i], row.lr()[j], lam, err, th,
            (lam - th) / err, lam + 4 * err < 0 ? "converges" : lam - 4 * err > 0 ? "diverges" : "marginal",
            row.lr()[j] < row.lrMeanSquare() ? "converges" : "diverges");
      }
    }
    ps.printf("speed: %.3e trajectory-steps/s over the scan (%d threads)%n", scan.stepsPerSecond(), scan.options().threads());
  }
}
