package org.sgdmc.results;

import org.sgdmc.models.FeatureData;
import org.sgdmc.models.Linreg1d;
import org.sgdmc.theory.DataMoments;
import org.sgdmc.theory.Estimate;
import org.sgdmc.theory.Linreg1dTheory;
import org.sgdmc.theory.ReshuffleEpochs;

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
 * @param logVarianceRate the per-step growth of Var log|w - w*|: Var log|1 - lr q| for batches drawn afresh
 *     each step; under reshuffling Var(log|A|) / K over whole epochs ({@link ReshuffleEpochs}); NaN where no
 *     exact value was computed (Gaussian data, or too many epoch partitions to enumerate)
 *
 * <p>Under reshuffling ({@code Sampling.RESHUFFLE}) the Lyapunov exponent is the one without replacement
 * (exactly, by linearity over the epoch), {@code lrStationary} is the one without replacement (a per-step
 * noise factor, the same marginally), and {@code lrMeanSquare} and {@code logMeanSquareRate} come from the
 * epoch: the first root of {@code E[A^2] = 1} and {@code log E[A^2] / K}; both NaN when the epoch has more
 * than {@link ReshuffleEpochs#DEFAULT_LIMIT} partitions.
 */
public record Linreg1dTheoryValues(
    Estimate lyapunov, double lrGd, double lrMeanSquare, double lrStationary, double lrProbabilistic,
    double logMeanSquareRate, double logVarianceRate) {

  /** The theory for {@code model}. */
  public static Linreg1dTheoryValues of(Linreg1d model) {
    int s = model.batch();
    double lr = model.lr();
    if (model.data() instanceof FeatureData.Finite f) {
      DataMoments d = DataMoments.of(f.x(), model.withReplacement());
      Estimate lyap = Linreg1dTheory.lyapunovFinite(lr, f.x(), s, model.withReplacement());
      if (model.reshuffled()) {
        boolean small = f.x().length <= 62 && ReshuffleEpochs.count(f.x().length, s) <= ReshuffleEpochs.DEFAULT_LIMIT;
        ReshuffleEpochs epochs = small ? ReshuffleEpochs.enumerate(lr, f.x(), s, ReshuffleEpochs.DEFAULT_LIMIT) : null;
        double msEdge = small && f.x().length / s <= 24
            ? ReshuffleEpochs.meanSquareThreshold(f.x(), s, ReshuffleEpochs.DEFAULT_LIMIT) : Double.NaN;
        return new Linreg1dTheoryValues(lyap, Linreg1dTheory.lrGd(d), msEdge, Linreg1dTheory.lrStationary(d, s),
            Double.NaN, small ? epochs.logMeanSquareRate() : Double.NaN,
            small ? epochs.logVarianceRate() : Double.NaN);
      }
      return new Linreg1dTheoryValues(lyap, Linreg1dTheory.lrGd(d), Linreg1dTheory.lrMeanSquare(d, s),
          Linreg1dTheory.lrStationary(d, s), Double.NaN, Linreg1dTheory.meanSquareGrowthRate(lr, d, s),
          Linreg1dTheory.logVarianceFinite(lr, f.x(), s, model.withReplacement()));
    }
    DataMoments d = DataMoments.gaussian();
    Estimate lyap = new Estimate(Linreg1dTheory.lyapunovGaussian(lr, s), 0.0, "quadrature");
    return new Linreg1dTheoryValues(lyap, Linreg1dTheory.lrGd(d), Linreg1dTheory.lrMeanSquare(d, s),
        Linreg1dTheory.lrStationary(d, s), Linreg1dTheory.lrProbabilisticGaussian(s),
        Linreg1dTheory.meanSquareGrowthRate(lr, d, s), Double.NaN);
  }
}
