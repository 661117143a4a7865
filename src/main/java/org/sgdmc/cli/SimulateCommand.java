package org.sgdmc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sgdmc simulate MODEL ...}: one ensemble of one model, summarised on stdout and optionally in HDF5. */
@Command(
    name = "simulate",
    header = "Run an ensemble of SGD trajectories of one model.",
    description = "Runs independent SGD trajectories, prints the estimates beside the theory, and writes HDF5.",
    mixinStandardHelpOptions = true,
    subcommands = {SimulateLinreg1dCommand.class, SimulateSaddleCommand.class, SimulateLinearDCommand.class,
        SimulateGrokLinregCommand.class, SimulateGrokDiagCommand.class, SimulateGrokReluCommand.class,
        SimulateGrokMcCommand.class, SimulateTwoTimescaleCommand.class,
        SimulateTwoLayerCommand.Tanh2.class, SimulateTwoLayerCommand.Swish2.class})
public final class SimulateCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw ModelHints.bare(spec, "sgdmc simulate linreg1d --lr 0.5");
  }
}
