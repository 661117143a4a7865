package org.sgdmc.engine;

/**
 * Part {@code index} of {@code count} of a run ({@code --shard I/K}, 0-based like {@code SLURM_ARRAY_TASK_ID}):
 * a contiguous range of the run's work units, trajectories or sweep cells. The ranges of the K shards tile the
 * whole run in order, with sizes that differ by at most one grain, so the shards of a job array take about
 * the same time. Since every random number is a function of (seed, trajectory, draw), how a run is cut
 * cannot change a result: the shards' exact reductions merge to the unsharded run's bits.
 */
public record Shard(int index, int count) {
  /**
   * Trajectories are cut at multiples of 64, a multiple of every vector width: a shard's blocks then start on
   * the same trajectories whatever the host, and no shard but the last pads a block.
   */
  public static final long TRAJECTORY_GRAIN = 64;

  public Shard {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("a shard is I/K with 0 <= I < K, not " + index + "/" + count);
    }
  }

  /** Parses {@code I/K}; IllegalArgumentException, in one line, where the text is not that. */
  public static Shard parse(String text) {
    String[] parts = text.strip().split("/", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException("--shard takes I/K (part I of K, 0 <= I < K), not '" + text + "'");
    }
    try {
      return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--shard takes I/K (part I of K, 0 <= I < K), not '" + text + "'");
    }
  }

  /**
   * This shard's units {@code [from, to)} of {@code total}, cut at multiples of {@code grain} (the last unit
   * excepted). Refuses, in one line, a cut into more shards than grains: a shard would be empty.
   */
  public long[] range(long total, long grain, String unit) {
    long grains = (total + grain - 1) / grain;
    if (count > grains) {
      throw new IllegalArgumentException(String.format("%d shards of %d %s leave some empty: at most %d shards%s",
          count, total, unit, grains, grain > 1 ? " (" + unit + " are split in groups of " + grain + ")" : ""));
    }
    long from = Math.min(total, split(grains, index) * grain);
    long to = Math.min(total, split(grains, index + 1) * grain);
    return new long[] {from, to};
  }

  /** floor(grains i / count), without overflow. */
  private long split(long grains, int i) {
    return grains / count * i + grains % count * i / count;
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
