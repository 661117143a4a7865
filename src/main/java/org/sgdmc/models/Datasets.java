package org.sgdmc.models;

import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;

/** Finite datasets generated from a seed, reproducibly (stream {@link Stream#DATASET}, "trajectory" 0). */
public final class Datasets {
  private Datasets() {}

  /**
   * N points x_i ~ N(0, 1); with {@code outlierSquare} given, the first point is replaced by
   * {@code sqrt(c)} so that {@code x_1^2 = c}, as in seed 002, Fig. 2.
   */
  public static FeatureData.Finite gaussian(int n, Double outlierSquare, long dataSeed) {
    if (n < 1) {
      throw new IllegalArgumentException("the dataset size N must be at least 1, not " + n);
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = Draws.normal(dataSeed, Stream.DATASET, 0, i);
    }
    String source = "generated N(0,1), data seed " + dataSeed;
    if (outlierSquare != null) {
      if (!(outlierSquare >= 0) || !Double.isFinite(outlierSquare)) {
        throw new IllegalArgumentException("the outlier x_1^2 must be a finite number >= 0, not " + outlierSquare);
      }
      x[0] = Math.sqrt(outlierSquare);
      source += ", x_1^2 = " + outlierSquare;
    }
    return new FeatureData.Finite(x, source);
  }
}
