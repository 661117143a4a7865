package org.sgdmc.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sgdmc.rng.VectorShapes;

/**
 * In the test JVM (the module added, C2 on) the provider picks the vector kernels, silently, at {@link
 * VectorShapes}' width. The fallback is tested where it happens, in a JVM without the module: {@code
 * cli.WithoutVectorModuleTest}.
 */
class VectorizationProviderTest {

  @Test
  void theVectorKernelsRunHereWithoutAWarning() {
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    VectorizationProvider p = VectorizationProvider.decide(new PrintStream(warnings, true, StandardCharsets.UTF_8));
    assertTrue(p.vectorised());
    assertEquals("", warnings.toString(StandardCharsets.UTF_8));
    assertEquals(VectorShapes.DOUBLES.length(), p.lanes());
    assertEquals(VectorShapes.describe(), p.describe());
    assertEquals(Kernel.SCALAR, p.effective(Kernel.SCALAR));
    assertEquals(Kernel.VECTOR, p.effective(Kernel.VECTOR));
    assertTrue(VectorizationProvider.lookup().vectorised());
  }

  @Test
  void theFallbackRunsTheScalarTwinsAtAnyWidth() {
    VectorizationProvider p = new DefaultVectorizationProvider("no module");
    assertEquals(Kernel.SCALAR, p.effective(Kernel.VECTOR));
    assertEquals(1, p.lanes());
    assertTrue(p.describe().contains("no module"), p.describe());
  }

  @Test
  void c2IsOnInTheTestJvm() {
    assertTrue(VectorizationProvider.c2Enabled());
  }
}
