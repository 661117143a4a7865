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

  /**
   * The checks that need no simulation, done before any: enough samples for the tail fit (a run too small would
   * otherwise simulate for minutes and then fail), and a last observation the random streams can reach with
   * batch {@code batch} in {@code dim} dimensions.
   */
  void checkBeforeRun(int batch, int dim) {
    ensemble.validated(1);
    sampling.checkReach(batch, dim);
    long samples = ensemble.trajectories * (long) sampling.samplesPerTrajectory; // both < 2^31 checked by the plan
    long needed = fitting.options(1).fewestSamples();
    if (ensemble.trajectories <= Integer.MAX_VALUE && samples < needed) {
      throw new UserError(String.format("%d samples (--trajectories %d x --samples-per-trajectory %d) are too few for "
          + "the tail fit, which needs at least %d (--kmin %d%s); give more", samples, ensemble.trajectories,
          sampling.samplesPerTrajectory, needed, fitting.kMin, fitting.kMax == 0 ? " and kMax half the samples" : ""));
    }
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
      IntFunction<? extends StationaryBlock> blocks, boolean fitCoordinate, Consumer<ResultFile> parameters,
      int batch, int dim) {
    checkBeforeRun(batch, dim);
    Output.checkWritable(output);
    TailIndex t = theory.get();
    output.execute(spec, ensemble.seed, ensemble.trajectories, ensemble.threads(), name, progress -> sample(blocks, t, fitCoordinate, progress),
        (out, force, meta, result) -> TailsFile.write(out, force, meta, name, parameters, result),
        result -> TailsReport.print(System.out, name + "  " + title, result), null, shard);
  }
}
