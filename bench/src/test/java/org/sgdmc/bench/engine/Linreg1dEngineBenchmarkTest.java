package org.sgdmc.bench.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The engine benchmark at a small size, two threads against the one-thread reference. */
class Linreg1dEngineBenchmarkTest {

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"ends", "log:40"})
  void twoThreadsReproduceOneAndTheCounterCountsTrajectorySteps(String records) {
    Linreg1dEngineBenchmark b = new Linreg1dEngineBenchmark();
    b.records = records;
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
