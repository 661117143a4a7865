package org.sgdmc.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.sgdmc.kernels.Kernel;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sgdmc.engine.RecordTimes;
import org.sgdmc.engine.Simulation;
import org.sgdmc.models.LinearD;
import org.sgdmc.models.PointData;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.LinearDResult;
import org.sgdmc.rng.VectorShapes;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.LyapunovEstimate;

/**
 * A linear-d run's numbers are a function of its inputs alone: the same bits for 1 or several threads, for
 * any block width, and for the vector kernel or its scalar twin. (File-level identity: the CLI test.)
 */
class LinearDReproducibilityTest {
  private static final int LANES = VectorShapes.DOUBLES.length();

  private static EnsembleOptions options(int threads, int width) {
    return new EnsembleOptions(203, LinearDExperiment.withQuarters(RecordTimes.parse("log:7", 61)), 42, threads,
        width, EnsembleOptions.DEFAULT_QUANTILES, EnsembleOptions.DEFAULT_EPSILONS, 1e30);
  }

  private static String bits(LyapunovEstimate e) {
    return Double.doubleToRawLongBits(e.value()) + "/" + Double.doubleToRawLongBits(e.stderr()) + ",";
  }

  static String fingerprint(LinearDResult r) {
    StringBuilder sb = new StringBuilder();
    for (EnsembleSummary s : r.summaries()) {
      sb.append(Double.doubleToRawLongBits(s.mean())).append(',').append(Double.doubleToRawLongBits(s.stderr()))
          .append(',').append(Double.doubleToRawLongBits(s.logMeanSquare())).append(Arrays.toString(s.quantiles()))
          .append(';');
    }
    for (int a = 0; a < r.model().exponents(); a++) {
      sb.append(bits(r.spectrum()[a])).append(bits(r.late()[a]))
          .append(Double.doubleToRawLongBits(r.drift()[a].value())).append(',')
          .append(Double.doubleToRawLongBits(r.drift()[a].stderr())).append(';');
      for (LyapunovEstimate[] row : r.atTime()) {
        sb.append(bits(row[a]));
      }
    }
    sb.append(Double.doubleToRawLongBits(r.sum().value())).append(',').append(Double.doubleToRawLongBits(r.sum().stderr()));
    return sb.toString();
  }

  private static void assertSameForAllLayouts(LinearD model) {
    String reference = fingerprint(LinearDExperiment.run(
        model, options(1, LANES), Kernel.SCALAR, Simulation.Progress.NONE));
    for (int threads : new int[] {1, 2, 3}) {
      for (int width : new int[] {LANES, 5 * LANES, 64}) {
        String got = fingerprint(LinearDExperiment.run(
            model, options(threads, width), Kernel.VECTOR, Simulation.Progress.NONE));
        assertEquals(reference, got, "threads " + threads + ", block width " + width);
      }
    }
  }

  @Test
  void gaussianDataThreeExponents() {
    assertSameForAllLayouts(new LinearD(0.6, 3, new PointData.Gaussian(new double[] {1.0, 0.3, 0.7, 0.2, 1.5}),
        false, 3, 4));
  }

  @Test
  void finiteDataWithoutReplacement() {
    double[][] points = {{0.3, -1.2}, {0.05, -0.7}, {-1.1, 0.4}, {1.1, 1.1}, {0.0, 0.2}, {-0.8, 1.0}};
    assertSameForAllLayouts(new LinearD(0.9, 2, new PointData.Finite(points, "test"), false, 2, 3));
  }
}
