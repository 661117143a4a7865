package org.sgdmc.kernels;

import org.sgdmc.models.GrokMcDatasets;

/**
 * The scalar twin of {@link GrokMcDatasetsVectorBlock}: trajectory {@code traj0 + i} is the fixed-dataset twin {@link
 * GrokMcScalarBlock} of width 1 on its own model {@link GrokMcDatasets#at}, started at {@code traj0 + i} (so its
 * initialisation is the one it has in any block).
 */
public final class GrokMcDatasetsScalarBlock extends PerTrajectoryScalarBlock<GrokMcScalarBlock> {
  public GrokMcDatasetsScalarBlock(GrokMcDatasets datasets, long seed, int width) {
    super(traj -> new GrokMcScalarBlock(datasets.at(traj), seed, 1), width, GrokMcScalarBlock.CHANNELS);
  }
}
