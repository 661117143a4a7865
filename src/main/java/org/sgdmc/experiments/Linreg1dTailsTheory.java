package org.sgdmc.experiments;

import org.sgdmc.models.FeatureData;
import org.sgdmc.models.LabelledData;
import org.sgdmc.models.Linreg1dTails;
import org.sgdmc.theory.EpochTailIndex;
import org.sgdmc.theory.TailIndex;
import org.sgdmc.theory.TailIndexTheory;

/** The Kesten theory of each {@link Linreg1dTails} noise model: which recursion's factor decides the tail. */
public final class Linreg1dTailsTheory {
  private Linreg1dTailsTheory() {}

  /**
   * Minibatch noise: a = 1 - lr q with q the batch mean of x^2 (exact); reshuffled, the epoch's product of
   * such factors ({@link EpochTailIndex}), observed at epoch ends. Gaussian SDE noise: asymptotically
   * a = c + lr sqrt(f Var[x^2]) xi, since the noise's standard deviation grows like |u| (Goldie's implicit
   * renewal theorem covers recursions that are affine up to a bounded term). Constant Gaussian and stable
   * noise: a = c deterministic, so the tail is the noise's own (light, or the stable index).
   */
  public static TailIndex of(Linreg1dTails m) {
    double lr = m.lr();
    return switch (m.noise()) {
      case MINIBATCH -> m.reshuffled()
          ? EpochTailIndex.linreg1d(lr, ((LabelledData.Finite) m.data()).features().x(), m.batch())
          : TailIndexTheory.linreg1d(lr, m.batch(), features(m.data()), m.withReplacement());
      case GAUSSIAN -> perStep(TailIndexTheory.gaussianFactor(m.substepContraction(), m.gaussianFactorSpread()),
          m.substeps());
      case GAUSSIAN_CONSTANT -> TailIndexTheory.gaussianAdditive(lr, m.data().secondMoment());
      case STABLE -> TailIndexTheory.stableAdditive(lr, m.data().secondMoment(), m.stableAlpha());
    };
  }

  /**
   * With l Euler-Maruyama substeps a step's factor is the product of l independent substep factors: E|a|^s is the
   * substep's to the power l, so the index is the substep's, and the Lyapunov exponent per step l times its.
   */
  static TailIndex perStep(TailIndex substep, int l) {
    if (l == 1) {
      return substep;
    }
    org.sgdmc.theory.Estimate e = substep.lyapunov();
    return new TailIndex(new org.sgdmc.theory.Estimate(l * e.value(), l * e.stderr(), e.method()), substep.regime(),
        substep.index(), substep.indexStderr(), substep.method());
  }

  private static FeatureData features(LabelledData data) {
    return switch (data) {
      case LabelledData.Stream s -> new FeatureData.Gaussian();
      case LabelledData.Finite f -> f.features();
    };
  }
}
