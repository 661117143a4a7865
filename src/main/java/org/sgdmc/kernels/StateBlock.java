package org.sgdmc.kernels;

/**
 * A block of {@link #width()} consecutive trajectories whose state at a recording time is several numbers
 * (say the parameters u and w and the step at which a trajectory diverged), in struct-of-arrays form. The
 * multi-parameter counterpart of {@link TrajectoryBlock}, under the same contract: what a block reports for
 * trajectory i at step t depends only on the model, the seed, i and t, never on the block's width, i's
 * place in it, or how the steps were split into {@link #advance} calls.
 */
public interface StateBlock {

  /** Trajectories per block. */
  int width();

  /** Numbers per trajectory in a {@link #snapshot}. */
  int channels();

  /** Puts trajectories {@code traj0 .. traj0 + width - 1} at their initial state (step 0). */
  void start(long traj0);

  /** Runs steps {@code from .. to - 1}. */
  void advance(long from, long to);

  /** Writes channel c of trajectory i to {@code out[c * width + i]}; never NaN. */
  void snapshot(double[] out);
}
