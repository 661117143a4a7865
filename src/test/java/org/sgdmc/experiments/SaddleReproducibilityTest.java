package org.sgdmc.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.sgdmc.kernels.Kernel;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sgdmc.engine.RecordTimes;
import org.sgdmc.engine.Simulation;
import org.sgdmc.models.Datasets;
import org.sgdmc.models.Saddle;
import org.sgdmc.models.SaddleData;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.SaddleResult;
import org.sgdmc.rng.VectorShapes;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.LyapunovEstimate;

/**
 * A saddle run's numbers, both observables, are a function of its inputs alone: the same bits for 1 or several
 * threads, for any block width, and for the vector kernel or its scalar twin.
 */
class SaddleReproducibilityTest {
  private static final int LANES = VectorShapes.DOUBLES.length();

  private static EnsembleOptions options(int threads, int width) {
    return new EnsembleOptions(403, RecordTimes.parse("log:12", 257), 42, threads, width,
        EnsembleOptions.DEFAULT_QUANTILES, EnsembleOptions.DEFAULT_EPSILONS, 1e30);
  }

  private static String fingerprint(SaddleResult r) {
    StringBuilder sb = new StringBuilder();
    for (EnsembleSummary[] all : new EnsembleSummary[][] {r.summariesH(), r.summariesM()}) {
      for (EnsembleSummary s : all) {
        sb.append(Double.doubleToRawLongBits(s.mean())).append(',')
            .append(Double.doubleToRawLongBits(s.stderr())).append(',')
            .append(Double.doubleToRawLongBits(s.logMeanSquare())).append(',')
            .append(Arrays.toString(s.quantiles())).append(Arrays.toString(s.fractionWithin()))
            .append(s.fractionDiverged()).append(s.fractionExact()).append(';');
      }
    }
    for (LyapunovEstimate e : new LyapunovEstimate[] {r.lyapunovPlus(), r.lyapunovMinus(), r.lyapunovPlusLate(),
        r.lyapunovMinusLate()}) {
      sb.append(Double.doubleToRawLongBits(e.value())).append(',').append(Double.doubleToRawLongBits(e.stderr()));
    }
    return sb.append(r.phase()).toString();
  }

  private static void assertSameForAllLayouts(Saddle model) {
    String reference = fingerprint(SaddleExperiment.run(
        model, options(1, LANES), Kernel.SCALAR, Simulation.Progress.NONE));
    for (int threads : new int[] {1, 2, 3}) {
      for (int width : new int[] {LANES, 5 * LANES, 64}) {
        String got = fingerprint(SaddleExperiment.run(
            model, options(threads, width), Kernel.VECTOR, Simulation.Progress.NONE));
        assertEquals(reference, got, "threads " + threads + ", block width " + width);
      }
    }
  }

  @Test
  void gaussianData() {
    assertSameForAllLayouts(new Saddle(1.1, 2, new SaddleData.Gaussian(0.3), false, 1.0, 0.2));
  }

  @Test
  void twoPointData() {
    assertSameForAllLayouts(new Saddle(1.2, 3, new SaddleData.TwoPoint(-0.5), false, 1.0, 0.0));
  }

  @Test
  void finiteDataBothSamplingSchemes() {
    SaddleData.Finite data = Datasets.saddleGaussian(6, 0.06, 3);
    assertSameForAllLayouts(new Saddle(2.0, 2, data, false, 1.0, 0.0));
    assertSameForAllLayouts(new Saddle(2.0, 4, data, true, 1.0, 0.0));
  }
}
