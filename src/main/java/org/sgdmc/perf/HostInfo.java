package org.sgdmc.perf;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.sgdmc.io.RunMetadata;

/**
 * The machine line every figure needs: CPU model, the instruction-set flags that decide the vector width, core
 * count, the JVM and the {@code UseAVX} level HotSpot chose. Read once by {@code sgdmc bench}.
 *
 * @param cpu the model name from /proc/cpuinfo
 * @param flags the vector-relevant flags present (avx, avx2, fma, avx512f, ...), space-separated
 * @param cores processors available to the JVM
 * @param java the JVM's version line
 * @param useAvx HotSpot's UseAVX (0 to 3), or -1 where the flag does not exist (not x86)
 */
public record HostInfo(String cpu, String flags, int cores, String java, int useAvx) {
  private static final Set<String> VECTOR_FLAGS = Set.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512dq",
      "avx512vl", "avx512bw", "avx512ifma", "asimd", "sve");

  /** This machine and JVM. */
  public static HostInfo current() {
    return new HostInfo(RunMetadata.cpuModel(), readFlags(), Runtime.getRuntime().availableProcessors(),
        RunMetadata.java(), readUseAvx());
  }

  /** One line for tables and logs. */
  public String line() {
    return cpu + ", " + cores + " cores, " + (flags.isEmpty() ? "no vector flags read" : flags) + "; " + java
        + (useAvx >= 0 ? "; UseAVX=" + useAvx : "");
  }

  private static String readFlags() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("flags") || line.startsWith("Features")) {
          List<String> present = new ArrayList<>();
          for (String f : line.substring(line.indexOf(':') + 1).trim().split("\\s+")) {
            if (VECTOR_FLAGS.contains(f)) {
              present.add(f);
            }
          }
          present.sort(null);
          return String.join(" ", present);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return "";
  }

  private static int readUseAvx() {
    try {
      var hotspot = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
      return Integer.parseInt(hotspot.getVMOption("UseAVX").getValue());
    } catch (RuntimeException e) {
      return -1;
    }
  }
}
