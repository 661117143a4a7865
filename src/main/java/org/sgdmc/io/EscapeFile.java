package org.sgdmc.io;

import java.nio.file.Path;
import java.util.List;
import org.sgdmc.results.EscapeCell;
import org.sgdmc.results.EscapeFit;
import org.sgdmc.results.ExitTimes;

/** Writes an {@code sde escape} run (one row per (height, width, lr, B) cell) as in data/SCHEMA.md. */
public final class EscapeFile {
  private EscapeFile() {}

  public static final String MODEL = "sde escape";
  /** Points of each stored survival curve, log-spaced from the budget / 10^4 to the budget. */
  public static final int SURVIVAL_POINTS = 64;

  public static void write(Path target, boolean overwrite, RunMetadata meta, double[][] ab, long dataSeed,
      double sigmaA, double sigmaB, long seed, long trajectories, long maxSteps, int threads, List<EscapeCell> cells,
      List<EscapeFit> fits) {
    try (ResultFile f = RunSections.create(target, overwrite, meta, MODEL)) {
      int n = cells.size();
      EscapeCell c0 = cells.get(0);
      int k = c0.models().length;
      String p = "/parameters";
      f.attribute(p, "seed", seed);
      f.attribute(p, "trajectories", trajectories);
      f.attribute(p, "max_steps", maxSteps);
      f.attribute(p, "with_replacement", true);
      f.attribute(p, "sigma_a", sigmaA);
      f.attribute(p, "sigma_b", sigmaB);
      f.attribute(p, "landscape", "U = height (theta^2/width^2 - 1)^2, per-sample loss U + a_i theta + b_i theta^2/2; "
          + "start -width, exits +width and -3 width");
      RunSections.dataSource(f, "generated", ab[0].length + " points (a_i, b_i): centred, orthogonal, standard "
          + "deviations sigma_a, sigma_b", ab[0].length, dataSeed);
      f.dataset("/data/a", ab[0]);
      f.dataset("/data/b", ab[1]);
      double[] h = new double[n], w = new double[n], lr = new double[n];
      long[] batch = new long[n], best = new long[n];
      double[] exact = new double[n], kr = new double[n], frozen = new double[n], barrier = new double[n];
      double[] ip = new double[n], eps = new double[n], ldBarrier = new double[n], ld = new double[n];
      double[][] mean = new double[n][k], se = new double[n][k], cens = new double[n][k], left = new double[n][k];
      double[][] restricted = new double[n][k], q10 = new double[n][k], med = new double[n][k], q90 = new double[n][k];
      double[] budget = new double[n];
      double[][] cv = new double[n][k], survT = new double[n][];
      double[][] surv = new double[n * k][];
      for (int i = 0; i < n; i++) {
        EscapeCell c = cells.get(i);
        h[i] = c.height();
        w[i] = c.width();
        lr[i] = c.lr();
        batch[i] = c.batch();
        best[i] = c.sgdPredictor();
        exact[i] = c.exact();
        kr[i] = c.kramers();
        frozen[i] = c.kramersFrozen();
        barrier[i] = c.quasiBarrier();
        ip[i] = c.stableTheory();
        eps[i] = c.stableScale();
        ldBarrier[i] = c.sgdBarrier();
        ld[i] = c.sgdTheory();
        double b = c.exits()[0].budget();
        survT[i] = new double[SURVIVAL_POINTS];
        for (int j = 0; j < SURVIVAL_POINTS; j++) {
          survT[i][j] = b * Math.pow(10, -4 + 4.0 * j / (SURVIVAL_POINTS - 1));
        }
        budget[i] = b;
        for (int m = 0; m < k; m++) {
          ExitTimes e = c.exits()[m];
          mean[i][m] = e.mean();
          se[i][m] = e.stderr();
          cens[i][m] = e.censoredFraction();
          left[i][m] = e.leftFraction();
          restricted[i][m] = e.restrictedMean();
          q10[i][m] = e.q10();
          med[i][m] = e.median();
          q90[i][m] = e.q90();
          cv[i][m] = e.cv();
          surv[i * k + m] = e.survival(survT[i]);
        }
      }
      f.dataset("/grid/cell_height", h);
      f.dataset("/grid/cell_width", w);
      f.dataset("/grid/cell_lr", lr);
      f.dataset("/grid/cell_batch", batch);
      f.dataset("/grid/cell_budget", budget);
      f.attribute("/grid", "models", c0.models());
      f.attribute("/estimates", "models", c0.models());
      f.dataset("/estimates/mean_exit_time", mean);
      f.dataset("/estimates/mean_exit_time_stderr", se);
      f.dataset("/estimates/censored_fraction", cens);
      f.dataset("/estimates/left_exit_fraction", left);
      f.dataset("/estimates/restricted_mean_exit_time", restricted);
      f.dataset("/estimates/exit_time_q10", q10);
      f.dataset("/estimates/exit_time_median", med);
      f.dataset("/estimates/exit_time_q90", q90);
      f.dataset("/estimates/exit_time_cv", cv);
      f.dataset("/estimates/sgd_predictor", best);
      f.attribute("/estimates", "theories", EscapeCell.THEORIES);
      f.dataset("/observables/survival_times", survT);
      f.dataset("/observables/survival", surv);
      f.dataset("/theory/exact_mean_exit_time", exact);
      f.dataset("/theory/kramers_mean_exit_time", kr);
      f.dataset("/theory/kramers_frozen_mean_exit_time", frozen);
      f.dataset("/theory/quasi_potential_barrier", barrier);
      f.dataset("/theory/stable_mean_exit_time", ip);
      f.dataset("/theory/stable_scale", eps);
      f.dataset("/theory/sgd_large_deviation_barrier", ldBarrier);
      f.dataset("/theory/sgd_large_deviation_mean_exit_time", ld);
      int r = fits.size();
      if (r > 0) {
        fitSection(f, fits);
      }
      double seconds = 0;
      for (EscapeCell c : cells) {
        for (ExitTimes e : c.exits()) {
          seconds += e.kernelSeconds();
        }
      }
      RunSections.performance(f, seconds, Double.NaN, threads);
      f.commit();
    }
  }

  private static void fitSection(ResultFile f, List<EscapeFit> fits) {
    {
      int r = fits.size();
      long[] variable = new long[r], fb = new long[r], points = new long[r];
      double[] flr = new double[r], fixed = new double[r], slope = new double[r], low = new double[r],
          high = new double[r];
      String[] names = new String[r];
      for (int i = 0; i < r; i++) {
        EscapeFit e = fits.get(i);
        variable[i] = e.variable().equals("height") ? 0 : 1;
        flr[i] = e.lr();
        fb[i] = e.batch();
        fixed[i] = e.fixed();
        slope[i] = e.slope();
        low[i] = e.low();
        high[i] = e.high();
        points[i] = e.points();
        names[i] = e.model();
      }
      f.dataset("/fits/variable", variable);
      f.attribute("/fits", "variables", new String[] {"height", "log width"});
      f.dataset("/fits/lr", flr);
      f.dataset("/fits/batch", fb);
      f.dataset("/fits/fixed", fixed);
      f.dataset("/fits/slope", slope);
      f.dataset("/fits/slope_ci_low", low);
      f.dataset("/fits/slope_ci_high", high);
      f.dataset("/fits/points", points);
      f.attribute("/fits", "model", names);
    }
  }
}
