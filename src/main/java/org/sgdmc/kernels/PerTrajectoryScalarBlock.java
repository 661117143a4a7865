package org.sgdmc.kernels;

import java.util.function.LongFunction;

/**
 * The scalar twin of a kernel whose every trajectory has its own dataset ({@code --dataset per-trajectory}),
 * written for clarity: trajectory {@code traj0 + i} is literally the fixed-dataset scalar twin of width 1 built on
 * that trajectory's own model and started at {@code traj0 + i}, so its initialisation and batches are those it has
 * in any block. The per-model subclasses only say how to build that width-1 twin and what tests may read from it.
 *
 * @param <B> the fixed-dataset scalar twin
 */
abstract class PerTrajectoryScalarBlock<B extends StateBlock> implements StateBlock {
  private final LongFunction<B> ownTwin;
  private final int width;
  private final int channels;
  private final StateBlock[] trajectories;
  private final double[] one;

  /**
   * @param ownTwin trajectory index -> the width-1 fixed-dataset twin on that trajectory's own model
   * @param channels the fixed twin's channel count
   */
  PerTrajectoryScalarBlock(LongFunction<B> ownTwin, int width, int channels) {
    this.ownTwin = ownTwin;
    this.width = width;
    this.channels = channels;
    this.trajectories = new StateBlock[width];
    this.one = new double[channels];
  }

  @Override
  public final int width() {
    return width;
  }

  @Override
  public final int channels() {
    return channels;
  }

  @Override
  public final void start(long traj0) {
    for (int i = 0; i < width; i++) {
      trajectories[i] = ownTwin.apply(traj0 + i);
      trajectories[i].start(traj0 + i);
    }
  }

  @Override
  public final void advance(long from, long to) {
    for (StateBlock b : trajectories) {
      b.advance(from, to);
    }
  }

  @Override
  public final void snapshot(double[] out) {
    for (int i = 0; i < width; i++) {
      trajectories[i].snapshot(one);
      for (int c = 0; c < channels; c++) {
        out[c * width + i] = one[c];
      }
    }
  }

  /** The width-1 twin that runs trajectory {@code traj0 + i} of the block started last. */
  @SuppressWarnings("unchecked")
  final B trajectory(int i) {
    return (B) trajectories[i];
  }
}
