package org.sgdmc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sgdmc tails MODEL ...}: sample SGD's stationary law off interpolation and fit its power-law tail. */
@Command(
    name = "tails",
    header = "Sample the stationary law of SGD off interpolation and estimate its tail index.",
    description = {
      "Off interpolation SGD is a random affine recursion u <- a u + b; where the Lyapunov exponent E ln|a| < 0",
      "it settles into a stationary law with a power-law tail P(|u| > s) ~ s^-alpha, E|a|^alpha = 1 (Kesten).",
      "Prints the fitted index with a bootstrap interval beside the theory's, or says there is no stationary law."
    },
    mixinStandardHelpOptions = true,
    subcommands = {TailsLinreg1dCommand.class, TailsLinearDCommand.class})
public final class TailsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw ModelHints.bare(spec, "sgdmc tails linreg1d --lr 1.2");
  }
}
