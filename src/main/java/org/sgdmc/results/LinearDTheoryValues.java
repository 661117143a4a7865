package org.sgdmc.results;

import org.sgdmc.models.LinearD;
import org.sgdmc.models.PointData;
import org.sgdmc.theory.Estimate;
import org.sgdmc.theory.LinearDTheory;

/**
 * The references printed beside a linear-d simulation, where they apply (see {@link LinearDTheory} for the
 * derivations); a reference that does not apply is null.
 *
 * @param oneDimensional d = 1: the exact {@code Lambda_1} of the 1-D model
 * @param topIsotropic isotropic Gaussian data: {@code Lambda_1 = E log|M e_1|} (Monte Carlo)
 * @param logDet k = d > 1: {@code Lambda_1 + ... + Lambda_d = E log|det M|} (exact sum, exact enumeration of the batches, or Monte Carlo)
 */
public record LinearDTheoryValues(Estimate oneDimensional, Estimate topIsotropic, Estimate logDet) {

  /** Work budget of each Monte Carlo reference, in multiply-adds (about a second). */
  public static final double MONTE_CARLO_BUDGET = 2e8;

  /** The references for {@code model}, with fixed seeds (reproducible) and samples limited by a work budget. */
  public static LinearDTheoryValues of(LinearD model) {
    int d = model.dim();
    int s = model.batch();
    Estimate one = LinearDTheory.oneDimensional(model);
    Estimate iso = null;
    if (LinearDTheory.isIsotropic(model) && d > 1) {
      long samples = (long) Math.max(10_000, Math.min(1_000_000, MONTE_CARLO_BUDGET / (10.0 * (s + d))));
      iso = LinearDTheory.topExponentIsotropic(model, samples, LinearDTheory.DEFAULT_SEED);
    }
    Estimate det = null;
    if (model.exponents() == d && d > 1) { // for d = 1 it is the exact oneDimensional
      int m = Math.min(s, d);
      double cost = 10.0 * s * d + (double) s * d * m + (double) m * m * m;
      long samples = (long) Math.max(2_000, Math.min(LinearDTheory.DEFAULT_SAMPLES, MONTE_CARLO_BUDGET / cost));
      boolean exact = LinearDTheory.logDetIsExact(model, LinearDTheory.DETERMINANT_ENUMERATION_LIMIT);
      det = LinearDTheory.logDetMean(model, exact ? 1 : samples, LinearDTheory.DEFAULT_SEED);
    }
    return new LinearDTheoryValues(one, iso, det);
  }
}
