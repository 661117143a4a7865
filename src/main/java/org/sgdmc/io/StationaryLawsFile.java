package org.sgdmc.io;

import java.nio.file.Path;
import java.util.List;
import org.sgdmc.results.StationaryLaws;

/** Writes an {@code sde stationary} run (one row per (lr, B) cell) as in data/SCHEMA.md. */
public final class StationaryLawsFile {
  private StationaryLawsFile() {}

  public static final String MODEL = "sde stationary";

  public static void write(Path target, boolean overwrite, RunMetadata meta, String model, double sigma, long seed,
      long trajectories, int samplesPerTrajectory, int threads, double[] x, double[] y, Long dataSeed,
      List<StationaryLaws> cells) {
    write(target, overwrite, meta, model, sigma, seed, trajectories, samplesPerTrajectory, threads, x, y, dataSeed,
        org.sgdmc.models.Sampling.WITH_REPLACEMENT, cells);
  }

  /** As above, SGD's batches drawn as {@code sampling} says (logistic1d; linreg1d's stream is always with). */
  public static void write(Path target, boolean overwrite, RunMetadata meta, String model, double sigma, long seed,
      long trajectories, int samplesPerTrajectory, int threads, double[] x, double[] y, Long dataSeed,
      org.sgdmc.models.Sampling sampling, List<StationaryLaws> cells) {
    try (ResultFile f = RunSections.create(target, overwrite, meta, MODEL)) {
      int n = cells.size();
      StationaryLaws c0 = cells.get(0);
      int k = c0.models().length;
      String p = "/parameters";
      f.attribute(p, "noise_sigma", sigma);
      f.attribute(p, "seed", seed);
      f.attribute(p, "trajectories", trajectories);
      f.attribute(p, "samples_per_trajectory", (long) samplesPerTrajectory);
      f.attribute(p, "with_replacement", sampling.withReplacement());
      f.attribute(p, "sampling", sampling.label);
      f.attribute(p, "loss", model);
      if (x == null) {
        RunSections.dataSource(f, "gaussian", "x, eps ~ N(0, 1) fresh each step, y = x w* + sigma eps", -1L, null);
      } else {
        RunSections.dataSource(f, "generated", x.length + " points x ~ N(0, 1), y = sign(x + sigma eps)", x.length,
            dataSeed);
        f.dataset("/data/x", x);
        f.dataset("/data/y", y);
      }
      double[] lr = new double[n];
      long[] batch = new long[n];
      double[] sde = new double[n], sdeM2 = new double[n], tvNoise = new double[n];
      long[] tailBy = new long[n], bulkBy = new long[n];
      double[][] fitted = new double[n][], low = new double[n][], high = new double[n][], theory = new double[n][];
      double[][] lyap = new double[n][], div = new double[n][], m2 = new double[n][], m2se = new double[n][];
      double[][] em2 = new double[n][], tvSgd = new double[n][], tvZf = new double[n][];
      double[][] edges = new double[n][], zf = new double[n][], s29 = new double[n][];
      double[][] hist = new double[n * k][];
      for (int i = 0; i < n; i++) {
        StationaryLaws c = cells.get(i);
        lr[i] = c.lr();
        batch[i] = c.batch();
        sde[i] = c.sdeIndex();
        sdeM2[i] = c.sdeSecondMoment();
        tvNoise[i] = c.tvNoise();
        tailBy[i] = c.tailPredictor();
        bulkBy[i] = c.bulkPredictor();
        fitted[i] = c.tailIndex();
        low[i] = c.tailLow();
        high[i] = c.tailHigh();
        theory[i] = c.theoryIndex();
        lyap[i] = c.lyapunov();
        div[i] = c.diverged();
        m2[i] = c.secondMoment();
        m2se[i] = c.secondMomentStderr();
        em2[i] = c.eulerSecondMoment();
        tvSgd[i] = c.tvToSgd();
        tvZf[i] = c.tvToZeroFlux();
        edges[i] = c.edges();
        zf[i] = c.zeroFlux();
        s29[i] = c.seed29();
        for (int m = 0; m < k; m++) {
          hist[i * k + m] = c.histograms()[m];
        }
      }
      f.dataset("/grid/cell_lr", lr);
      f.dataset("/grid/cell_batch", batch);
      f.attribute("/grid", "models", c0.models());
      f.dataset("/estimates/tail_index", fitted);
      f.dataset("/estimates/tail_index_ci_low", low);
      f.dataset("/estimates/tail_index_ci_high", high);
      f.dataset("/estimates/lyapunov", lyap);
      f.dataset("/estimates/diverged_fraction", div);
      f.dataset("/estimates/second_moment", m2);
      f.dataset("/estimates/second_moment_stderr", m2se);
      f.dataset("/estimates/tv_to_sgd", tvSgd);
      f.dataset("/estimates/tv_to_zero_flux", tvZf);
      f.dataset("/estimates/tv_noise", tvNoise);
      f.dataset("/estimates/tail_predictor", tailBy);
      f.dataset("/estimates/bulk_predictor", bulkBy);
      f.dataset("/observables/bin_edges", edges);
      f.dataset("/observables/histograms", hist);
      f.attribute("/estimates", "models", c0.models());
      f.dataset("/theory/tail_index", theory);
      f.dataset("/theory/sde_tail_index", sde);
      f.dataset("/theory/sde_second_moment", sdeM2);
      f.dataset("/theory/euler_second_moment", em2);
      f.dataset("/theory/zero_flux_bins", zf);
      f.dataset("/theory/seed29_bins", s29);
      double seconds = 0;
      for (StationaryLaws c : cells) {
        seconds += c.kernelSeconds();
      }
      RunSections.performance(f, seconds, Double.NaN, threads);
      f.commit();
    }
  }
}
