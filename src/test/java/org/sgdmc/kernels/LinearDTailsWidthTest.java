package org.sgdmc.kernels;

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
import org.sgdmc.rng.VectorShapes;

/**
 * The linear-d tails kernel gives the same bits at every vector width: a JVM forced to 128 or 512-bit vectors
 * ({@code -Dsgdmc.vector.bits}) computes the digest of {@link LinearDTailsWidthProbe} that the scalar twin
 * computes here (256 bits is this machine's own width, checked in-process; 64 bits, one lane, adds nothing
 * the 128-bit run does not).
 */
class LinearDTailsWidthTest {

  @Test
  void thisWidthEqualsTheScalarTwin() {
    assertEquals(LinearDTailsWidthProbe.digest(true), LinearDTailsWidthProbe.digest(false), VectorShapes.describe());
  }

  @ParameterizedTest(name = "{0} bits")
  @ValueSource(ints = {128, 512})
  void aJvmForcedToThisWidthComputesTheSameBits(int bits) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElseThrow(() -> new IllegalStateException("no java command"));
    String classPath = location(LinearDTailsVectorBlock.class) + File.pathSeparator + location(LinearDTailsWidthProbe.class);
    Process process = new ProcessBuilder(List.of(java, "--add-modules", "jdk.incubator.vector",
            "-Dsgdmc.vector.bits=" + bits, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath,
            LinearDTailsWidthProbe.class.getName()))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "probe at " + bits + " bits did not finish");
    assertEquals(0, process.exitValue(), "probe at " + bits + " bits failed: " + out);
    assertEquals("lanes=" + bits / 64 + " digest=" + LinearDTailsWidthProbe.digest(true), out, "at " + bits + " bits");
  }

  private static String location(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
