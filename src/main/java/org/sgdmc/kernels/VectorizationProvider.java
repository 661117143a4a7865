package org.sgdmc.kernels;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * Decides once per JVM whether the vector kernels can run, in the manner of Lucene's {@code
 * VectorizationProvider}: they need the incubator module {@code jdk.incubator.vector} in the boot layer, and
 * C2, without which every Vector API call runs as plain Java (tens of times slower than the scalar twins).
 * Where either is missing, every block is the scalar twin (the same bits) and one warning on stderr names the
 * fix.
 *
 * <p>This class and {@link DefaultVectorizationProvider} load without the module: nothing here touches a
 * Vector API class. Only {@link PanamaVectorizationProvider} does, and it is linked only once the module is
 * known to be there.
 */
public abstract class VectorizationProvider {
  /** The module the vector kernels are written against. */
  static final String VECTOR_MODULE = "jdk.incubator.vector";

  VectorizationProvider() {}

  /** The provider for this JVM, decided (and warned about) on first use. */
  public static VectorizationProvider lookup() {
    return Holder.INSTANCE;
  }

  /** Whether blocks asked for as {@link Kernel#VECTOR} are the vector kernels. */
  public abstract boolean vectorised();

  /** The lane count block widths must be a multiple of (1 where the scalar twins run). */
  public abstract int lanes();

  /** One line for printouts and run metadata, e.g. {@code "DoubleVector 256 bits x 4 lanes"}. */
  public abstract String describe();

  /** The kernel that really runs when {@code requested} is asked for. */
  public Kernel effective(Kernel requested) {
    return vectorised() ? requested : Kernel.SCALAR;
  }

  /** Lazy, so that the warning is printed at first use and only once. */
  private static final class Holder {
    static final VectorizationProvider INSTANCE = decide(System.err);
  }

  /** The provider this JVM can run, warning on {@code warnings} when it is the fallback. */
  static VectorizationProvider decide(PrintStream warnings) {
    Optional<String> missing = whyNotVectorised();
    if (missing.isEmpty()) {
      return new PanamaVectorizationProvider();
    }
    warnings.println("sgdmc: WARNING: " + missing.get() + "; running the scalar kernels (the same results, slower)");
    return new DefaultVectorizationProvider(missing.get());
  }

  /** Why the vector kernels cannot run here, with the fix, or empty when they can. */
  static Optional<String> whyNotVectorised() {
    if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
      return Optional.of("the Vector API module is not loaded: run with --add-modules " + VECTOR_MODULE);
    }
    if (!c2Enabled()) {
      return Optional.of("the C2 compiler is disabled (-Xint or -XX:TieredStopAtLevel below 4), so the Vector API"
          + " would run interpreted: run without those options");
    }
    return Optional.empty();
  }

  /**
   * Whether C2 compiles hot code: not with {@code -Xint} (the VM says "interpreted mode"), not with tiered
   * compilation stopped below level 4 (Lucene reads the same flag). Where the HotSpot flags cannot be read
   * (another VM, a runtime without {@code jdk.management}), assume it does, as Lucene does.
   */
  static boolean c2Enabled() {
    if (System.getProperty("java.vm.info", "").contains("interpreted mode")) {
      return false;
    }
    try {
      var hotspot = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
      if (hotspot == null) {
        return true;
      }
      boolean tiered = Boolean.parseBoolean(hotspot.getVMOption("TieredCompilation").getValue());
      int stopAt = Integer.parseInt(hotspot.getVMOption("TieredStopAtLevel").getValue());
      return !tiered || stopAt >= 4;
    } catch (RuntimeException | LinkageError e) {
      return true;
    }
  }
}
