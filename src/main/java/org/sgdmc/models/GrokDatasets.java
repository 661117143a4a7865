package org.sgdmc.models;

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

  /** Doubles a block of {@code width} trajectories holds for its lanes' datasets: x, y, beta* of each. */
  public long blockDoubles(int width) {
    return perTrajectory ? (long) width * ((long) n * d + n + d) : 0;
  }
}
