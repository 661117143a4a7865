package org.sgdmc.kernels;

/**
 * A block of {@link #width()} consecutive trajectories that one worker steps together, in struct-of-arrays
 * form, for as many steps as it is asked: the unit of trajectory-major blocking. A block keeps its state
 * (and its scratch) between calls, so the engine asks for the distance at recording times only.
 *
 * <p>Contract: the values a block reports for trajectory i at step t depend only on the model, the seed, i
 * and t, never on the block's width, on where i sits in the block, or on how the steps were split into
 * {@link #advance} calls. Vector blocks and their scalar twins are held to this by the tests.
 *
 * <p>A model may track several distances per trajectory (the saddle tracks |w + u| and |w - u|): it reports
 * {@link #observables()} of them, numbered from 0, and the engine records each. Observable 0 is the one
 * {@link #logDistance(double[])} reports.
 */
public interface TrajectoryBlock {

  /** Trajectories per block. */
  int width();

  /** Puts trajectories {@code traj0 .. traj0 + width - 1} at their initial state (step 0). */
  void start(long traj0);

  /** Runs steps {@code from .. to - 1}, i.e. from state t = from to state t = to. */
  void advance(long from, long to);

  /**
   * Writes {@code log |w_t - w*|} of each trajectory into {@code out[0 .. width-1]}: {@code -inf} for a
   * trajectory that sits exactly at the minimum (possible with finite data, seed 002 Prop. 3), never NaN.
   */
  void logDistance(double[] out);

  /** How many log-distances each trajectory reports (1 unless the model says otherwise). */
  default int observables() {
    return 1;
  }

  /**
   * Writes log-distance number {@code which} (0 .. {@link #observables()} - 1) of each trajectory into {@code
   * out[0 .. width-1]}, with the conventions of {@link #logDistance(double[])}.
   */
  default void logDistance(int which, double[] out) {
    if (which != 0) {
      throw new IndexOutOfBoundsException("observable " + which + " of a block with " + observables());
    }
    logDistance(out);
  }
}
