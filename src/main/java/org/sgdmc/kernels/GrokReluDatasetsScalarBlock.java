package org.sgdmc.kernels;

import org.sgdmc.models.GrokReluDatasets;

/**
 * The scalar twin of {@link GrokReluVectorBlock} with a dataset per trajectory: trajectory {@code traj0 + i} is the
 * fixed-dataset twin {@link GrokReluScalarBlock} of width 1 on its own model {@link GrokReluDatasets#at}, started at
 * {@code traj0 + i} (so its initialisation and batches are the ones it has in any block).
 */
public final class GrokReluDatasetsScalarBlock extends PerTrajectoryScalarBlock<GrokReluScalarBlock> {
  public GrokReluDatasetsScalarBlock(GrokReluDatasets datasets, long seed, int width) {
    super(traj -> new GrokReluScalarBlock(datasets.at(traj), seed, 1), width, GrokReluScalarBlock.CHANNELS);
  }
}
