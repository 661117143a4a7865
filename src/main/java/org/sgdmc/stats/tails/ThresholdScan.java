package org.sgdmc.stats.tails;

/**
 * The threshold search over a grid of k on the data themselves (Clauset, Shalizi, Newman 2009, Sec. 3.3):
 * at each candidate k the Hill fit and its KS distance, and the k minimising that distance (the smallest
 * such k if several tie). The per-k arrays double as the Hill plot, the KS curve and the moment-estimator
 * plot.
 *
 * @param k the candidate numbers of tail points, ascending
 * @param xmin the threshold {@code y_k} at each
 * @param alpha the Hill estimate at each (NaN where the top k points all tie with the threshold)
 * @param ks the KS distance at each (+inf where alpha is NaN)
 * @param momentGamma the moment estimator's gamma at each (any sign; NaN where undefined)
 * @param chosen index of the chosen k in these arrays
 */
public record ThresholdScan(int[] k, double[] xmin, double[] alpha, double[] ks, double[] momentGamma, int chosen) {

  /**
   * Scans {@code grid} (ascending, within [1, sample.kMax()]).
   *
   * @throws IllegalArgumentException if at no k the tail has two distinct values
   */
  public static ThresholdScan of(TailSample sample, int[] grid) {
    return of(sample, grid, 0.0);
  }

  /**
   * Scans {@code grid} and chooses by the rule of {@link TailFitOptions#ksAcceptance}: the largest k with
   * {@code sqrt(k) D <= acceptance} when {@code acceptance > 0} and some k passes, else the KS minimum.
   */
  public static ThresholdScan of(TailSample sample, int[] grid, double acceptance) {
    double[] l = sample.logs();
    double[] alpha = HillEstimator.alphas(sample, grid);
    double[] gamma = MomentEstimator.gammas(sample, grid);
    double[] xmin = new double[grid.length];
    double[] ks = new double[grid.length];
    KsDistance distance = new KsDistance();
    int chosen = -1;
    for (int g = 0; g < grid.length; g++) {
      xmin[g] = sample.largest(grid[g]);
      ks[g] = Double.isNaN(alpha[g]) ? Double.POSITIVE_INFINITY : distance.unweighted(l, grid[g], alpha[g]);
      if (ks[g] < Double.POSITIVE_INFINITY && (chosen < 0 || ks[g] < ks[chosen])) {
        chosen = g;
      }
    }
    if (acceptance > 0) {
      for (int g = grid.length - 1; g >= 0; g--) {
        if (Math.sqrt(grid[g]) * ks[g] <= acceptance) {
          chosen = g;
          break;
        }
      }
    }
    if (chosen < 0) {
      throw new IllegalArgumentException("the largest " + grid[grid.length - 1]
          + " magnitudes all tie: no power law can be fitted");
    }
    return new ThresholdScan(grid, xmin, alpha, ks, gamma, chosen);
  }

  /** The chosen threshold and the Hill fit there. */
  public ThresholdChoice choice() {
    return new ThresholdChoice(k[chosen], xmin[chosen], alpha[chosen], ks[chosen]);
  }
}
