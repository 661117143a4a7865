package org.sgdmc.cli;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.sgdmc.engine.StationarySampler;
import org.sgdmc.experiments.TailsExperiment;
import org.sgdmc.io.ResultFile;
import org.sgdmc.io.RunMetadata;
import org.sgdmc.io.TailsFile;
import org.sgdmc.kernels.StationaryBlock;
import org.sgdmc.results.TailsResult;
import org.sgdmc.theory.TailIndex;
import picocli.CommandLine;

/**
 * What every {@code tails MODEL} command does once its model is built: check the output, compute the theory,
 * plan the sampling from its Lyapunov exponent, run with a progress bar, write the file, print the summary.
 */
final class TailsRun {
  /** A tails run samples 2^17 trajectories by default: the tail fit needs many independent samples. */
  static final Map<String, String> ENSEMBLE_DEFAULTS = Map.of("--trajectories", "131072");

  private TailsRun() {}

  /**
   * @param name the command, e.g. {@code tails linreg1d} (the file's model attribute and the progress label)
   * @param title the summary's first line
   * @param blocks the kernel for a block width
   * @param fitCoordinate whether the coordinate channel is fitted too (d > 1)
   * @param parameters writes the model's /parameters and /data
   */
  static void execute(CommandLine.Model.CommandSpec spec, OutputMixin output, EnsembleMixin ensemble, StationaryMixin sampling,
      TailFitMixin fitting, String name, String title, Supplier<TailIndex> theory,
      IntFunction<? extends StationaryBlock> blocks, boolean fitCoordinate, Consumer<ResultFile> parameters) {
    Output.checkWritable(output);
    TailIndex t = theory.get();
    StationarySampler.Plan plan = sampling.plan(ensemble, t.lyapunov().value());
    TailsResult result;
    try (ProgressBar bar = output.progressBar(name)) {
      result = TailsExperiment.run(blocks, plan, t, fitting.options(plan.threads()), fitCoordinate,
          ProgressBar.orNone(bar));
    }
    if (output.out != null) {
      RunMetadata meta = RunMetadata.now(VersionProvider.version(), Output.commandLine(spec), ensemble.seed);
      Output.write(() -> TailsFile.write(output.out, output.force, meta, name, parameters, result));
    }
    TailsReport.print(System.out, name + "  " + title, result);
    if (output.out != null) {
      System.out.println("wrote " + output.out);
    }
  }
}
