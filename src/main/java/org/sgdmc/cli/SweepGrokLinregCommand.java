package org.sgdmc.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sgdmc.engine.Simulation;
import org.sgdmc.experiments.GrokLinregExperiment;
import org.sgdmc.io.GrokLinregFile;
import org.sgdmc.io.RunMetadata;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.models.GrokData;
import org.sgdmc.models.GrokLinreg;
import org.sgdmc.models.GrokLinregDatasets;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.GrokLinregResult;
import org.sgdmc.sweep.GrokSweep;
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
      "against lambda (-1 and 0), by weighted least squares with a 95%% interval.",
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
  @Mixin GrokSweepMixin axes;
  @Mixin EnsembleMixin ensemble;
  @Mixin OutputMixin output;
  @Mixin ObservablesMixin observables;

  @Option(names = "--record-times", paramLabel = "SPEC", defaultValue = "log:40",
      description = "Recording times of each cell (default: ${DEFAULT-VALUE}).")
  String recordTimes;

  @Override
  public void run() {
    List<double[]> grid = axes.cells(sgd.lr);
    Integer batch = sgd.batch == null ? null : sgd.batch();
    boolean own = grok.perTrajectory();
    GrokData data = grok.data(ensemble.seed);
    org.sgdmc.models.Sampling sampling = sgd.sampling(true);
    List<GrokLinreg> models = new ArrayList<>();
    List<GrokLinregDatasets> perTrajectory = new ArrayList<>();
    for (double[] c : grid) {
      if (own) {
        perTrajectory.add(grok.perTrajectoryModel(ensemble.seed, c[0], c[1], batch, sampling));
      } else {
        models.add(grok.model(data, c[0], c[1], batch, sampling));
      }
    }
    ensemble.validated(2);
    ReshuffleMemory.check(sampling == org.sgdmc.models.Sampling.RESHUFFLE, data.n(), ensemble.threads(),
        ensemble.blockWidth);
    if (own) { // a block's datasets do not depend on the cell
      GrokMixin.checkDatasetMemory(perTrajectory.get(0).datasets(),
          ensemble.options(GrokSweepMixin.recordTimes(recordTimes, 10), observables));
      for (GrokLinregDatasets m : perTrajectory) {
        GrokMixin.checkStability(m, ensemble.trajectories);
      }
    }
    Path out = output.required();
    Output.checkWritable(output);
    double delta = grok.testExcess;
    int[] next = {0};
    List<GrokLinregResult> results = GrokSweepMixin.run(grid, c -> {
      int i = next[0]++;
      long steps = axes.steps(c[0], c[1], 10_000);
      EnsembleOptions options = ensemble.options(GrokSweepMixin.recordTimes(recordTimes, steps), observables);
      if (own) {
        return GrokLinregExperiment.run(perTrajectory.get(i), options, Kernel.VECTOR, Simulation.Progress.NONE);
      }
      return GrokLinregExperiment.run(models.get(i), delta, options, Kernel.VECTOR, Simulation.Progress.NONE);
    });
    GrokLinregResult[] cells = results.toArray(GrokLinregResult[]::new);
    GrokSweep.Cell[] sweepCells = cells(cells);
    GrokSweep.Fits fits = GrokSweep.fit(sweepCells);
    RunMetadata meta = RunMetadata.now(VersionProvider.version(), output.commandLine(spec), ensemble.seed);
    Output.write(() -> GrokLinregFile.writeSweep(out, output.force, meta, cells, sweepCells, fits));
    print(System.out, cells, sweepCells, fits);
    System.out.println("wrote " + out + "   (plot: scripts/plot_grok.py " + out + ")");
  }

  /** The cells as every grok sweep keeps them. */
  static GrokSweep.Cell[] cells(GrokLinregResult[] results) {
    GrokSweep.Cell[] out = new GrokSweep.Cell[results.length];
    for (int i = 0; i < results.length; i++) {
      GrokLinregResult r = results[i];
      out[i] = new GrokSweep.Cell(r.model().eta(), r.model().lambda(), r.options().steps(), r.t1(), r.t2(),
          r.kernelSeconds(), new double[0]);
    }
    return out;
  }

  static void print(PrintStream out, GrokLinregResult[] cells, GrokSweep.Cell[] sweep, GrokSweep.Fits s) {
    GrokLinreg m0 = cells[0].model();
    out.printf("sweep grok-linreg  d=%d  n=%d  eta=%s  alpha=%s  %s  trajectories=%d per cell%n", m0.dim(),
        m0.data().n(), GrokSweepMixin.etas(sweep), fmt(m0.alpha()),
        GrokSampling.descent(m0.batch(), m0.data().n(), m0.fullBatch(), m0.sampling()),
        cells[0].options().trajectories());
    if (m0.reshuffled()) {
      out.println(GrokSampling.linregNote(m0.data().n(), m0.batch()));
    }
    String[] closed = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      closed[i] = String.format("%.4f", cells[i].t2Agreeing());
    }
    GrokSweepMixin.print(out, sweep, s, "closed ok", closed);
  }

  static String fmt(double v) {
    return SimulateLinreg1dCommand.fmt(v);
  }
}
