package org.sgdmc.io;

import java.nio.file.Path;
import org.sgdmc.models.Saddle;
import org.sgdmc.models.SaddleData;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.SaddleResult;
import org.sgdmc.results.SaddleTheoryValues;
import org.sgdmc.stats.EnsembleSummary;
import org.sgdmc.stats.LyapunovEstimate;
import org.sgdmc.stats.PhaseClassifier;
import org.sgdmc.stats.SaddlePhase;
import org.sgdmc.theory.Estimate;

/** Writes a saddle run as documented in data/SCHEMA.md. */
public final class SaddleFile {
  private SaddleFile() {}

  /**
   * Where the data came from, beyond what the model holds.
   *
   * @param kind {@code two-point}, {@code gaussian} or {@code generated}
   * @param seed the data seed of a generated dataset (the run's seed otherwise)
   * @param generatorMu mu of a generated Gaussian dataset; NaN for data given otherwise
   */
  public record DataSource(String kind, long seed, double generatorMu) {}

  /** Writes {@code result} and {@code theory} to {@code target}, atomically. */
  public static void write(Path target, boolean overwrite, RunMetadata meta, DataSource source,
      SaddleResult result, SaddleTheoryValues theory) {
    try (ResultFile f = ResultFile.create(target, overwrite)) {
      meta.writeRoot(f, "saddle");
      writeParameters(f, result.model(), result.options(), source);
      writeObservables(f, result);
      writeEstimates(f, result);
      writeTheory(f, theory);
      RunMetadata.writePerformance(f, result.kernelSeconds(), result.stepsPerSecond(), result.options().threads());
      f.commit();
    }
  }

  static void writeParameters(ResultFile f, Saddle m, EnsembleOptions o, DataSource source) {
    String g = "/parameters";
    f.attribute(g, "lr", m.lr());
    f.attribute(g, "batch", (long) m.batch());
    f.attribute(g, "data", source.kind());
    f.attribute(g, "data_description", m.data().describe());
    switch (m.data()) {
      case SaddleData.TwoPoint p -> f.attribute(g, "a", p.a());
      case SaddleData.Gaussian gd -> f.attribute(g, "mu", gd.mu());
      case SaddleData.Finite fin -> {
        if (!Double.isNaN(source.generatorMu())) {
          f.attribute(g, "mu", source.generatorMu());
        }
      }
    }
    f.attribute(g, "n", m.data() instanceof SaddleData.Finite fin ? fin.size() : -1L);
    f.attribute(g, "with_replacement", m.withReplacement());
    f.attribute(g, "w0", m.w0());
    f.attribute(g, "u0", m.u0());
    f.attribute(g, "trajectories", o.trajectories());
    f.attribute(g, "steps", o.steps());
    f.attribute(g, "seed", o.seed());
    f.attribute(g, "data_seed", source.seed());
    f.attribute(g, "threads", (long) o.threads());
    f.attribute(g, "block_width", (long) o.blockWidth());
    f.attribute(g, "diverged_above", o.divergedAbove());
    if (m.data() instanceof SaddleData.Finite fin) {
      f.dataset("/data/x", fin.x());
      f.datasetAttribute("/data/x", "description", "inputs x_1..x_N of the finite dataset every trajectory samples from");
      f.dataset("/data/y", fin.y());
      f.datasetAttribute("/data/y", "description", "labels y_1..y_N");
      f.dataset("/data/chi", fin.chi());
      f.datasetAttribute("/data/chi", "description", "chi_i = x_i y_i, all the dynamics sees");
    }
  }

  static void writeObservables(ResultFile f, SaddleResult r) {
    EnsembleOptions o = r.options();
    String g = "/observables/";
    f.dataset(g + "time", o.recordTimes());
    f.datasetAttribute(g + "time", "units", "steps");
    f.dataset(g + "quantile_levels", o.quantileLevels());
    f.dataset(g + "epsilons", o.epsilons());
    writeDirection(f, "h", "h = w + u", r.summariesH());
    writeDirection(f, "m", "m = w - u", r.summariesM());
  }

  /** The observables of one direction, {@code log_X_mean} etc. with X = h or m. */
  private static void writeDirection(ResultFile f, String x, String what, EnsembleSummary[] s) {
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
    String abs = "|" + x + "_t|";
    f.dataset(g + "log_" + x + "_mean", mean);
    f.datasetAttribute(g + "log_" + x + "_mean", "description",
        "mean of log" + abs + " (natural log), " + what + ", over trajectories with " + x + "_t != 0");
    f.dataset(g + "log_" + x + "_stderr", stderr);
    f.dataset(g + "log_" + x + "_mean_square", lms);
    f.datasetAttribute(g + "log_" + x + "_mean_square", "description", "log E[" + x + "_t^2] over all trajectories");
    f.dataset(g + "log_" + x + "_quantiles", quantiles);
    f.datasetAttribute(g + "log_" + x + "_quantiles", "description", "[time, level]: quantiles of log" + abs);
    f.dataset(g + x + "_fraction_within", within);
    f.datasetAttribute(g + x + "_fraction_within", "description", "[time, epsilon]: fraction with " + abs + " < epsilon");
    f.dataset(g + x + "_fraction_diverged", diverged);
    f.dataset(g + x + "_fraction_exact", exact);
    f.datasetAttribute(g + x + "_fraction_exact", "description", "fraction with " + x + "_t = 0 exactly");
  }

  static void writeEstimates(ResultFile f, SaddleResult r) {
    writeExponent(f, "/estimates/lyapunov_plus", r.lyapunovPlus(),
        "mean over trajectories of (log|h_T| - log|h_0|) / T, h = w + u; stderr = sd / sqrt(trajectories)");
    writeExponent(f, "/estimates/lyapunov_minus", r.lyapunovMinus(),
        "mean over trajectories of (log|m_T| - log|m_0|) / T, m = w - u; stderr = sd / sqrt(trajectories)");
    writeExponent(f, "/estimates/lyapunov_plus_late", r.lyapunovPlusLate(), null);
    writeExponent(f, "/estimates/lyapunov_minus_late", r.lyapunovMinusLate(), null);
    writePhase(f, "/estimates", r.phase());
  }

  private static void writeExponent(ResultFile f, String path, LyapunovEstimate e, String method) {
    f.dataset(path, e.value());
    f.dataset(path + "_stderr", e.stderr());
    if (method != null) {
      f.datasetAttribute(path, "method", method);
    } else {
      f.datasetAttribute(path, "window", "steps " + e.t0() + " to " + e.t1());
    }
  }

  private static void writePhase(ResultFile f, String group, PhaseClassifier.Classification c) {
    f.dataset(group + "/phase", (long) c.phase().code);
    f.datasetAttribute(group + "/phase", "phase_names", SaddlePhase.names());
    f.datasetAttribute(group + "/phase", "name", c.phase().label);
    f.datasetAttribute(group + "/phase", "description", "index into phase_names: " + describeCodes());
    f.dataset(group + "/phase_confidence", c.confidence());
    f.datasetAttribute(group + "/phase_confidence", "description",
        "smaller |lyapunov| / stderr of the two exponents; the phase is uncertain below "
            + PhaseClassifier.CERTAIN + " (inf: exact)");
  }

  private static String describeCodes() {
    StringBuilder sb = new StringBuilder();
    for (SaddlePhase p : SaddlePhase.values()) {
      sb.append(sb.isEmpty() ? "" : "; ").append(p.code).append(" = ").append(p.label).append(": ").append(p.description);
    }
    return sb.toString();
  }

  static void writeTheory(ResultFile f, SaddleTheoryValues t) {
    writeTheoryExponent(f, "/theory/lyapunov_plus", t.lyapunovPlus(), "E log|1 + lr chib|");
    writeTheoryExponent(f, "/theory/lyapunov_minus", t.lyapunovMinus(), "E log|1 - lr chib|");
    f.dataset("/theory/mean_square_factor_plus", t.meanSquarePlus());
    f.datasetAttribute("/theory/mean_square_factor_plus", "description",
        "E[(1 + lr chib)^2]: E[h_{t+1}^2] = factor * E[h_t^2]");
    f.dataset("/theory/mean_square_factor_minus", t.meanSquareMinus());
    f.datasetAttribute("/theory/mean_square_factor_minus", "description",
        "E[(1 - lr chib)^2]: E[m_{t+1}^2] = factor * E[m_t^2]; below 1 in phase Ib");
    writePhase(f, "/theory", t.phase());
  }

  private static void writeTheoryExponent(ResultFile f, String path, Estimate e, String what) {
    f.dataset(path, e.value());
    f.dataset(path + "_stderr", e.stderr());
    f.datasetAttribute(path, "method", e.method());
    f.datasetAttribute(path, "description", what);
  }
}
