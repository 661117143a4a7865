package org.sgdmc.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sgdmc.engine.Execution;
import org.sgdmc.engine.Shard;
import org.sgdmc.io.ShardFile;
import org.sgdmc.io.VirtualMerge;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sgdmc merge OUT.h5 SHARD.h5...}: the file the unsharded run would have written, from its shards. The
 * shards must come from the same command, options, seed and sgdmc version, and tile the run with no gap and no
 * overlap; otherwise one line names what is wrong and nothing is written. Then the command runs again as the
 * unsharded run would, except that instead of simulating, the engine hands it the shards' saved reductions
 * added together, exactly: so the merged file is the unsharded file, dataset for dataset, bit for bit (only
 * provenance differs: creation time, command line, threads, timings), and everything computed from the whole
 * ensemble (theory beside it, tail fits from the merged order statistics) is computed as it would have been.
 */
@Command(
    name = "merge",
    header = "Merge the shard files of a sharded run (--shard I/K) into the result file of the whole run.",
    description = {
      "Checks that the shards belong to one run and cover it exactly, then writes OUT.h5, identical to the",
      "unsharded run's file but for provenance. Run it where the shards ran: the command is rerun, reading the",
      "same input files (e.g. --data-file)."
    },
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class MergeCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OUT.h5", description = "The merged result file.")
  Path out;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "SHARD.h5", description = "The shard files, in any order.")
  List<Path> shardFiles;

  @Option(names = "--force", description = "Overwrite OUT.h5 if it exists.")
  boolean force;

  @Option(names = "--virtual", description = "Write every trajectory's values (/trajectories, from shards run with "
      + "--keep-trajectories) as HDF5 virtual datasets over the shard files, named relative to OUT.h5's directory, "
      + "instead of copying them: keep the shard files beside it. Needs the HDF5 C library.")
  boolean virtual;

  @Option(names = "--threads", paramLabel = "K", description = "Worker threads for what the merge computes (tail "
      + "fits, theory) (default: all cores). Results do not depend on it.")
  Integer threads;

  @Option(names = "--progress", negatable = true, description = "Show progress on stderr (default: when stderr is a terminal).")
  Boolean progress;

  @Override
  public void run() {
    List<ShardFile> shards = new ArrayList<>();
    for (Path p : shardFiles) {
      try {
        shards.add(ShardFile.read(p));
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
    }
    checkSameRun(shards, shardFiles);
    checkCoverage(shards, shardFiles);
    VirtualMerge mapping = virtual ? virtualMapping(shards, shardFiles) : null;
    ShardFile first = shards.get(0);
    if (!first.workingDirectory().equals(System.getProperty("user.dir"))) {
      System.err.println("sgdmc: note: the shards ran in " + first.workingDirectory()
          + "; relative input paths in their command line are read from here");
    }
    CommandLine root = Cli.commandLine(new Main());
    CommandLine.ParseResult parsed;
    try {
      parsed = root.parseArgs(first.args().toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      throw new UserError("cannot rerun the shards' command (" + e.getMessage() + ")");
    }
    while (parsed.hasSubcommand()) {
      parsed = parsed.subcommand();
    }
    CommandLine.Model.CommandSpec command = parsed.commandSpec();
    if (!RunIdentity.command(command).equals(first.command())) {
      throw new UserError("the shards' command line does not parse to the run they record (" + first.command() + ")");
    }
    List<String> here = RunIdentity.options(command);
    for (int k = 0; k < Math.min(here.size(), first.options().size()); k++) {
      if (!here.get(k).equals(first.options().get(k))) {
        throw new UserError("the shards ran with " + first.options().get(k) + " but here it is " + here.get(k)
            + ": merge where the shards ran, with the same input files");
      }
    }
    if (here.size() != first.options().size()) {
      throw new UserError("the shards' options do not match this sgdmc's (" + first.command() + ")");
    }
    String line = "sgdmc merge " + (virtual ? "--virtual " : "") + out + " " + String.join(" ", shardFiles.stream().map(Path::toString).toList())
        + "   # of: sgdmc " + String.join(" ", withoutShardAndOutput(first.args()));
    patch(command, line);
    List<byte[]> states = new ArrayList<>();
    double kernelSeconds = 0;
    for (ShardFile s : shards) {
      states.add(s.state());
      kernelSeconds += s.kernelSeconds();
    }
    try {
      Execution merging = Execution.merging(states, kernelSeconds);
      java.util.concurrent.Callable<Object> rerun = () -> merging.call(() -> {
        ((Runnable) command.userObject()).run();
        return null;
      });
      if (mapping == null) {
        rerun.call();
      } else {
        mapping.call(rerun);
      }
    } catch (Execution.UnfitState e) {
      throw new UserError(e.getMessage());
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * For {@code --virtual}: every shard's {@code /trajectories} datasets, the same names in each, mapped in
   * shard order. Refused in one line where the C library is missing or a shard holds no such datasets.
   */
  static VirtualMerge virtualMapping(List<ShardFile> shards, List<Path> files) {
    String why = VirtualMerge.unavailableReason();
    if (why != null) {
      throw new UserError("merge --virtual writes HDF5 virtual datasets, which need the HDF5 C library: " + why);
    }
    ShardFile[] byIndex = new ShardFile[shards.size()];
    Path[] fileByIndex = new Path[shards.size()];
    for (int i = 0; i < shards.size(); i++) {
      ShardFile s = shards.get(i);
      if (s.trajectoryDatasets().isEmpty()) {
        throw new UserError(files.get(i) + " holds no per-trajectory datasets for --virtual to map (run the shards "
            + "with --keep-trajectories, or merge without --virtual)");
      }
      if (!s.trajectoryDatasets().equals(shards.get(0).trajectoryDatasets())
          || s.trajectoryTimes() != shards.get(0).trajectoryTimes()) {
        throw new UserError(files.get(0) + " and " + files.get(i) + " hold different per-trajectory datasets ("
            + shards.get(0).trajectoryDatasets() + " and " + s.trajectoryDatasets() + "): damaged");
      }
      byIndex[s.index()] = s;
      fileByIndex[s.index()] = files.get(i);
    }
    List<VirtualMerge.Source> sources = new ArrayList<>();
    for (int k = 0; k < byIndex.length; k++) {
      sources.add(new VirtualMerge.Source(fileByIndex[k], byIndex[k].first(), byIndex[k].end() - byIndex[k].first()));
    }
    return new VirtualMerge(shards.get(0).trajectoryDatasets().stream().map(ShardFile::trajectoryPath).toList(),
        sources);
  }

  /** Same command, options, seed and version in every shard; and this sgdmc's version. */
  static void checkSameRun(List<ShardFile> shards, List<Path> files) {
    ShardFile a = shards.get(0);
    for (int i = 1; i < shards.size(); i++) {
      ShardFile b = shards.get(i);
      String what = files.get(0) + " and " + files.get(i) + " are shards of different runs: ";
      if (!a.command().equals(b.command())) {
        throw new UserError(what + "'" + a.command() + "' and '" + b.command() + "'");
      }
      if (!a.version().equals(b.version())) {
        throw new UserError(what + "sgdmc " + a.version() + " and " + b.version());
      }
      if (a.seed() != b.seed()) {
        throw new UserError(what + "--seed " + a.seed() + " and " + b.seed());
      }
      if (!a.options().equals(b.options())) {
        for (int k = 0; k < Math.min(a.options().size(), b.options().size()); k++) {
          if (!a.options().get(k).equals(b.options().get(k))) {
            throw new UserError(what + a.options().get(k) + " and " + b.options().get(k));
          }
        }
        throw new UserError(what + "their options differ");
      }
    }
    if (!a.version().equals(VersionProvider.version())) {
      throw new UserError(files.get(0) + " was written by sgdmc " + a.version() + ", this is " + VersionProvider.version()
          + ": merge with the version that ran the shards");
    }
  }

  /** Shards 0..K-1 of one split, each once, each with the range its index gives. */
  static void checkCoverage(List<ShardFile> shards, List<Path> files) {
    ShardFile a = shards.get(0);
    Path[] byIndex = new Path[a.count()];
    for (int i = 0; i < shards.size(); i++) {
      ShardFile s = shards.get(i);
      if (s.count() != a.count() || s.total() != a.total() || !s.unit().equals(a.unit())) {
        throw new UserError(files.get(0) + " is " + a.describe() + " but " + files.get(i) + " is " + s.describe()
            + ": shards of different splits");
      }
      if (byIndex[s.index()] != null) {
        throw new UserError("shard " + s.index() + "/" + s.count() + " given twice: " + byIndex[s.index()] + " and "
            + files.get(i));
      }
      byIndex[s.index()] = files.get(i);
      long[] expected = new Shard(s.index(), s.count()).range(s.total(), grain(s.unit()), s.unit());
      if (s.first() != expected[0] || s.end() != expected[1]) {
        throw new UserError(files.get(i) + " claims " + s.describe() + ", but shard " + s.index() + "/" + s.count()
            + " is " + s.unit() + " " + expected[0] + ".." + expected[1] + ": damaged");
      }
    }
    List<String> missing = new ArrayList<>();
    for (int k = 0; k < byIndex.length; k++) {
      if (byIndex[k] == null) {
        long[] r = new Shard(k, a.count()).range(a.total(), grain(a.unit()), a.unit());
        missing.add(k + "/" + a.count() + " (" + a.unit() + " " + r[0] + ".." + r[1] + ")");
      }
    }
    if (!missing.isEmpty()) {
      throw new UserError("missing shard" + (missing.size() > 1 ? "s " : " ")
          + String.join(", ", missing.subList(0, Math.min(8, missing.size())))
          + (missing.size() > 8 ? " and " + (missing.size() - 8) + " more" : "") + " of " + a.total() + " " + a.unit());
    }
  }

  private static long grain(String unit) {
    return unit.equals("trajectories") ? Shard.TRAJECTORY_GRAIN : 1;
  }

  /** Points the rerun command at this merge: its output, --force, --progress and --threads, and no shard. */
  private void patch(CommandLine.Model.CommandSpec command, String line) {
    forEachMixin(command, m -> {
      if (m instanceof OutputMixin o) {
        o.out = out;
        o.force = force;
        o.progress = progress;
        o.commandOverride = line;
      } else if (m instanceof ShardMixin s) {
        s.merging = true;
        s.shard = null;
      } else if (m instanceof EnsembleMixin e && threads != null) {
        e.threads = threads;
      }
    });
  }

  private static void forEachMixin(CommandLine.Model.CommandSpec spec, java.util.function.Consumer<Object> action) {
    for (CommandLine.Model.CommandSpec mixin : spec.mixins().values()) {
      action.accept(mixin.userObject());
      forEachMixin(mixin, action);
    }
  }

  /** The shards' command line without --shard and -o, for the merged file's record of what ran. */
  private static List<String> withoutShardAndOutput(List<String> args) {
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--shard") || a.equals("-o") || a.equals("--out")) {
        i++;
      } else if (!a.startsWith("--shard=") && !a.startsWith("--out=") && !(a.startsWith("-o") && a.length() > 2)) {
        kept.add(a);
      }
    }
    return kept;
  }
}
