package org.sgdmc.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.sgdmc.engine.Simulation;
import org.sgdmc.experiments.GrokMcExperiment;
import org.sgdmc.io.GrokMcFile;
import org.sgdmc.io.GrokSweepFile;
import org.sgdmc.io.RunMetadata;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.models.GrokMc;
import org.sgdmc.models.GrokMcDatasets;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.GrokMcResult;
import org.sgdmc.sweep.GrokSweep;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sgdmc sweep grok-mc}: t1 and t2 of matrix completion against lambda (and eta), and their exponents. */
@Command(
    name = "grok-mc",
    header = "Matrix completion over lambda (and eta) axes: fit t2 ~ (eta lambda)^p (p should be -1).",
    description = {
      "Runs one grok-mc ensemble per (eta, lambda) cell (--lr and --lambda are",
      "axes, eta the outer one) on common random numbers (same seed, same M*, mask",
      "and minimum-nuclear-norm completion), each for 10/(eta lambda) steps (at",
      "lambda = 0 as long as the longest other cell), and fits the exponent of the",
      "mean t2 against eta lambda and, with one eta, of the mean t2 and t1 against",
      "lambda (-1 and 0), by weighted least squares with a 95%% interval. A cell is",
      "fitted where every trajectory reached both levels and the median t2 is at",
      "least 10 times the median t1; the others are marked. t1 and t2 are exact",
      "to the step (the kernel checks both levels at every step until reached).",
      "With --dataset per-trajectory (full-batch GD) every trajectory has its own",
      "M* and mask from (--data-seed, trajectory), the same in every cell, and the",
      "first 16 their own completions, solved once for the whole sweep."
    },
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class SweepGrokMcCommand implements Runnable, SharedOptions.Tailored {
  static final String[] EXTRAS = {"endpoint_distance_median"};

  @Override
  public Map<String, String> defaults() {
    return Map.of("--trajectories", "128", "--record-times", "log:200");
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--lr", required = true, paramLabel = "AXIS",
      description = "Step sizes eta > 0: a value or an axis (START:STOP:COUNT, log:START:STOP:COUNT or a,b,c).")
  String eta;

  @Mixin GrokSweepMixin axes;
  @Mixin GrokMcMixin mc;
  @Mixin EnsembleMixin ensemble;
  @Mixin OutputMixin output;
  @Mixin ObservablesMixin observables;

  @Option(names = "--record-times", paramLabel = "SPEC", defaultValue = "log:200",
      description = "Recording times of each cell (default: ${DEFAULT-VALUE}).")
  String recordTimes;

  @Override
  public void run() {
    boolean own = mc.perTrajectory();
    List<double[]> grid = axes.cells(eta);
    double[] etas = grid.stream().mapToDouble(c -> c[0]).distinct().toArray();
    double[] lambdas = grid.stream().mapToDouble(c -> c[1]).distinct().toArray();
    ensemble.validated(2);
    Path out = output.required();
    Output.checkWritable(output);
    GrokMcMixin.Data data = own ? null : mc.data(ensemble.seed, etas, lambdas);
    GrokMc probe = own ? mc.perTrajectoryBase(ensemble.seed, grid.get(0)[0], grid.get(0)[1], ensemble.trajectories)
        : data.check(grid.get(0)[0], grid.get(0)[1]);
    ReshuffleMemory.check(probe.reshuffled(), probe.observedCount(), ensemble.threads(), ensemble.blockWidth);
    for (double[] c : grid) { // every bad cell refused before any runs
      if (own) {
        mc.perTrajectoryBase(ensemble.seed, c[0], c[1], ensemble.trajectories);
      }
    }
    // the datasets and the first trajectories' completions do not depend on (eta, lambda): built once
    GrokMcDatasets datasets = own
        ? mc.datasets(probe, ensemble.seed, ensemble.options(GrokSweepMixin.recordTimes(recordTimes, 10), observables))
        : null;
    long zero = axes.zeroLambdaSteps(grid, 100_000);
    List<GrokMcResult> results = GrokSweepMixin.run(grid, c -> {
      long steps = axes.steps(c[0], c[1], zero);
      EnsembleOptions options = ensemble.options(GrokSweepMixin.recordTimes(recordTimes, steps), observables);
      if (own) {
        GrokMc base = mc.perTrajectoryBase(ensemble.seed, c[0], c[1], ensemble.trajectories);
        return GrokMcExperiment.run(new GrokMcDatasets(base, datasets.observed(), datasets.dataSeed(),
            datasets.completions()), mc.trainThreshold, mc.testThreshold, options, Kernel.VECTOR,
            Simulation.Progress.NONE);
      }
      return GrokMcExperiment.run(data.model(c[0], c[1]), data.completion(), mc.trainThreshold, mc.testThreshold,
          options, Kernel.VECTOR, Simulation.Progress.NONE);
    });
    GrokSweep.Cell[] cells = new GrokSweep.Cell[results.size()];
    String[] distance = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      GrokMcResult r = results.get(i);
      double d = GrokSweepMixin.endpointMedian(r.observed()[4], r.options().quantileLevels());
      cells[i] = new GrokSweep.Cell(r.model().eta(), r.model().lambda(), r.options().steps(), r.t1(), r.t2(),
          r.kernelSeconds(), new double[] {d});
      distance[i] = GrokSweepMixin.fmt(d);
    }
    GrokSweep.Fits fits = GrokSweep.fit(cells);
    GrokMcResult first = results.get(0);
    RunMetadata meta = RunMetadata.now(VersionProvider.version(), output.commandLine(spec), ensemble.seed);
    Output.write(() -> GrokSweepFile.write(out, output.force, meta, "sweep grok-mc", first.options(), cells, fits,
        EXTRAS, f -> GrokMcFile.parameters(f, first), f -> { }));
    GrokMc m0 = first.model();
    String observed = own ? "a dataset per trajectory, each entry observed with p=" + GrokSweepMixin.fmt(
        datasets.observed()) : "observed=" + m0.observedCount() + " of " + m0.d() * m0.d();
    System.out.printf("sweep grok-mc  d=%d  rank=%d  %s  eta=%s  sigma=%s  %s  trajectories=%d per cell%n", m0.d(),
        m0.rank(), observed, GrokSweepMixin.etas(cells), GrokSweepMixin.fmt(m0.sigma()),
        SimulateGrokMcCommand.mode(m0), first.options().trajectories());
    if (m0.reshuffled()) {
      System.out.println(SimulateGrokMcCommand.reshuffleNote(m0));
    }
    GrokSweepMixin.print(System.out, cells, fits, "|W_T - X_nuc|", distance);
    System.out.println("wrote " + out + "   (plot: scripts/plot_grok.py " + out + ")");
  }
}
