package org.sgdmc.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.sgdmc.engine.Simulation;
import org.sgdmc.experiments.GrokDiagExperiment;
import org.sgdmc.io.GrokDiagFile;
import org.sgdmc.io.GrokSweepFile;
import org.sgdmc.io.RunMetadata;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.models.GrokData;
import org.sgdmc.models.GrokDiag;
import org.sgdmc.models.GrokDiagDatasets;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.GrokDiagResult;
import org.sgdmc.sweep.GrokSweep;
import org.sgdmc.theory.MinL1Interpolant;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sgdmc sweep grok-diag}: t1 and t2 of the diagonal network against lambda (and eta), and their exponents. */
@Command(
    name = "grok-diag",
    header = "Diagonal linear network over lambda (and eta) axes: fit t2 ~ (eta lambda)^p (p should be -1).",
    description = {
      "Runs one grok-diag ensemble per (eta, lambda) cell (--lr and --lambda are",
      "axes, eta the outer one) on common random numbers (same seed, same dataset",
      "and minimum-l1 interpolant), each for 10/(eta lambda) steps (at lambda = 0",
      "as long as the longest other cell), and fits the exponent of the mean t2",
      "against eta lambda and, with one eta, of the mean t2 and t1 against lambda",
      "(-1 and 0), by weighted least squares with a 95%% interval. A cell is fitted",
      "where every trajectory reached both levels and the median t2 is at least 10",
      "times the median t1; the others are marked: lambda too large, or lambda = 0",
      "(no drift). t1 and t2 are exact to the step."
    },
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class SweepGrokDiagCommand implements Runnable, SharedOptions.Tailored {
  /** The model's own per-cell number in the file. */
  static final String[] EXTRAS = {"endpoint_distance_median"};

  @Override
  public Map<String, String> defaults() {
    return Map.of("--trajectories", "256", "--record-times", "log:40", "--dim", "40", "--n", "20", "--alpha", "0.5");
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin SgdMixin sgd;
  @Mixin GrokMixin grok;
  @Mixin GrokDiagMixin diag;
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
    boolean own = grok.perTrajectory();
    GrokData data = diag.data(grok, ensemble.seed);
    Integer batch = sgd.batch == null ? null : sgd.batch();
    org.sgdmc.models.Sampling sampling = sgd.sampling(true);
    MinL1Interpolant minL1 = own ? null : MinL1Interpolant.of(data);
    List<GrokDiag> models = new java.util.ArrayList<>();
    List<GrokDiagDatasets> perTrajectory = new java.util.ArrayList<>();
    for (double[] c : grid) {
      if (own) {
        perTrajectory.add(diag.perTrajectoryModel(grok, ensemble.seed, c[0], c[1], batch, sampling));
      } else {
        models.add(GrokDiagMixin.model(grok, data, minL1, c[0], c[1], batch, sampling));
      }
    }
    ensemble.validated(2);
    ReshuffleMemory.check(sampling == org.sgdmc.models.Sampling.RESHUFFLE, data.n(), ensemble.threads(),
        ensemble.blockWidth);
    if (own) { // a block's datasets do not depend on the cell
      GrokMixin.checkDatasetMemory(perTrajectory.get(0).datasets(),
          ensemble.options(GrokSweepMixin.recordTimes(recordTimes, 10), observables));
    }
    Path out = output.required();
    Output.checkWritable(output);
    long zero = axes.zeroLambdaSteps(grid, 100_000);
    int[] next = {0};
    List<GrokDiagResult> results = GrokSweepMixin.run(grid, c -> {
      int i = next[0]++;
      long steps = axes.steps(c[0], c[1], zero);
      EnsembleOptions options = ensemble.options(GrokSweepMixin.recordTimes(recordTimes, steps), observables);
      if (own) {
        return GrokDiagExperiment.run(perTrajectory.get(i), options, Kernel.VECTOR, Simulation.Progress.NONE);
      }
      return GrokDiagExperiment.run(models.get(i), grok.testExcess, minL1, options, Kernel.VECTOR,
          Simulation.Progress.NONE);
    });
    GrokSweep.Cell[] cells = new GrokSweep.Cell[results.size()];
    String[] distance = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      GrokDiagResult r = results.get(i);
      double d = GrokSweepMixin.endpointMedian(r.observed()[3], r.options().quantileLevels());
      cells[i] = new GrokSweep.Cell(r.model().eta(), r.model().lambda(), r.options().steps(), r.t1(), r.t2(),
          r.kernelSeconds(), new double[] {d});
      distance[i] = GrokSweepMixin.fmt(d);
    }
    GrokSweep.Fits fits = GrokSweep.fit(cells);
    GrokDiagResult first = results.get(0);
    RunMetadata meta = RunMetadata.now(VersionProvider.version(), output.commandLine(spec), ensemble.seed);
    Output.write(() -> GrokSweepFile.write(out, output.force, meta, "sweep grok-diag", first.options(), cells, fits,
        EXTRAS, f -> GrokDiagFile.parameters(f, first), f -> { }));
    GrokDiag m0 = first.model();
    System.out.printf("sweep grok-diag  %s  d=%d  n=%d  k=%d  eta=%s  alpha=%s  %s  trajectories=%d per cell%n",
        m0.data().isFourier() ? "fourier" : "gaussian", m0.dim(), m0.data().n(), m0.data().support(),
        GrokSweepMixin.etas(cells), GrokSweepMixin.fmt(m0.alpha()),
        GrokSampling.descent(m0.batch(), m0.data().n(), m0.fullBatch(), m0.sampling()),
        first.options().trajectories());
    if (m0.reshuffled()) {
      System.out.println(GrokSampling.diagNote(m0.data().n(), m0.batch()));
    }
    GrokSweepMixin.print(System.out, cells, fits, "|b_T - b_l1|", distance);
    System.out.println("wrote " + out + "   (plot: scripts/plot_grok.py " + out + ")");
  }
}
