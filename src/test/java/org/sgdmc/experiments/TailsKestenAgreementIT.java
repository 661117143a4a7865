package org.sgdmc.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdmc.engine.Simulation;
import org.sgdmc.engine.StationarySampler;
import org.sgdmc.kernels.LinearDTailsVectorBlock;
import org.sgdmc.kernels.Linreg1dTailsVectorBlock;
import org.sgdmc.models.LabelledData;
import org.sgdmc.models.LinearDTails;
import org.sgdmc.models.Linreg1dTails;
import org.sgdmc.models.NoiseModel;
import org.sgdmc.results.TailsResult;
import org.sgdmc.rng.Draws;
import org.sgdmc.rng.StableShape;
import org.sgdmc.stats.tails.TailFit;
import org.sgdmc.stats.tails.TailFitOptions;
import org.sgdmc.stats.tails.TailFitter;
import org.sgdmc.theory.TailIndex;
import org.sgdmc.theory.TailIndexTheory;

/**
 * The whole pipeline against Kesten's theorem: SGD's stationary law, sampled by the kernels and fitted by
 * the tail estimator, has the index the theory computes, for learning rates and batch sizes with
 * 1 &lt; alpha &lt; 6, stream and finite data, and for the SDE noise models. Each check is "within 4 bootstrap
 * standard deviations" (false-failure probability about 6e-5 each if the bootstrap spread is right and the
 * fit's bias is below it; the acceptance rule of the threshold search is what makes the bias small, see
 * {@link TailFitOptions#ksAcceptance}). The 95% interval is printed beside it.
 */
class TailsKestenAgreementIT {
  static final StationarySampler.Plan PLAN = new StationarySampler.Plan(1 << 17, 1500, 8, 20, 2, 64);

  static Stream<Arguments> models() {
    LabelledData stream = new LabelledData.Stream(1.0);
    LabelledData finite = LabelledData.Finite.generated(100, 1.0, 1.0, 5);
    return Stream.of(
        Arguments.of(Linreg1dTails.minibatch(1.0, 1, stream, true)), // alpha 1.09
        Arguments.of(Linreg1dTails.minibatch(0.5, 1, stream, true)), // 2.90
        Arguments.of(Linreg1dTails.minibatch(0.7, 2, stream, true)), // 3.43
        Arguments.of(Linreg1dTails.minibatch(1.6, 4, stream, true)), // 1.8
        Arguments.of(Linreg1dTails.minibatch(0.8, 2, finite, false)), // 2.3
        Arguments.of(new Linreg1dTails(0.6, 1, stream, true, NoiseModel.GAUSSIAN, Double.NaN, Double.NaN)),
        Arguments.of(new Linreg1dTails(0.6, 1, stream, true, NoiseModel.STABLE, 1.5, Double.NaN)));
  }

  @ParameterizedTest
  @MethodSource("models")
  void theFittedIndexIsKestens(Linreg1dTails model) {
    TailIndex theory = Linreg1dTailsTheory.of(model);
    assertEquals(TailIndex.Regime.POWER_LAW, theory.regime());
    assertTrue(theory.index() > 1 && theory.index() < 6, "test range: alpha " + theory.index());
    TailsResult r = TailsExperiment.run(w -> new Linreg1dTailsVectorBlock(model, 11, w), PLAN, theory,
        TailFitOptions.defaults(), false, Simulation.Progress.NONE);
    assertNull(r.refusal());
    TailFit fit = r.norm();
    String at = String.format("%s: alpha %.4f [%.4f, %.4f] (sd %.4f, k %d) vs theory %.4f", model.describe(),
        fit.alpha(), fit.ciLow(), fit.ciHigh(), fit.bootstrap().stddev(), fit.k(), theory.index());
    System.out.println(at);
    assertEquals(theory.index(), fit.alpha(), 4 * fit.bootstrap().stddev(), at);
    assertEquals(theory.lyapunov().value(), r.lyapunov().value(), 4.5 * r.lyapunov().stderr() + 1e-9 * Math.abs(theory.lyapunov().value()), at);
  }

  @Test
  void theIsotropicLinearDModelsIndexIsTheQuadratures() {
    LinearDTails model = LinearDTails.isotropicStream(0.55, 2, 3, 1.0);
    TailIndex theory = TailIndexTheory.linearD(model.lr(), model.batch(), model.data(), false);
    TailsResult r = TailsExperiment.run(w -> new LinearDTailsVectorBlock(model, 3, w),
        new StationarySampler.Plan(1 << 15, 1500, 8, 20, 2, 64), theory, TailFitOptions.defaults(), true,
        Simulation.Progress.NONE);
    TailFit fit = r.norm();
    String at = String.format("alpha %.4f [%.4f, %.4f] vs theory %.4f", fit.alpha(), fit.ciLow(), fit.ciHigh(), theory.index());
    System.out.println("linear-d: " + at + "; coordinate " + r.coordinate().alpha());
    assertTrue(theory.index() > 1 && theory.index() < 6, at);
    assertEquals(theory.index(), fit.alpha(), 4 * fit.bootstrap().stddev(), at);
  }

  @Test
  void symmetricStableSamplesRecoverTheirIndex() {
    for (double alpha : new double[] {0.8, 1.5}) {
      StableShape shape = StableShape.of(alpha);
      double[] z = new double[1 << 20];
      for (int i = 0; i < z.length; i++) {
        z[i] = Draws.symmetricStable(0x57AB1EL, org.sgdmc.rng.Stream.TEST, i, 0, shape);
      }
      TailFit fit = TailFitter.fit(z, z.length, TailFitOptions.defaults());
      assertEquals(alpha, fit.alpha(), 4 * fit.bootstrap().stddev(), "stable " + alpha + ": " + fit.alpha());
    }
  }
}
