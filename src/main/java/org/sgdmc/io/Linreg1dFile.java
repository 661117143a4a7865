package org.sgdmc.io;

import java.nio.file.Path;
import org.sgdmc.experiments.SinglePrecisionCheck;
import org.sgdmc.models.FeatureData;
import org.sgdmc.models.Linreg1d;
import org.sgdmc.results.Linreg1dResult;
import org.sgdmc.results.Linreg1dTheoryValues;

/** Writes a linreg1d run as documented in data/SCHEMA.md: the shared {@link RunSections} and linreg1d's own. */
public final class Linreg1dFile {
  private Linreg1dFile() {}

  /** Writes {@code result} and {@code theory} to {@code target}, atomically. */
  public static void write(Path target, boolean overwrite, RunMetadata meta, String dataKind, long dataSeed,
      Linreg1dResult result, Linreg1dTheoryValues theory) {
    write(target, overwrite, meta, dataKind, dataSeed, result, theory, null);
  }

  /**
   * As above; {@code single} is the check of a run with single-precision draws (null: double precision), stored
   * under /precision.
   */
  public static void write(Path target, boolean overwrite, RunMetadata meta, String dataKind, long dataSeed,
      Linreg1dResult result, Linreg1dTheoryValues theory, SinglePrecisionCheck single) {
    RunSections.writeRun(target, overwrite, meta, "linreg1d", result.options(), result.kernelSeconds(),
        result.stepsPerSecond(), f -> {
          writeParameters(f, result.model(), dataKind, dataSeed);
          RunSections.observables(f, RunSections.Observed.distance(), result.summaries());
          RunSections.kept(f, result.kept());
          RunSections.exponent(f, "/estimates/lyapunov", result.lyapunov(),
              "mean over trajectories of (log|w_T - w*| - log|w_0 - w*|) / T; stderr = sd / sqrt(trajectories)");
          RunSections.lateExponent(f, "/estimates/lyapunov_late", result.lyapunovLate());
          writeTheory(f, theory);
          writePrecision(f, single);
        });
  }

  /** The draws' precision, and for single precision what it was measured to cost. */
  static void writePrecision(ResultFile f, SinglePrecisionCheck single) {
    f.attribute("/parameters", "precision", single == null ? "double" : "single");
    if (single == null) {
      return;
    }
    f.dataset("/precision/max_abs_normal", org.sgdmc.rng.SingleDraws.MAX_NORMAL);
    f.dataset("/precision/tail_probability", SinglePrecisionCheck.TAIL_PROBABILITY);
    f.dataset("/precision/checked_trajectories", (long) single.trajectories());
    f.dataset("/precision/checked_steps", single.steps());
    f.dataset("/precision/max_log_distance_difference", single.maxLogDistanceDifference());
    f.dataset("/precision/max_draw_relative_error", single.maxDrawRelativeError());
  }

  static void writeParameters(ResultFile f, Linreg1d m, String dataKind, long dataSeed) {
    RunSections.sgd(f, m.lr(), m.batch(), m.sampling());
    RunSections.dataSource(f, dataKind, m.data().describe(),
        m.data() instanceof FeatureData.Finite fin ? fin.size() : -1L, dataSeed);
    f.attribute("/parameters", "initial_distance", m.initialDistance());
    if (m.data() instanceof FeatureData.Finite fin) {
      f.dataset("/data/x", fin.x());
      f.datasetAttribute("/data/x", "description", "the finite dataset x_1..x_N every trajectory samples from");
    }
  }

  static void writeTheory(ResultFile f, Linreg1dTheoryValues t) {
    RunSections.theory(f, "/theory/lyapunov", t.lyapunov(), null);
    f.dataset("/theory/lr_gd", t.lrGd());
    f.dataset("/theory/lr_mean_square", t.lrMeanSquare());
    f.dataset("/theory/lr_stationary", t.lrStationary());
    if (!Double.isNaN(t.lrProbabilistic())) {
      f.dataset("/theory/lr_probabilistic", t.lrProbabilistic());
    }
    f.dataset("/theory/log_mean_square_rate", t.logMeanSquareRate());
    f.datasetAttribute("/theory/log_mean_square_rate", "description", "log E[(1 - lr q)^2] (reshuffled: "
        + "log E[A^2] / K over an epoch): growth of log E|w-w*|^2 per step");
    if (!Double.isNaN(t.logVarianceRate())) {
      f.dataset("/theory/log_variance_rate", t.logVarianceRate());
    }
  }
}
