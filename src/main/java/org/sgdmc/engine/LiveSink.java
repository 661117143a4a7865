package org.sgdmc.engine;

/**
 * Where a live run's partial results go ({@code simulate ... --live}): the command's own result, finished from a
 * copy of the reductions of the blocks done so far (an unbiased estimate over the trajectories finished, since
 * every block is a set of independent trajectories), together with how many trajectories that is. Bound to the
 * run by {@link Execution#withLive}; the engine calls it from its publisher thread, one call at a time, never
 * while a worker waits.
 */
public interface LiveSink {
  /** A result over {@code finished} of the run's trajectories; {@code result} is what the experiment returns. */
  void partial(Object result, long finished);

  /** The fewest seconds between two calls: {@code -Dsgdmc.live.seconds}, 2 by default. */
  static double defaultInterval() {
    return Double.parseDouble(System.getProperty("sgdmc.live.seconds", "2"));
  }

  /** The fewest seconds between two calls. */
  default double intervalSeconds() {
    return defaultInterval();
  }
}
