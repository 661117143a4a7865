package org.sgdmc.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.sgdmc.engine.Simulation;
import org.sgdmc.experiments.GrokReluExperiment;
import org.sgdmc.io.GrokReluFile;
import org.sgdmc.io.GrokSweepFile;
import org.sgdmc.io.RunMetadata;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.models.GrokRelu;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.GrokReluResult;
import org.sgdmc.sweep.GrokSweep;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sgdmc sweep grok-relu}: t1 and t2 of the two-layer ReLU net against lambda (and eta), and their exponents. */
@Command(
    name = "grok-relu",
    header = "Two-layer ReLU net over lambda (and eta) axes: fit t2 ~ (eta lambda)^p (p should be -1).",
    description = {
      "Runs one grok-relu ensemble per (eta, lambda) cell (--lr and --lambda are",
      "axes, eta the outer one) on common random numbers (same seed, same data),",
      "each for 10/(eta lambda) steps (at lambda = 0 as long as the longest other",
      "cell), and fits the exponent of the mean t2 against eta lambda and, with one",
      "eta, of the mean t2 and t1 against lambda (-1 and 0), by weighted least",
      "squares with a 95%% interval. A cell is fitted where every trajectory reached",
      "both levels and the median t2 is at least 10 times the median t1; the others",
      "are marked. t1 and t2 are exact to the step (the kernel checks both levels",
      "at every step until they are reached). With --dataset per-trajectory every",
      "trajectory draws its own points from (--data-seed, trajectory), the same ones",
      "in every cell."
    },
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class SweepGrokReluCommand implements Runnable, SharedOptions.Tailored {
  static final String[] EXTRAS = {"endpoint_kinks_mean"};

  @Override
  public Map<String, String> defaults() {
    return Map.of("--trajectories", "128", "--record-times", "log:200");
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--lr", required = true, paramLabel = "AXIS",
      description = "Step sizes eta > 0: a value or an axis (START:STOP:COUNT, log:START:STOP:COUNT or a,b,c).")
  String eta;

  @Mixin GrokSweepMixin axes;
  @Mixin GrokReluMixin relu;
  @Mixin EnsembleMixin ensemble;
  @Mixin OutputMixin output;
  @Mixin ObservablesMixin observables;

  @Option(names = "--record-times", paramLabel = "SPEC", defaultValue = "log:200",
      description = "Recording times of each cell (default: ${DEFAULT-VALUE}).")
  String recordTimes;

  @Override
  public void run() {
    boolean own = relu.perTrajectory();
    List<double[]> grid = axes.cells(eta);
    List<GrokRelu> models = new java.util.ArrayList<>();
    for (double[] c : grid) {
      models.add(relu.model(ensemble.seed, c[0], c[1]));
    }
    ensemble.validated(2);
    ReshuffleMemory.check(models.get(0).reshuffled(), models.get(0).n(), ensemble.threads(), ensemble.blockWidth);
    if (own) { // refused before any cell runs where the blocks could not hold their points (the same in every cell)
      relu.datasets(ensemble.seed, grid.get(0)[0], grid.get(0)[1],
          ensemble.options(GrokSweepMixin.recordTimes(recordTimes, 10), observables));
    }
    Path out = output.required();
    Output.checkWritable(output);
    long zero = axes.zeroLambdaSteps(grid, 100_000);
    int[] next = {0};
    List<GrokReluResult> results = GrokSweepMixin.run(grid, c -> {
      GrokRelu m = models.get(next[0]++);
      long steps = axes.steps(c[0], c[1], zero);
      EnsembleOptions options = ensemble.options(GrokSweepMixin.recordTimes(recordTimes, steps), observables);
      if (own) {
        return GrokReluExperiment.run(relu.datasets(ensemble.seed, c[0], c[1], options), relu.trainThreshold,
            relu.testThreshold, options, Kernel.VECTOR, Simulation.Progress.NONE);
      }
      return GrokReluExperiment.run(m, relu.trainThreshold, relu.testThreshold, options, Kernel.VECTOR,
          Simulation.Progress.NONE);
    });
    GrokSweep.Cell[] cells = new GrokSweep.Cell[results.size()];
    String[] kinks = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      GrokReluResult r = results.get(i);
      double k = r.kinks()[r.kinks().length - 1].value();
      cells[i] = new GrokSweep.Cell(r.model().eta(), r.model().lambda(), r.options().steps(), r.t1(), r.t2(),
          r.kernelSeconds(), new double[] {k});
      kinks[i] = GrokSweepMixin.fmt(k);
    }
    GrokSweep.Fits fits = GrokSweep.fit(cells);
    GrokReluResult first = results.get(0);
    RunMetadata meta = RunMetadata.now(VersionProvider.version(), output.commandLine(spec), ensemble.seed);
    Output.write(() -> GrokSweepFile.write(out, output.force, meta, "sweep grok-relu", first.options(), cells, fits,
        EXTRAS, f -> GrokReluFile.parameters(f, first), f -> { }));
    GrokRelu m0 = first.model();
    System.out.printf("sweep grok-relu  m=%d  n=%d%s  eta=%s  sigma=%s  %s  teacher %d kinks  trajectories=%d per "
        + "cell%n", m0.width(), m0.n(), own ? " (a dataset per trajectory)" : "", GrokSweepMixin.etas(cells),
        GrokSweepMixin.fmt(m0.sigma()), SimulateGrokReluCommand.mode(m0), m0.kinks().length,
        first.options().trajectories());
    if (m0.reshuffled()) {
      System.out.println(SimulateGrokReluCommand.reshuffleNote(m0));
    }
    GrokSweepMixin.print(System.out, cells, fits, "end kinks", kinks);
    System.out.println("wrote " + out + "   (plot: scripts/plot_grok.py " + out + ")");
  }
}
