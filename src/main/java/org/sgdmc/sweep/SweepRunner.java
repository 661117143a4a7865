package org.sgdmc.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Runs every cell of a sweep with common random numbers (see {@link SweepFamily}). Cells are grouped by
 * their stream parameters; for each group the coefficients of all trajectories are generated once (in
 * parallel over trajectory blocks) and kept in memory, then workers take chunks of cells and run each
 * cell over every block in trajectory order. A cell's result depends only on its parameters, the seed and
 * the ensemble size: not on threads, chunking or which other cells share the grid.
 */
public final class SweepRunner {
  /** Largest coefficient cache of one group, in doubles per coefficient (2^31 - 16 array elements). */
  static final long MAX_CACHE = Integer.MAX_VALUE - 16;

  private SweepRunner() {}

  /** Ensemble size and layout of a sweep. */
  public record Settings(long trajectories, int steps, long seed, int threads, int blockWidth, boolean vector) {
    public Settings {
      if (trajectories < 2) {
        throw new IllegalArgumentException("a sweep needs at least 2 trajectories per cell, not " + trajectories);
      }
      if (steps < 1) {
        throw new IllegalArgumentException("steps must be at least 1, not " + steps);
      }
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, not " + threads);
      }
    }
  }

  /** A cell's exponents and their standard errors (over trajectories). */
  public record CellResult(double[] lambda, double[] stderr) {}

  /** Receives finished cells (from worker threads, one call per finished chunk) and progress. */
  public interface Listener {
    void finished(int[] cells, CellResult[] results);

    void progress(long doneTrajectorySteps, long totalTrajectorySteps);
  }

  /**
   * Runs the cells not already in {@code done} (indices into {@code cells}); returns all results, the
   * given ones included.
   */
  public static CellResult[] run(SweepFamily family, List<Map<String, Double>> cells, Map<Integer, CellResult> done,
      Settings settings, Listener listener) {
    return run(family, cells, done, settings, listener, i -> true);
  }

  /**
   * Runs the {@code wanted} cells not already in {@code done} (a shard's range of cells); returns the results of
   * those and of the given ones, null for the others.
   */
  public static CellResult[] run(SweepFamily family, List<Map<String, Double>> cells, Map<Integer, CellResult> done,
      Settings settings, Listener listener, java.util.function.IntPredicate wanted) {
    CellResult[] results = new CellResult[cells.size()];
    done.forEach((i, r) -> results[i] = r);
    Map<List<Double>, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < cells.size(); i++) {
      family.validate(cells.get(i));
      if (results[i] != null || !wanted.test(i)) {
        continue;
      }
      List<Double> key = new ArrayList<>();
      for (String p : family.streamParameters()) {
        key.add(cells.get(i).get(p));
      }
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }
    long perCell = settings.trajectories() * settings.steps();
    long total = perCell * groups.values().stream().mapToLong(List::size).sum();
    AtomicLong progress = new AtomicLong();
    for (List<Integer> group : groups.values()) {
      Map<String, Double> first = cells.get(group.get(0));
      Map<String, Double> streamParams = new LinkedHashMap<>();
      for (String p : family.streamParameters()) {
        streamParams.put(p, first.get(p));
      }
      SweepFamily.CoefficientSource source = family.source(streamParams, settings.seed());
      Coefficients coefficients = Coefficients.generate(source, settings);
      runGroup(family, cells, group, coefficients, settings, results, listener, progress, total);
    }
    return results;
  }

  /** All trajectories' coefficients of one group, block-major: block b, step t, lane j. */
  record Coefficients(double[] a, double[] b, int blocks, int width, int steps, double maxA, double maxB) {
    static Coefficients generate(SweepFamily.CoefficientSource source, Settings s) {
      int width = s.blockWidth();
      int blocks = (int) ((s.trajectories() + width - 1) / width);
      long size = (long) blocks * width * s.steps();
      if (size > MAX_CACHE) {
        throw new IllegalArgumentException(String.format(
            "%d trajectories x %d steps is too large for one sweep group (at most %d trajectory-steps)",
            s.trajectories(), s.steps(), MAX_CACHE));
      }
      double[] a, b;
      try {
        a = new double[(int) size];
        b = new double[(int) size];
      } catch (OutOfMemoryError e) {
        throw new IllegalArgumentException(String.format(
            "not enough memory for %d trajectories x %d steps of coefficients (%.1f GiB): use fewer",
            s.trajectories(), s.steps(), 16.0 * size / (1L << 30)));
      }
      int stride = width * s.steps();
      parallel(s.threads(), blocks, blk -> {
        double[] ta = new double[stride], tb = new double[stride];
        source.fill((long) blk * width, width, s.steps(), ta, tb);
        System.arraycopy(ta, 0, a, blk * stride, stride);
        System.arraycopy(tb, 0, b, blk * stride, stride);
      });
      return new Coefficients(a, b, blocks, width, s.steps(), source.maxAbsA(), source.maxAbsB());
    }
  }

  private static void runGroup(SweepFamily family, List<Map<String, Double>> cells, List<Integer> group,
      Coefficients co, Settings s, CellResult[] results, Listener listener, AtomicLong progress, long total) {
    int chunk = Math.max(1, (group.size() + 8 * s.threads() - 1) / (8 * s.threads()));
    int chunks = (group.size() + chunk - 1) / chunk;
    int exponents = family.exponents();
    long perCell = s.trajectories() * s.steps();
    parallel(s.threads(), chunks, c -> {
      int from = c * chunk, to = Math.min(group.size(), from + chunk);
      int n = to - from;
      double[][] c1 = new double[n][exponents], c2 = new double[n][exponents];
      int[] interval = new int[n];
      for (int k = 0; k < n; k++) {
        family.factors(cells.get(group.get(from + k)), c1[k], c2[k]);
        interval[k] = renormalisationInterval(c1[k], c2[k], co.maxA(), co.maxB());
      }
      Welford[][] acc = new Welford[n][exponents];
      for (int k = 0; k < n; k++) {
        for (int e = 0; e < exponents; e++) {
          acc[k][e] = new Welford();
        }
      }
      double[][] out = new double[exponents][co.width()];
      long[] exp = new long[2 * co.width()];
      int stride = co.width() * co.steps();
      for (int blk = 0; blk < co.blocks(); blk++) {
        int valid = (int) Math.min(co.width(), s.trajectories() - (long) blk * co.width());
        for (int k = 0; k < n; k++) {
          if (s.vector()) {
            SweepKernel.vector(co.a(), co.b(), blk * stride, co.width(), co.steps(), c1[k], c2[k], interval[k], out, exp);
          } else {
            SweepKernel.scalar(co.a(), co.b(), blk * stride, co.width(), co.steps(), c1[k], c2[k], interval[k], out, exp);
          }
          for (int e = 0; e < exponents; e++) {
            for (int j = 0; j < valid; j++) {
              acc[k][e].add(out[e][j]);
            }
          }
        }
      }
      int[] indices = new int[n];
      CellResult[] chunkResults = new CellResult[n];
      for (int k = 0; k < n; k++) {
        double[] lam = new double[exponents], err = new double[exponents];
        for (int e = 0; e < exponents; e++) {
          lam[e] = acc[k][e].mean();
          err[e] = acc[k][e].stderr();
        }
        indices[k] = group.get(from + k);
        chunkResults[k] = new CellResult(lam, err);
        results[indices[k]] = chunkResults[k];
      }
      listener.finished(indices, chunkResults);
      listener.progress(progress.addAndGet(n * perCell), total);
    });
  }

  /**
   * Steps between renormalisations: each factor is at most {@code 1 + |c1| max|A| + |c2| max|B|} and,
   * unless exactly 0, at least about 2^-110 in magnitude (fma keeps the exact residual), so R steps move
   * the binary exponent by at most R * max(110, log2(max factor)) < 900 bits.
   */
  static int renormalisationInterval(double[] c1, double[] c2, double maxA, double maxB) {
    double worst = 1;
    for (int e = 0; e < c1.length; e++) {
      worst = Math.max(worst, 1 + Math.abs(c1[e]) * maxA + Math.abs(c2[e]) * maxB);
    }
    double bits = Math.max(110, Math.log(worst) / Math.log(2));
    int r = (int) Math.min(16, Math.floor(900 / bits));
    if (r < 1) {
      throw new IllegalArgumentException("a factor of " + worst + " per step would leave the double range");
    }
    return r;
  }

  /** Runs {@code task(0 .. count-1)} on {@code threads} threads, items claimed in order; rethrows failures. */
  static void parallel(int threads, int count, IntConsumer task) {
    org.sgdmc.engine.WorkerPool.forEach(threads, "sgdmc-sweep", count, task);
  }

  /** Mean and standard error by Welford's update, in the order values arrive; -inf is absorbing. */
  static final class Welford {
    private long n;
    private double mean, m2;
    private boolean minusInfinity;

    void add(double x) {
      if (x == Double.NEGATIVE_INFINITY) {
        minusInfinity = true;
      }
      n++;
      if (minusInfinity) {
        return;
      }
      double d = x - mean;
      mean += d / n;
      m2 += d * (x - mean);
    }

    double mean() {
      return minusInfinity ? Double.NEGATIVE_INFINITY : mean;
    }

    double stderr() {
      return minusInfinity ? 0.0 : n > 1 ? Math.sqrt(m2 / (n - 1) / n) : Double.POSITIVE_INFINITY;
    }
  }
}
