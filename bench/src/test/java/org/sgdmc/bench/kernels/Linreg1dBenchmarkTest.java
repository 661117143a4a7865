package org.sgdmc.bench.kernels;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each workload run once through its self-check, and proof that the check catches a wrong answer. */
class Linreg1dBenchmarkTest {

  @Test
  void everyWorkloadMatchesItsScalarTwinAndTheExactExponent() {
    for (Linreg1dBenchmark.Workload w : List.of(
        new Linreg1dBenchmark.GaussianS1(), new Linreg1dBenchmark.GaussianS8(), new Linreg1dBenchmark.FiniteN100S1())) {
      w.setUp(); // scalar twin, vector kernel, bit comparison and the exponent's range
      w.run(w.vector);
      assertDoesNotThrow(w::tearDown, w.getClass().getSimpleName());
    }
  }

  @Test
  void oneWrongBitFailsTheRun() {
    Linreg1dBenchmark.GaussianS1 w = new Linreg1dBenchmark.GaussianS1();
    w.setUp();
    w.out[13] = Math.nextDown(w.out[13]);
    assertThrows(IllegalStateException.class, w::tearDown);
  }

  @Test
  void aWrongExponentFailsTheRunEvenWhenTheTwinsAgree() {
    Linreg1dBenchmark.GaussianS1 w = new Linreg1dBenchmark.GaussianS1() {
      @Override
      double exactLyapunov(org.sgdmc.models.Linreg1d model) {
        return -0.6; // what the kernel would meet if, say, it drew uniforms instead of normals
      }
    };
    assertThrows(IllegalStateException.class, w::setUp);
  }
}
