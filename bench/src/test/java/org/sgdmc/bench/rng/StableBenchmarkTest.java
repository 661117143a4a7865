package org.sgdmc.bench.rng;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The stable benchmark's workload run once, and proof that its self-check catches a wrong answer. */
class StableBenchmarkTest {

  private static StableBenchmark prepared() {
    StableBenchmark b = new StableBenchmark();
    b.alpha = 1.5;
    b.setUp(); // runs every fill once and verifies
    return b;
  }

  @Test
  void everyFillAgreesWithTheReference() {
    StableBenchmark b = prepared();
    b.stablesVector();
    b.stablesScalar();
    assertDoesNotThrow(b::tearDown);
  }

  @Test
  void oneWrongBitFailsTheRun() {
    StableBenchmark b = prepared();
    int last = StableBenchmark.STABLES - 1;
    b.vectorStables[last] = Math.nextUp(b.vectorStables[last]);
    assertThrows(IllegalStateException.class, b::tearDown);
    b.stablesVector();
    b.scalarStables[0] = Math.nextDown(b.scalarStables[0]);
    assertThrows(IllegalStateException.class, b::tearDown);
  }

  @Test
  void mathStablesAreHeldToATolerance() {
    StableBenchmark b = prepared();
    b.mathStables[7] *= 1 + 1e-8;
    assertThrows(IllegalStateException.class, b::tearDown);
  }
}
