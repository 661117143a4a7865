package org.sgdmc.results;

import org.sgdmc.models.Saddle;
import org.sgdmc.stats.PhaseClassifier;
import org.sgdmc.theory.Estimate;
import org.sgdmc.theory.SaddleTheory;

/**
 * The theory printed beside every saddle simulation (seed 002, Sec. 4.2, Prop. 2): both Lyapunov exponents,
 * both mean-square factors and the phase they imply.
 *
 * @param lyapunovPlus {@code Lambda_+ = E log|1 + lr chib|}, the exponent of h = w + u
 * @param lyapunovMinus {@code Lambda_- = E log|1 - lr chib|}, the exponent of m = w - u
 * @param meanSquarePlus {@code E[(1 + lr chib)^2]}: the exact per-step factor of {@code E[h^2]} (reshuffled:
 *     {@code E[A^2]^(1/K)} over whole epochs, see {@link #meanSquareFactor})
 * @param meanSquareMinus {@code E[(1 - lr chib)^2]}: the exact per-step factor of {@code E[m^2]}; below 1 in
 *     phase Ib
 * @param phase the phase of the theory exponents (certain unless an exponent is a Monte Carlo estimate
 *     within 4 standard errors of 0)
 */
public record SaddleTheoryValues(
    Estimate lyapunovPlus, Estimate lyapunovMinus, double meanSquarePlus, double meanSquareMinus,
    PhaseClassifier.Classification phase) {

  /** The theory for {@code model}. */
  public static SaddleTheoryValues of(Saddle model) {
    double lr = model.lr();
    int s = model.batch();
    boolean rep = model.withReplacement();
    Estimate plus = SaddleTheory.lyapunov(lr, +1, model.data(), s, rep);
    Estimate minus = SaddleTheory.lyapunov(lr, -1, model.data(), s, rep);
    double msPlus = meanSquareFactor(model, +1);
    double msMinus = meanSquareFactor(model, -1);
    PhaseClassifier.Classification phase = PhaseClassifier.classify(
        plus.value(), plus.stderr(), minus.value(), minus.stderr(), msMinus);
    return new SaddleTheoryValues(plus, minus, msPlus, msMinus, phase);
  }

  /**
   * The per-step mean-square factor of h (sign +1) or m (sign -1): {@code E[(1 +- lr chib)^2]} for batches
   * drawn afresh, {@code E[A^2]^(1/K)} over whole epochs when reshuffled (NaN past the enumeration limit).
   */
  public static double meanSquareFactor(Saddle model, int sign) {
    if (model.reshuffled()) {
      return SaddleTheory.meanSquareFactorReshuffled(model.lr(), sign,
          ((org.sgdmc.models.SaddleData.Finite) model.data()).chi(), model.batch());
    }
    return SaddleTheory.meanSquareFactor(model.lr(), sign, model.data(), model.batch(), model.withReplacement());
  }
}
