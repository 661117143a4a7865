package org.sgdmc.io;

import java.nio.file.Path;
import org.sgdmc.models.GrokData;
import org.sgdmc.models.GrokLinreg;
import org.sgdmc.results.GrokLinregResult;
import org.sgdmc.stats.EventTimes;
import org.sgdmc.stats.PowerLawFit;

/** Writes a grok-linreg run as documented in data/SCHEMA.md: the shared {@link RunSections} and its own. */
public final class GrokLinregFile {
  /** The three observed logs: name in the file, what it is. */
  static final String[][] OBSERVED = {
    {"train", "sqrt(2 L_train) = |X w_t - y| / sqrt(n)"},
    {"test", "sqrt(2 L_test) = |w_t - beta*|"},
    {"norm", "|w_t|"},
  };

  private GrokLinregFile() {}

  public static void write(Path target, boolean overwrite, RunMetadata meta, GrokLinregResult r) {
    RunSections.writeRun(target, overwrite, meta, "grok-linreg", r.options(), r.kernelSeconds(), r.stepsPerSecond(),
        f -> {
          parameters(f, r.model(), r.testExcess());
          data(f, r.model().data());
          for (int k = 0; k < 3; k++) {
            String x = OBSERVED[k][0];
            RunSections.observables(f, observed(x, OBSERVED[k][1]),
                k == 0 ? r.train() : k == 1 ? r.test() : r.norm());
          }
          f.attribute("/observables", "description", "statistics of log sqrt(2 L_train), log|w - beta*| = log "
              + "sqrt(2 L_test) and log|w| at every recording time; log_X_mean_square is log E[...^2]");
          events(f, "/events/t1", r.t1());
          events(f, "/events/t2", r.t2());
          events(f, "/events/t2_closed_form", r.t2Closed());
          theory(f, r);
        });
  }

  static RunSections.Observed observed(String x, String what) {
    return new RunSections.Observed("log_" + x + "_mean", "log_" + x + "_stderr", "log_" + x + "_mean_square",
        "log_" + x + "_quantiles", x + "_fraction_within", x + "_fraction_diverged", x + "_fraction_exact",
        "mean of log " + what + " (natural log) over trajectories where it is not 0",
        "log E[(" + what + ")^2] over all trajectories", " " + what, "fraction where " + what + " = 0 exactly");
  }

  static void parameters(ResultFile f, GrokLinreg m, double delta) {
    String g = "/parameters";
    RunSections.sgd(f, m.eta(), m.batch(), m.withReplacement());
    GrokData data = m.data();
    RunSections.dataSource(f, "generated", data.describe(), data.n(), data.dataSeed());
    f.attribute(g, "d", (long) data.d());
    f.attribute(g, "eta", m.eta());
    f.attribute(g, "lambda", m.lambda());
    f.attribute(g, "alpha", m.alpha());
    f.attribute(g, "label_noise", data.noise());
    f.attribute(g, "full_batch", m.fullBatch());
    f.attribute(g, "train_threshold", m.trainThreshold());
    f.attribute(g, "test_threshold", m.testThreshold());
    f.attribute(g, "test_excess", delta);
  }

  static void data(ResultFile f, GrokData data) {
    double[][] x = new double[data.n()][];
    for (int i = 0; i < data.n(); i++) {
      x[i] = data.point(i);
    }
    f.dataset("/data/x", x);
    f.dataset("/data/y", data.y());
    f.dataset("/data/beta_star", data.betaStar());
  }

  static void events(ResultFile f, String g, EventTimes.Summary s) {
    f.dataset(g + "/quantiles", s.quantiles());
    f.dataset(g + "/fraction_never", s.fractionNever());
    f.dataset(g + "/mean", s.mean().value());
    f.dataset(g + "/mean_stderr", s.mean().stderr());
    f.dataset(g + "/histogram", s.histogram());
    f.dataset(g + "/histogram_edges", s.edges());
  }

  static void theory(ResultFile f, GrokLinregResult r) {
    GrokLinregResult.Theory t = r.theory();
    String g = "/theory/";
    f.dataset(g + "rank", (long) t.rank());
    f.dataset(g + "mu_min", t.muMin());
    f.dataset(g + "mu_max", t.muMax());
    f.dataset(g + "endpoint_test_loss", t.endpointTestLoss());
    f.dataset(g + "endpoint_train_loss", t.endpointTrainLoss());
    f.dataset(g + "endpoint_norm", t.endpointNorm());
    f.dataset(g + "expected_null_init_square", t.expectedNullInitSquare());
    f.dataset(g + "drift_steps", r.model().driftSteps());
    f.dataset(g + "t2_minus_closed_form", r.t2Difference().value());
    f.dataset(g + "t2_minus_closed_form_stderr", r.t2Difference().stderr());
    f.dataset(g + "t2_agreeing_fraction", r.t2Agreeing());
    f.dataset(g + "t2_slope", r.slope().value());
    f.dataset(g + "t2_slope_stderr", r.slope().stderr());
  }

  /**
   * Writes a lambda sweep: per cell the event-time summaries and the median curves, and the fitted exponents of the
   * mean t2 and mean t1 against lambda over the separated cells.
   */
  public static void writeSweep(Path target, boolean overwrite, RunMetadata meta, GrokLinregResult[] cells,
      boolean[] separated, PowerLawFit t2, PowerLawFit t1, PowerLawFit t2EtaLambda) {
    GrokLinregResult first = cells[0];
    try (ResultFile f = RunSections.create(target, overwrite, meta, "sweep grok-linreg")) {
      RunSections.ensemble(f, first.options().trajectories(), first.options().steps(), first.options().seed(),
          first.options().threads(), first.options().blockWidth());
      parameters(f, first.model(), first.testExcess());
      f.attribute("/parameters", "lambda", Double.NaN);
      boolean oneEta = java.util.Arrays.stream(cells).allMatch(c -> c.model().eta() == first.model().eta());
      if (!oneEta) {
        f.attribute("/parameters", "eta", Double.NaN);
      }
      data(f, first.model().data());
      int k = cells.length;
      double[] lambda = new double[k], eta = new double[k];
      long[] steps = new long[k];
      int[] fitted = new int[k];
      int nq = first.options().quantileLevels().length;
      double[][][] q = new double[3][k][];
      double[][] never = new double[3][k], mean = new double[3][k], meanErr = new double[3][k];
      double[] agreeing = new double[k], slope = new double[k], slopeErr = new double[k], endpoint = new double[k];
      double seconds = 0;
      for (int i = 0; i < k; i++) {
        GrokLinregResult c = cells[i];
        lambda[i] = c.model().lambda();
        eta[i] = c.model().eta();
        steps[i] = c.options().steps();
        fitted[i] = separated[i] ? 1 : 0;
        EventTimes.Summary[] ev = {c.t1(), c.t2(), c.t2Closed()};
        for (int e = 0; e < 3; e++) {
          q[e][i] = ev[e].quantiles();
          never[e][i] = ev[e].fractionNever();
          mean[e][i] = ev[e].mean().value();
          meanErr[e][i] = ev[e].mean().stderr();
        }
        agreeing[i] = c.t2Agreeing();
        slope[i] = c.slope().value();
        slopeErr[i] = c.slope().stderr();
        endpoint[i] = c.theory().endpointTestLoss();
        seconds += c.kernelSeconds();
      }
      String g = "/grid/";
      f.dataset(g + "lambda", lambda);
      f.dataset(g + "cell_lr", eta);
      f.dataset(g + "steps", steps);
      f.dataset("/observables/quantile_levels", first.options().quantileLevels());
      String[] names = {"t1", "t2", "t2_closed_form"};
      for (int e = 0; e < 3; e++) {
        String p = "/cells/" + names[e];
        f.dataset(p + "_quantiles", q[e]);
        f.dataset(p + "_fraction_never", never[e]);
        f.dataset(p + "_mean", mean[e]);
        f.dataset(p + "_mean_stderr", meanErr[e]);
      }
      f.dataset("/cells/t2_agreeing_fraction", agreeing);
      f.dataset("/cells/t2_slope", slope);
      f.dataset("/cells/t2_slope_stderr", slopeErr);
      f.dataset("/cells/endpoint_test_loss", endpoint);
      f.dataset("/cells/fitted", fitted);
      if (t2 != null) {
        fit(f, "/estimates/t2_exponent", t2, -1, "lambda");
        fit(f, "/estimates/t1_exponent", t1, 0, "lambda");
      }
      if (t2EtaLambda != null) {
        fit(f, "/estimates/t2_exponent_eta_lambda", t2EtaLambda, -1, "eta lambda");
      }
      RunSections.performance(f, seconds, Double.NaN, first.options().threads());
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
