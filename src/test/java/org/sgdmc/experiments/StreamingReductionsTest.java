package org.sgdmc.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sgdmc.engine.RecordTimes;
import org.sgdmc.engine.Simulation;
import org.sgdmc.engine.TooLargeException;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.VectorizationProvider;
import org.sgdmc.models.Datasets;
import org.sgdmc.models.Linreg1d;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.Linreg1dResult;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.LogHistogram;

/**
 * The streamed run and the run that keeps every trajectory describe the same ensemble: identical counts and
 * fractions, means to rounding, quantiles within one histogram bin of the exact order statistics, and the
 * same Lyapunov estimates to the bit (both average per-trajectory values exactly). Kept values are the
 * ones the summaries were computed from.
 */
class StreamingReductionsTest {
  private static final int LANES = VectorizationProvider.lookup().lanes();

  private static EnsembleOptions options(long n, boolean keep, int threads, int block) {
    return new EnsembleOptions(n, RecordTimes.parse("log:12", 300), 11, threads, block,
        EnsembleOptions.DEFAULT_QUANTILES, EnsembleOptions.DEFAULT_EPSILONS, EnsembleOptions.DEFAULT_DIVERGED_ABOVE,
        keep);
  }

  @Test
  void keptAndStreamedRunsAgree() {
    // finite data with an outlier at lr = 1/x^2 for one point: some trajectories hit w* exactly (-inf)
    Linreg1d model = new Linreg1d(0.25, 1, Datasets.gaussian(20, 4.0, 3), false, 1.0);
    long n = 5000 + 3;
    Linreg1dResult streamed = Linreg1dExperiment.run(model, options(n, false, 2, 4 * LANES), Kernel.VECTOR,
        Simulation.Progress.NONE);
    Linreg1dResult kept = Linreg1dExperiment.run(model, options(n, true, 1, 8 * LANES), Kernel.VECTOR,
        Simulation.Progress.NONE);
    assertNull(streamed.kept());
    assertNotNull(kept.kept());
    assertEquals(streamed.lyapunov(), kept.lyapunov());
    assertEquals(streamed.lyapunovLate(), kept.lyapunovLate());
    org.junit.jupiter.api.Assertions.assertTrue(java.util.Arrays.stream(kept.summaries())
        .anyMatch(e -> e.fractionExact() > 0.1 && e.fractionExact() < 0.9), "the test needs times with some exact hits");
    for (int r = 0; r < streamed.summaries().length; r++) {
      EnsembleSummary s = streamed.summaries()[r], k = kept.summaries()[r];
      assertEquals(k.count(), s.count());
      assertEquals(k.fractionExact(), s.fractionExact());
      assertArrayEquals(k.fractionWithin(), s.fractionWithin());
      assertEquals(k.fractionDiverged(), s.fractionDiverged());
      assertClose(k.mean(), s.mean(), "mean at time index " + r); // NaN when every trajectory is at w*
      assertClose(k.logMeanSquare(), s.logMeanSquare(), "log mean square at time index " + r);
      for (int q = 0; q < k.quantiles().length; q++) {
        double exact = k.quantiles()[q];
        double bin = Math.max(1.0 / LogHistogram.SUB_BINS, Math.abs(exact) / LogHistogram.SUB_BINS);
        if (Double.isInfinite(exact)) {
          assertEquals(exact, s.quantiles()[q]);
        } else {
          assertEquals(exact, s.quantiles()[q], bin, "time index " + r + ", level " + q);
        }
      }
      double[] values = kept.kept().values()[0][r];
      assertEquals(n, values.length);
      EnsembleSummary fromValues = EnsembleSummary.of(values, EnsembleOptions.DEFAULT_QUANTILES,
          EnsembleOptions.DEFAULT_EPSILONS, EnsembleOptions.DEFAULT_DIVERGED_ABOVE);
      assertArrayEquals(fromValues.quantiles(), k.quantiles());
      assertEquals(fromValues.mean(), k.mean());
    }
  }

  private static void assertClose(double expected, double actual, String what) {
    if (!Double.isFinite(expected)) {
      assertEquals(expected, actual, what);
    } else {
      assertEquals(expected, actual, 1e-12 * Math.abs(expected) + 1e-15, what);
    }
  }

  @Test
  void keepingMoreThanOneDatasetCanHoldIsRefusedBeforeTheRun() {
    Linreg1d model = new Linreg1d(0.5, 1, new org.sgdmc.models.FeatureData.Gaussian(), false, 1.0);
    TooLargeException e = assertThrows(TooLargeException.class, () -> Linreg1dExperiment.run(model,
        options(1L << 32, true, 1, 8 * LANES), Kernel.VECTOR, Simulation.Progress.NONE));
    // 2^32 trajectories x 8 bytes x the recording times: more heap than any test JVM has (the 2 GiB-per-dataset
    // limit of the pure-Java writer is the command's check, EnsembleMixin, since the native writer lifts it)
    assertEquals(true, e.getMessage().contains("heap") && e.getMessage().contains("--keep-trajectories"),
        e.getMessage());
  }
}
