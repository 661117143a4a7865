package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.io.HdfNode;
import org.sgdmc.io.ResultFileReader;
import org.sgdmc.models.LinearDTails;
import org.sgdmc.models.PointData;
import org.sgdmc.models.Sampling;
import org.sgdmc.theory.EpochTailIndex;
import org.sgdmc.theory.TailIndex;

/**
 * {@code tails linear-d --sampling reshuffle} (the old code refused it): observed at epoch ends, its fitted tail
 * index matches the epoch's Kesten index for matrices, {@code h(alpha) = 0} over products of epochs' matrices
 * (population dynamics over epochs).
 */
class ReshuffleTailsLinearDIT {
  @TempDir Path dir;

  /**
   * d = 2, N = 8, S = 2 (4 batches an epoch), lr 1: the epoch's index is 1.91 (+-0.02), and the top exponent
   * -0.025 a step; with batches drawn afresh the exponent is 0.0000 +- 0.0004, no stationary law to speak of.
   * 16384 trajectories x 8 observations at epoch ends (burn-in 1200 steps, 30 times the relaxation time 1/0.025).
   * The fit must lie within 25% of the theory (0.48): its 95% interval here is about +-0.14, so a spread of 0.07,
   * or 0.14 if the interval undercovers by the factor 2 of issue 15 item 1, making the tolerance 3.4 standard
   * deviations at worst (false failure under 1e-3; 1.87 and 1.90 for |u| and u_1 in the run made while
   * writing this). The simulated exponent must be within 5% of the theory's (its standard errors are 1% of it;
   * population dynamics' short burn-in leaves a bias of about 2%, see EpochTailIndex#MIN_BURN_IN_EPOCHS).
   */
  @Test
  void theFittedIndexIsTheEpochsKestenIndexForMatrices() {
    Path out = dir.resolve("t.h5");
    InspectCommandTest.Run r = InspectCommandTest.run("tails", "linear-d", "--lr", "1.0", "--dim", "2", "--n", "8",
        "--batch", "2", "--sampling", "reshuffle", "--trajectories", "16384", "--burn-in", "1200", "--thin", "120",
        "--seed", "1", "-o", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("reshuffled each epoch (4 steps"), r.out());
    LinearDTails model = LinearDTails.generated(1.0, 2, 8, 2, 1.0, Sampling.RESHUFFLE, 1);
    TailIndex theory = EpochTailIndex.linearD(1.0, ((PointData.Finite) model.data()).points(), 2);
    assertEquals(TailIndex.Regime.POWER_LAW, theory.regime());
    HdfNode.Group f = ResultFileReader.read(out);
    assertEquals("reshuffle", f.group("/parameters").attribute("sampling").strings()[0]);
    assertEquals(4L, f.group("/parameters").attribute("steps_per_epoch").longs()[0]);
    assertEquals(theory.index(), f.dataset("/theory/tail_index").value().doubles()[0], 1e-12);
    assertEquals(TailIndex.METHOD_POPULATION_DYNAMICS,
        f.dataset("/theory/tail_index").attribute("method").strings()[0]);
    for (String fit : new String[] {"/estimates/tail_index", "/estimates/coordinate/tail_index"}) {
      double fitted = f.dataset(fit).value().doubles()[0];
      assertEquals(theory.index(), fitted, 0.25 * theory.index(), fit + "\n" + r.out());
    }
    double lyapunov = f.dataset("/estimates/lyapunov").value().doubles()[0];
    assertEquals(theory.lyapunov().value(), lyapunov, 0.05 * Math.abs(theory.lyapunov().value()), r.out());
  }
}
