package org.sgdmc.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What a bare {@code sgdmc simulate} (or {@code sweep}, {@code tails}, {@code scan}) says: every model it has, each
 * with what it needs to run. Built from the subcommands themselves, so a new model is listed without a word here.
 */
final class ModelHints {
  /**
   * A command whose needs picocli cannot mark as required (one of several options will do, or a check at run
   * time) says what they are.
   */
  interface Needs {
    /** E.g. {@code --lr LR, and --mu MU or --data two-point --a A}. */
    String needs();
  }

  private ModelHints() {}

  /** The one-line usage error of a bare {@code parent}: its models and their needs, then {@code example}. */
  static CommandLine.ParameterException bare(CommandSpec parent, String example) {
    List<String> models = new ArrayList<>();
    for (Map.Entry<String, CommandLine> sub : parent.subcommands().entrySet()) {
      CommandSpec spec = sub.getValue().getCommandSpec();
      if (spec.userObject() instanceof CommandLine.HelpCommand || !spec.name().equals(sub.getKey())) {
        continue; // help, and aliases
      }
      models.add(spec.name() + " (" + needs(spec) + ")");
    }
    return new CommandLine.ParameterException(parent.commandLine(),
        "name a model: " + String.join("; ", models) + "; e.g. '" + example + "'");
  }

  /** {@link Needs#needs()}, else the command's required options. */
  static String needs(CommandSpec spec) {
    if (spec.userObject() instanceof Needs n) {
      return n.needs();
    }
    List<String> required = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (o.required()) {
        required.add(o.longestName() + " " + o.paramLabel());
      }
    }
    return required.isEmpty() ? "no required options" : String.join(", ", required);
  }
}
