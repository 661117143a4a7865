package org.sgdmc.bench.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The engine benchmark at a small size, two threads against the one-thread reference. */
class Linreg1dEngineBenchmarkTest {

  @Test
  void twoThreadsReproduceOneAndTheCounterCountsTrajectorySteps() {
    Linreg1dEngineBenchmark b = new Linreg1dEngineBenchmark();
    b.threads = 2;
    b.trajectories = 4096 + 13; // a last block padded past the ensemble
    b.steps = 50;
    b.setUp();
    Linreg1dEngineBenchmark.Counters counters = new Linreg1dEngineBenchmark.Counters();
    b.run(counters);
    b.run(counters);
    assertEquals(2L * (4096 + 13) * 50, counters.trajectorySteps);
    assertDoesNotThrow(b::tearDown);
  }
}
