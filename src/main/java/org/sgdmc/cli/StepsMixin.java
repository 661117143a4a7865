package org.sgdmc.cli;

import org.sgdmc.engine.RecordTimes;
import picocli.CommandLine.Option;

/** How long every trajectory runs, and when it is observed. */
public final class StepsMixin {
  @Option(names = "--steps", paramLabel = "T", defaultValue = "1000",
      description = "SGD steps per trajectory (default: ${DEFAULT-VALUE}).")
  long steps;

  @Option(names = "--record-times", paramLabel = "SPEC", defaultValue = RecordTimes.DEFAULT,
      description = "When to observe: log:K, linear:K or a list like 0,10,100 (default: ${DEFAULT-VALUE}).")
  String recordTimes;

  /** Fails with one line if {@code --steps} is more than the random streams can feed at this batch and dimension. */
  void checkReach(long batch, long dim) {
    StreamReach.check("--steps", steps, batch, dim);
  }

  /** The recording times, ascending from 0 to {@code --steps}. */
  long[] recordTimes() {
    if (steps < 1) {
      throw new UserError("--steps must be at least 1, not " + steps);
    }
    try {
      return RecordTimes.parse(recordTimes, steps);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
