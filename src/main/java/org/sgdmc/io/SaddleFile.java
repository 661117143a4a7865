package org.sgdmc.io;

import java.nio.file.Path;
import org.sgdmc.models.Saddle;
import org.sgdmc.models.SaddleData;
import org.sgdmc.results.SaddleResult;
import org.sgdmc.results.SaddleTheoryValues;
import org.sgdmc.stats.PhaseClassifier;
import org.sgdmc.stats.SaddlePhase;

/** Writes a saddle run as documented in data/SCHEMA.md: the shared {@link RunSections} and the saddle's own. */
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
    RunSections.writeRun(target, overwrite, meta, "saddle", result.options(), result.kernelSeconds(),
        result.stepsPerSecond(), f -> {
          writeParameters(f, result.model(), source);
          RunSections.observables(f, RunSections.Observed.direction("h", "h = w + u"), result.summariesH());
          RunSections.observables(f, RunSections.Observed.direction("m", "m = w - u"), result.summariesM());
          RunSections.kept(f, result.kept());
          writeEstimates(f, result);
          writeTheory(f, theory);
        });
  }

  static void writeParameters(ResultFile f, Saddle m, DataSource source) {
    String g = "/parameters";
    RunSections.sgd(f, m.lr(), m.batch(), m.sampling());
    RunSections.dataSource(f, source.kind(), m.data().describe(),
        m.data() instanceof SaddleData.Finite fin ? fin.size() : -1L, source.seed());
    switch (m.data()) {
      case SaddleData.TwoPoint p -> f.attribute(g, "a", p.a());
      case SaddleData.Gaussian gd -> f.attribute(g, "mu", gd.mu());
      case SaddleData.Finite fin -> {
        if (!Double.isNaN(source.generatorMu())) {
          f.attribute(g, "mu", source.generatorMu());
        }
      }
    }
    f.attribute(g, "w0", m.w0());
    f.attribute(g, "u0", m.u0());
    if (m.data() instanceof SaddleData.Finite fin) {
      f.dataset("/data/x", fin.x());
      f.datasetAttribute("/data/x", "description", "inputs x_1..x_N of the finite dataset every trajectory samples from");
      f.dataset("/data/y", fin.y());
      f.datasetAttribute("/data/y", "description", "labels y_1..y_N");
      f.dataset("/data/chi", fin.chi());
      f.datasetAttribute("/data/chi", "description", "chi_i = x_i y_i, all the dynamics sees");
    }
  }

  static void writeEstimates(ResultFile f, SaddleResult r) {
    RunSections.exponent(f, "/estimates/lyapunov_plus", r.lyapunovPlus(),
        "mean over trajectories of (log|h_T| - log|h_0|) / T, h = w + u; stderr = sd / sqrt(trajectories)");
    RunSections.exponent(f, "/estimates/lyapunov_minus", r.lyapunovMinus(),
        "mean over trajectories of (log|m_T| - log|m_0|) / T, m = w - u; stderr = sd / sqrt(trajectories)");
    RunSections.lateExponent(f, "/estimates/lyapunov_plus_late", r.lyapunovPlusLate());
    RunSections.lateExponent(f, "/estimates/lyapunov_minus_late", r.lyapunovMinusLate());
    writePhase(f, "/estimates", r.phase());
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
    RunSections.theory(f, "/theory/lyapunov_plus", t.lyapunovPlus(), "E log|1 + lr chib|");
    RunSections.theory(f, "/theory/lyapunov_minus", t.lyapunovMinus(), "E log|1 - lr chib|");
    f.dataset("/theory/mean_square_factor_plus", t.meanSquarePlus());
    f.datasetAttribute("/theory/mean_square_factor_plus", "description",
        "E[(1 + lr chib)^2]: E[h_{t+1}^2] = factor * E[h_t^2]");
    f.dataset("/theory/mean_square_factor_minus", t.meanSquareMinus());
    f.datasetAttribute("/theory/mean_square_factor_minus", "description",
        "E[(1 - lr chib)^2]: E[m_{t+1}^2] = factor * E[m_t^2]; below 1 in phase Ib");
    writePhase(f, "/theory", t.phase());
  }
}
