package org.sgdmc.kernels;

/**
 * A {@link StateBlock} whose snapshots sample a stationary law off interpolation, in the one channel layout
 * the tails pipeline reads (the sampler, the fits, the files), whatever the model:
 *
 * <ul>
 *   <li>{@link #NORM}: |u| = |w - w_LS|, +infinity once the trajectory has diverged;
 *   <li>{@link #COORDINATE}: one signed coordinate of u (in one dimension, u itself), +infinity once diverged;
 *   <li>{@link #LOG_FACTOR}: ln of the product of the step's multiplicative factors (in d dimensions, of a
 *       tangent vector's norm), so that its value at step t divided by t estimates the Lyapunov exponent.
 * </ul>
 */
public interface StationaryBlock extends StateBlock {
  int NORM = 0;
  int COORDINATE = 1;
  int LOG_FACTOR = 2;
  int CHANNELS = 3;

  @Override
  default int channels() {
    return CHANNELS;
  }
}
