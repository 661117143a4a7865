package org.sgdmc.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.sgdmc.kernels.VectorizationProvider;

/**
 * What every sgdmc result file says about where it came from: the root attributes (version, command, seed,
 * generator, time of creation). {@link RunSections} writes them with the other shared sections.
 */
public record RunMetadata(String version, String command, long seed, String created) {
  /** The generator and the stream layout, as stored in the {@code rng} root attribute. */
  public static final String RNG =
      "Philox4x32-10; draw k of trajectory i in stream s = 64-bit word k mod 2 of "
          + "Philox(counter=(lo32 i, hi32 i, lo32 k/2, s<<16 | bits 32..47 of k/2), key=(lo32 seed, hi32 seed))";

  /** Metadata stamped now (UTC, to the second). */
  public static RunMetadata now(String version, String command, long seed) {
    return new RunMetadata(version, command, seed, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
  }

  /**
   * Writes the root attributes: what produced the file (version, the commit it was built from, the command, the
   * seed, the generator) and on what (JVM, CPU, vector width; the thread count comes with {@code /performance},
   * see {@link RunSections#performance}).
   */
  public void writeRoot(ResultFile f, String model) {
    f.attribute("/", "sgdmc_version", version);
    f.attribute("/", "git_commit", BuildInfo.commit());
    f.attribute("/", "java", java());
    f.attribute("/", "cpu", cpuModel());
    f.attribute("/", "vector_width", VectorizationProvider.lookup().describe());
    f.attribute("/", "command", command);
    f.attribute("/", "seed", seed);
    f.attribute("/", "rng", RNG);
    f.attribute("/", "created", created);
    f.attribute("/", "model", model);
    f.attribute("/", "schema", "see data/SCHEMA.md in the sgdmc repository");
  }

  /** The JVM: its version, name and vendor, e.g. {@code 25.0.3+9-LTS OpenJDK 64-Bit Server VM (Eclipse Adoptium)}. */
  public static String java() {
    return Runtime.version() + " " + System.getProperty("java.vm.name") + " (" + System.getProperty("java.vendor") + ")";
  }

  /** The CPU model from /proc/cpuinfo, or the architecture where there is none. */
  public static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall through
    }
    return System.getProperty("os.arch");
  }
}
