package org.sgdmc.kernels;

import org.sgdmc.models.GrokDiagDatasets;

/**
 * The scalar twin of {@link GrokDiagDatasetsVectorBlock}, written for clarity: trajectory {@code traj0 + i} is the
 * fixed-dataset kernel {@link GrokDiagScalarBlock} of width 1 on its own model {@link GrokDiagDatasets#at at(traj0 +
 * i)} (its own X, y, beta* and target), started at {@code traj0 + i}, so its INIT and BATCH streams are those it
 * has in any block. The vector block agrees with it bit for bit.
 */
public final class GrokDiagDatasetsScalarBlock extends PerTrajectoryScalarBlock<GrokDiagScalarBlock> {
  public GrokDiagDatasetsScalarBlock(GrokDiagDatasets model, long seed, int width) {
    super(traj -> new GrokDiagScalarBlock(model.at(traj), seed, 1), width, GrokDiagScalarBlock.CHANNELS);
  }

  /** beta of trajectory {@code traj0 + i} now (for tests). */
  public double[] beta(int i) {
    return trajectory(i).beta(0);
  }
}
