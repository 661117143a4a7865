package org.sgdmc.kernels;

/**
 * A {@link TrajectoryBlock} or a {@link StateBlock} seen one way, so that tests and tools can treat every
 * kernel alike: a width, a number of values per trajectory (observables or channels), and all of them read
 * at once. The contract of both interfaces carries over: what trajectory i reports at step t depends only on
 * the model, the seed, i and t.
 */
public interface ObservedBlock {

  /** Trajectories per block. */
  int width();

  /** Values per trajectory: a {@link TrajectoryBlock}'s observables, a {@link StateBlock}'s channels. */
  int values();

  /** Puts trajectories {@code traj0 .. traj0 + width - 1} at their initial state (step 0). */
  void start(long traj0);

  /** Runs steps {@code from .. to - 1}. */
  void advance(long from, long to);

  /** Writes value v of trajectory i to {@code out[v * width + i]}, {@code out.length >= values() * width()}. */
  void read(double[] out);

  /** {@code block}'s log-distances, observable v at {@code out[v * width ..]}. */
  static ObservedBlock of(TrajectoryBlock block) {
    return new ObservedBlock() {
      private final double[] one = new double[block.width()];

      @Override
      public int width() {
        return block.width();
      }

      @Override
      public int values() {
        return block.observables();
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
      public void read(double[] out) {
        for (int v = 0; v < block.observables(); v++) {
          block.logDistance(v, one);
          System.arraycopy(one, 0, out, v * one.length, one.length);
        }
      }
    };
  }

  /** {@code block}'s snapshots, channel v as value v. */
  static ObservedBlock of(StateBlock block) {
    return of(StateBlock.asTrajectories(block));
  }
}
