package org.sgdmc.io;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A shard file: what one process of a sharded run ({@code --shard I/K}) computed, for {@code sgdmc merge}. It
 * is HDF5 like every sgdmc file, so {@code h5dump} and {@code sgdmc inspect} show what it holds: the usual root
 * attributes, and a group {@code /shard} saying which command, options, seed and version it belongs to and
 * which range of the run's units (trajectories, or a sweep's cells) it covers. The reduction itself is an
 * opaque state (the engine's exact accumulators, or a sweep's finished cells) in datasets {@code
 * /shard/state_NNN} of 64-bit words, each under 1 GiB.
 *
 * <p>A shard of a run that keeps every trajectory ({@code --keep-trajectories}) also holds its trajectories'
 * values as the final file has them, {@code /trajectories/NAME} [time, trajectory - first]: what {@code sgdmc
 * merge --virtual} maps into the merged file instead of copying. (The state holds them too: the plain merge
 * reads only the state, so the values take twice their size in a shard file.)
 *
 * @param command the subcommand, e.g. {@code simulate linreg1d}
 * @param options every option that can change the result, as {@code --name=value}, defaults included
 * @param args the command line as typed (without the program name), to run the command again at the merge
 * @param trajectoryDatasets the names NAME of the shard's {@code /trajectories/NAME} datasets (none: empty)
 * @param trajectoryTimes their rows: the recording times (0 without them)
 */
public record ShardFile(String command, String version, long seed, List<String> options, List<String> args,
    String workingDirectory, int index, int count, String unit, long first, long end, long total, int threads,
    double kernelSeconds,
    byte[] state, List<String> trajectoryDatasets, int trajectoryTimes) {

  /** Format of the state: the version of the accumulators' save format. */
  public static final String STATE_FORMAT = "sgdmc-shard-state-v1";
  private static final int WORDS_PER_DATASET = 1 << 27;
  private static final String G = "/shard";

  public ShardFile {
    options = List.copyOf(options);
    args = List.copyOf(args);
    trajectoryDatasets = List.copyOf(trajectoryDatasets);
  }

  /** Where the shard's values of observable {@code name} are, inside the shard file. */
  public static String trajectoryPath(String name) {
    return "/trajectories/" + name;
  }

  /** The range as {@code I/K (unit first..end of total)}, for messages. */
  public String describe() {
    return String.format("shard %d/%d (%s %d..%d of %d)", index, count, unit, first, end, total);
  }

  /** Writes the shard file atomically (a temporary file renamed); IllegalArgumentException in one line on failure. */
  public void write(Path out, boolean overwrite, RunMetadata meta) {
    write(out, overwrite, meta, java.util.Map.of());
  }

  /**
   * {@link #write(Path, boolean, RunMetadata)} with the shard's per-trajectory values ({@code
   * trajectoryDatasets}, each [time][trajectory - first]) as {@code /trajectories/NAME}.
   */
  public void write(Path out, boolean overwrite, RunMetadata meta, java.util.Map<String, double[][]> trajectories) {
    if (!trajectories.keySet().equals(new java.util.LinkedHashSet<>(trajectoryDatasets))) {
      throw new IllegalArgumentException("trajectory datasets " + trajectories.keySet() + ", not " + trajectoryDatasets);
    }
    try (ResultFile f = RunSections.create(out, overwrite, meta, "shard of " + command)) {
      for (java.util.Map.Entry<String, double[][]> t : trajectories.entrySet()) {
        double[][] rows = t.getValue();
        if (rows.length != trajectoryTimes || (rows.length > 0 && rows[0].length != end - first)) {
          throw new IllegalArgumentException(t.getKey() + ": not " + trajectoryTimes + " times x " + (end - first)
              + " trajectories");
        }
        String path = trajectoryPath(t.getKey());
        f.rows(path, rows);
        f.datasetAttribute(path, "description", "[time, trajectory]: " + t.getKey() + " of trajectories " + first
            + ".." + end + " of the run (column j is trajectory " + first + " + j), as the merged file's "
            + path + " has them (natural log)");
      }
      f.attribute(G, "command", command);
      f.attribute(G, "sgdmc_version", version);
      f.attribute(G, "seed", seed);
      f.attribute(G, "options", options.toArray(String[]::new));
      f.attribute(G, "args", args.toArray(String[]::new));
      f.attribute(G, "working_directory", workingDirectory);
      f.attribute(G, "index", (long) index);
      f.attribute(G, "count", (long) count);
      f.attribute(G, "unit", unit);
      f.attribute(G, "first", first);
      f.attribute(G, "end", end);
      f.attribute(G, "total", total);
      f.attribute(G, "kernel_seconds", kernelSeconds);
      f.attribute("/", "threads", (long) threads);
      f.attribute(G, "state_format", STATE_FORMAT);
      f.attribute(G, "state_bytes", (long) state.length);
      f.attribute(G, "state_crc32", crc(state));
      long[] words = new long[(state.length + 7) / 8];
      ByteBuffer.wrap(java.util.Arrays.copyOf(state, 8 * words.length)).asLongBuffer().get(words);
      int parts = Math.max(1, (words.length + WORDS_PER_DATASET - 1) / WORDS_PER_DATASET);
      for (int p = 0; p < parts; p++) {
        int from = p * WORDS_PER_DATASET, to = Math.min(words.length, from + WORDS_PER_DATASET);
        String path = String.format("%s/state_%03d", G, p);
        f.dataset(path, java.util.Arrays.copyOfRange(words, from, to));
      }
      f.commit();
    }
  }

  /** The names under {@code /trajectories} (a shard with none: empty). */
  private static List<String> trajectoryNames(HdfNode.Group root) {
    if (root.children().stream().noneMatch(c -> c.name().equals("trajectories"))) {
      return List.of();
    }
    return root.group("/trajectories").children().stream().map(HdfNode::name).toList();
  }

  private static int trajectoryTimes(HdfNode.Group root) {
    List<String> names = trajectoryNames(root);
    return names.isEmpty() ? 0 : root.group("/trajectories").dataset(names.get(0)).value().shape()[0];
  }

  private static long crc(byte[] state) {
    java.util.zip.CRC32 c = new java.util.zip.CRC32();
    c.update(state);
    return c.getValue();
  }

  /**
   * Reads a shard file; IllegalArgumentException, in one line naming the file, where it is missing, not HDF5,
   * truncated, not a shard or damaged.
   */
  public static ShardFile read(Path file) {
    HdfNode.Group root = ResultFileReader.read(file);
    try {
      HdfNode.Group g = root.group(G);
      String format = g.attribute("state_format").strings()[0];
      if (!format.equals(STATE_FORMAT)) {
        throw new IllegalArgumentException(file + " holds a shard state of format " + format + ", not " + STATE_FORMAT
            + ": merge it with the sgdmc version that wrote it");
      }
      long bytes = g.attribute("state_bytes").longs()[0];
      List<long[]> parts = new ArrayList<>();
      long words = 0;
      for (int p = 0; ; p++) {
        String name = String.format("state_%03d", p);
        if (g.children().stream().noneMatch(c -> c.name().equals(name))) {
          break;
        }
        Value v = g.dataset(name).value();
        if (!v.isReadable()) {
          throw new IllegalArgumentException("cannot read " + file + ": " + G + "/" + name + " is damaged (" + v.error() + ")");
        }
        parts.add(v.longs());
        words += v.size();
      }
      if (bytes < 0 || (bytes + 7) / 8 != words || words > Integer.MAX_VALUE / 8) {
        throw new IllegalArgumentException("cannot read " + file + ": its state has " + words + " words for " + bytes
            + " bytes (truncated or damaged)");
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) (8 * words));
      for (long[] part : parts) {
        for (long w : part) {
          buffer.putLong(w);
        }
      }
      byte[] state = java.util.Arrays.copyOf(buffer.array(), (int) bytes);
      if (crc(state) != g.attribute("state_crc32").longs()[0]) {
        throw new IllegalArgumentException("cannot read " + file + ": its state fails its checksum (truncated or damaged)");
      }
      return new ShardFile(g.attribute("command").strings()[0], g.attribute("sgdmc_version").strings()[0],
          g.attribute("seed").longs()[0], List.of(g.attribute("options").strings()),
          List.of(g.attribute("args").strings()), g.attribute("working_directory").strings()[0],
          (int) g.attribute("index").longs()[0], (int) g.attribute("count").longs()[0], g.attribute("unit").strings()[0],
          g.attribute("first").longs()[0], g.attribute("end").longs()[0], g.attribute("total").longs()[0],
          (int) root.attribute("threads").longs()[0], g.attribute("kernel_seconds").doubles()[0], state,
          trajectoryNames(root), trajectoryTimes(root));
    } catch (NoSuchElementException | IllegalStateException | ClassCastException e) {
      throw new IllegalArgumentException(file + " is not an sgdmc shard file (" + e.getMessage() + ")");
    }
  }
}
