package org.sgdmc.cli;

import java.io.PrintStream;
import java.util.Map;
import org.sgdmc.engine.Shard;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --shard I/K}: this process computes part I of K of the run and writes a shard file, for {@code sgdmc
 * merge}. Without the option, inside a Slurm job array, the array task supplies it ({@code
 * SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN} of {@code SLURM_ARRAY_TASK_COUNT}), and the run says so.
 */
public final class ShardMixin {
  @Option(names = "--shard", paramLabel = "I/K",
      description = "Compute part I of K (0 <= I < K) and write a shard file to -o, for 'sgdmc merge'. Ensembles are "
          + "cut into contiguous ranges of trajectories, sweeps into ranges of cells. Default: none, or the Slurm "
          + "array task (SLURM_ARRAY_TASK_ID of SLURM_ARRAY_TASK_COUNT) inside a job array.")
  String shard;

  /** Set by {@code sgdmc merge}: the command runs again to finish the merged shards, not as a shard. */
  boolean merging;

  /**
   * The shard to compute: the option, else the Slurm array task, else null (the whole run, unsharded). {@code spec} is the
   * command's: a command without the option (a scan) is always whole, whatever the environment.
   */
  Shard resolve(CommandLine.Model.CommandSpec spec, Map<String, String> env, PrintStream err) {
    if (merging || spec.findOption("--shard") == null) {
      return null;
    }
    if (shard != null) {
      try {
        return Shard.parse(shard);
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
    }
    String id = env.get("SLURM_ARRAY_TASK_ID"), count = env.get("SLURM_ARRAY_TASK_COUNT");
    if (id == null || count == null) {
      return null;
    }
    try {
      int min = Integer.parseInt(env.getOrDefault("SLURM_ARRAY_TASK_MIN", "0").strip());
      Shard s = new Shard(Integer.parseInt(id.strip()) - min, Integer.parseInt(count.strip()));
      err.printf("sgdmc: --shard %s from the Slurm job array (SLURM_ARRAY_TASK_ID=%s, SLURM_ARRAY_TASK_MIN=%d, "
          + "SLURM_ARRAY_TASK_COUNT=%s)%n", s, id, min, count);
      return s;
    } catch (IllegalArgumentException e) {
      throw new UserError("cannot take the shard from the Slurm job array (SLURM_ARRAY_TASK_ID=" + id
          + ", SLURM_ARRAY_TASK_COUNT=" + count + "): use an array 0-(K-1) or pass --shard I/K");
    }
  }
}
