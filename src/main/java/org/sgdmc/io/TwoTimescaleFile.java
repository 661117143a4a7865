package org.sgdmc.io;

import java.nio.file.Path;
import org.sgdmc.models.TwoTimescale;
import org.sgdmc.models.TwoTimescaleData;
import org.sgdmc.results.TwoTimescaleResult;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.EventTimes;
import org.sgdmc.stats.PowerLawFit;
import org.sgdmc.stats.SampleMean;

/** Writes a two-timescale run (seed 000) as documented in data/SCHEMA.md: the shared {@link RunSections} and its own. */
public final class TwoTimescaleFile {
  /** The four observed logs: name in the file, what it is. */
  static final String[][] OBSERVED = {
    {"test", "sqrt(2 L_test), L_test = (|x - x*|^2 + |g(u) - g(u*)|^2)/2 the population excess test loss"},
    {"train", "sqrt(2 L_train) = |r| / sqrt(n), r the residuals on the training set"},
    {"slow", "|g(u) - g(u*)|, u = eps y: the slow part's error"},
    {"jitter", "|x - lambda(u)|, lambda(u) = argmin_x f(x, u) on the training set: x's distance to its slow manifold"},
  };

  /** The regime times: name in the file, what it is. */
  static final String[] EVENTS = {"first_descent_end", "terminal_descent", "middle_length", "in_band_steps",
    "above_band_steps", "ascent_peak_step"};

  private TwoTimescaleFile() {}

  public static void write(Path target, boolean overwrite, RunMetadata meta, TwoTimescaleResult r) {
    RunSections.writeRun(target, overwrite, meta, "two-timescale", r.options(), r.kernelSeconds(), r.stepsPerSecond(),
        f -> {
          parameters(f, r.model());
          data(f, r.model().data());
          EnsembleSummary[][] obs = {r.test(), r.train(), r.slow(), r.jitter()};
          for (int k = 0; k < 4; k++) {
            RunSections.observables(f, GrokLinregFile.observed(OBSERVED[k][0], OBSERVED[k][1]), obs[k]);
          }
          means(f, "/observables/mean_test_loss", r.meanTestLoss());
          means(f, "/observables/mean_jitter_square", r.meanJitterSquare());
          means(f, "/observables/mean_slow_square", r.meanSlowSquare());
          EventTimes.Summary[] ev = {r.t1(), r.t3(), r.middle(), r.inBand(), r.above(), r.peakTime()};
          for (int e = 0; e < EVENTS.length; e++) {
            GrokLinregFile.events(f, "/events/" + EVENTS[e], ev[e]);
          }
          EnsembleSummary peak = r.peak();
          f.dataset("/events/peak/log_quantiles", peak.quantiles());
          f.dataset("/events/peak/log_mean", peak.mean());
          f.dataset("/events/peak/fraction_none", peak.fractionExact());
          f.dataset("/events/peak/log_rise_quantiles", r.rise().quantiles());
          f.dataset("/events/peak/log_rise_mean", r.rise().mean());
          theory(f, r.theory());
        });
  }

  static void means(ResultFile f, String path, SampleMean[] m) {
    double[] v = new double[m.length], e = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      v[i] = m[i].value();
      e[i] = m[i].stderr();
    }
    f.dataset(path, v);
    f.dataset(path + "_stderr", e);
  }

  static void parameters(ResultFile f, TwoTimescale m) {
    String g = "/parameters";
    RunSections.sgd(f, m.a(), m.batch(), m.sampling());
    TwoTimescaleData data = m.data();
    RunSections.dataSource(f, "generated", data.describe(), data.n(), data.dataSeed());
    f.attribute(g, "f", m.coupling().label());
    f.attribute(g, "eps", m.eps());
    f.attribute(g, "a", m.a());
    f.attribute(g, "fast_dim", (long) data.dFast());
    f.attribute(g, "slow_dim", (long) data.dSlow());
    f.attribute(g, "label_noise", data.noise());
    f.attribute(g, "init_x", m.initX());
    f.attribute(g, "init_u", m.initU());
    f.attribute(g, "band", m.band());
    f.attribute(g, "plateau_level", m.plateauLevel());
    f.attribute(g, "upper_level", m.upperLevel());
    f.attribute(g, "lower_level", m.lowerLevel());
    f.attribute(g, "slow_step", m.slowStep());
    f.attribute(g, "full_batch", m.fullBatch());
  }

  static void data(ResultFile f, TwoTimescaleData data) {
    f.dataset("/data/p", rows(data.p(), data.n(), data.dFast()));
    f.dataset("/data/q", rows(data.q(), data.n(), data.dSlow()));
    f.dataset("/data/labels", data.labels());
    f.dataset("/data/x_star", data.xStar());
    f.dataset("/data/u_star", data.uStar());
    f.dataset("/data/g_star", data.gStar());
  }

  private static double[][] rows(double[] flat, int n, int d) {
    double[][] out = new double[n][d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(flat, i * d, out[i], 0, d);
    }
    return out;
  }

  static void theory(ResultFile f, TwoTimescaleResult.Theory t) {
    if (t == null) {
      return;
    }
    f.dataset("/theory/flow_mean_test_loss", t.flowMeanTestLoss());
    f.dataset("/theory/gd_mean_test_loss", t.gdMeanTestLoss());
    f.dataset("/theory/least_squares_test_loss", t.endpointTestLoss());
    f.dataset("/theory/h_eigenvalue_min", t.muMin());
    f.dataset("/theory/h_eigenvalue_max", t.muMax());
  }

  /**
   * Writes an (a, eps) sweep: per cell the regime-time summaries and the stationary jitter, the fitted exponents of
   * the mean middle regime against a eps^2 and eps, and the stationary two-term fit ({c_a, se, c_eps, se, chi2/dof}).
   */
  public static void writeSweep(Path target, boolean overwrite, RunMetadata meta, TwoTimescaleResult[] cells,
      boolean[] fitted, PowerLawFit slowStep, PowerLawFit eps, double[] stationary) {
    TwoTimescaleResult first = cells[0];
    try (ResultFile f = RunSections.create(target, overwrite, meta, "sweep two-timescale")) {
      RunSections.ensemble(f, first.options().trajectories(), first.options().steps(), first.options().seed(),
          first.options().threads(), first.options().blockWidth());
      parameters(f, first.model());
      f.attribute("/parameters", "eps", Double.NaN);
      f.attribute("/parameters", "a", Double.NaN);
      f.attribute("/parameters", "lr", Double.NaN);
      f.attribute("/parameters", "slow_step", Double.NaN);
      data(f, first.model().data());
      int k = cells.length;
      double[] a = new double[k], e = new double[k], jit = new double[k], jitErr = new double[k];
      long[] steps = new long[k];
      int[] fit = new int[k];
      String[] names = {"first_descent_end", "terminal_descent", "middle_length"};
      double[][][] q = new double[3][k][];
      double[][] never = new double[3][k], mean = new double[3][k], meanErr = new double[3][k];
      double seconds = 0;
      for (int i = 0; i < k; i++) {
        TwoTimescaleResult c = cells[i];
        a[i] = c.model().a();
        e[i] = c.model().eps();
        steps[i] = c.options().steps();
        fit[i] = fitted[i] ? 1 : 0;
        int last = c.meanJitterSquare().length - 1;
        jit[i] = c.meanJitterSquare()[last].value();
        jitErr[i] = c.meanJitterSquare()[last].stderr();
        EventTimes.Summary[] ev = {c.t1(), c.t3(), c.middle()};
        for (int j = 0; j < 3; j++) {
          q[j][i] = ev[j].quantiles();
          never[j][i] = ev[j].fractionNever();
          mean[j][i] = ev[j].mean().value();
          meanErr[j][i] = ev[j].mean().stderr();
        }
        seconds += c.kernelSeconds();
      }
      f.dataset("/grid/cell_lr", a);
      f.dataset("/grid/eps", e);
      f.dataset("/grid/steps", steps);
      f.dataset("/observables/quantile_levels", first.options().quantileLevels());
      for (int j = 0; j < 3; j++) {
        String p = "/cells/" + names[j];
        f.dataset(p + "_quantiles", q[j]);
        f.dataset(p + "_fraction_never", never[j]);
        f.dataset(p + "_mean", mean[j]);
        f.dataset(p + "_mean_stderr", meanErr[j]);
      }
      f.dataset("/cells/stationary_jitter_square", jit);
      f.dataset("/cells/stationary_jitter_square_stderr", jitErr);
      f.dataset("/cells/fitted", fit);
      f.datasetAttribute("/cells/fitted", "description", "1 where the cell is in the fits (every trajectory reached t3), "
          + "else 0");
      if (slowStep != null) {
        fit(f, "/estimates/middle_exponent_slow_step", slowStep, -1, "a eps^2");
      }
      if (eps != null) {
        fit(f, "/estimates/middle_exponent_eps", eps, -2, "eps");
      }
      f.dataset("/estimates/stationary_c_a", stationary[0]);
      f.dataset("/estimates/stationary_c_a_stderr", stationary[1]);
      f.dataset("/estimates/stationary_c_eps", stationary[2]);
      f.dataset("/estimates/stationary_c_eps_stderr", stationary[3]);
      f.dataset("/estimates/stationary_chi2_per_dof", stationary[4]);
      RunSections.performance(f, seconds, Double.NaN, first.options().threads());
      f.commit();
    }
  }

  private static void fit(ResultFile f, String path, PowerLawFit fit, double expected, String against) {
    f.dataset(path, fit.exponent());
    f.dataset(path + "_stderr", fit.stderr());
    f.dataset(path + "_ci95", new double[] {fit.low(), fit.high()});
    f.datasetAttribute(path, "method", "weighted least squares of log(mean t3 - t1) on log " + against + " over the "
        + "fitted cells (/cells/fitted), stderr scaled by sqrt(chi2/dof) when above 1, Student t interval");
    f.datasetAttribute(path, "expected", expected);
    f.datasetAttribute(path, "covers_expected", fit.covers(expected) ? "yes" : "no");
    f.datasetAttribute(path, "cells", (long) fit.points());
    f.datasetAttribute(path, "prefactor", fit.prefactor());
  }
}
