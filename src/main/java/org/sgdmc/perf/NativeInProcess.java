package org.sgdmc.perf;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * The native C reference loaded into this JVM as a shared library and called through {@code java.lang.foreign}:
 * the same C run as {@link NativeReference#run}, without a process start or a second runtime in the way, and the
 * price of one downcall, measured on the library's no-op. The library lives as long as this object.
 */
public final class NativeInProcess implements AutoCloseable {
  /** The library's run: (trajectories, steps, lr, threads, seed, double* lyapunov) -> trajectory-steps/s or -1. */
  private static final FunctionDescriptor RUN = FunctionDescriptor.of(ValueLayout.JAVA_DOUBLE, ValueLayout.JAVA_LONG,
      ValueLayout.JAVA_LONG, ValueLayout.JAVA_DOUBLE, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS);
  private static final FunctionDescriptor NOOP = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT);
  /** The seed of the C reference's command line, so both ways compute the same numbers. */
  static final long SEED = 42;

  private final Arena arena = Arena.ofShared();
  private final MethodHandle run;
  private final MethodHandle noop;
  private volatile int blackhole;

  /** Loads {@code library}; fails with one line when it is not a library or lacks the two functions. */
  NativeInProcess(Path library) {
    try {
      SymbolLookup lookup = SymbolLookup.libraryLookup(library, arena);
      Linker linker = Linker.nativeLinker();
      run = linker.downcallHandle(find(lookup, "sgdmc_linreg1d_reference"), RUN);
      noop = linker.downcallHandle(find(lookup, "sgdmc_noop"), NOOP);
    } catch (RuntimeException e) {
      arena.close();
      throw new IllegalStateException("cannot load " + library + ": " + e.getMessage(), e);
    }
  }

  private static MemorySegment find(SymbolLookup lookup, String name) {
    return lookup.find(name).orElseThrow(() -> new IllegalStateException("no symbol " + name));
  }

  /** Runs {@code trajectories x steps} at learning rate 0.5 on {@code threads} threads, in this process. */
  public NativeReference.Run run(long trajectories, long steps, int threads) {
    try (Arena call = Arena.ofConfined()) {
      MemorySegment lyapunov = call.allocate(ValueLayout.JAVA_DOUBLE);
      long t0 = System.nanoTime();
      double rate = (double) run.invokeExact(trajectories, steps, 0.5, threads, SEED, lyapunov);
      double seconds = (System.nanoTime() - t0) * 1e-9;
      if (rate < 0) {
        throw new IllegalStateException("the native reference refused " + trajectories + " x " + steps + " on " + threads
            + " threads");
      }
      return new NativeReference.Run(threads, rate, lyapunov.get(ValueLayout.JAVA_DOUBLE, 0), seconds);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Nanoseconds per call of the library's no-op through {@code java.lang.foreign}, the median of 5 timings of
   * {@code calls} calls each, after as many calls of warm-up.
   */
  public double downcallNanos(int calls) {
    try {
      int sink = 0;
      for (int i = 0; i < calls; i++) {
        sink += (int) noop.invokeExact(i);
      }
      double[] t = new double[5];
      for (int r = 0; r < t.length; r++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
          sink += (int) noop.invokeExact(i);
        }
        t[r] = (System.nanoTime() - t0) / (double) calls;
      }
      blackhole = sink; // the calls' results are used, so the JIT keeps the calls
      java.util.Arrays.sort(t);
      return t[t.length / 2];
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    arena.close();
  }
}
