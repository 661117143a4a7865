package org.sgdmc.results;

import org.sgdmc.models.FeatureData;
import org.sgdmc.models.Linreg1d;
import org.sgdmc.theory.DataMoments;
import org.sgdmc.theory.Estimate;
import org.sgdmc.theory.Linreg1dTheory;

/**
 * The theory printed beside every linreg1d simulation (seed 002, Sec. 2-3): the exact Lyapunov exponent and
 * the learning-rate thresholds of GD, of convergence in mean square and of the stationary condition.
 *
 * @param lyapunov E log|1 - lr q| (exact quadrature, exact sum or enumeration, or Monte Carlo with stderr)
 * @param lrGd 2 / E[x^2]
 * @param lrMeanSquare largest lr with E[(1 - lr q)^2] < 1
 * @param lrStationary (2 / E[x^2]) / (1 + f), f the noise factor: 1/S, or (N - S)/((N - 1) S) without replacement
 * @param lrProbabilistic the probabilistic edge (root of the exponent) for Gaussian data; NaN for finite data,
 *     whose stable set is a union of stripes rather than an interval
 * @param logMeanSquareRate log E[(1 - lr q)^2]: the per-step growth of log E|w - w*|^2
 */
public record Linreg1dTheoryValues(
    Estimate lyapunov, double lrGd, double lrMeanSquare, double lrStationary, double lrProbabilistic,
    double logMeanSquareRate) {

  /** The theory for {@code model}. */
  public static Linreg1dTheoryValues of(Linreg1d model) {
    int s = model.batch();
    double lr = model.lr();
    if (model.data() instanceof FeatureData.Finite f) {
      DataMoments d = DataMoments.of(f.x(), model.withReplacement());
      Estimate lyap = Linreg1dTheory.lyapunovFinite(lr, f.x(), s, model.withReplacement());
      return new Linreg1dTheoryValues(lyap, Linreg1dTheory.lrGd(d), Linreg1dTheory.lrMeanSquare(d, s),
          Linreg1dTheory.lrStationary(d, s), Double.NaN, Linreg1dTheory.meanSquareGrowthRate(lr, d, s));
    }
    DataMoments d = DataMoments.gaussian();
    Estimate lyap = new Estimate(Linreg1dTheory.lyapunovGaussian(lr, s), 0.0, "quadrature");
    return new Linreg1dTheoryValues(lyap, Linreg1dTheory.lrGd(d), Linreg1dTheory.lrMeanSquare(d, s),
        Linreg1dTheory.lrStationary(d, s), Linreg1dTheory.lrProbabilisticGaussian(s),
        Linreg1dTheory.meanSquareGrowthRate(lr, d, s));
  }
}
