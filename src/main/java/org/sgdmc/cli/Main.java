package org.sgdmc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sgdmc} root command: lists its subcommands and prints usage when run bare. */
@Command(
    name = "sgdmc",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Monte Carlo core for the theory of stochastic gradient descent.",
    description = "Runs many independent SGD trajectories on small models and writes self-describing HDF5.",
    subcommands = {DemoCommand.class, SimulateCommand.class, TailsCommand.class, SweepCommand.class, ScanCommand.class,
        MergeCommand.class, InspectCommand.class, BenchCommand.class, SdeCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the CLI and returns its exit code; user errors become one line on stderr and exit code 2. */
  public static int execute(String... args) {
    try {
      org.sgdmc.io.HdfWriterChoice.newCommand();
      org.sgdmc.io.HdfWriterChoice.checkSetting();
    } catch (IllegalArgumentException e) {
      System.err.println("sgdmc: " + e.getMessage());
      return Cli.USAGE_ERROR;
    }
    try {
      return Cli.commandLine(new Main()).execute(args);
    } catch (OutOfMemoryError e) {
      // picocli passes Errors through; this one the user fixes with a larger heap, so it is one line too
      System.err.println("sgdmc: " + Cli.outOfMemory());
      return Cli.USAGE_ERROR;
    }
  }
}
