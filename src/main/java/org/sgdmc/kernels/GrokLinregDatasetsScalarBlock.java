package org.sgdmc.kernels;

import org.sgdmc.models.GrokLinregDatasets;

/**
 * The scalar twin of {@link GrokLinregDatasetsVectorBlock}, written for clarity: trajectory {@code traj0 + i} is
 * literally the fixed-dataset kernel {@link GrokLinregScalarBlock} of width 1 on its own model {@link
 * GrokLinregDatasets#at at(traj0 + i)} (its own X, y, beta* and test level), started at {@code traj0 + i}, so its
 * INIT and BATCH streams are those it would have in any block. The vector block agrees with it bit for bit.
 */
public final class GrokLinregDatasetsScalarBlock extends PerTrajectoryScalarBlock<GrokLinregScalarBlock> {
  public GrokLinregDatasetsScalarBlock(GrokLinregDatasets model, long seed, int width) {
    super(traj -> new GrokLinregScalarBlock(model.at(traj), seed, 1), width, GrokLinregScalarBlock.CHANNELS);
  }

  /** The current w of trajectory {@code traj0 + i} (for the exact-solution tests). */
  public double[] weights(int i) {
    return trajectory(i).weights(0);
  }
}
