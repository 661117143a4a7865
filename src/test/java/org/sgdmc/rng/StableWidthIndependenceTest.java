package org.sgdmc.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stable draws do not depend on the vector width: a JVM forced to 64, 128, 256 or 512-bit vectors
 * ({@code -Dsgdmc.vector.bits}) fills the same stables, bit for bit, as this JVM and as the scalar
 * reference, for every alpha of {@link SymmetricStableTwinTest#ALPHAS}. As {@link WidthIndependenceTest},
 * one JVM per width, since the shape is fixed when {@link VectorShapes} initialises.
 */
class StableWidthIndependenceTest {

  @Test
  void vectorStablesAtThisWidthEqualTheScalarReference() {
    assertEquals(StableWidthProbe.scalarDigest(), StableWidthProbe.vectorDigest(), VectorShapes.describe());
  }

  @ParameterizedTest(name = "{0} bits")
  @ValueSource(ints = {64, 128, 256, 512})
  void aJvmForcedToThisWidthComputesTheSameStables(int bits) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElseThrow(() -> new IllegalStateException("no java command"));
    String classPath = location(Philox4x32.class) + File.pathSeparator + location(StableWidthProbe.class);
    Process process = new ProcessBuilder(List.of(java, "--add-modules", "jdk.incubator.vector",
            "-Dsgdmc.vector.bits=" + bits, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath,
            StableWidthProbe.class.getName()))
        .redirectError(ProcessBuilder.Redirect.DISCARD) // the incubator-module warning
        .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "probe at " + bits + " bits did not finish");
    assertEquals(0, process.exitValue(), "probe at " + bits + " bits failed: " + out);
    // the probe must really have run at the forced width, or the comparison proves nothing
    assertEquals("lanes=" + bits / 64 + " digest=" + StableWidthProbe.vectorDigest(), out, "at " + bits + " bits");
  }

  private static String location(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
