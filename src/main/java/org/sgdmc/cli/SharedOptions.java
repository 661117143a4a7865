package org.sgdmc.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * How a command tailors the shared option mixins ({@link SgdMixin}, {@link DataSourceMixin}, {@link EnsembleMixin},
 * {@link StepsMixin}, {@link OutputMixin}...). A mixin declares each option once, with the default most commands
 * use. A command whose model needs another default (a two-layer run is 10,000 steps long, a tails run samples
 * 2^17 trajectories) names it in {@link Tailored#defaults()}, and its help shows that value; an option of a mixin
 * that means nothing for a command (an outlier for the saddle) is named in {@link Tailored#notApplicable()} and
 * removed from that command, so its help does not list it and the parser rejects it. A mixin that bundles others
 * for one kind of run (tails, the two-layer nets) may say the same for every command that takes it; the
 * command's own word comes last and wins.
 */
final class SharedOptions implements CommandLine.IDefaultValueProvider {
  /** A command that overrides defaults of shared options, or drops some. */
  interface Tailored {
    /** Option long name (e.g. {@code --trajectories}) to its default for this command. */
    default Map<String, String> defaults() {
      return Map.of();
    }

    /** Long names of shared options this command has no use for. */
    default Set<String> notApplicable() {
      return Set.of();
    }
  }

  private SharedOptions() {}

  /** Installs the tailoring on {@code cl} and every subcommand below it. */
  static void install(CommandLine cl) {
    drop(cl);
    cl.setDefaultValueProvider(new SharedOptions());
  }

  /** What tailors {@code spec}: its mixins first, then the command itself. */
  private static List<Tailored> tailoring(CommandSpec spec) {
    List<Tailored> all = new ArrayList<>();
    for (CommandSpec mixin : spec.mixins().values()) {
      if (mixin.userObject() instanceof Tailored t) {
        all.add(t);
      }
    }
    if (spec.userObject() instanceof Tailored t) {
      all.add(t);
    }
    return all;
  }

  private static void drop(CommandLine cl) {
    CommandSpec spec = cl.getCommandSpec();
    for (Tailored t : tailoring(spec)) {
      for (String name : t.notApplicable()) {
        OptionSpec o = spec.findOption(name);
        if (o == null) {
          throw new IllegalStateException(spec.qualifiedName() + " has no option " + name + " to drop");
        }
        spec.remove(o);
      }
    }
    cl.getSubcommands().values().forEach(SharedOptions::drop);
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec o) || arg.command() == null) {
      return null;
    }
    String value = null;
    for (Tailored t : tailoring(arg.command())) {
      value = t.defaults().getOrDefault(o.longestName(), value);
    }
    return value;
  }
}
