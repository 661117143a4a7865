package org.sgdmc.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.sgdmc.kernels.Kernel;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdmc.engine.RecordTimes;
import org.sgdmc.engine.Simulation;
import org.sgdmc.models.Datasets;
import org.sgdmc.models.Saddle;
import org.sgdmc.models.SaddleData;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.SaddleResult;
import org.sgdmc.results.SaddleTheoryValues;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.LyapunovEstimate;
import org.sgdmc.stats.SaddlePhase;
import org.sgdmc.theory.Estimate;

/**
 * The saddle's simulated exponents of h = w + u and m = w - u agree with the exact theory (seed 002, Prop. 2)
 * for two-point, Gaussian and finite data, S = 1 and S &gt; 1, with and without replacement; and the phases
 * the simulation names are those of the theory, at points picked in every region of Fig. 1b.
 *
 * <p>Agreement means |simulated - theory| &lt; 4.5 combined standard errors: false-failure probability 6.8e-6
 * per comparison for an unbiased Gaussian estimate, below 2.5e-4 for the 36 comparisons here. The seeds are
 * fixed, so a pass is reproducible; the probability is that of having picked an unlucky seed.
 */
class SaddleTheoryAgreementTest {
  private static final SaddleData TWO = new SaddleData.TwoPoint(-0.5);
  private static final SaddleData.Finite FOUR = Datasets.saddleGaussian(4, 0.06, 5);
  private static final SaddleData.Finite TEN = Datasets.saddleGaussian(10, 0.06, 7);

  /** Model, trajectories, steps. */
  static Stream<Arguments> cases() {
    return Stream.of(
        // two-point a = -0.5 (closed form): one point in each phase, see twoPointPhases below
        Arguments.of(new Saddle(0.5, 1, TWO, false, 1.0, 0.0), 8000, 300),
        Arguments.of(new Saddle(0.9, 1, TWO, false, 1.0, 0.0), 8000, 300),
        Arguments.of(new Saddle(1.2, 1, TWO, false, 1.0, 0.0), 8000, 300),
        Arguments.of(new Saddle(2.2, 1, TWO, false, 1.0, 0.0), 8000, 300),
        Arguments.of(new Saddle(3.0, 1, TWO, false, 0.3, -0.8), 8000, 300),
        // two-point, S = 3 (binomial sum)
        Arguments.of(new Saddle(1.2, 3, TWO, false, 1.0, 0.0), 8000, 300),
        Arguments.of(new Saddle(2.2, 3, TWO, false, 1.0, 0.0), 8000, 300),
        // Gaussian data (quadrature), seed 002 Fig. 3
        Arguments.of(new Saddle(0.5, 1, new SaddleData.Gaussian(0.06), false, 1.0, 0.0), 8000, 300),
        Arguments.of(new Saddle(1.2, 1, new SaddleData.Gaussian(0.06), false, 1.0, 0.0), 8000, 300),
        Arguments.of(new Saddle(1.0, 1, new SaddleData.Gaussian(0.5), false, 1.0, 0.0), 8000, 300),
        Arguments.of(new Saddle(1.0, 16, new SaddleData.Gaussian(0.06), false, 1.0, 0.0), 3000, 200),
        Arguments.of(new Saddle(2.0, 4, new SaddleData.Gaussian(0.8), false, 1.0, 0.0), 4000, 200),
        // finite data (exact sum and enumeration), seed 002 Fig. 4
        Arguments.of(new Saddle(2.5, 1, FOUR, false, 1.0, 0.0), 8000, 300),
        Arguments.of(new Saddle(2.5, 2, FOUR, false, 1.0, 0.0), 8000, 300),
        Arguments.of(new Saddle(2.5, 2, FOUR, true, 1.0, 0.0), 8000, 300),
        Arguments.of(new Saddle(1.5, 3, TEN, false, 1.0, 0.0), 8000, 300),
        Arguments.of(new Saddle(1.5, 3, TEN, true, 1.0, 0.0), 8000, 300),
        Arguments.of(new Saddle(0.4, 7, TEN, false, 1.0, 0.0), 8000, 300));
  }

  static SaddleResult run(Saddle model, long trajectories, long steps, long seed) {
    EnsembleOptions options = new EnsembleOptions(trajectories, RecordTimes.parse("log:10", steps), seed, 2, 64,
        EnsembleOptions.DEFAULT_QUANTILES, EnsembleOptions.DEFAULT_EPSILONS, 1e100);
    return SaddleExperiment.run(model, options, Kernel.VECTOR, Simulation.Progress.NONE);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void simulatedExponentsAgreeWithTheoryWithinFourAndAHalfStandardErrors(Saddle model, int trajectories, int steps) {
    SaddleResult r = run(model, trajectories, steps, 17);
    SaddleTheoryValues theory = SaddleTheoryValues.of(model);
    check("Lambda_+ (h)", model, r.lyapunovPlus(), theory.lyapunovPlus());
    check("Lambda_- (m)", model, r.lyapunovMinus(), theory.lyapunovMinus());
  }

  private static void check(String what, Saddle model, LyapunovEstimate sim, Estimate theory) {
    double se = Math.hypot(sim.stderr(), theory.stderr());
    double diff = sim.value() - theory.value();
    String where = String.format("%s at lr %s S %d %s%s: simulated %.6f +- %.6f, theory %.6f (%s)", what, model.lr(),
        model.batch(), model.data().describe(), model.withReplacement() ? " with replacement" : "", sim.value(),
        sim.stderr(), theory.value(), theory.method());
    assertTrue(Math.abs(diff) <= 4.5 * se, where);
    // a meaningful test: the error bar must be small against the values being told apart
    assertTrue(sim.stderr() < 0.01, where);
  }

  /** Every phase of Fig. 1b for two-point data with a = -0.5 (see SaddleTheoryTest for the closed forms). */
  @Test
  void twoPointPhasesAreFoundBySimulationWhereTheTheoryPutsThem() {
    double[] lr = {0.5, 0.9, 1.2, 2.2, 3.0};
    SaddlePhase[] expected = {SaddlePhase.IB, SaddlePhase.I, SaddlePhase.III, SaddlePhase.II, SaddlePhase.IV};
    for (int i = 0; i < lr.length; i++) {
      Saddle model = new Saddle(lr[i], 1, TWO, false, 1.0, 0.0);
      SaddleResult r = run(model, 4000, 200, 3);
      SaddleTheoryValues theory = SaddleTheoryValues.of(model);
      assertEquals(expected[i], theory.phase().phase(), "theory at lr " + lr[i]);
      assertEquals(expected[i], r.phase().phase(), "simulation at lr " + lr[i] + ": " + r.lyapunovPlus() + ", "
          + r.lyapunovMinus());
      assertTrue(r.phase().isCertain(), "lr " + lr[i] + ": confidence " + r.phase().confidence());
    }
  }

  /**
   * Gaussian data, seed 002 Fig. 3: with strong label noise (mu = 0.06) SGD is drawn to the saddle (III) at
   * lr = 0.5 and S = 1 and at lr = 1 and S = 16, but escapes in every direction (IV) at lr = 1.2 and S = 1;
   * mu = 0.5 at lr = 1 learns correctly (I).
   */
  @Test
  void gaussianPhasesAreFoundBySimulationWhereTheTheoryPutsThem() {
    Object[][] points = {
        {0.5, 0.06, 1, SaddlePhase.III}, {1.2, 0.06, 1, SaddlePhase.IV}, {1.0, 0.06, 16, SaddlePhase.III},
        {1.0, 0.5, 1, SaddlePhase.I}};
    for (Object[] p : points) {
      Saddle model = new Saddle((double) p[0], (int) p[2], new SaddleData.Gaussian((double) p[1]), false, 1.0, 0.0);
      SaddleTheoryValues theory = SaddleTheoryValues.of(model);
      assertEquals(p[3], theory.phase().phase(), "theory at " + java.util.Arrays.toString(p));
      SaddleResult r = run(model, (int) p[2] == 1 ? 4000 : 2000, 200, 5);
      assertEquals(p[3], r.phase().phase(), "simulation at " + java.util.Arrays.toString(p));
      assertTrue(r.phase().isCertain(), java.util.Arrays.toString(p) + ": confidence " + r.phase().confidence());
    }
  }

  /**
   * At lr = 1 with two-point data, a draw of chi = 1 makes {@code 1 - lr chi = 0} exactly: m = w - u reaches 0
   * at its first such draw and stays there (P(no such draw in 200 steps) = 2^-200), so Lambda_- = -inf in
   * theory and simulation, and h's exponent is still estimated.
   */
  @Test
  void mReachesZeroExactlyWhenAFactorVanishes() {
    Saddle model = new Saddle(1.0, 1, TWO, false, 1.0, 0.0);
    assertEquals(Double.NEGATIVE_INFINITY, SaddleTheoryValues.of(model).lyapunovMinus().value());
    SaddleResult r = run(model, 1000, 200, 2);
    EnsembleSummary end = r.summariesM()[r.summariesM().length - 1];
    assertEquals(1.0, end.fractionExact());
    assertEquals(Double.NEGATIVE_INFINITY, r.lyapunovMinus().value());
    assertEquals(0.0, r.summariesH()[r.summariesH().length - 1].fractionExact());
    assertTrue(Double.isFinite(r.lyapunovPlus().value()));
  }
}
