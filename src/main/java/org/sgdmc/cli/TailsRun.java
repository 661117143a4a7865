package org.sgdmc.cli;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.sgdmc.engine.Simulation;
import org.sgdmc.engine.StationarySampler;
import org.sgdmc.experiments.TailsExperiment;
import org.sgdmc.io.ResultFile;
import org.sgdmc.io.TailsFile;
import org.sgdmc.kernels.StationaryBlock;
import org.sgdmc.results.TailsResult;
import org.sgdmc.theory.TailIndex;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * What every tails run takes beyond its model (the ensemble, how its stationary law is sampled, how the tail is
 * fitted, the output), and what a {@code tails MODEL} command does once its model is built: check the output,
 * compute the theory, plan the sampling from its Lyapunov exponent, run, write the file, print the summary.
 */
public final class TailsRun implements SharedOptions.Tailored {
  /** A tails run samples 2^17 trajectories by default: the tail fit needs many independent samples. */
  static final Map<String, String> ENSEMBLE_DEFAULTS = Map.of("--trajectories", "131072");

  @Mixin EnsembleMixin ensemble;
  @Mixin StationaryMixin sampling;
  @Mixin TailFitMixin fitting;
  @Mixin OutputMixin output;
  @Mixin ShardMixin shard;

  @Override
  public Map<String, String> defaults() {
    return ENSEMBLE_DEFAULTS;
  }

  /** One cell of the stationary law, sampled and fitted without a progress bar (a sweep draws its own). */
  TailsResult sample(IntFunction<? extends StationaryBlock> blocks, TailIndex theory, boolean fitCoordinate,
      Simulation.Progress progress) {
    StationarySampler.Plan plan = sampling.plan(ensemble, theory.lyapunov().value());
    return TailsExperiment.run(blocks, plan, theory, fitting.options(plan.threads()), fitCoordinate, progress);
  }

  /**
   * @param name the command, e.g. {@code tails linreg1d} (the file's model attribute and the progress label)
   * @param title the summary's first line
   * @param blocks the kernel for a block width
   * @param fitCoordinate whether the coordinate channel is fitted too (d > 1)
   * @param parameters writes the model's /parameters and /data
   */
  void execute(CommandLine.Model.CommandSpec spec, String name, String title, Supplier<TailIndex> theory,
      IntFunction<? extends StationaryBlock> blocks, boolean fitCoordinate, Consumer<ResultFile> parameters) {
    Output.checkWritable(output);
    TailIndex t = theory.get();
    output.execute(spec, ensemble.seed, ensemble.trajectories, name, progress -> sample(blocks, t, fitCoordinate, progress),
        (out, force, meta, result) -> TailsFile.write(out, force, meta, name, parameters, result),
        result -> TailsReport.print(System.out, name + "  " + title, result), null, shard);
  }
}
