package org.sgdmc.kernels;

import org.sgdmc.models.GrokLinregDatasets;

/**
 * The scalar twin of {@link GrokLinregDatasetsVectorBlock}, written for clarity: trajectory {@code traj0 + i} is
 * literally the fixed-dataset kernel {@link GrokLinregScalarBlock} of width 1 on its own model {@link
 * GrokLinregDatasets#at at(traj0 + i)} (its own X, y, beta* and test level), started at {@code traj0 + i}, so its
 * INIT and BATCH streams are those it would have in any block. The vector block agrees with it bit for bit.
 */
public final class GrokLinregDatasetsScalarBlock implements StateBlock {
  private final GrokLinregDatasets model;
  private final long seed;
  private final int width;
  private final GrokLinregScalarBlock[] trajectories;
  private final double[] one = new double[GrokLinregScalarBlock.CHANNELS];

  public GrokLinregDatasetsScalarBlock(GrokLinregDatasets model, long seed, int width) {
    this.model = model;
    this.seed = seed;
    this.width = width;
    this.trajectories = new GrokLinregScalarBlock[width];
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int channels() {
    return GrokLinregScalarBlock.CHANNELS;
  }

  @Override
  public void start(long traj0) {
    for (int i = 0; i < width; i++) {
      trajectories[i] = new GrokLinregScalarBlock(model.at(traj0 + i), seed, 1);
      trajectories[i].start(traj0 + i);
    }
  }

  @Override
  public void advance(long from, long to) {
    for (GrokLinregScalarBlock b : trajectories) {
      b.advance(from, to);
    }
  }

  @Override
  public void snapshot(double[] out) {
    for (int i = 0; i < width; i++) {
      trajectories[i].snapshot(one);
      for (int k = 0; k < one.length; k++) {
        out[k * width + i] = one[k];
      }
    }
  }

  /** The current w of trajectory {@code traj0 + i} (for the exact-solution tests). */
  public double[] weights(int i) {
    return trajectories[i].weights(0);
  }
}
