package org.sgdmc.models;

import org.sgdmc.rng.DrawBuffer;
import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;

/**
 * How the grokking models' datasets are drawn, and whether one dataset serves the whole run ({@code --dataset
 * fixed}, the default) or each trajectory draws its own ({@code --dataset per-trajectory}), so that the ensemble is
 * over datasets as well as initialisations. Trajectory i's dataset depends on (data seed, i) alone ({@link
 * GrokData}'s per-trajectory generators).
 *
 * @param kind the inputs and the teacher
 * @param n points
 * @param d dimension
 * @param k the teacher's non-zero coordinates ({@link Kind#SPARSE}, {@link Kind#FOURIER}; ignored for {@link
 *     Kind#DENSE})
 * @param noise label-noise standard deviation
 * @param dataSeed the data seed
 * @param perTrajectory whether every trajectory draws its own dataset
 */
public record GrokDatasets(Kind kind, int n, int d, int k, double noise, long dataSeed, boolean perTrajectory) {
  /** The inputs and the teacher. */
  public enum Kind {
    /** Gaussian inputs, a dense unit teacher ({@link GrokData#generate}). */
    DENSE,
    /** Gaussian inputs, a k-sparse unit teacher ({@link GrokData#sparse}). */
    SPARSE,
    /** The seed's 1-D Fourier features, a k-sparse teacher ({@link GrokData#fourier}). */
    FOURIER
  }

  /** The value of {@code --dataset}: {@code fixed} or {@code per-trajectory}. */
  public String option() {
    return perTrajectory ? "per-trajectory" : "fixed";
  }

  public GrokDatasets {
    fixed(kind, n, d, k, noise, dataSeed); // the generators' checks, once, before any run
  }

  /** The run's one dataset (the fixed path, unchanged by this class). */
  public GrokData fixed() {
    return fixed(kind, n, d, k, noise, dataSeed);
  }

  private static GrokData fixed(Kind kind, int n, int d, int k, double noise, long dataSeed) {
    return switch (kind) {
      case DENSE -> GrokData.generate(n, d, noise, dataSeed);
      case SPARSE -> GrokData.sparse(n, d, k, noise, dataSeed);
      case FOURIER -> GrokData.fourier(n, d, k, noise, dataSeed);
    };
  }

  /** Trajectory {@code i}'s dataset: its own when {@link #perTrajectory}, else the run's one. */
  public GrokData of(long i) {
    if (!perTrajectory) {
      return fixed();
    }
    return switch (kind) {
      case DENSE -> GrokData.generate(n, d, noise, dataSeed, i);
      case SPARSE -> GrokData.sparse(n, d, k, noise, dataSeed, i);
      case FOURIER -> GrokData.fourier(n, d, k, noise, dataSeed, i);
    };
  }

  /**
   * Writes trajectory i's own dataset ({@link #perTrajectory}) into strided arrays without allocating, for the
   * vector kernels' lanes (drawing through {@code draws}): {@code x[(m d + c) stride + at]}, {@code y[m stride + at]}, {@code beta[c stride + at]}.
   * The same draws and the same arithmetic, in the same order, as {@link #of} (GrokData's per-trajectory
   * generators), so the same bits: the kernels' twin tests and GrokLinregPerTrajectoryDataTest hold the two equal.
   */
  public void fill(long i, double[] x, double[] y, double[] beta, int at, int stride, DrawBuffer draws) {
    if (kind == Kind.FOURIER) {
      double r = Math.sqrt(2);
      for (int m = 0; m < n; m++) {
        double t = 2 * Math.PI * draws.uniform(dataSeed, Stream.DATASETS, i, draw(4, m));
        for (int j = 1; 2 * j <= d; j++) {
          x[(m * d + 2 * (j - 1)) * stride + at] = r * Math.cos(j * t);
          x[(m * d + 2 * (j - 1) + 1) * stride + at] = r * Math.sin(j * t);
        }
      }
    } else {
      for (int k = 0; k < n * d; k++) {
        x[k * stride + at] = draws.normal(dataSeed, Stream.DATASETS, i, draw(0, k));
      }
    }
    if (kind == Kind.DENSE) {
      double norm2 = 0;
      for (int c = 0; c < d; c++) {
        double b = draws.normal(dataSeed, Stream.DATASETS, i, draw(1, c));
        beta[c * stride + at] = b;
        norm2 = Math.fma(b, b, norm2);
      }
      double norm = Math.sqrt(norm2);
      for (int c = 0; c < d; c++) {
        beta[c * stride + at] /= norm;
      }
    } else {
      for (int c = 0; c < d; c++) {
        beta[c * stride + at] = 0;
      }
      double value = 1 / Math.sqrt(k);
      long next = 0;
      for (int j = 0; j < k; ) {
        int c = (int) Draws.index(draws.bits(dataSeed, Stream.DATASETS, i, draw(3, next++)), d);
        if (beta[c * stride + at] == 0) {
          beta[c * stride + at] = draws.normal(dataSeed, Stream.DATASETS, i, draw(1, j)) < 0 ? -value : value;
          j++;
        }
      }
    }
    for (int m = 0; m < n; m++) {
      double p = 0;
      for (int c = 0; c < d; c++) {
        p = Math.fma(x[(m * d + c) * stride + at], beta[c * stride + at], p);
      }
      y[m * stride + at] = Math.fma(noise, draws.normal(dataSeed, Stream.DATASETS, i, draw(2, m)), p);
    }
  }

  /** Draw k of part p of a trajectory's dataset stream (as GrokData lays it out). */
  private static long draw(int part, long k) {
    return ((long) part << 40) + k;
  }

  /** Doubles a block of {@code width} trajectories holds for its lanes' datasets: x, y, beta* of each. */
  public long blockDoubles(int width) {
    return perTrajectory ? (long) width * ((long) n * d + n + d) : 0;
  }
}
