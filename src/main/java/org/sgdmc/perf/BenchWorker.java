package org.sgdmc.perf;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sgdmc.kernels.KernelEntry;
import org.sgdmc.kernels.KernelRegistry;
import org.sgdmc.kernels.VectorizationProvider;

/**
 * The measuring side of {@code sgdmc bench}: one JVM per vector width (the width is fixed when the first
 * kernel class loads), started by the command with {@code -Dsgdmc.vector.bits}. For each kernel it warms up on
 * one thread, then for each thread count warms up briefly and measures {@code repeats} times, printing
 * {@code result KERNEL THREADS RATE...} lines on stdout; the first line is {@code width LANES DESCRIPTION}.
 * Warming up is by steadiness, not by a fixed time: C2 compiles a kernel after thousands of blocks, and until
 * it has, the kernel runs tens of times slower.
 *
 * <p>Arguments: {@code KERNELS THREADS SECONDS REPEATS WARMUP-SECONDS}, lists comma-separated.
 */
public final class BenchWorker {
  /** Give up waiting for a steady rate after this long (a kernel that never settles is measured anyway). */
  static final double MAX_WARMUP_SECONDS = 20;

  private BenchWorker() {}

  /**
   * Runs {@code k} on one thread in slices of 0.1 s until at least {@code minSeconds} have passed, the JIT
   * compiled nothing during the last slice, and that slice was no faster than 1.03 times the best before it:
   * the compiled code has arrived and stayed. Until C2 compiles a kernel it runs tens of times slower, and
   * on a loaded machine the compiler threads can take seconds to get to it.
   */
  static void warmUp(KernelEntry k, double minSeconds) {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
    long start = System.nanoTime();
    double best = 0;
    long compiled = timed ? jit.getTotalCompilationTime() : 0;
    while (true) {
      double rate = KernelThroughput.measure(k, 1, 0.1);
      long now = timed ? jit.getTotalCompilationTime() : 0;
      double elapsed = (System.nanoTime() - start) * 1e-9;
      boolean quiet = now == compiled;
      if ((elapsed >= minSeconds && quiet && rate <= 1.03 * best) || elapsed > MAX_WARMUP_SECONDS) {
        return;
      }
      best = Math.max(best, rate);
      compiled = now;
    }
  }

  public static void main(String[] args) {
    List<KernelEntry> kernels = new ArrayList<>();
    for (String name : args[0].split(",")) {
      kernels.add(KernelRegistry.get(name));
    }
    List<Integer> threads = new ArrayList<>();
    for (String t : args[1].split(",")) {
      threads.add(Integer.parseInt(t));
    }
    double seconds = Double.parseDouble(args[2]);
    int repeats = Integer.parseInt(args[3]);
    double warmup = Double.parseDouble(args[4]);
    VectorizationProvider provider = VectorizationProvider.lookup();
    System.out.println("width " + provider.lanes() + " " + provider.describe());
    System.out.flush();
    for (KernelEntry k : kernels) {
      warmUp(k, warmup);
      for (int t : threads) {
        KernelThroughput.measure(k, t, Math.min(warmup, seconds)); // and the other threads' first blocks here
        StringBuilder line = new StringBuilder("result " + k.name() + " " + t);
        for (int r = 0; r < repeats; r++) {
          line.append(String.format(Locale.ROOT, " %.6e", KernelThroughput.measure(k, t, seconds)));
        }
        System.out.println(line);
        System.out.flush();
      }
    }
  }
}
