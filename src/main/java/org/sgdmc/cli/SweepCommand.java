package org.sgdmc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sgdmc sweep MODEL ...}: a one- or two-axis grid of ensembles with theory on the same grid. */
@Command(
    name = "sweep",
    header = "Sweep one or two parameters of a model over a grid (phase diagrams).",
    description = {
      "Give a parameter as START:STOP:COUNT, log:START:STOP:COUNT or a list a,b,c to make it an axis, or as one",
      "number to fix it. All cells run on common random numbers; finished cells are checkpointed beside the",
      "output, so an interrupted sweep rerun with the same arguments skips them."
    },
    mixinStandardHelpOptions = true,
    subcommands = {SweepLinreg1dCommand.class, SweepSaddleCommand.class, SweepTailsCommand.class,
        SweepGrokLinregCommand.class, SweepGrokDiagCommand.class, SweepGrokMcCommand.class,
        SweepGrokReluCommand.class, SweepGrokSignatureCommand.class, SweepGrokFractionCommand.class,
        SweepTwoTimescaleCommand.class})
public final class SweepCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw ModelHints.bare(spec, "sgdmc sweep linreg1d --lr 0.1:4:100 -o sweep.h5");
  }
}
