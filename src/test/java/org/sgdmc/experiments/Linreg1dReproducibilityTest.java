package org.sgdmc.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.sgdmc.kernels.Kernel;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sgdmc.engine.RecordTimes;
import org.sgdmc.engine.Simulation;
import org.sgdmc.models.Datasets;
import org.sgdmc.models.FeatureData;
import org.sgdmc.models.Linreg1d;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.Linreg1dResult;
import org.sgdmc.rng.VectorShapes;
import org.sgdmc.stats.EnsembleSummary;

/**
 * A run's numbers are a function of its inputs alone: the same bits for 1 or several threads, for any block
 * width, and for the vector kernel or its scalar twin. (File-level bit-identity is checked by the CLI tests.)
 */
class Linreg1dReproducibilityTest {
  private static final int LANES = VectorShapes.DOUBLES.length();

  private static EnsembleOptions options(int threads, int width) {
    return new EnsembleOptions(1003, RecordTimes.parse("log:12", 257), 42, threads, width,
        EnsembleOptions.DEFAULT_QUANTILES, EnsembleOptions.DEFAULT_EPSILONS, 1e30);
  }

  private static String fingerprint(Linreg1dResult r) {
    StringBuilder sb = new StringBuilder();
    for (EnsembleSummary s : r.summaries()) {
      sb.append(Double.doubleToRawLongBits(s.mean())).append(',')
          .append(Double.doubleToRawLongBits(s.stderr())).append(',')
          .append(Double.doubleToRawLongBits(s.logMeanSquare())).append(',')
          .append(Arrays.toString(s.quantiles())).append(Arrays.toString(s.fractionWithin()))
          .append(s.fractionDiverged()).append(s.fractionExact()).append(';');
    }
    sb.append(Double.doubleToRawLongBits(r.lyapunov().value())).append(',')
        .append(Double.doubleToRawLongBits(r.lyapunov().stderr()));
    return sb.toString();
  }

  private static void assertSameForAllLayouts(Linreg1d model) {
    String reference = fingerprint(Linreg1dExperiment.run(
        model, options(1, LANES), Kernel.SCALAR, Simulation.Progress.NONE));
    for (int threads : new int[] {1, 2, 3}) {
      for (int width : new int[] {LANES, 5 * LANES, 64}) {
        String got = fingerprint(Linreg1dExperiment.run(
            model, options(threads, width), Kernel.VECTOR, Simulation.Progress.NONE));
        assertEquals(reference, got, "threads " + threads + ", block width " + width);
      }
    }
  }

  @Test
  void gaussianDataBatchOne() {
    assertSameForAllLayouts(new Linreg1d(1.1, 1, new FeatureData.Gaussian(), false, 1.0));
  }

  @Test
  void gaussianDataLargerBatch() {
    assertSameForAllLayouts(new Linreg1d(2.0, 6, new FeatureData.Gaussian(), false, 1.0));
  }

  @Test
  void finiteDataWithoutReplacementAndAnExactlyConvergingLearningRate() {
    FeatureData.Finite data = Datasets.gaussian(8, 4.0, 3);
    // lr = 1/x_1^2 sends a trajectory exactly to w* whenever x_1 is drawn (seed 002, Prop. 3)
    assertSameForAllLayouts(new Linreg1d(0.25, 1, data, false, 1.0));
    assertSameForAllLayouts(new Linreg1d(0.3, 3, data, false, 1.0));
  }

  @Test
  void finiteDataWithReplacement() {
    assertSameForAllLayouts(new Linreg1d(0.7, 4, Datasets.gaussian(5, null, 11), true, 2.5));
  }
}
