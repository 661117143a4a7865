package org.sgdmc.bench.rng;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The benchmark's workload run once, and proof that its self-check catches a wrong answer. */
class RngBenchmarkTest {

  @Test
  void everyFillAgreesWithTheReference() {
    RngBenchmark b = new RngBenchmark();
    b.setUp(); // runs every fill once and verifies
    b.philoxVector();
    b.normalSquaresVector();
    assertDoesNotThrow(b::tearDown);
  }

  @Test
  void oneWrongBitFailsTheRun() {
    RngBenchmark b = new RngBenchmark();
    b.setUp();
    int last = RngBenchmark.NUMBERS - 1;
    b.vectorBits[last] ^= 1L << 40;
    assertThrows(IllegalStateException.class, b::tearDown);
    b.philoxVector();
    b.vectorSquares[last] = Math.nextUp(b.vectorSquares[last]);
    assertThrows(IllegalStateException.class, b::tearDown);
  }

  @Test
  void mathNormalsAreHeldToATolerance() {
    RngBenchmark b = new RngBenchmark();
    b.setUp();
    b.mathNormals[7] += 1e-9;
    assertThrows(IllegalStateException.class, b::tearDown);
  }
}
