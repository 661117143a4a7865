package org.sgdmc.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Shared picocli wiring: how user errors and unexpected failures reach the user.
 *
 * <p>Exit codes (the README lists them too): 0 success; {@value #USAGE_ERROR} a user error (a bad option, a value
 * out of range, a missing or malformed input file, a run the machine cannot hold); {@value #IO_ERROR} the output
 * or a checkpoint could not be written (a full disk, a file size limit, a failing device: sysexits' EX_IOERR);
 * 75 a checkpointed run stopped by SIGTERM or SIGINT after saving its checkpoint (sysexits' EX_TEMPFAIL: rerun it
 * to resume, {@link org.sgdmc.engine.StopSignal#EXIT_CODE}); 1 anything else, which is a bug and the only case
 * that prints a stack trace. Every other case is one line on stderr that starts with {@code sgdmc:}.
 */
public final class Cli {
  /** Exit code for anything the user can fix by changing the command line or its inputs. */
  public static final int USAGE_ERROR = 2;
  /** Exit code when writing the output or a checkpoint failed (disk full, I/O error): sysexits' EX_IOERR. */
  public static final int IO_ERROR = 74;

  private Cli() {}

  /** A command line for {@code root} with the project's error handling installed. */
  public static CommandLine commandLine(Object root) {
    CommandLine cl = new CommandLine(root);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(Cli::onParameterError);
    cl.setExecutionExceptionHandler(Cli::onExecutionError);
    SharedOptions.install(cl);
    cite(cl);
    return cl;
  }

  /** The papers the help cites by their seed number, named in full under every help page that cites them. */
  static final java.util.Map<String, String> SEEDS = java.util.Map.of(
      "seed 000", "seed 000: Vivek S. Borkar, \"A dynamic view of some anomalous phenomena in SGD\" (two time scales "
          + "of SGD on F(z) = f(x, eps y); equation numbers of its text)",
      "seed 002", "seed 002: Liu Ziyin, Botao Li, Tomer Galanti, Masahito Ueda, \"The Probabilistic Stability of "
          + "Stochastic Gradient Descent\", 2023, arXiv:2303.13093 (equation and figure numbers of its v1)",
      "seed 003", "seed 003: Pascal Jr. Tikeng Notsawo, Hattie Zhou, Mohammad Pezeshki, Irina Rish, Guillaume Dumas, "
          + "\"Predicting Grokking Long Before it Happens: A Look into the Loss Landscape of Models which Grok\"",
      "seed 004", "seed 004: \"Introduction to Stochastic Gradient Descent\", unpublished lecture notes (no authors "
          + "or arXiv id given), on the SDE limit of SGD and its noise");

  private static void cite(CommandLine cl) {
    CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
    StringBuilder text = new StringBuilder();
    text.append(String.join(" ", spec.usageMessage().header())).append(' ')
        .append(String.join(" ", spec.usageMessage().description()));
    for (CommandLine.Model.OptionSpec o : spec.options()) {
      text.append(' ').append(String.join(" ", o.description()));
    }
    java.util.List<String> footer = new java.util.ArrayList<>(java.util.List.of(spec.usageMessage().footer()));
    SEEDS.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
        .filter(e -> text.indexOf(e.getKey()) >= 0)
        .forEach(e -> footer.add(e.getValue()));
    if (footer.size() > spec.usageMessage().footer().length) {
      footer.add(spec.usageMessage().footer().length, ""); // a blank line between the options and the sources
      spec.usageMessage().footer(footer.toArray(String[]::new));
    }
    cl.getSubcommands().values().forEach(Cli::cite);
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
      return oneLine(cl, e.getMessage(), USAGE_ERROR);
    }
    // writes fail as UncheckedIOException wherever they happen (the result file, a sweep's checkpoint); their
    // messages name the file and the reason ("No space left on device")
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof UncheckedIOException io) {
        return oneLine(cl, io.getMessage(), IO_ERROR);
      }
    }
    if (e instanceof StoppedError) {
      return oneLine(cl, e.getMessage(), org.sgdmc.engine.StopSignal.EXIT_CODE);
    }
    throw e;
  }

  private static int oneLine(CommandLine cl, String message, int code) {
    cl.getErr().println("sgdmc: " + message);
    cl.getErr().flush();
    return code;
  }

  /**
   * The one line for a JVM out of heap: the memory guard refuses what it can foresee, but a heap set too small
   * for even a streamed run (SGDMC_JAVA_OPTS=-Xmx64m) ends here.
   */
  static String outOfMemory() {
    return "out of memory: the JVM's heap (" + Runtime.getRuntime().maxMemory() / (1 << 20)
        + " MiB) is too small for this run; give it more (SGDMC_JAVA_OPTS=-Xmx8g) or make the run smaller";
  }
}
