package org.sgdmc.perf;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.KernelEntry;
import org.sgdmc.kernels.ObservedBlock;

/**
 * Trajectory-steps per second of one {@link org.sgdmc.kernels.KernelRegistry} kernel on a number of threads:
 * each thread steps blocks of {@value #BLOCK} trajectories (the CLI's default width) for {@value #STEPS}
 * steps, reading the state only at the end, as long as the time allows. Nothing else runs, so this is the
 * kernel's own speed: what a long run without recording times approaches. Threads work on distinct
 * trajectories and start together; the rate is every thread's steps over the wall time until the last one
 * stops.
 */
public final class KernelThroughput {
  /** Trajectories per block. */
  public static final int BLOCK = 64;
  /** Steps per block: long enough that the start and the read-out are noise, short enough to stop on time. */
  public static final int STEPS = 256;

  private KernelThroughput() {}

  /** The rate of {@code entry} on {@code threads} threads over about {@code seconds} of wall time. */
  public static double measure(KernelEntry entry, int threads, double seconds) {
    if (threads < 1 || !(seconds > 0)) {
      throw new IllegalArgumentException("threads " + threads + ", seconds " + seconds);
    }
    AtomicLong blocks = new AtomicLong();
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    Thread[] workers = new Thread[threads];
    long[] ends = new long[threads];
    long[] start = new long[1];
    long span = (long) (seconds * 1e9);
    for (int i = 0; i < threads; i++) {
      int id = i;
      workers[i] = Thread.ofPlatform().name("bench-" + i).unstarted(() -> {
        ObservedBlock block = entry.block(17, BLOCK, Kernel.VECTOR);
        double[] out = new double[block.values() * BLOCK];
        ready.countDown();
        await(go);
        long deadline = start[0] + span;
        long done = 0;
        // distinct trajectories per thread and per block, so no two blocks compute the same numbers
        for (long traj0 = (long) id << 40; System.nanoTime() < deadline; traj0 += BLOCK) {
          block.start(traj0);
          block.advance(0, STEPS);
          done++;
        }
        block.read(out);
        blocks.addAndGet(done);
        ends[id] = System.nanoTime();
      });
      workers[i].start();
    }
    await(ready);
    start[0] = System.nanoTime();
    go.countDown();
    for (Thread w : workers) {
      try {
        w.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    long last = start[0];
    for (long e : ends) {
      last = Math.max(last, e);
    }
    return blocks.get() * (double) BLOCK * STEPS / ((last - start[0]) * 1e-9);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
