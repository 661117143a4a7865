package org.sgdmc.results;

/**
 * One (lr, B) cell of {@code sde stationary}: SGD's stationary law beside its noise models' (Euler-Maruyama at
 * dt = lr / l, stable noise) and beside two densities (the zero-flux law of the SDE, seed 004's eq. (29)).
 * Per-model arrays are indexed as {@link #models}; model 0 is SGD.
 *
 * @param lr learning rate eta
 * @param batch B
 * @param models labels: "sgd", "em l=1", ..., "stable alpha=1.5"
 * @param tailIndex the Hill estimate of each simulated law's tail (NaN where not fitted)
 * @param tailLow lower end of its bootstrap interval
 * @param tailHigh upper end
 * @param theoryIndex each recursion's own Kesten index (stable: its alpha)
 * @param lyapunov the simulated Lyapunov exponent per step
 * @param diverged fraction of trajectories diverged
 * @param secondMoment the sample mean of u^2 (meaningful where the tail index exceeds 4)
 * @param secondMomentStderr its standard error over trajectories
 * @param edges histogram bin edges on u (bins+1); the histograms add two overflow bins, below and above
 * @param histograms [model, bins + 2]: fraction of samples in each bin, then below edges[0], then above the last
 * @param tvToSgd total-variation distance of each model's histogram to SGD's (over the bins + 2 overflow)
 * @param tvToZeroFlux the same to the zero-flux density's bin masses
 * @param zeroFlux the zero-flux density's bin masses (bins + 2)
 * @param seed29 seed 004 eq. (29)'s bin masses (bins + 2)
 * @param tvNoise the TV distance between two halves of SGD's trajectories over sqrt 2: about the distance two full
 *     samples of one law would show
 * @param sdeIndex the SDE's own tail index 1 + 2 m2 / (eta f A)
 * @param sdeSecondMoment the SDE's E[u^2]
 * @param eulerSecondMoment Euler-Maruyama's exact E[u^2] per model (NaN for sgd and stable; l = 1: also SGD's)
 * @param kernelSeconds simulation time
 */
public record StationaryLaws(double lr, int batch, String[] models, double[] tailIndex, double[] tailLow,
    double[] tailHigh, double[] theoryIndex, double[] lyapunov, double[] diverged, double[] secondMoment,
    double[] secondMomentStderr, double[] edges, double[][] histograms, double[] tvToSgd, double[] tvToZeroFlux,
    double[] zeroFlux, double[] seed29, double tvNoise, double sdeIndex, double sdeSecondMoment,
    double[] eulerSecondMoment, double kernelSeconds) {

  /** TV distance between two histograms of the same bins (overflow included). */
  public static double tv(double[] p, double[] q) {
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      s += Math.abs(p[i] - q[i]);
    }
    return s / 2;
  }

  /**
   * The noise model (index >= 1) whose theory index is nearest SGD's Kesten index, -1 for the SDE's own, -3 where
   * SGD's law is light-tailed (no index).
   */
  public int tailPredictor() {
    double target = theoryIndex[0];
    if (!Double.isFinite(target)) {
      return -3; // light tails: nothing to predict
    }
    int best = -1;
    double err = Math.abs(sdeIndex / target - 1);
    for (int m = 1; m < models.length; m++) {
      double e = Math.abs(theoryIndex[m] / target - 1);
      if (e < err) {
        err = e;
        best = m;
      }
    }
    return best;
  }

  /** The simulated noise model (index >= 1) nearest SGD's histogram, or -1 for the zero-flux density, -2 for (29). */
  public int bulkPredictor() {
    int best = -1;
    double err = tv(zeroFlux, histograms[0]);
    double e29 = tv(seed29, histograms[0]);
    if (e29 < err) {
      err = e29;
      best = -2;
    }
    for (int m = 1; m < models.length; m++) {
      if (tvToSgd[m] < err) {
        err = tvToSgd[m];
        best = m;
      }
    }
    return best;
  }
}
