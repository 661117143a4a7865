package org.sgdmc.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sgdmc.engine.Execution;
import org.sgdmc.engine.LiveSink;
import org.sgdmc.engine.RecordTimes;
import org.sgdmc.engine.Simulation;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.models.FeatureData;
import org.sgdmc.models.LinearD;
import org.sgdmc.models.Linreg1d;
import org.sgdmc.models.PointData;
import org.sgdmc.models.Saddle;
import org.sgdmc.models.SaddleData;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.LinearDResult;
import org.sgdmc.results.Linreg1dResult;
import org.sgdmc.results.SaddleResult;
import org.sgdmc.rng.VectorShapes;
import org.sgdmc.stats.EnsembleSummary;

/**
 * What a live run ({@code simulate --live}) shows while it goes: each update is exactly the run of the trajectories
 * finished by then (one thread finishes the blocks in order, so those are the first ones), every observable and
 * estimate the same bits as a run of that many trajectories; the run's own result is unchanged by being live.
 */
class LivePartialResultsTest {
  private static final int WIDTH = VectorShapes.DOUBLES.length();
  private static final int BLOCKS = 6;
  private static final long[] TIMES = RecordTimes.parse("log:9", 120);

  private static EnsembleOptions options(long trajectories) {
    return new EnsembleOptions(trajectories, TIMES, 17, 1, WIDTH, EnsembleOptions.DEFAULT_QUANTILES,
        EnsembleOptions.DEFAULT_EPSILONS, 1e30);
  }

  /** The updates a live sink received: the partial results and the trajectories each covers. */
  private static final class Updates implements LiveSink {
    final List<Object> results = new ArrayList<>();
    final List<Long> finished = new ArrayList<>();

    @Override
    public synchronized void partial(Object result, long n) {
      results.add(result);
      finished.add(n);
      notifyAll();
    }

    @Override
    public double intervalSeconds() {
      return 0;
    }

    /** Waits until an update covers {@code n} trajectories: the worker runs in lockstep with the publisher. */
    synchronized void awaitCovering(long n) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (finished.isEmpty() || finished.getLast() < n) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no update covered " + n + " trajectories: " + finished);
        }
        try {
          wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      }
    }

    /** A progress that, at the first recording time of block b, waits for the update of the b blocks before. */
    Simulation.Progress lockstep() {
      int perBlock = TIMES.length - 1;
      int[] calls = {0};
      return (done, total) -> {
        int c = calls[0]++;
        if (c % perBlock == 0 && c > 0) {
          awaitCovering((long) (c / perBlock) * WIDTH);
        }
      };
    }
  }

  private interface Run<R> {
    R of(EnsembleOptions options, Simulation.Progress progress);
  }

  private static <R> void assertEachUpdateIsTheRunOfItsTrajectories(Run<R> run, java.util.function.Function<R, String> fingerprint)
      throws Exception {
    Updates updates = new Updates();
    R live = Execution.of(null, null).withLive(updates).call(() -> run.of(options(BLOCKS * WIDTH), updates.lockstep()));
    assertEquals(fingerprint.apply(run.of(options(BLOCKS * WIDTH), Simulation.Progress.NONE)), fingerprint.apply(live),
        "a live run's own result is the plain run's");
    List<Long> expected = new ArrayList<>();
    for (long b = 1; b < BLOCKS; b++) {
      expected.add(b * WIDTH);
    }
    List<Long> seen = updates.finished.subList(0, BLOCKS - 1);
    assertEquals(expected, seen, "one update per finished block, in lockstep: " + updates.finished);
    for (int u = 0; u < BLOCKS - 1; u++) {
      long n = updates.finished.get(u);
      @SuppressWarnings("unchecked")
      R partial = (R) updates.results.get(u);
      assertEquals(fingerprint.apply(run.of(options(n), Simulation.Progress.NONE)), fingerprint.apply(partial),
          "the update over " + n + " trajectories");
    }
  }

  private static String summaries(EnsembleSummary[] s) {
    StringBuilder sb = new StringBuilder();
    for (EnsembleSummary x : s) {
      sb.append(Double.doubleToRawLongBits(x.mean())).append(',').append(Double.doubleToRawLongBits(x.stderr()))
          .append(',').append(Double.doubleToRawLongBits(x.logMeanSquare())).append(Arrays.toString(x.quantiles()))
          .append(Arrays.toString(x.fractionWithin())).append(x.fractionDiverged()).append(x.fractionExact())
          .append(';');
    }
    return sb.toString();
  }

  @Test
  void linreg1dUpdatesAreTheRunsOfTheTrajectoriesFinishedSoFar() throws Exception {
    Linreg1d model = new Linreg1d(1.2, 1, new FeatureData.Gaussian(), false, 1.0);
    assertEachUpdateIsTheRunOfItsTrajectories(
        (o, p) -> Linreg1dExperiment.run(model, o, Kernel.VECTOR, p),
        (Linreg1dResult r) -> summaries(r.summaries()) + r.lyapunov() + r.lyapunovLate());
  }

  @Test
  void saddleUpdatesAreTheRunsOfTheTrajectoriesFinishedSoFar() throws Exception {
    Saddle model = new Saddle(1.0, 2, new SaddleData.Gaussian(0.2), false, 1.0, 0.5);
    assertEachUpdateIsTheRunOfItsTrajectories(
        (o, p) -> SaddleExperiment.run(model, o, Kernel.VECTOR, p),
        (SaddleResult r) -> summaries(r.summariesH()) + summaries(r.summariesM()) + r.lyapunovPlus()
            + r.lyapunovMinus() + r.phase());
  }

  @Test
  void linearDUpdatesAreTheRunsOfTheTrajectoriesFinishedSoFar() throws Exception {
    LinearD model = new LinearD(0.6, 3, new PointData.Gaussian(new double[] {1.0, 0.3, 0.7}), false, 2, 4);
    assertEachUpdateIsTheRunOfItsTrajectories(
        (o, p) -> LinearDExperiment.run(model, o, Kernel.VECTOR, p),
        (LinearDResult r) -> summaries(r.summaries()) + Arrays.toString(r.spectrum()) + Arrays.toString(r.late())
            + Arrays.toString(r.drift()));
  }
}
