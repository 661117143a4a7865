package org.sgdmc.io;

import java.nio.file.Path;
import org.sgdmc.models.FeatureData;
import org.sgdmc.models.Linreg1d;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.Linreg1dResult;
import org.sgdmc.results.Linreg1dTheoryValues;
import org.sgdmc.stats.EnsembleSummary;

/** Writes a linreg1d run as documented in data/SCHEMA.md. */
public final class Linreg1dFile {
  private Linreg1dFile() {}

  /** Writes {@code result} and {@code theory} to {@code target}, atomically. */
  public static void write(Path target, boolean overwrite, RunMetadata meta, String dataKind, long dataSeed,
      Linreg1dResult result, Linreg1dTheoryValues theory) {
    try (ResultFile f = ResultFile.create(target, overwrite)) {
      meta.writeRoot(f, "linreg1d");
      writeParameters(f, result.model(), result.options(), dataKind, dataSeed);
      writeObservables(f, result);
      writeEstimates(f, result);
      writeTheory(f, theory);
      RunMetadata.writePerformance(f, result.kernelSeconds(), result.stepsPerSecond(), result.options().threads());
      f.commit();
    }
  }

  static void writeParameters(ResultFile f, Linreg1d m, EnsembleOptions o, String dataKind, long dataSeed) {
    String g = "/parameters";
    f.attribute(g, "lr", m.lr());
    f.attribute(g, "batch", (long) m.batch());
    f.attribute(g, "data", dataKind);
    f.attribute(g, "data_description", m.data().describe());
    f.attribute(g, "n", m.data() instanceof FeatureData.Finite fin ? fin.size() : -1L);
    f.attribute(g, "with_replacement", m.withReplacement());
    f.attribute(g, "initial_distance", m.initialDistance());
    f.attribute(g, "trajectories", o.trajectories());
    f.attribute(g, "steps", o.steps());
    f.attribute(g, "seed", o.seed());
    f.attribute(g, "data_seed", dataSeed);
    f.attribute(g, "threads", (long) o.threads());
    f.attribute(g, "block_width", (long) o.blockWidth());
    f.attribute(g, "diverged_above", o.divergedAbove());
    if (m.data() instanceof FeatureData.Finite fin) {
      f.dataset("/data/x", fin.x());
      f.datasetAttribute("/data/x", "description", "the finite dataset x_1..x_N every trajectory samples from");
    }
  }

  static void writeObservables(ResultFile f, Linreg1dResult r) {
    writeObservables(f, r.options(), r.summaries());
  }

  /** The {@code /observables} group: the ensemble statistics of log|w_t - w*| at every recording time. */
  static void writeObservables(ResultFile f, EnsembleOptions o, EnsembleSummary[] s) {
    int nt = s.length;
    double[] mean = new double[nt], stderr = new double[nt], lms = new double[nt];
    double[] diverged = new double[nt], exact = new double[nt];
    double[][] quantiles = new double[nt][], within = new double[nt][];
    for (int i = 0; i < nt; i++) {
      mean[i] = s[i].mean();
      stderr[i] = s[i].stderr();
      lms[i] = s[i].logMeanSquare();
      diverged[i] = s[i].fractionDiverged();
      exact[i] = s[i].fractionExact();
      quantiles[i] = s[i].quantiles();
      within[i] = s[i].fractionWithin();
    }
    String g = "/observables/";
    f.dataset(g + "time", o.recordTimes());
    f.datasetAttribute(g + "time", "units", "steps");
    f.dataset(g + "log_distance_mean", mean);
    f.datasetAttribute(g + "log_distance_mean", "description",
        "m(t): mean of log|w_t - w*| (natural log) over trajectories not exactly at w*");
    f.dataset(g + "log_distance_stderr", stderr);
    f.dataset(g + "log_mean_square", lms);
    f.datasetAttribute(g + "log_mean_square", "description", "log E|w_t - w*|^2 over all trajectories");
    f.dataset(g + "quantile_levels", o.quantileLevels());
    f.dataset(g + "log_distance_quantiles", quantiles);
    f.datasetAttribute(g + "log_distance_quantiles", "description", "[time, level]: quantiles of log|w_t - w*|");
    f.dataset(g + "epsilons", o.epsilons());
    f.dataset(g + "fraction_within", within);
    f.datasetAttribute(g + "fraction_within", "description", "[time, epsilon]: fraction with |w_t - w*| < epsilon");
    f.dataset(g + "fraction_diverged", diverged);
    f.dataset(g + "fraction_exact", exact);
    f.datasetAttribute(g + "fraction_exact", "description", "fraction with w_t = w* exactly (log distance -inf)");
  }

  static void writeEstimates(ResultFile f, Linreg1dResult r) {
    f.dataset("/estimates/lyapunov", r.lyapunov().value());
    f.dataset("/estimates/lyapunov_stderr", r.lyapunov().stderr());
    f.datasetAttribute("/estimates/lyapunov", "method",
        "mean over trajectories of (log|w_T - w*| - log|w_0 - w*|) / T; stderr = sd / sqrt(trajectories)");
    f.dataset("/estimates/lyapunov_late", r.lyapunovLate().value());
    f.dataset("/estimates/lyapunov_late_stderr", r.lyapunovLate().stderr());
    f.datasetAttribute("/estimates/lyapunov_late", "window",
        "steps " + r.lyapunovLate().t0() + " to " + r.lyapunovLate().t1());
  }

  static void writeTheory(ResultFile f, Linreg1dTheoryValues t) {
    f.dataset("/theory/lyapunov", t.lyapunov().value());
    f.dataset("/theory/lyapunov_stderr", t.lyapunov().stderr());
    f.datasetAttribute("/theory/lyapunov", "method", t.lyapunov().method());
    f.dataset("/theory/lr_gd", t.lrGd());
    f.dataset("/theory/lr_mean_square", t.lrMeanSquare());
    f.dataset("/theory/lr_stationary", t.lrStationary());
    if (!Double.isNaN(t.lrProbabilistic())) {
      f.dataset("/theory/lr_probabilistic", t.lrProbabilistic());
    }
    f.dataset("/theory/log_mean_square_rate", t.logMeanSquareRate());
    f.datasetAttribute("/theory/log_mean_square_rate", "description", "log E[(1 - lr q)^2]: growth of log E|w-w*|^2 per step");
  }
}
