package org.sgdmc.engine;

import java.lang.management.ManagementFactory;

/**
 * Refuses, before anything is allocated, a run whose estimated memory exceeds what it can get: heap up to
 * the JVM's {@code -Xmx} (less what is in use), off-heap up to the machine's physical memory less the
 * heap's limit. One line, with the estimate and the option that lowers it.
 */
public final class MemoryGuard {
  private MemoryGuard() {}

  /**
   * Checks an estimate. {@code what} names the run ("linreg1d ensemble"), {@code lower} the fix ("use
   * fewer --trajectories or drop --keep-trajectories").
   */
  public static void check(String what, long heapBytes, long offHeapBytes, String lower) {
    Runtime rt = Runtime.getRuntime();
    long heapFree = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (heapBytes > heapFree) {
      throw new TooLargeException(String.format(
          "%s needs about %s of heap, but the JVM has %s free (-Xmx %s): %s, or raise the limit with "
              + "SGDMC_JAVA_OPTS=-Xmx...", what, bytes(heapBytes), bytes(heapFree), bytes(rt.maxMemory()), lower));
    }
    long physical = physicalMemory();
    long offHeapFree = physical - rt.maxMemory();
    if (offHeapBytes > 0 && offHeapBytes > offHeapFree) {
      throw new TooLargeException(String.format(
          "%s needs about %s of memory outside the heap, but the machine has %s (%s beside the JVM's heap): %s",
          what, bytes(offHeapBytes), bytes(physical), bytes(Math.max(0, offHeapFree)), lower));
    }
  }

  /** The machine's physical memory, or Long.MAX_VALUE when the platform does not say. */
  static long physicalMemory() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return Long.MAX_VALUE;
  }

  /** A byte count for people: "1.3 GiB". */
  public static String bytes(long b) {
    if (b < 1L << 20) {
      return String.format("%.1f KiB", b / 1024.0);
    }
    if (b < 1L << 30) {
      return String.format("%.1f MiB", b / (double) (1L << 20));
    }
    return String.format("%.1f GiB", b / (double) (1L << 30));
  }
}
