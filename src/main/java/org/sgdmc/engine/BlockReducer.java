package org.sgdmc.engine;

/**
 * What the engine does with the values a block of trajectories reports: one reducer per worker sees the
 * blocks that worker ran, in whatever order it ran them, and the workers' reducers are merged at the end.
 * A reducer that must give the same bits for any thread count, block width or order has to reduce
 * exactly (integer counts, {@code stats.ExactSum}); one that stores values does so at the trajectory's own
 * index.
 *
 * @param <R> the reducer's own type, for {@link #merge}
 */
public interface BlockReducer<R extends BlockReducer<R>> {

  /**
   * Takes a finished block: {@code values[k][r][i]} is observable k at recording time index r of trajectory
   * {@code traj0 + i}, for {@code i < valid} (entries beyond are padding and must be ignored). The arrays are
   * the engine's scratch, reused for the next block: copy what must outlive the call.
   */
  void accept(long traj0, int valid, double[][][] values);

  /** Adds what {@code other} has seen to this reducer. */
  void merge(R other);
}
