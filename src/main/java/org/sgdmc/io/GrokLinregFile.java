package org.sgdmc.io;

import java.nio.file.Path;
import org.sgdmc.models.GrokData;
import org.sgdmc.models.GrokLinreg;
import org.sgdmc.results.GrokLinregResult;
import org.sgdmc.stats.EventTimes;
import org.sgdmc.sweep.GrokSweep;

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
          parameters(f, r.model(), r.testExcess(), r.perTrajectory());
          if (!r.perTrajectory()) {
            data(f, r.model().data());
          }
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

  /**
   * The run's settings; with a dataset per trajectory ({@code perTrajectory}) {@code m} is trajectory 0's model, and
   * what is per trajectory is marked so: {@code data_description} says so and {@code test_threshold} is NaN.
   */
  static void parameters(ResultFile f, GrokLinreg m, double delta, boolean perTrajectory) {
    String g = "/parameters";
    RunSections.sgd(f, m.eta(), m.batch(), m.sampling());
    GrokData data = m.data();
    RunSections.dataSource(f, "generated", perTrajectory ? "a dataset per trajectory, drawn from (data seed, "
        + "trajectory); each: " + data.describe() : data.describe(), data.n(), data.dataSeed());
    f.attribute(g, "dataset", perTrajectory ? "per-trajectory" : "fixed");
    f.attribute(g, "d", (long) data.d());
    f.attribute(g, "eta", m.eta());
    f.attribute(g, "lambda", m.lambda());
    f.attribute(g, "alpha", m.alpha());
    f.attribute(g, "label_noise", data.noise());
    f.attribute(g, "full_batch", m.fullBatch());
    f.attribute(g, "train_threshold", m.trainThreshold());
    f.attribute(g, "test_threshold", perTrajectory ? Double.NaN : m.testThreshold());
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
    f.dataset(g + "unstable_datasets", r.unstableDatasets());
    if (r.perTrajectory()) {
      f.attribute("/theory", "description", "theory beside the estimates, from each trajectory's own dataset "
          + "(dataset = per-trajectory): rank, mu_min, mu_max, endpoint_* and expected_null_init_square are means "
          + "over the ensemble's datasets; the closed form of t2 and the slope are per trajectory");
    }
  }

  /**
   * Writes a lambda sweep ({@link GrokSweepFile}): per cell the event-time summaries, and the closed form of t2
   * beside the simulated one.
   */
  public static void writeSweep(Path target, boolean overwrite, RunMetadata meta, GrokLinregResult[] results,
      GrokSweep.Cell[] cells, GrokSweep.Fits fits) {
    GrokLinregResult first = results[0];
    GrokSweepFile.write(target, overwrite, meta, "sweep grok-linreg", first.options(), cells, fits, new String[0],
        f -> {
          parameters(f, first.model(), first.testExcess(), first.perTrajectory());
          if (!first.perTrajectory()) {
            data(f, first.model().data());
          }
        },
        f -> {
          int k = results.length;
          double[][] q = new double[k][];
          double[] never = new double[k], mean = new double[k], meanErr = new double[k];
          double[] agreeing = new double[k], slope = new double[k], slopeErr = new double[k], endpoint = new double[k];
          for (int i = 0; i < k; i++) {
            GrokLinregResult c = results[i];
            q[i] = c.t2Closed().quantiles();
            never[i] = c.t2Closed().fractionNever();
            mean[i] = c.t2Closed().mean().value();
            meanErr[i] = c.t2Closed().mean().stderr();
            agreeing[i] = c.t2Agreeing();
            slope[i] = c.slope().value();
            slopeErr[i] = c.slope().stderr();
            endpoint[i] = c.theory().endpointTestLoss();
          }
          String p = "/cells/t2_closed_form";
          f.dataset(p + "_quantiles", q);
          f.dataset(p + "_fraction_never", never);
          f.dataset(p + "_mean", mean);
          f.dataset(p + "_mean_stderr", meanErr);
          f.dataset("/cells/t2_agreeing_fraction", agreeing);
          f.dataset("/cells/t2_slope", slope);
          f.dataset("/cells/t2_slope_stderr", slopeErr);
          f.dataset("/cells/endpoint_test_loss", endpoint);
        });
  }
}
