package org.sgdmc.io;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.sgdmc.sweep.GrokSweep;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.stats.EventTimes;
import org.sgdmc.stats.PowerLawFit;

/**
 * Writes a grok sweep ({@code sweep grok-linreg|grok-diag|grok-mc|grok-relu}) as documented in data/SCHEMA.md: the
 * grid, t1 and t2 of every cell, which cells the fits used, and the fitted exponents with their 95% intervals.
 */
public final class GrokSweepFile {
  private GrokSweepFile() {}

  /**
   * Writes the file; {@code parameters} writes the model's {@code /parameters} and {@code /data} (of the first
   * cell), {@code extras} names the cells' {@link GrokSweep.Cell#extras()} (written as {@code /cells/NAME}), and
   * {@code more} writes what else the model keeps per cell.
   */
  public static void write(Path target, boolean overwrite, RunMetadata meta, String model, EnsembleOptions first,
      GrokSweep.Cell[] cells, GrokSweep.Fits fits, String[] extras, Consumer<ResultFile> parameters,
      Consumer<ResultFile> more) {
    try (ResultFile f = RunSections.create(target, overwrite, meta, model)) {
      RunSections.ensemble(f, first.trajectories(), first.steps(), first.seed(), first.threads(), first.blockWidth());
      parameters.accept(f);
      f.attribute("/parameters", "lambda", Double.NaN);
      boolean oneEta = java.util.Arrays.stream(cells).allMatch(c -> c.eta() == cells[0].eta());
      if (!oneEta) {
        f.attribute("/parameters", "eta", Double.NaN);
      }
      int k = cells.length;
      double[] lambda = new double[k], eta = new double[k];
      long[] steps = new long[k];
      int[] fitted = new int[k];
      double[][][] q = new double[2][k][];
      double[][] never = new double[2][k], mean = new double[2][k], meanErr = new double[2][k];
      double[][] extra = new double[extras.length][k];
      double seconds = 0;
      for (int i = 0; i < k; i++) {
        GrokSweep.Cell c = cells[i];
        lambda[i] = c.lambda();
        eta[i] = c.eta();
        steps[i] = c.steps();
        fitted[i] = fits.separated()[i] ? 1 : 0;
        EventTimes.Summary[] ev = {c.t1(), c.t2()};
        for (int e = 0; e < 2; e++) {
          q[e][i] = ev[e].quantiles();
          never[e][i] = ev[e].fractionNever();
          mean[e][i] = ev[e].mean().value();
          meanErr[e][i] = ev[e].mean().stderr();
        }
        for (int x = 0; x < extras.length; x++) {
          extra[x][i] = c.extras()[x];
        }
        seconds += c.kernelSeconds();
      }
      f.dataset("/grid/lambda", lambda);
      f.dataset("/grid/cell_lr", eta);
      f.dataset("/grid/steps", steps);
      f.dataset("/observables/quantile_levels", first.quantileLevels());
      String[] names = {"t1", "t2"};
      for (int e = 0; e < 2; e++) {
        String p = "/cells/" + names[e];
        f.dataset(p + "_quantiles", q[e]);
        f.dataset(p + "_fraction_never", never[e]);
        f.dataset(p + "_mean", mean[e]);
        f.dataset(p + "_mean_stderr", meanErr[e]);
      }
      for (int x = 0; x < extras.length; x++) {
        f.dataset("/cells/" + extras[x], extra[x]);
      }
      f.dataset("/cells/fitted", fitted);
      more.accept(f);
      if (fits.t2() != null) {
        fit(f, "/estimates/t2_exponent", fits.t2(), -1, "lambda");
        fit(f, "/estimates/t1_exponent", fits.t1(), 0, "lambda");
      }
      if (fits.t2EtaLambda() != null) {
        fit(f, "/estimates/t2_exponent_eta_lambda", fits.t2EtaLambda(), -1, "eta lambda");
      }
      RunSections.performance(f, seconds, Double.NaN, first.threads());
      f.commit();
    }
  }

  private static void fit(ResultFile f, String path, PowerLawFit fit, double expected, String against) {
    f.dataset(path, fit.exponent());
    f.dataset(path + "_stderr", fit.stderr());
    f.dataset(path + "_ci95", new double[] {fit.low(), fit.high()});
    f.datasetAttribute(path, "method", "weighted least squares of log(mean t) on log " + against + " over the fitted "
        + "cells (/cells/fitted), stderr scaled by sqrt(chi2/dof) when above 1, Student t interval");
    f.datasetAttribute(path, "expected", expected);
    f.datasetAttribute(path, "covers_expected", fit.covers(expected) ? "yes" : "no");
    f.datasetAttribute(path, "cells", (long) fit.points());
    f.datasetAttribute(path, "prefactor", fit.prefactor());
  }
}
