package org.sgdmc.kernels;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.sgdmc.engine.RecordTimes;

/**
 * Runs every {@link KernelRegistry} vector kernel the way the engine does under the CLI's defaults (blocks of
 * 64 trajectories, the default 41 log-spaced recording times, every value read at each of them), warms it
 * until C2 has compiled it, and prints one line per entry: {@code name advance-bytes read-bytes}, the bytes the
 * thread allocated per block once warm ({@code com.sun.management.ThreadMXBean}) while stepping and while
 * reading the values at the recording times. Stepping must allocate nothing; reading may (a few models
 * compute observables such as singular values or kink counts in plain scalar code at each recording time).
 *
 * <p>A vector that crosses a call C2 did not inline is boxed: a heap object per operation, megabytes per block.
 * A kernel on its fast path allocates nothing per block (its scratch is made once, in the constructor), so
 * this number separates the two states without timing anything. {@link FastPathTest} runs the probe in a fresh
 * JVM, with {@code -XX:+PrintInlining} on, so that it can also read the compiler's inlining decisions.
 *
 * <p>Arguments: {@code [steps [warm-blocks [measured-blocks [entry-name-prefix]]]]}.
 */
public final class FastPathProbe {
  static final int WIDTH = 64;

  private FastPathProbe() {}

  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    int warm = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    int measured = args.length > 2 ? Integer.parseInt(args[2]) : 40;
    String prefix = args.length > 3 ? args[3] : "";
    long[] times = RecordTimes.parse(RecordTimes.DEFAULT, steps);
    List<KernelEntry> entries = new ArrayList<>();
    for (KernelEntry e : KernelRegistry.entries()) {
      if (e.name().startsWith(prefix)) {
        entries.add(e);
      }
    }
    // warm every entry before measuring any, so that each measurement sees the code C2 compiled for all of
    // them (the profiles a CLI run leaves are one model's; this is the harder, polluted case)
    List<ObservedBlock> blocks = new ArrayList<>();
    for (KernelEntry e : entries) {
      ObservedBlock b = e.vector().create(17, WIDTH);
      blocks.add(b);
      double[] out = new double[b.values() * WIDTH];
      for (int k = 0; k < warm; k++) {
        runBlock(b, k, times, out);
      }
    }
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    StringBuilder report = new StringBuilder();
    for (int i = 0; i < entries.size(); i++) {
      ObservedBlock b = blocks.get(i);
      double[] out = new double[b.values() * WIDTH];
      long next = warm;
      // On a loaded machine C2 may not have replaced every method yet (its threads share the cores): run on,
      // in chunks of 10 blocks, until 5 chunks in a row step without allocating, or 4 x warm more blocks.
      // Boxing never settles, so it still shows; a late compile no longer reads as boxing.
      for (int quiet = 0, extra = 0; quiet < 5 && extra < 4 * warm; extra += 10, next += 10) {
        quiet = allocated(b, next, 10, times, out, mx)[0] == 0 ? quiet + 1 : 0;
      }
      long[] bytes = allocated(b, next, measured, times, out, mx);
      report.append(entries.get(i).name()).append(' ').append(bytes[0] / measured).append(' ')
          .append(bytes[1] / measured).append('\n');
    }
    System.out.print(report);
  }

  /** Bytes allocated while stepping and while reading over {@code count} blocks from block {@code first}. */
  private static long[] allocated(ObservedBlock b, long first, int count, long[] times, double[] out,
      com.sun.management.ThreadMXBean mx) {
    long stepping = 0, reading = 0;
    for (int k = 0; k < count; k++) {
      long t0 = mx.getCurrentThreadAllocatedBytes();
      b.start((first + k) * WIDTH);
      long t1 = mx.getCurrentThreadAllocatedBytes();
      b.read(out);
      reading += mx.getCurrentThreadAllocatedBytes() - t1;
      stepping += t1 - t0;
      for (int t = 1; t < times.length; t++) {
        long a0 = mx.getCurrentThreadAllocatedBytes();
        b.advance(times[t - 1], times[t]);
        long a1 = mx.getCurrentThreadAllocatedBytes();
        b.read(out);
        reading += mx.getCurrentThreadAllocatedBytes() - a1;
        stepping += a1 - a0;
      }
    }
    return new long[] {stepping, reading};
  }

  /** One block from step 0 through every recording time, every value read at each, as the engine does. */
  private static void runBlock(ObservedBlock b, long index, long[] times, double[] out) {
    b.start(index * WIDTH);
    b.read(out);
    for (int t = 1; t < times.length; t++) {
      b.advance(times[t - 1], times[t]);
      b.read(out);
    }
  }
}
