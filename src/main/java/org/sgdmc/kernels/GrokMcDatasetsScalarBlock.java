package org.sgdmc.kernels;

import org.sgdmc.models.GrokMc;
import org.sgdmc.models.GrokMcDatasets;

/**
 * The scalar twin of {@link GrokMcDatasetsVectorBlock}: trajectory {@code traj0 + i} is the fixed-dataset twin {@link
 * GrokMcScalarBlock} of width 1 on its own model {@link GrokMcDatasets#at}, started at {@code traj0 + i} (so its
 * initialisation is the one it has in any block).
 */
public final class GrokMcDatasetsScalarBlock implements StateBlock {
  private final GrokMcDatasets datasets;
  private final long seed;
  private final int width;
  private final GrokMcScalarBlock[] lanes;
  private final double[] one = new double[GrokMcScalarBlock.CHANNELS];

  public GrokMcDatasetsScalarBlock(GrokMcDatasets datasets, long seed, int width) {
    this.datasets = datasets;
    this.seed = seed;
    this.width = width;
    this.lanes = new GrokMcScalarBlock[width];
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int channels() {
    return GrokMcScalarBlock.CHANNELS;
  }

  @Override
  public void start(long traj0) {
    for (int i = 0; i < width; i++) {
      GrokMc m = datasets.at(traj0 + i);
      lanes[i] = new GrokMcScalarBlock(m, seed, 1);
      lanes[i].start(traj0 + i);
    }
  }

  @Override
  public void advance(long from, long to) {
    for (GrokMcScalarBlock lane : lanes) {
      lane.advance(from, to);
    }
  }

  @Override
  public void snapshot(double[] out) {
    for (int i = 0; i < width; i++) {
      lanes[i].snapshot(one);
      for (int c = 0; c < one.length; c++) {
        out[c * width + i] = one[c];
      }
    }
  }
}
