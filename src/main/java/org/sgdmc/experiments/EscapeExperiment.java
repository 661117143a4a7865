package org.sgdmc.experiments;

import java.util.ArrayList;
import java.util.List;
import org.sgdmc.engine.WorkerPool;
import org.sgdmc.kernels.DoubleWellScalarBlock;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.Kernels;
import org.sgdmc.kernels.StateBlock;
import org.sgdmc.models.DoubleWell;
import org.sgdmc.models.NoiseModel;
import org.sgdmc.results.EscapeCell;
import org.sgdmc.results.EscapeFit;
import org.sgdmc.results.ExitTimes;
import org.sgdmc.theory.EscapeTheory;

/**
 * Seed 004's escape question (issue 17 item 3): per (height, width, lr, B), the first-exit times from the left well
 * of a {@link DoubleWell} under minibatch SGD on its finite dataset, Euler-Maruyama of the matched Gaussian SDE at
 * dt = lr / l for each l, and Euler-Maruyama of the stable-driven SDE of matched scale, beside the exact SDE mean
 * first passage time, Kramers' law and Imkeller-Pavlyukevich's. Exit times stream out of the kernels (one number per
 * trajectory), censored at the budget.
 */
public final class EscapeExperiment {
  /** Trajectories per block (a multiple of every lane count). */
  static final int BLOCK = 64;
  /** Steps between the checks whether a block has fully exited. */
  static final long CHUNK = 2048;

  private EscapeExperiment() {}

  /** What every cell runs. */
  public record Settings(double[][] data, int[] substeps, double stableAlpha, long trajectories, long maxSteps,
      long seed, Kernel kernel, int threads) {}

  /** The exit times of {@code model}'s first {@code trajectories} trajectories, censored after {@code maxSteps} steps. */
  public static ExitTimes exitTimes(DoubleWell model, long trajectories, long maxSteps, long seed, Kernel kernel,
      int threads) {
    return exitTimes(Kernels.DOUBLE_WELL.blocks(model, seed, kernel), model.dt(), model.lr(), trajectories, maxSteps,
        threads);
  }

  /**
   * The exit times of a {@link org.sgdmc.models.TwoBasin} model's first {@code trajectories} trajectories; "left"
   * counts the exits that did not cross into the other basin (outwards, only stable jumps).
   */
  public static ExitTimes exitTimes(org.sgdmc.models.TwoBasin model, long trajectories, long maxSteps, long seed,
      Kernel kernel, int threads) {
    return exitTimes(Kernels.TWO_BASIN.blocks(model, seed, kernel), model.dt(), model.lr(), trajectories, maxSteps,
        threads);
  }

  /** Blocks with the exit time in channel 0 (substeps) and the side in channel 1 (negative: "left"). */
  private static ExitTimes exitTimes(java.util.function.IntFunction<StateBlock> factory, double dt, double lr,
      long trajectories, long maxSteps, int threads) {
    int blocks = (int) ((trajectories + BLOCK - 1) / BLOCK);
    double[] times = new double[(int) trajectories];
    long[] left = new long[blocks];
    long start = System.nanoTime();
    WorkerPool.forEach(threads, "escape", blocks, b -> {
      StateBlock block = factory.apply(BLOCK);
      block.start((long) b * BLOCK);
      double[] snap = new double[block.channels() * BLOCK];
      for (long t = 0; t < maxSteps; ) {
        long to = Math.min(maxSteps, t + CHUNK);
        block.advance(t, to);
        t = to;
        block.snapshot(snap);
        boolean all = true;
        for (int j = 0; j < BLOCK && all; j++) {
          all = snap[DoubleWellScalarBlock.EXIT * BLOCK + j] != Double.POSITIVE_INFINITY;
        }
        if (all) {
          break;
        }
      }
      for (int j = 0; j < BLOCK; j++) {
        long i = (long) b * BLOCK + j;
        if (i < trajectories) {
          times[(int) i] = snap[DoubleWellScalarBlock.EXIT * BLOCK + j] * dt;
          if (snap[DoubleWellScalarBlock.SIDE * BLOCK + j] < 0) {
            left[b]++;
          }
        }
      }
    });
    long l = 0;
    for (long v : left) {
      l += v;
    }
    return ExitTimes.of(times, maxSteps * lr, l, (System.nanoTime() - start) * 1e-9);
  }

  /** One cell. */
  public static EscapeCell run(double height, double width, double lr, int batch, Settings s) {
    List<DoubleWell> models = new ArrayList<>();
    List<String> names = new ArrayList<>();
    models.add(DoubleWell.of(height, width, s.data(), lr, batch, NoiseModel.MINIBATCH, 1, Double.NaN));
    names.add("sgd");
    for (int l : s.substeps()) {
      models.add(DoubleWell.of(height, width, s.data(), lr, batch, NoiseModel.GAUSSIAN, l, Double.NaN));
      names.add("em l=" + l);
    }
    boolean stable = !Double.isNaN(s.stableAlpha());
    if (stable) {
      models.add(DoubleWell.of(height, width, s.data(), lr, batch, NoiseModel.STABLE, 1, s.stableAlpha()));
      names.add("stable alpha=" + s.stableAlpha());
    }
    ExitTimes[] exits = new ExitTimes[models.size()];
    for (int m = 0; m < exits.length; m++) {
      exits[m] = exitTimes(models.get(m), s.trajectories(), s.maxSteps(), s.seed(), s.kernel(), s.threads());
    }
    DoubleWell g = models.get(1 < models.size() && models.get(1).noise() == NoiseModel.GAUSSIAN ? 1 : 0);
    double exact = EscapeTheory.exactMeanExitTime(g);
    double kramers = EscapeTheory.kramers(g);
    double frozen = EscapeTheory.kramersFrozen(g);
    double barrier = EscapeTheory.quasiPotentialBarrier(g);
    DoubleWell st = stable ? models.get(models.size() - 1) : null;
    double ip = stable && s.stableAlpha() < 2 ? EscapeTheory.stableMeanExitTime(st) : Double.NaN;
    double sgdBarrier = EscapeTheory.sgdLargeDeviationBarrier(g);
    double sgdTheory = EscapeTheory.sgdLargeDeviationTime(g);
    String[] labels = names.toArray(String[]::new);
    int best = EscapeCell.nearest(exits[0].mean(), labels, exits,
        new double[] {exact, kramers, frozen, ip, sgdTheory});
    return new EscapeCell(height, width, lr, batch, labels, exits, exact, kramers, frozen, barrier, ip,
        stable ? st.stableScale() : Double.NaN, sgdBarrier, sgdTheory, best);
  }

  /**
   * The escape laws: for every (lr, B, width) with two or more heights, the slope of ln T against height; for
   * every (lr, B, height) with two or more widths, the slope of ln T against ln width; for each model (fully
   * uncensored or not: the survival estimate) and for the exact SDE, Kramers and Imkeller-Pavlyukevich.
   */
  public static List<EscapeFit> fits(List<EscapeCell> cells) {
    List<EscapeFit> out = new ArrayList<>();
    for (int variable = 0; variable < 2; variable++) {
      List<String> seen = new ArrayList<>();
      for (EscapeCell c : cells) {
        double fixed = variable == 0 ? c.width() : c.height();
        String key = c.lr() + "/" + c.batch() + "/" + fixed;
        if (seen.contains(key)) {
          continue;
        }
        seen.add(key);
        final int v = variable;
        List<EscapeCell> group = cells.stream().filter(d -> d.lr() == c.lr() && d.batch() == c.batch()
            && (v == 0 ? d.width() : d.height()) == fixed).toList();
        if (group.size() < 2) {
          continue;
        }
        double[] x = new double[group.size()];
        for (int i = 0; i < x.length; i++) {
          x[i] = variable == 0 ? group.get(i).height() : Math.log(group.get(i).width());
        }
        String name = variable == 0 ? "height" : "log width";
        int models = c.models().length;
        for (int code = -EscapeCell.THEORIES.length; code < models; code++) {
          double[] y = new double[x.length];
          double[] se = new double[x.length];
          boolean ok = true;
          for (int i = 0; i < x.length; i++) {
            EscapeCell d = group.get(i);
            double p = d.prediction(code);
            y[i] = Math.log(p);
            se[i] = code >= 0 ? d.exits()[code].logStderr() : 0;
            ok &= Double.isFinite(y[i]) && (code < 0 || Double.isFinite(se[i]));
          }
          if (!ok) {
            continue;
          }
          double[] b = EscapeFit.slope(x, y, se);
          out.add(new EscapeFit(name, c.lr(), c.batch(), fixed, c.predictionName(code), b[0], b[0] - 1.96 * b[1],
              b[0] + 1.96 * b[1], x.length));
        }
      }
    }
    return out;
  }
}
