package org.sgdmc.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one way sgdmc runs work on several cores: {@code threads} platform threads each run the same worker
 * loop (which claims its own work, e.g. from an {@code AtomicLong}), and the pool waits for all of them.
 * Failure policy: the first exception any worker throws is kept, {@link #failed()} turns true so the
 * others stop at their next claim, and it is rethrown on the calling thread once all have stopped.
 * Interrupting the calling thread interrupts the workers and is rethrown as the failure. With one thread
 * the worker runs on the calling thread (no thread is started: simpler profiles, no hand-over).
 */
public final class WorkerPool {
  /** A worker loop; {@code index} is 0 .. threads - 1. */
  @FunctionalInterface
  public interface Worker {
    void run(int index) throws Exception;
  }

  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  /** Whether a worker has failed (or the run was interrupted): workers check it before claiming more. */
  public boolean failed() {
    return failure.get() != null;
  }

  /** Runs {@code worker} on {@code threads} threads named {@code name-i} and waits; rethrows the first failure. */
  public void run(int threads, String name, Worker worker) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    }
    if (threads == 1) {
      guarded(worker, 0).run();
    } else {
      List<Thread> pool = new ArrayList<>(threads);
      for (int i = 0; i < threads; i++) {
        pool.add(Thread.ofPlatform().name(name + "-" + i).daemon(true).start(guarded(worker, i)));
      }
      for (Thread t : pool) {
        try {
          t.join();
        } catch (InterruptedException e) {
          failure.compareAndSet(null, e);
          pool.forEach(Thread::interrupt);
          Thread.currentThread().interrupt();
        }
      }
    }
    rethrow();
  }

  /**
   * Runs {@code task(0 .. count-1)} on at most {@code threads} threads, items claimed in increasing order;
   * rethrows the first failure. Each item's result must not depend on which thread ran it.
   */
  public static void forEach(int threads, String name, int count, java.util.function.IntConsumer task) {
    if (count <= 0) {
      return;
    }
    WorkerPool pool = new WorkerPool();
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    pool.run(Math.max(1, Math.min(threads, count)), name, index -> {
      for (int i; !pool.failed() && (i = next.getAndIncrement()) < count; ) {
        task.accept(i);
      }
    });
  }

  private Runnable guarded(Worker worker, int index) {
    return () -> {
      try {
        worker.run(index);
      } catch (Throwable e) {
        failure.compareAndSet(null, e);
      }
    };
  }

  private void rethrow() {
    Throwable e = failure.get();
    if (e == null) {
      return;
    }
    if (e instanceof RuntimeException re) {
      throw re;
    }
    if (e instanceof Error err) {
      throw err;
    }
    throw new IllegalStateException(e);
  }
}
