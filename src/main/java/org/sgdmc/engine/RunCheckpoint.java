package org.sgdmc.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.BitSet;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The finished blocks of a long ensemble run, kept beside its output so that a run killed (kill -9, a node
 * lost, a time limit) loses only the blocks in flight: rerun the same command and it restores them and runs
 * the rest, and since every reduction adds exactly the result is the uninterrupted run's, bit for bit.
 *
 * <p>Layout: a folder {@code .NAME.h5.checkpoint/} holding {@code header} (the run's identity: its command and
 * options, the sgdmc version, and the block layout) and one {@code part-G-W} file per worker W of each attempt
 * G: the blocks that worker finished (a bit set) and its reducer's saved state ({@link BlockReducer#save}),
 * with a CRC. Each worker rewrites its own part, atomically (a temporary file renamed), at most every
 * {@link Settings#intervalSeconds} and when asked to stop: workers never wait for each other to save. The
 * parts of earlier attempts stay as they are; their blocks are disjoint from the later ones'. The folder is
 * created at the first save, so a run refused up front leaves nothing, and deleted once the output is written.
 */
public final class RunCheckpoint {
  private static final String MAGIC = "sgdmc-run-checkpoint-v1";
  private static final int PART_MAGIC = 0x53474350; // "SGCP"

  /**
   * Where and how often: {@code identity} names the run (command, options that change results, version);
   * {@code discardStale} (the user's {@code --force}) deletes a checkpoint of another run, with a notice,
   * instead of refusing it.
   */
  public record Settings(Path dir, String identity, boolean discardStale, double intervalSeconds,
      Consumer<String> notices) {
    /** Seconds between a worker's saves: {@code -Dsgdmc.checkpoint.seconds}, 60 by default. */
    public static double defaultInterval() {
      return Double.parseDouble(System.getProperty("sgdmc.checkpoint.seconds", "60"));
    }
  }

  /** What an earlier attempt finished: its blocks, and their reduction added into a fresh reducer (null if none). */
  record Restored<R>(BitSet blocks, R reduced, int parts) {}

  private final Settings settings;
  private final String header;
  private final int generation;
  private boolean created;

  private RunCheckpoint(Settings settings, String header, int generation, boolean created) {
    this.settings = settings;
    this.header = header;
    this.generation = generation;
    this.created = created;
  }

  /** The checkpoint folder that belongs to an output file. */
  public static Path pathFor(Path output) {
    Path abs = output.toAbsolutePath();
    return abs.resolveSibling("." + abs.getFileName() + ".checkpoint");
  }

  /**
   * Opens the checkpoint of a run with {@code layout} (the blocks: range and width). A checkpoint of another
   * run, or of the same run with other blocks, is refused in one line (IllegalArgumentException), or discarded
   * with {@link Settings#discardStale}.
   */
  static RunCheckpoint open(Settings settings, String layout) {
    String header = MAGIC + "\n" + settings.identity() + "\n" + layout + "\n";
    Path dir = settings.dir();
    if (!Files.isDirectory(dir)) {
      return new RunCheckpoint(settings, header, 0, false);
    }
    String found;
    try {
      found = Files.exists(dir.resolve("header")) ? Files.readString(dir.resolve("header")) : "";
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read checkpoint " + dir + ": " + e.getMessage());
    }
    if (found.isEmpty()) {
      deleteTree(dir); // killed while creating it: nothing was saved
      return new RunCheckpoint(settings, header, 0, false);
    }
    if (!found.equals(header)) {
      String[] mine = header.split("\n"), theirs = found.split("\n", -1);
      boolean sameRun = theirs.length >= 2 && theirs[0].equals(mine[0]) && theirs[1].equals(mine[1]);
      String why = sameRun
          ? "was made with other blocks (" + (theirs.length > 2 ? theirs[2] : "?") + ", now " + mine[2]
              + "): rerun with the same --block"
          : "belongs to a run with other arguments or another sgdmc version: rerun that command";
      if (!settings.discardStale()) {
        throw new IllegalArgumentException("checkpoint " + dir + " " + why + ", or use --force to discard it");
      }
      deleteTree(dir);
      settings.notices().accept("sgdmc: --force: discarded " + dir + ", a checkpoint of another run");
      return new RunCheckpoint(settings, header, 0, false);
    }
    int generation = 0;
    for (Path p : parts(dir)) {
      String[] f = p.getFileName().toString().split("-");
      try {
        generation = Math.max(generation, Integer.parseInt(f[1]) + 1);
      } catch (RuntimeException e) {
        // not a part of ours
      }
    }
    return new RunCheckpoint(settings, header, generation, true);
  }

  /**
   * The blocks earlier attempts finished and their reductions, added into {@code reducers.get()}. A damaged
   * part (torn, failed CRC, blocks overlapping another part's) is skipped with a notice: its blocks run again.
   */
  <R extends BlockReducer<R>> Restored<R> restore(Supplier<R> reducers, long blockCount) {
    BitSet done = new BitSet();
    R reduced = null;
    int used = 0;
    if (!created) {
      return new Restored<>(done, null, 0);
    }
    for (Path p : parts(settings.dir())) {
      try {
        byte[] bytes = Files.readAllBytes(p);
        if (bytes.length < 8) {
          throw new IOException("too short");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != PART_MAGIC) {
          throw new IOException("not a checkpoint part");
        }
        long[] words = new long[in.readInt()];
        for (int i = 0; i < words.length; i++) {
          words[i] = in.readLong();
        }
        BitSet blocks = BitSet.valueOf(words);
        if (blocks.length() > blockCount || blocks.intersects(done)) {
          throw new IOException("its blocks do not fit the run");
        }
        long stored = new DataInputStream(new ByteArrayInputStream(bytes, bytes.length - 8, 8)).readLong();
        if (stored != crc.getValue()) {
          throw new IOException("damaged (CRC)");
        }
        R part = reducers.get();
        part.addSaved(in);
        if (reduced == null) {
          reduced = part;
        } else {
          reduced.merge(part);
        }
        done.or(blocks);
        used++;
      } catch (IOException | RuntimeException e) {
        settings.notices().accept("sgdmc: ignoring checkpoint part " + p + " (" + e.getMessage() + "): its blocks run again");
      }
    }
    return new Restored<>(done, reduced, used);
  }

  /** Saves worker {@code worker}'s part: the blocks it finished in this attempt and its reducer. */
  void save(int worker, BitSet blocks, BlockReducer<?> reducer) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(PART_MAGIC);
      long[] words = blocks.toLongArray();
      out.writeInt(words.length);
      for (long w : words) {
        out.writeLong(w);
      }
      reducer.save(out);
      out.flush();
      CRC32 crc = new CRC32();
      crc.update(bytes.toByteArray());
      out.writeLong(crc.getValue());
      out.flush();
      ensureCreated();
      Path target = settings.dir().resolve("part-" + generation + "-" + worker);
      writeAtomically(target, bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save checkpoint " + settings.dir() + ": " + e.getMessage(), e);
    }
  }

  private synchronized void ensureCreated() throws IOException {
    if (created) {
      return;
    }
    Path dir = settings.dir();
    Files.createDirectories(dir);
    writeAtomically(dir.resolve("header"), header.getBytes(StandardCharsets.UTF_8));
    created = true;
  }

  private static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The folder. */
  Path dir() {
    return settings.dir();
  }

  /** Deletes the checkpoint (once the output it belongs to is written). */
  void delete() {
    deleteTree(settings.dir());
    created = false;
  }

  private static java.util.List<Path> parts(Path dir) {
    java.util.List<Path> out = new java.util.ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "part-*")) {
      ds.forEach(out::add);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read checkpoint " + dir + ": " + e.getMessage());
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete checkpoint " + dir + ": " + e.getMessage(), e);
    }
  }
}
