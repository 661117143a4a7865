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

  /**
   * This block seen as a {@link TrajectoryBlock} with one observable per channel, read from one snapshot per
   * recording time (observable 0 takes it, so read the observables in order, as the engine does).
   */
  static TrajectoryBlock asTrajectories(StateBlock block) {
    double[] snapshot = new double[block.channels() * block.width()];
    return new TrajectoryBlock() {
      @Override
      public int width() {
        return block.width();
      }

      @Override
      public int observables() {
        return block.channels();
      }

      @Override
      public void start(long traj0) {
        block.start(traj0);
      }

      @Override
      public void advance(long from, long to) {
        block.advance(from, to);
      }

      @Override
      public void logDistance(double[] out) {
        logDistance(0, out);
      }

      @Override
      public void logDistance(int which, double[] out) {
        if (which == 0) {
          block.snapshot(snapshot);
        }
        System.arraycopy(snapshot, which * block.width(), out, 0, block.width());
      }
    };
  }
}
