package org.sgdmc.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

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

  /**
   * Writes what this reducer has seen, for a shard file or a checkpoint: {@link #addSaved} on a reducer made
   * the same way adds it back, exactly as {@link #merge} would have. A reducer that cannot be saved cannot be
   * sharded or checkpointed.
   */
  default void save(DataOutput out) throws IOException {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be saved");
  }

  /** Adds a state that {@link #save} wrote (IOException where it is damaged or of another kind of reducer). */
  default void addSaved(DataInput in) throws IOException {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be restored");
  }
}
