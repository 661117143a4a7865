package org.sgdmc.bench.stats;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sgdmc.stats.tails.TailFit;

/** The tail-fit benchmark at a small size: every stage runs, two threads reproduce one, a wrong fit is caught. */
class TailFitBenchmarkTest {

  @Test
  void twoThreadsReproduceOneOnBothLaws() {
    for (String law : new String[] {"pareto", "bulk"}) {
      TailFitBenchmark b = new TailFitBenchmark();
      b.n = 50_003;
      b.law = law;
      b.threads = 2;
      b.setUp();
      TailFit fit = b.fit();
      assertEquals(b.reference.k(), fit.k());
      assertEquals(b.reference.k(), b.search().choice().k());
      assertEquals(b.reference.ciLow(), b.bootstrap().low());
      assertEquals(b.n, b.prepare().n());
      assertDoesNotThrow(b::tearDown);
    }
  }

  @Test
  void aDifferentFitFailsTheRun() {
    TailFitBenchmark b = new TailFitBenchmark();
    b.n = 20_000;
    b.law = "bulk";
    b.threads = 1;
    b.setUp();
    b.fit();
    b.options = b.options.withBootstrap(200, 0.95, 1); // another bootstrap seed: another interval
    b.fit();
    assertThrows(IllegalStateException.class, b::tearDown);
  }
}
