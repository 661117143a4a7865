package org.sgdmc.engine;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The engine's side of a live run: workers post copies of their reductions ({@link BlockReducer#save}, a few
 * kilobytes to megabytes) at most every half interval, and one daemon thread adds the latest copies into a
 * fresh reducer, has the experiment finish it into a result ({@code finish}) and hands that to the {@link
 * LiveSink}. Workers never wait for the sink: a post is a serialisation and an array store. The publisher
 * keeps its own cost under a twentieth of the elapsed time (updates come less often when finishing and
 * writing take long), so a live run is not measurably slower.
 */
final class LivePublisher<R extends BlockReducer<R>> implements AutoCloseable {
  private final LiveSink sink;
  private final Function<R, Object> finish;
  private final Supplier<R> reducers;
  private final byte[] restored; // an earlier attempt's blocks (null: none)
  private final long restoredTrajectories;
  private final byte[][] posted; // per worker: its reducer's latest copy
  private final long[] postedTrajectories;
  private final long[] lastPost;
  private final double interval;
  private final Thread thread;
  private long version, publishedVersion;
  private boolean closed, broken;

  LivePublisher(LiveSink sink, Function<R, Object> finish, Supplier<R> reducers, R restored,
      long restoredTrajectories, int workers) {
    this.sink = sink;
    this.finish = finish;
    this.reducers = reducers;
    this.restored = restored == null ? null : Execution.bytes(restored);
    this.restoredTrajectories = restoredTrajectories;
    this.posted = new byte[workers][];
    this.postedTrajectories = new long[workers];
    this.lastPost = new long[workers];
    this.interval = sink.intervalSeconds();
    if (restored != null) {
      version = 1; // a resumed run shows its earlier blocks at once
    }
    this.thread = Thread.ofPlatform().name("sgdmc-live").daemon(true).start(this::loop);
  }

  /**
   * Called by worker {@code worker} after each block it finished: posts a copy of its reducer, which has seen
   * {@code trajectories} trajectories, after its first block and then at most every half interval.
   */
  void finishedBlock(int worker, R reducer, long trajectories, boolean force) {
    long now = System.nanoTime();
    if (!force && postedTrajectories[worker] > 0 && (now - lastPost[worker]) * 1e-9 < interval / 2) {
      return;
    }
    byte[] copy = Execution.bytes(reducer);
    lastPost[worker] = now;
    synchronized (this) {
      posted[worker] = copy;
      postedTrajectories[worker] = trajectories;
      version++;
      notifyAll();
    }
  }

  private void loop() {
    long started = System.nanoTime(), next = started, spent = 0;
    boolean first = true;
    while (true) {
      synchronized (this) {
        while (!closed && (version == publishedVersion || System.nanoTime() < next)) {
          long waitNanos = version == publishedVersion ? Long.MAX_VALUE : next - System.nanoTime();
          try {
            if (waitNanos == Long.MAX_VALUE) {
              wait();
            } else {
              wait(Math.max(1, waitNanos / 1_000_000));
            }
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) {
          return;
        }
      }
      long t = System.nanoTime();
      publish();
      // the first publication creates the file (and loads the C library): only later ones count as the cost, and
      // all of them together stay under a twentieth of the time since the start
      spent += first ? 0 : System.nanoTime() - t;
      first = false;
      next = Math.max(System.nanoTime() + (long) (interval * 1e9), started + 20 * spent);
    }
  }

  /** Publishes the latest posts now, unless nothing changed since the last publication. */
  void publish() {
    byte[][] copies;
    long finished = restoredTrajectories;
    long seen;
    synchronized (this) {
      if (broken || version == publishedVersion) {
        return;
      }
      copies = posted.clone();
      for (long n : postedTrajectories) {
        finished += n;
      }
      seen = version;
    }
    try {
      R merged = reducers.get();
      add(merged, restored);
      for (byte[] c : copies) {
        add(merged, c);
      }
      Object result = finish.apply(merged);
      synchronized (sink) {
        sink.partial(result, finished);
      }
    } catch (RuntimeException e) {
      synchronized (this) {
        broken = true;
      }
      System.err.println("sgdmc: live updates stopped (the run goes on): " + e.getMessage());
    }
    synchronized (this) {
      publishedVersion = Math.max(publishedVersion, seen);
    }
  }

  private void add(R merged, byte[] copy) {
    if (copy == null) {
      return;
    }
    try {
      merged.addSaved(new DataInputStream(new ByteArrayInputStream(copy)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the publisher thread and waits for it: no publication runs after this returns. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
