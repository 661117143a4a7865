package org.sgdmc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sgdmc sde WHAT ...}: seed 004's continuous-time picture of SGD, measured piece by piece. */
@Command(
    name = "sde",
    header = "Seed 004: SGD against its SDE and against Levy noise, one measurement at a time.",
    description = {
      "covariance: the minibatch gradient's covariance at a fixed theta against Sigma/B and Sigma (n-B)/(B(n-1)),",
      "with and without replacement, for B = 1 .. n. stationary: SGD's stationary law in 1-D against its SDE's.",
      "escape: SGD's first-exit time from a double well against Kramers' law and stable noise's."
    },
    mixinStandardHelpOptions = true,
    subcommands = {SdeCovarianceCommand.class, SdeStationaryCommand.class, SdeEscapeCommand.class})
public final class SdeCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw ModelHints.bare(spec, "sgdmc sde covariance --model logistic");
  }
}
