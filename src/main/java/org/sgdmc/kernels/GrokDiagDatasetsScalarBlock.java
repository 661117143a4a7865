package org.sgdmc.kernels;

import org.sgdmc.models.GrokDiagDatasets;

/**
 * The scalar twin of {@link GrokDiagDatasetsVectorBlock}, written for clarity: trajectory {@code traj0 + i} is the
 * fixed-dataset kernel {@link GrokDiagScalarBlock} of width 1 on its own model {@link GrokDiagDatasets#at at(traj0 +
 * i)} (its own X, y, beta* and target), started at {@code traj0 + i}, so its INIT and BATCH streams are those it
 * has in any block. The vector block agrees with it bit for bit.
 */
public final class GrokDiagDatasetsScalarBlock implements StateBlock {
  private final GrokDiagDatasets model;
  private final long seed;
  private final int width;
  private final GrokDiagScalarBlock[] trajectories;
  private final double[] one = new double[GrokDiagScalarBlock.CHANNELS];

  public GrokDiagDatasetsScalarBlock(GrokDiagDatasets model, long seed, int width) {
    this.model = model;
    this.seed = seed;
    this.width = width;
    this.trajectories = new GrokDiagScalarBlock[width];
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int channels() {
    return GrokDiagScalarBlock.CHANNELS;
  }

  @Override
  public void start(long traj0) {
    for (int i = 0; i < width; i++) {
      trajectories[i] = new GrokDiagScalarBlock(model.at(traj0 + i), seed, 1);
      trajectories[i].start(traj0 + i);
    }
  }

  @Override
  public void advance(long from, long to) {
    for (GrokDiagScalarBlock b : trajectories) {
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

  /** beta of trajectory {@code traj0 + i} now (for tests). */
  public double[] beta(int i) {
    return trajectories[i].beta(0);
  }
}
