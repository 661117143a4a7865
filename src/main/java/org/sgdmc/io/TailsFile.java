package org.sgdmc.io;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.sgdmc.engine.StationarySampler;
import org.sgdmc.results.TailsResult;
import org.sgdmc.stats.tails.BootstrapResult;
import org.sgdmc.stats.tails.Ccdf;
import org.sgdmc.stats.tails.CalibratedThreshold;
import org.sgdmc.stats.tails.TailFit;
import org.sgdmc.stats.tails.TailInterval;
import org.sgdmc.stats.tails.ThresholdScan;
import org.sgdmc.theory.TailIndex;

/** Writes a {@code tails} run (stationary law, tail fit, Kesten theory) as documented in data/SCHEMA.md. */
public final class TailsFile {
  private TailsFile() {}

  /**
   * Writes the run atomically. {@code parameters} writes the model's own attributes into /parameters (and
   * any dataset it needs, e.g. /data/x).
   */
  public static void write(Path target, boolean overwrite, RunMetadata meta, String model,
      Consumer<ResultFile> parameters, TailsResult r) {
    try (ResultFile f = RunSections.create(target, overwrite, meta, model)) {
      parameters.accept(f);
      writePlan(f, r.plan());
      writeEstimates(f, r);
      writeTheory(f, r.theory());
      if (r.norm() != null) {
        writeObservables(f, "/observables", r.norm(), "|u| = |w - w_LS|");
      }
      if (r.coordinate() != null) {
        if (r.reported()) {
          writeFit(f, "/estimates/coordinate/", r.coordinate());
        }
        writeObservables(f, "/observables/coordinate", r.coordinate(), "u_1, the first coordinate of w - w_LS");
      }
      RunSections.performance(f, r.kernelSeconds(), r.stepsPerSecond(), r.plan().threads());
      f.dataset("/performance/fit_seconds", r.fitSeconds());
      f.commit();
    }
  }

  static void writePlan(ResultFile f, StationarySampler.Plan p) {
    String g = "/parameters";
    f.attribute(g, "trajectories", p.trajectories());
    f.attribute(g, "burn_in", p.burnIn());
    f.attribute(g, "samples_per_trajectory", (long) p.samplesPerTrajectory());
    f.attribute(g, "thin", p.thin());
    f.attribute(g, "threads", (long) p.threads());
    f.attribute(g, "block_width", (long) p.blockWidth());
  }

  static void writeEstimates(ResultFile f, TailsResult r) {
    String g = "/estimates/";
    f.attribute("/estimates", "index_reported", r.reported());
    f.attribute("/estimates", "status", r.reported() ? "stationary law sampled and fitted" : r.refusal());
    f.dataset(g + "lyapunov", r.lyapunov().value());
    f.datasetAttribute(g + "lyapunov", "description",
        "mean over trajectories of ln|a_{T-1} ... a_0| / T (d > 1: ln of a tangent vector's norm / T): the simulated "
            + "Lyapunov exponent; a stationary law exists only where it is negative");
    f.dataset(g + "lyapunov_stderr", r.lyapunov().stderr());
    f.dataset(g + "diverged_fraction", r.divergedFraction());
    f.dataset(g + "samples", r.samples());
    if (r.norm() != null && r.reported()) {
      writeFit(f, g, r.norm());
    } else {
      f.dataset(g + "tail_index", Double.NaN);
      f.datasetAttribute(g + "tail_index", "status", r.refusal());
    }
  }

  static void writeFit(ResultFile f, String g, TailFit fit) {
    TailInterval c = fit.interval();
    f.dataset(g + "tail_index", c.alpha());
    f.datasetAttribute(g + "tail_index", "method",
        "Hill estimator above the threshold calibrated on Kesten laws to keep its bias below its error (at most "
            + "K(alpha) sqrt(n / 2^20) tail points, log2 K = " + CalibratedThreshold.LOG2_K_AT_ZERO + " - "
            + CalibratedThreshold.LOG2_K_PER_ALPHA + " alpha, and no more than the KS choice ks_tail_k)");
    f.datasetAttribute(g + "tail_index", "side", fit.side().name().toLowerCase(java.util.Locale.ROOT));
    f.dataset(g + "tail_index_stderr", c.stderr());
    f.datasetAttribute(g + "tail_index_stderr", "description", "standard error of tail_index with each trajectory's"
        + " samples taken together (delta method over trajectories); NaN where no interval is given");
    f.dataset(g + "tail_index_ci", new double[] {c.low(), c.high()});
    f.datasetAttribute(g + "tail_index_ci", "level", c.level());
    f.datasetAttribute(g + "tail_index_ci", "method",
        "normal on the log scale around ln tail_index - 1/(2 tail_k), half-width z tail_index_stderr / tail_index");
    f.datasetAttribute(g + "tail_index_ci", "status", c.given() ? "given" : c.refusal());
    f.dataset(g + "interval_given", (long) (c.given() ? 1 : 0));
    f.dataset(g + "tail_xmin", c.xmin());
    f.dataset(g + "tail_k", (long) c.k());
    f.datasetAttribute(g + "tail_k", "description", "samples at or above tail_xmin used by the Hill estimator");
    f.dataset(g + "tail_k_cap", (long) c.kCap());
    f.dataset(g + "ks_tail_index", fit.alpha());
    f.datasetAttribute(g + "ks_tail_index", "method", "Hill estimator above the largest threshold whose Pareto fit"
        + " passes the Kolmogorov-Smirnov test (Clauset, Shalizi, Newman 2009, with an acceptance rule): biased low"
        + " at large alpha on Kesten laws");
    f.dataset(g + "ks_tail_xmin", fit.xmin());
    f.dataset(g + "ks_tail_k", (long) fit.k());
    f.dataset(g + "ks_tail_index_ci", new double[] {fit.ciLow(), fit.ciHigh()});
    f.datasetAttribute(g + "ks_tail_index_ci", "level", fit.ciLevel());
    f.datasetAttribute(g + "ks_tail_index_ci", "method",
        "percentile interval of " + fit.replicates() + " bootstrap replicates, each resampling whole trajectories "
            + "and repeating the KS threshold search (blind to the bias, so it does not cover at large alpha)");
    f.dataset(g + "ks_distance", fit.ksDistance());
    f.dataset(g + "moment_index", fit.momentAlpha());
    f.datasetAttribute(g + "moment_index", "method",
        "1 / gamma of the Dekkers-Einmahl-de Haan moment estimator at ks_tail_k (NaN if gamma <= 0)");
    f.dataset(g + "moment_index_stderr", fit.momentAlphaStderr());
    f.dataset(g + "finite_samples", (long) fit.finite());
    f.attribute(g.substring(0, g.length() - 1), "trustworthy", fit.trustworthy());
    f.attribute(g.substring(0, g.length() - 1), "warnings", fit.warnings().isEmpty() ? "none" : String.join(" ", fit.warnings()));
  }

  static void writeTheory(ResultFile f, TailIndex t) {
    if (t == null) {
      f.attribute("/theory", "status", "no theory for this model");
      return;
    }
    String g = "/theory/";
    f.attribute("/theory", "regime", t.regime().label());
    f.dataset(g + "tail_index", t.index());
    f.datasetAttribute(g + "tail_index", "description", switch (t.regime()) {
      case POWER_LAW -> "Kesten-Goldie: alpha > 0 solving E|a|^alpha = 1 (d > 1: h(alpha) = 0)";
      case LIGHT_TAIL -> "+inf: |a| <= 1 almost surely, no power tail";
      case INDEX_ABOVE_CAP -> "a lower bound: E|a|^s < 1 up to this s";
      case NO_STATIONARY_LAW -> "NaN: Lyapunov exponent >= 0, no stationary law";
    });
    f.datasetAttribute(g + "tail_index", "method", t.method());
    f.dataset(g + "tail_index_stderr", t.indexStderr());
    RunSections.theory(f, g + "lyapunov", t.lyapunov(), null);
  }

  static void writeObservables(ResultFile f, String g, TailFit fit, String variable) {
    Ccdf c = fit.ccdf();
    f.attribute(g, "variable", variable);
    f.dataset(g + "/ccdf_x", c.x());
    f.datasetAttribute(g + "/ccdf_x", "description", "log-spaced points x (" + variable + ")");
    f.dataset(g + "/ccdf", c.survival());
    f.datasetAttribute(g + "/ccdf", "description", "empirical P(X >= x) at ccdf_x, X the fitted side of " + variable);
    ThresholdScan s = fit.scan();
    f.dataset(g + "/hill_k", s.k());
    f.datasetAttribute(g + "/hill_k", "description", "candidate numbers of tail points k (a geometric grid)");
    f.dataset(g + "/hill_xmin", s.xmin());
    f.dataset(g + "/hill_alpha", s.alpha());
    f.datasetAttribute(g + "/hill_alpha", "description", "Hill estimate at each k: the Hill plot");
    f.dataset(g + "/hill_ks_distance", s.ks());
    f.dataset(g + "/moment_gamma", s.momentGamma());
    f.datasetAttribute(g + "/moment_gamma", "description", "moment estimator gamma (= 1/alpha) at each k");
    BootstrapResult b = fit.bootstrap();
    if (b != null) {
      f.dataset(g + "/bootstrap_alpha", b.alpha());
      f.datasetAttribute(g + "/bootstrap_alpha", "description", "each bootstrap replicate's Hill estimate");
    }
  }
}
