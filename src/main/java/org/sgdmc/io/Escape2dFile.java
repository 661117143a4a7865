package org.sgdmc.io;

import java.nio.file.Path;
import java.util.List;
import org.sgdmc.models.TwoBasin;
import org.sgdmc.results.ExitTimes;
import org.sgdmc.theory.TwoBasinTheory;

/**
 * Writes an {@code sde escape --landscape 2d} run (one row per (lr, B, basin) cell, one column per noise model) as in
 * data/SCHEMA.md.
 */
public final class Escape2dFile {
  private Escape2dFile() {}

  public static final String MODEL = "sde escape 2d";

  /**
   * @param cells per cell its models (SGD, Euler-Maruyama per l, then stable if any), all of one landscape
   * @param exits per cell the exit times of each model
   */
  public static void write(Path target, boolean overwrite, RunMetadata meta, double[][] data, long dataSeed,
      double sa, double sb, long seed, long trajectories, long maxSteps, int threads, List<TwoBasin[]> cells,
      List<ExitTimes[]> exits, String[] modelNames) {
    try (ResultFile f = RunSections.create(target, overwrite, meta, MODEL)) {
      int n = cells.size();
      int k = modelNames.length;
      TwoBasin m0 = cells.get(0)[0];
      String p = "/parameters";
      f.attribute(p, "seed", seed);
      f.attribute(p, "trajectories", trajectories);
      f.attribute(p, "max_steps", maxSteps);
      f.attribute(p, "with_replacement", true);
      f.attribute(p, "sigma_a", sa);
      f.attribute(p, "sigma_b", sb);
      f.attribute(p, "basins", new double[] {m0.heightL(), m0.widthL(), m0.heightR(), m0.widthR()});
      f.attribute(p, "kappa", m0.kappa());
      f.attribute(p, "cy", m0.cy());
      f.attribute(p, "rho", m0.rho());
      f.attribute(p, "y_exit", m0.yExit());
      f.attribute(p, "landscape", "U = f(x) + cy (1 + rho x^2) y^2 / 2, f a C^2 quartic on each side of the saddle "
          + "(0, 0) with minima at -width_l, +width_r of depths height_l, height_r and f''(0) = -kappa; per-sample "
          + "loss U + ax_i x + ay_i y + b_i (x^2 + y^2) / 2; start at the basin's minimum, crossed at the other "
          + "minimum's x, outwards one width beyond the minimum or at |y| >= y_exit");
      RunSections.dataSource(f, "generated", data[0].length + " points (ax_i, ay_i, b_i): centred, orthogonal, "
          + "standard deviations sigma_a, sigma_a, sigma_b", data[0].length, dataSeed);
      f.dataset("/data/ax", data[0]);
      f.dataset("/data/ay", data[1]);
      f.dataset("/data/b", data[2]);
      double[] lr = new double[n], depth = new double[n], width = new double[n], ek = new double[n];
      double[] reduced = new double[n], ip = new double[n], eps = new double[n], barrier = new double[n];
      long[] batch = new long[n], basin = new long[n];
      double[][] mean = new double[n][k], se = new double[n][k], cens = new double[n][k], out = new double[n][k];
      double[][] med = new double[n][k], cv = new double[n][k];
      double seconds = 0;
      for (int i = 0; i < n; i++) {
        TwoBasin[] c = cells.get(i);
        TwoBasin m = c[0];
        lr[i] = m.lr();
        batch[i] = m.batch();
        basin[i] = m.right() ? 1 : 0;
        depth[i] = m.depth();
        width[i] = m.width();
        ek[i] = TwoBasinTheory.eyringKramers(m);
        reduced[i] = TwoBasinTheory.reducedMeanExitTime(m);
        barrier[i] = TwoBasinTheory.quasiPotentialBarrier(m);
        TwoBasin last = c[c.length - 1];
        boolean stable = last.noise() == org.sgdmc.models.NoiseModel.STABLE;
        ip[i] = stable ? TwoBasinTheory.stableMeanExitTime(last) : Double.NaN;
        eps[i] = stable ? last.stableScale() : Double.NaN;
        for (int j = 0; j < k; j++) {
          ExitTimes e = exits.get(i)[j];
          mean[i][j] = e.mean();
          se[i][j] = e.stderr();
          cens[i][j] = e.censoredFraction();
          out[i][j] = e.leftFraction();
          med[i][j] = e.median();
          cv[i][j] = e.cv();
          seconds += e.kernelSeconds();
        }
      }
      f.dataset("/grid/cell_lr", lr);
      f.dataset("/grid/cell_batch", batch);
      f.dataset("/grid/cell_basin", basin);
      f.dataset("/grid/cell_depth", depth);
      f.dataset("/grid/cell_width", width);
      f.attribute("/grid", "models", modelNames);
      f.attribute("/estimates", "models", modelNames);
      f.dataset("/estimates/mean_exit_time", mean);
      f.dataset("/estimates/mean_exit_time_stderr", se);
      f.dataset("/estimates/censored_fraction", cens);
      f.dataset("/estimates/outward_exit_fraction", out);
      f.dataset("/estimates/exit_time_median", med);
      f.dataset("/estimates/exit_time_cv", cv);
      f.dataset("/theory/eyring_kramers_2d_mean_exit_time", ek);
      f.dataset("/theory/reduced_1d_mean_exit_time", reduced);
      f.dataset("/theory/axis_barrier", barrier);
      f.dataset("/theory/stable_2d_mean_exit_time", ip);
      f.dataset("/theory/stable_scale", eps);
      RunSections.performance(f, seconds, Double.NaN, threads);
      f.commit();
    }
  }
}
