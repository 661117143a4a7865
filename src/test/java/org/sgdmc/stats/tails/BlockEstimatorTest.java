package org.sgdmc.stats.tails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The block estimator on symmetric stable samples (where it is exact in law) and where it is blind. Its
 * spread at n = 10^6 and K1 = 1000, measured over 12 other seeds: sd 0.007, 0.014, 0.017 for alpha = 1,
 * 1.5, 1.8 (means 0.999, 1.496, 1.800); the tolerances allow more than 5 of those.
 */
class BlockEstimatorTest {

  @Test
  void recoversTheIndexOfSymmetricStableSamples() {
    assertEquals(1.0, BlockEstimator.alpha(Samples.cauchy(1_000_000, 5)), 0.06);
    assertEquals(1.5, BlockEstimator.alpha(stable(1_000_000, 1.5, 6)), 0.08);
    assertEquals(1.8, BlockEstimator.alpha(stable(1_000_000, 1.8, 7)), 0.1);
  }

  @Test
  void seesTwoBeyondTheGaussianThreshold() {
    // Student-t with 3 degrees of freedom has tail index 3, but finite variance: block sums are Gaussian,
    // and the block estimator reports an index below 2 (it tends to 2 only like 1/ln K1; 12 other seeds:
    // mean 1.820, sd 0.022). Hill sees the 3 (TailFitterTest).
    assertEquals(1.82, BlockEstimator.alpha(Samples.studentT(1_000_000, 3, 8)), 0.12);
  }

  @Test
  void rejectsWhatItCannotTakeTheLogOf() {
    double[] x = Samples.cauchy(100, 1);
    x[7] = 0;
    assertThrows(IllegalArgumentException.class, () -> BlockEstimator.alpha(x, 10));
    assertThrows(IllegalArgumentException.class, () -> BlockEstimator.alpha(Samples.cauchy(10, 1), 6));
    assertThrows(IllegalArgumentException.class, () -> BlockEstimator.alpha(Samples.cauchy(10, 1), 1));
  }

  /** Symmetric alpha-stable by Chambers, Mallows and Stuck (1976), beta = 0, unit scale. */
  static double[] stable(int n, double alpha, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      double v = Math.PI * (r.nextDouble() - 0.5);
      double w = -Math.log(1 - r.nextDouble());
      x[i] = Math.sin(alpha * v) / Math.pow(Math.cos(v), 1 / alpha)
          * Math.pow(Math.cos(v - alpha * v) / w, (1 - alpha) / alpha);
    }
    return x;
  }
}
