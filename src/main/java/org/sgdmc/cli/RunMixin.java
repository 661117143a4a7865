package org.sgdmc.cli;

import java.util.function.Consumer;
import java.util.function.Function;
import org.sgdmc.engine.Simulation;
import org.sgdmc.results.EnsembleOptions;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * What every ensemble run takes beyond its model: the ensemble, its length, the output; the options are checked
 * before any work.
 */
public final class RunMixin {
  @Mixin EnsembleMixin ensemble;
  @Mixin StepsMixin steps;
  @Mixin OutputMixin output;
  @Mixin ShardMixin shard;
  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE) CommandLine.Model.CommandSpec command;

  /**
   * The validated ensemble with its recording times and {@code observables} (null: the defaults); fails here,
   * before any work, if the output cannot be written.
   */
  EnsembleOptions options(ObservablesMixin observables) {
    EnsembleOptions options = ensemble.options(steps.recordTimes(), observables);
    boolean replaceLive = LiveMixin.requested(command) && LiveMixin.check(command, this, options);
    Output.checkWritable(output, replaceLive);
    return options;
  }

  /** {@link OutputMixin#execute} with this run's seed. */
  <R> R execute(CommandLine.Model.CommandSpec spec, String label, Function<Simulation.Progress, R> job,
      OutputMixin.FileWriter<R> file, Consumer<R> summary) {
    return output.execute(spec, ensemble.seed, ensemble.trajectories, ensemble.threads(), label, job, file, summary, null, shard);
  }

  /** {@link OutputMixin#execute} with this run's seed; {@code plotScript} names the script that plots the file. */
  <R> R execute(CommandLine.Model.CommandSpec spec, String label, Function<Simulation.Progress, R> job,
      OutputMixin.FileWriter<R> file, Consumer<R> summary, String plotScript) {
    return output.execute(spec, ensemble.seed, ensemble.trajectories, ensemble.threads(), label, job, file, summary, plotScript, shard);
  }
}
