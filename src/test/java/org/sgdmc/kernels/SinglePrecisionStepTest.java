package org.sgdmc.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdmc.models.FeatureData;
import org.sgdmc.models.Linreg1d;
import org.sgdmc.models.Precision;
import org.sgdmc.rng.SingleDraws;
import org.sgdmc.rng.Stream;

/**
 * A float draw can land exactly on 1/lr: under seed 23, single-precision normal 2700 of trajectory 7584 has the
 * float square 2.0 (found by a search over 2^22 trajectories), so with lr = 0.5 its step factor 1 - lr x^2 would be
 * exactly 0, that trajectory's log-distance -inf, and with it the ensemble's Lyapunov exponent. The kernels move
 * such a square one double up ({@link SingleDraws#offPowersOfTwo}) and the trajectory goes on.
 */
class SinglePrecisionStepTest {
  private static final long SEED = 23;
  private static final long TRAJ = 7584;
  private static final long DRAW = 2700;

  @Test
  void theDrawIsOnTheGrid() {
    assertEquals(Math.nextUp(2.0), SingleDraws.normalSquare(SEED, Stream.DATA, TRAJ, DRAW));
  }

  @Test
  void aSquareOfExactlyOneOverLrDoesNotStopTheTrajectory() {
    Linreg1d model = new Linreg1d(0.5, 1, new FeatureData.Gaussian(), false, 1.0);
    int width = 64;
    long traj0 = TRAJ - TRAJ % width;
    double[] vector = logDistances(new Linreg1dVectorBlock(model, SEED, width, Precision.SINGLE), traj0);
    double[] scalar = logDistances(new Linreg1dScalarBlock(model, SEED, width, Precision.SINGLE), traj0);
    assertArrayEquals(scalar, vector, 0.0);
    double here = vector[(int) (TRAJ - traj0)];
    assertTrue(Double.isFinite(here), "log-distance " + here);
    // the step with the guarded square is tiny (|1 - 0.5 nextUp(2)| = 2^-52): about -36 in the log, once
    assertTrue(here < -36, "log-distance " + here);
  }

  private static double[] logDistances(TrajectoryBlock block, long traj0) {
    block.start(traj0);
    block.advance(0, DRAW + 10);
    double[] out = new double[block.width()];
    block.logDistance(out);
    return out;
  }
}
