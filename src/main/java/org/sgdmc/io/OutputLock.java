package org.sgdmc.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * One writer per output: a process that is about to compute {@code NAME.h5} holds an OS lock on {@code
 * .NAME.h5.lock} beside it until it exits, and a second process asked for the same output refuses in one line
 * instead of computing the same thing and racing the first to the rename (or resuming the same checkpoint and
 * interleaving its parts). The OS drops the lock when its holder dies, even by kill -9, so a stale lock file
 * never blocks anyone; a normal exit deletes it.
 */
public final class OutputLock {
  private static final Object HELD = new Object();
  private static final java.util.Map<Path, OutputLock> held = new java.util.HashMap<>();

  private final Path path;
  private final FileChannel channel;
  private final FileLock lock;

  private OutputLock(Path path, FileChannel channel, FileLock lock) {
    this.path = path;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock file of an output. */
  public static Path pathFor(Path output) {
    Path abs = output.toAbsolutePath();
    return abs.resolveSibling("." + abs.getFileName() + ".lock");
  }

  /**
   * Takes the lock of {@code output} for the rest of this process (again: a no-op); IllegalArgumentException,
   * in one line, if another process holds it. The directory must exist.
   */
  public static void acquire(Path output) {
    Path path = pathFor(output);
    synchronized (HELD) {
      if (held.containsKey(path)) {
        return;
      }
      for (int attempt = 0; attempt < 10; attempt++) {
        OutputLock l = tryOnce(path, output);
        if (l != null) {
          held.put(path, l);
          if (held.size() == 1) {
            Runtime.getRuntime().addShutdownHook(new Thread(OutputLock::releaseAll, "sgdmc-output-lock"));
          }
          return;
        }
      }
      throw new IllegalArgumentException("cannot lock " + path + ": it keeps being replaced");
    }
  }

  /** Locks the file at {@code path}, or null if the file we locked was deleted meanwhile (retry). */
  private static OutputLock tryOnce(Path path, Path output) {
    FileChannel ch = null;
    try {
      ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
      Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        String holder = new String(Files.readAllBytes(path), StandardCharsets.UTF_8).strip();
        ch.close();
        throw new IllegalArgumentException("another sgdmc process" + (holder.isEmpty() ? "" : " (pid " + holder + ")")
            + " is writing " + output + ": wait for it to finish, or choose another output");
      }
      // the holder before us deletes the file before it lets go: make sure the path still names what we locked
      if (!Files.exists(path) || !Objects.equals(key, Files.readAttributes(path, BasicFileAttributes.class).fileKey())) {
        lock.release();
        ch.close();
        return null;
      }
      ch.truncate(0);
      ch.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      return new OutputLock(path, ch, lock);
    } catch (IOException e) {
      try {
        if (ch != null) {
          ch.close();
        }
      } catch (IOException ignored) {
        // already failing
      }
      throw new IllegalArgumentException("cannot write " + output + ": " + (e instanceof java.nio.file.AccessDeniedException
          ? "directory " + path.toAbsolutePath().getParent() + " is not writable"
          : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage()));
    }
  }

  private static void releaseAll() {
    synchronized (HELD) {
      for (OutputLock l : held.values()) {
        try {
          Files.deleteIfExists(l.path); // delete first, then let go: see tryOnce
          l.lock.release();
          l.channel.close();
        } catch (IOException e) {
          // exiting anyway; the OS drops the lock
        }
      }
      held.clear();
    }
  }
}
