package org.sgdmc.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.sgdmc.kernels.Kernel;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sgdmc.engine.RecordTimes;
import org.sgdmc.engine.Simulation;
import org.sgdmc.models.Activation;
import org.sgdmc.models.Datasets;
import org.sgdmc.models.RegressionData;
import org.sgdmc.models.TwoLayerNet;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.TwoLayerResult;
import org.sgdmc.rng.VectorShapes;
import org.sgdmc.theory.StationaryPoints;
import org.sgdmc.theory.StationaryPoints.Point;

/**
 * A two-layer run is a function of its inputs alone: the same bits for 1, 2 or 3 threads, any block width,
 * and the vector kernel or its scalar twin, at a learning rate where trajectories reach the saddle, stay in
 * a basin and diverge.
 */
class TwoLayerReproducibilityTest {
  private static final int LANES = VectorShapes.DOUBLES.length();

  private static String fingerprint(TwoLayerResult r) {
    StringBuilder sb = new StringBuilder();
    for (double[] row : r.fractions()) {
      sb.append(Arrays.toString(row));
    }
    sb.append(Arrays.toString(r.counts()));
    for (double[] a : new double[][] {r.testLoss(), r.testLossStderr(), r.trainLoss(), r.meanU(), r.meanW(),
        r.finalU(), r.finalW(), r.finalTestLoss(), {r.meanTestLoss(), r.meanTestLossStderr()}}) {
      for (double v : a) {
        sb.append(Long.toHexString(Double.doubleToRawLongBits(v))).append(',');
      }
    }
    sb.append(Arrays.toString(r.divergedAt())).append(Arrays.toString(r.finalClass()));
    return sb.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"SWISH", "TANH"})
  void sameBitsForEveryLayout(String name) {
    Activation act = Activation.valueOf(name);
    RegressionData train = Datasets.teacher(act, 100, 0.1, act == Activation.SWISH ? 85 : 6, false);
    RegressionData test = Datasets.teacher(act, 500, 0.1, 1, true);
    List<Point> points = StationaryPoints.find(act, train, test);
    Point b = StationaryPoints.byLabel(points, "B");
    TwoLayerNet model = new TwoLayerNet(act, train, act == Activation.SWISH ? 0.4 : 1.2, 1, false, b.u(), b.w(), 0.05, 1e4);
    String reference = null;
    for (Kernel kernel : Kernel.values()) {
      for (int threads : new int[] {1, 2, 3}) {
        for (int width : new int[] {LANES, 5 * LANES, 64}) {
          if (kernel == Kernel.SCALAR && (threads != 1 || width != LANES)) {
            continue; // the scalar twin once is enough: it is slow
          }
          EnsembleOptions e = new EnsembleOptions(203, RecordTimes.parse("log:6", 1500), 42, threads, width);
          String got = fingerprint(TwoLayerExperiment.run(model, test, points, e, TwoLayerResult.Classifier.DEFAULT,
              kernel, Simulation.Progress.NONE));
          if (reference == null) {
            reference = got;
          } else {
            assertEquals(reference, got, kernel + ", threads " + threads + ", block width " + width);
          }
        }
      }
    }
  }
}
