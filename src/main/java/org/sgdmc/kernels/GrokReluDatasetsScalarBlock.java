package org.sgdmc.kernels;

import org.sgdmc.models.GrokRelu;
import org.sgdmc.models.GrokReluDatasets;

/**
 * The scalar twin of {@link GrokReluVectorBlock} with a dataset per trajectory: trajectory {@code traj0 + i} is the
 * fixed-dataset twin {@link GrokReluScalarBlock} of width 1 on its own model {@link GrokReluDatasets#at}, started at
 * {@code traj0 + i} (so its initialisation and batches are the ones it has in any block).
 */
public final class GrokReluDatasetsScalarBlock implements StateBlock {
  private final GrokReluDatasets datasets;
  private final long seed;
  private final int width;
  private final GrokReluScalarBlock[] lanes;
  private final double[] one = new double[GrokReluScalarBlock.CHANNELS];

  public GrokReluDatasetsScalarBlock(GrokReluDatasets datasets, long seed, int width) {
    this.datasets = datasets;
    this.seed = seed;
    this.width = width;
    this.lanes = new GrokReluScalarBlock[width];
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int channels() {
    return GrokReluScalarBlock.CHANNELS;
  }

  @Override
  public void start(long traj0) {
    for (int i = 0; i < width; i++) {
      GrokRelu m = datasets.at(traj0 + i);
      lanes[i] = new GrokReluScalarBlock(m, seed, 1);
      lanes[i].start(traj0 + i);
    }
  }

  @Override
  public void advance(long from, long to) {
    for (GrokReluScalarBlock lane : lanes) {
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
