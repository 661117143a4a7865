package org.sgdmc.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Shared picocli wiring: how user errors and unexpected failures reach the user.
 *
 * <p>A user error (a bad option, a value out of range, a missing file) is one line on stderr and exit code
 * {@value #USAGE_ERROR}. A checkpointed run stopped by SIGTERM or SIGINT is one line and exit code 75
 * ({@link org.sgdmc.engine.StopSignal#EXIT_CODE}): rerun it to resume. Only a failure the user cannot have caused prints a stack trace (exit 1).
 */
public final class Cli {
  /** Exit code for anything the user can fix by changing the command line or its inputs. */
  public static final int USAGE_ERROR = 2;

  private Cli() {}

  /** A command line for {@code root} with the project's error handling installed. */
  public static CommandLine commandLine(Object root) {
    CommandLine cl = new CommandLine(root);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(Cli::onParameterError);
    cl.setExecutionExceptionHandler(Cli::onExecutionError);
    SharedOptions.install(cl);
    return cl;
  }

  private static int onParameterError(CommandLine.ParameterException e, String[] args) {
    PrintWriter err = e.getCommandLine().getErr();
    err.println("sgdmc: " + e.getMessage() + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
    err.flush();
    return USAGE_ERROR;
  }

  private static int onExecutionError(Exception e, CommandLine cl, CommandLine.ParseResult parsed) throws Exception {
    if (e instanceof UserError || e instanceof CommandLine.ParameterException
        || e instanceof org.sgdmc.engine.TooLargeException) {
      cl.getErr().println("sgdmc: " + e.getMessage());
      cl.getErr().flush();
      return USAGE_ERROR;
    }
    if (e instanceof StoppedError) {
      cl.getErr().println("sgdmc: " + e.getMessage());
      cl.getErr().flush();
      return org.sgdmc.engine.StopSignal.EXIT_CODE;
    }
    throw e;
  }
}
