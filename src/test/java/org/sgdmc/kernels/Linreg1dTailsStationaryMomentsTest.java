package org.sgdmc.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdmc.engine.Simulation;
import org.sgdmc.engine.StationarySampler;
import org.sgdmc.models.LabelledData;
import org.sgdmc.models.Linreg1dTails;
import org.sgdmc.models.NoiseModel;
import org.sgdmc.stats.SampleMean;
import org.sgdmc.theory.Linreg1dTheory;

/**
 * The kernel's stationary law has the second moment the affine recursion predicts. With {@code u' = a u + b},
 * E[u] = 0 in the stationary law (E b = 0 because the residuals sum to zero), so
 * {@code E u^2 = E b^2 / (1 - E a^2)} with {@code E a^2 = c^2 + lr^2 f Var[x^2]}, {@code E b^2 = lr^2 f E[x^2 e^2]}
 * (c = 1 - lr E x^2, f the sampling factor). The matched Gaussian noise model has, by construction, the same
 * conditional first two moments as SGD, hence the same E u^2; the constant Gaussian model drops the
 * {@code Var[x^2]} term. The learning rates keep alpha above 4 so that u^2 has a finite variance and its
 * standard error means something; one sample per trajectory makes the samples independent. Each check is
 * "within 4.5 standard errors": false-failure probability about 7e-6 each.
 *
 * <p>The mean of channel 2 per step is the Lyapunov exponent E ln|a_t|, here checked for minibatch noise
 * against the exact theory (quadrature or exact sum), within 4.5 standard errors.
 */
class Linreg1dTailsStationaryMomentsTest {
  static Stream<Arguments> models() {
    LabelledData stream = new LabelledData.Stream(0.8);
    LabelledData finite = LabelledData.Finite.generated(30, 0.5, 1.0, 11);
    return Stream.of(
        Arguments.of(Linreg1dTails.minibatch(0.3, 1, stream, true)),
        Arguments.of(Linreg1dTails.minibatch(0.5, 4, stream, true)),
        Arguments.of(Linreg1dTails.minibatch(0.3, 1, finite, true)),
        Arguments.of(Linreg1dTails.minibatch(0.4, 5, finite, false)),
        Arguments.of(new Linreg1dTails(0.3, 1, stream, true, NoiseModel.GAUSSIAN, Double.NaN, Double.NaN)),
        Arguments.of(new Linreg1dTails(0.4, 5, finite, false, NoiseModel.GAUSSIAN, Double.NaN, Double.NaN)),
        Arguments.of(new Linreg1dTails(0.6, 2, stream, true, NoiseModel.GAUSSIAN_CONSTANT, Double.NaN, Double.NaN)));
  }

  @ParameterizedTest
  @MethodSource("models")
  void stationarySecondMomentMatchesTheAffineRecursion(Linreg1dTails model) {
    StationarySampler.Samples s = StationarySampler.run(
        w -> new Linreg1dTailsVectorBlock(model, 2026, w),
        new StationarySampler.Plan(1 << 16, 300, 1, 1, 2, 64), Simulation.Progress.NONE);
    double[] sq = new double[s.coordinates().length];
    for (int i = 0; i < sq.length; i++) {
      sq[i] = s.coordinates()[i] * s.coordinates()[i];
    }
    SampleMean measured = SampleMean.of(sq);
    double expected = predictedSecondMoment(model);
    assertEquals(expected, measured.value(), 4.5 * measured.stderr(),
        () -> model.describe() + ": E u^2 " + measured + " vs " + expected);
    SampleMean mean = SampleMean.of(s.coordinates());
    assertEquals(0.0, mean.value(), 4.5 * mean.stderr(), "E u = 0");
    assertEquals(0, s.diverged());
  }

  static double predictedSecondMoment(Linreg1dTails m) {
    double lr = m.lr(), f = m.samplingFactor(), c = m.contraction();
    LabelledData d = m.data();
    double eb2 = lr * lr * f * d.gradientVarianceAtMinimum();
    double ea2 = m.noise() == NoiseModel.GAUSSIAN_CONSTANT ? c * c : c * c + lr * lr * f * d.squareVariance();
    assertTrue(ea2 < 1);
    return eb2 / (1 - ea2);
  }

  @ParameterizedTest
  @MethodSource("models")
  void meanLogFactorIsTheLyapunovExponent(Linreg1dTails model) {
    if (model.noise() != NoiseModel.MINIBATCH) {
      return;
    }
    StationarySampler.Samples s = StationarySampler.run(
        w -> new Linreg1dTailsVectorBlock(model, 7, w),
        new StationarySampler.Plan(1 << 12, 400, 1, 1, 2, 64), Simulation.Progress.NONE);
    SampleMean rate = SampleMean.of(s.logFactorRates());
    double theory = model.data() instanceof LabelledData.Finite f
        ? Linreg1dTheory.lyapunovFinite(model.lr(), f.x(), model.batch(), model.withReplacement()).value()
        : Linreg1dTheory.lyapunovGaussian(model.lr(), model.batch());
    assertEquals(theory, rate.value(), 4.5 * rate.stderr() + 1e-9, model.describe());
  }
}
