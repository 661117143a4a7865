package org.sgdmc.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.sgdmc.kernels.Kernel;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdmc.engine.Simulation;
import org.sgdmc.experiments.Linreg1dExperiment;
import org.sgdmc.models.FeatureData;
import org.sgdmc.models.Linreg1d;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.Linreg1dResult;

/** Sweeps: exact equivalences (threads, chunking, resuming, kernel twins) and agreement with theory. */
class SweepTest {
  private static final SweepRunner.Listener QUIET = new SweepRunner.Listener() {
    @Override
    public void finished(int[] cells, SweepRunner.CellResult[] results) {}

    @Override
    public void progress(long done, long total) {}
  };

  private static SweepGrid grid(String lr, String other, String otherSpec, Map<String, Double> fixed) {
    Linreg1dFamily family = new Linreg1dFamily(false, 4);
    return new SweepGrid(family, fixed, List.of(Axis.parse("lr", lr), Axis.parse(other, otherSpec)));
  }

  private static SweepRunner.CellResult[] run(SweepGrid g, int threads, boolean vector, Map<Integer, SweepRunner.CellResult> done) {
    return SweepRunner.run(g.family(), g.cells(), done,
        new SweepRunner.Settings(501, 120, 9, threads, 16, vector), QUIET);
  }

  private static String bits(SweepRunner.CellResult[] r) {
    StringBuilder sb = new StringBuilder();
    for (SweepRunner.CellResult c : r) {
      for (int e = 0; e < c.lambda().length; e++) {
        sb.append(Long.toHexString(Double.doubleToRawLongBits(c.lambda()[e]))).append('/')
            .append(Long.toHexString(Double.doubleToRawLongBits(c.stderr()[e]))).append(' ');
      }
    }
    return sb.toString();
  }

  @Test
  void resultsAreTheSameBitsForAnyThreadCountAndForTheScalarTwin() {
    SweepGrid g = grid("0.1:3.5:7", "outlier", "0:20:5", Map.of("n", 12.0, "batch", 2.0));
    String one = bits(run(g, 1, true, Map.of()));
    assertEquals(one, bits(run(g, 2, true, Map.of())));
    assertEquals(one, bits(run(g, 3, true, Map.of())));
    assertEquals(one, bits(run(g, 1, false, Map.of())), "vector kernel and scalar twin differ");
  }

  @Test
  void aResumedSweepEqualsAnUninterruptedOne(@TempDir Path dir) {
    SweepGrid g = grid("0.2:3:6", "batch", "1,2,3", Map.of());
    SweepRunner.CellResult[] full = run(g, 2, true, Map.of());
    // a checkpoint with every other cell, written and read back through the file
    String fp = g.fingerprint(501, 120, 9, "test");
    Path cp = dir.resolve("cp");
    Map<Integer, SweepRunner.CellResult> none = new HashMap<>();
    try (SweepCheckpoint<SweepRunner.CellResult> c = SweepCheckpoint.open(cp, fp, 1, none)) {
      for (int i = 0; i < full.length; i += 2) {
        c.append(new int[] {i}, new SweepRunner.CellResult[] {full[i]});
      }
    }
    Map<Integer, SweepRunner.CellResult> done = SweepCheckpoint.read(cp, fp, 1);
    assertEquals((full.length + 1) / 2, done.size());
    assertEquals(bits(full), bits(run(g, 1, true, done)));
    assertThrows(IllegalArgumentException.class, () -> SweepCheckpoint.read(cp, "other", 1),
        "a checkpoint of other arguments must not be used");
  }

  @Test
  void aGaussianCellHasExactlyTheTrajectoriesOfSimulate() {
    SweepGrid g = new SweepGrid(new Linreg1dFamily(false, 1), Map.of("batch", 3.0), List.of(Axis.parse("lr", "1.7")));
    SweepRunner.CellResult cell = SweepRunner.run(g.family(), g.cells(), Map.of(),
        new SweepRunner.Settings(2000, 150, 5, 2, 32, true), QUIET)[0];
    Linreg1d model = new Linreg1d(1.7, 3, new FeatureData.Gaussian(), false, 1.0);
    Linreg1dResult sim = Linreg1dExperiment.run(model, new EnsembleOptions(2000, new long[] {0, 150}, 5, 2, 64,
        EnsembleOptions.DEFAULT_QUANTILES, EnsembleOptions.DEFAULT_EPSILONS, 1e100), Kernel.VECTOR,
        Simulation.Progress.NONE);
    // same per-trajectory exponents; only the order of summation over trajectories differs
    assertEquals(sim.lyapunov().value(), cell.lambda()[0], 1e-13);
    assertEquals(sim.lyapunov().stderr(), cell.stderr()[0], 1e-12);
  }

  /**
   * Every cell whose exponent is decided (|exponent| > 4 stderr) has the sign of the theory, and a sample of
   * cells agrees in value within 4 stderr: false-failure probability per comparison 6.3e-5 (Gaussian
   * estimate), here 8 comparisons, below 5.1e-4; sign disagreements need a 4-stderr error in the wrong
   * direction, rarer still.
   */
  @Test
  void cellsAgreeWithTheory() {
    SweepGrid g = grid("0.2:3.6:8", "batch", "1,4", Map.of());
    SweepRunner.CellResult[] r = SweepRunner.run(g.family(), g.cells(), Map.of(),
        new SweepRunner.Settings(4000, 300, 21, 2, 32, true), QUIET);
    List<Map<String, Double>> cells = g.cells();
    int decided = 0;
    for (int i = 0; i < r.length; i++) {
      double th = g.family().theory(cells.get(i))[0];
      double lam = r[i].lambda()[0], se = r[i].stderr()[0];
      if (Math.abs(lam) > 4 * se) {
        decided++;
        assertEquals(Math.signum(th), Math.signum(lam), "cell " + cells.get(i));
      }
      if (i % 2 == 0) {
        assertTrue(Math.abs(lam - th) < 4 * se, "cell " + cells.get(i) + ": " + lam + " +- " + se + " vs " + th);
      }
    }
    assertTrue(decided >= 12, "too few decided cells to test anything: " + decided);
  }

  @Test
  void vectorKernelEqualsScalarTwinForTwoExponents() {
    int width = 3 * org.sgdmc.rng.VectorShapes.DOUBLES.length(), steps = 77; // an odd count of vectors
    double[] a = new double[width * steps], b = new double[width * steps];
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
    for (int i = 0; i < a.length; i++) {
      a[i] = rnd.nextDouble() * 3;
      b[i] = rnd.nextGaussian();
    }
    double[] c1 = {0.7, -0.7}, c2 = {0.3, -0.3};
    double[][] v = new double[2][width], s = new double[2][width];
    SweepKernel.vector(a, b, 0, width, steps, c1, c2, 5, v, new long[2 * width]);
    SweepKernel.scalar(a, b, 0, width, steps, c1, c2, 5, s, new long[2 * width]);
    for (int e = 0; e < 2; e++) {
      for (int j = 0; j < width; j++) {
        assertEquals(Double.doubleToRawLongBits(s[e][j]), Double.doubleToRawLongBits(v[e][j]), "exponent " + e + " lane " + j);
      }
    }
  }

  @Test
  void axesParseAndRejectNonsense() {
    assertArrayEquals(new double[] {1, 2, 3}, Axis.parse("lr", "1:3:3").values());
    double[] batches = Axis.parse("batch", "1:100:100").values(); // whole numbers exactly, as a batch axis needs
    for (int i = 0; i < 100; i++) {
      assertEquals(i + 1.0, batches[i], 0.0);
    }
    assertArrayEquals(new double[] {0.5}, Axis.parse("lr", "0.5:0.5:1").values());
    assertArrayEquals(new double[] {1, 10, 100}, Axis.parse("lr", "log:1:100:3").values(), 1e-12);
    assertArrayEquals(new double[] {4, 1}, Axis.parse("batch", "4,1").values());
    assertThrows(IllegalArgumentException.class, () -> Axis.parse("lr", "1:2:0"));
    assertThrows(IllegalArgumentException.class, () -> Axis.parse("lr", "3:2:5"));
    assertThrows(IllegalArgumentException.class, () -> Axis.parse("lr", "log:0:2:5"));
    assertThrows(IllegalArgumentException.class, () -> Axis.parse("lr", "a:2:5"));
    assertThrows(IllegalArgumentException.class,
        () -> new SweepGrid(new Linreg1dFamily(false, 1), Map.of(), List.of(Axis.parse("mu", "0:1:3"))));
  }
}
