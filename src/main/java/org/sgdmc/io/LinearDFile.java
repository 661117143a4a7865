package org.sgdmc.io;

import java.nio.file.Path;
import org.sgdmc.models.LinearD;
import org.sgdmc.models.PointData;
import org.sgdmc.results.LinearDResult;
import org.sgdmc.results.LinearDTheoryValues;
import org.sgdmc.stats.LyapunovEstimate;

/** Writes a linear-d run as documented in data/SCHEMA.md: the shared {@link RunSections} and linear-d's own. */
public final class LinearDFile {
  private LinearDFile() {}

  /** Writes {@code result} and {@code theory} to {@code target}, atomically. */
  public static void write(Path target, boolean overwrite, RunMetadata meta, String dataKind, long dataSeed,
      LinearDResult result, LinearDTheoryValues theory) {
    RunSections.writeRun(target, overwrite, meta, "linear-d", result.options(), result.kernelSeconds(),
        result.stepsPerSecond(), f -> {
          writeParameters(f, result.model(), dataKind, dataSeed);
          RunSections.observables(f, RunSections.Observed.distance(), result.summaries());
          RunSections.kept(f, result.kept());
          f.attribute("/observables", "description",
              "statistics of L_1(t) = log|w_t - w*| for SGD started at w_0 - w* = e_1 (the top tangent vector)");
          writeEstimates(f, result);
          writeTheory(f, theory);
        });
  }

  static void writeParameters(ResultFile f, LinearD m, String dataKind, long dataSeed) {
    String g = "/parameters";
    RunSections.sgd(f, m.lr(), m.batch(), m.sampling());
    RunSections.dataSource(f, dataKind, m.data().describe(),
        m.data() instanceof PointData.Finite fin ? fin.size() : -1L, dataSeed);
    f.attribute(g, "d", (long) m.dim());
    f.attribute(g, "exponents", (long) m.exponents());
    f.attribute(g, "reorth_interval", (long) m.reorthInterval());
    switch (m.data()) {
      case PointData.Gaussian gauss -> f.attribute(g, "sigma_diag", gauss.variances());
      case PointData.CorrelatedGaussian cg -> {
        f.dataset("/data/covariance", cg.covariance());
        f.datasetAttribute("/data/covariance", "description", "Sigma: fresh points x ~ N(0, Sigma) every step");
      }
      case PointData.Finite fin -> {
        f.dataset("/data/x", fin.points());
        f.datasetAttribute("/data/x", "description", "[point, coordinate]: the dataset every trajectory samples from");
      }
    }
  }

  static void writeEstimates(ResultFile f, LinearDResult r) {
    int k = r.model().exponents();
    double[] value = new double[k], err = new double[k], late = new double[k], lateErr = new double[k];
    double[] whole = new double[k], wholeErr = new double[k];
    double[] drift = new double[k], driftErr = new double[k];
    for (int a = 0; a < k; a++) {
      value[a] = r.headline()[a].value();
      err[a] = r.headline()[a].stderr();
      whole[a] = r.spectrum()[a].value();
      wholeErr[a] = r.spectrum()[a].stderr();
      late[a] = r.late()[a].value();
      lateErr[a] = r.late()[a].stderr();
      drift[a] = r.drift()[a].value();
      driftErr[a] = r.drift()[a].stderr();
    }
    String g = "/estimates/";
    // The headline is the estimate that is right by default (LinearDResult.headline): the late window unless
    // the model has no transient; both windows are stored beside it under their own names.
    f.dataset(g + "lyapunov_spectrum", value);
    f.datasetAttribute(g + "lyapunov_spectrum", "method",
        "Lambda_a: mean over trajectories of the a-th log QR diagonal of the tangent vectors accumulated over the "
            + "window (Benettin, modified Gram-Schmidt every reorth_interval steps), divided by its length; "
            + "stderr = sd / sqrt(trajectories)");
    f.datasetAttribute(g + "lyapunov_spectrum", "window", r.transientFree() ? "whole run" : "late window");
    f.datasetAttribute(g + "lyapunov_spectrum", "description", "the estimate to use: " + r.headlineWindow());
    f.dataset(g + "lyapunov_spectrum_stderr", err);
    f.dataset(g + "lyapunov_spectrum_whole_run", whole);
    f.datasetAttribute(g + "lyapunov_spectrum_whole_run", "window", "steps 0 to " + r.late()[0].t1());
    f.datasetAttribute(g + "lyapunov_spectrum_whole_run", "description",
        "mean over trajectories of L_a(T) / T: biased by about c_a / T where the tangent vectors start away from "
            + "their stationary law (anisotropic or finite data)");
    f.dataset(g + "lyapunov_spectrum_whole_run_stderr", wholeErr);
    f.dataset(g + "lyapunov_spectrum_late", late);
    f.datasetAttribute(g + "lyapunov_spectrum_late", "window", "steps " + r.late()[0].t0() + " to " + r.late()[0].t1());
    f.dataset(g + "lyapunov_spectrum_late_stderr", lateErr);
    f.dataset(g + "drift", drift);
    f.datasetAttribute(g + "drift", "description", "per trajectory L_a(T)/T - L_a(t_h)/t_h, t_h = "
        + r.halfTime() + ", averaged: about minus the bias of lyapunov_spectrum_whole_run");
    f.dataset(g + "drift_stderr", driftErr);
    f.attribute("/estimates", "converged", r.converged());
    f.attribute("/estimates", "convergence_test", "|drift| <= 2 drift_stderr for every exponent");
    f.dataset(g + "lyapunov_sum", r.sum().value());
    f.datasetAttribute(g + "lyapunov_sum", "description", "Lambda_1 + ... + Lambda_k from the per-trajectory sums");
    f.dataset(g + "lyapunov_sum_stderr", r.sum().stderr());
    long[] times = r.times();
    double[][] at = new double[times.length][k], atErr = new double[times.length][k];
    for (int i = 0; i < times.length; i++) {
      for (int a = 0; a < k; a++) {
        LyapunovEstimate e = r.atTime()[i][a];
        at[i][a] = e.value();
        atErr[i][a] = e.stderr();
      }
    }
    f.dataset(g + "time", times);
    f.datasetAttribute(g + "time", "units", "steps");
    f.dataset(g + "lyapunov_at_time", at);
    f.datasetAttribute(g + "lyapunov_at_time", "description", "[time, exponent]: mean over trajectories of L_a(t) / t");
    f.dataset(g + "lyapunov_at_time_stderr", atErr);
  }

  static void writeTheory(ResultFile f, LinearDTheoryValues t) {
    if (t.oneDimensional() != null) {
      RunSections.theory(f, "/theory/lyapunov_d1", t.oneDimensional(),
          "d = 1: the exact exponent of the 1-D model, E log|1 - lr q|");
    }
    if (t.topIsotropic() != null) {
      RunSections.theory(f, "/theory/lyapunov_top_isotropic", t.topIsotropic(),
          "isotropic Gaussian data: Lambda_1 = E log|M e_1| exactly (rotation invariance)");
    }
    if (t.logDet() != null) {
      RunSections.theory(f, "/theory/log_det_mean", t.logDet(),
          "k = d: Lambda_1 + ... + Lambda_d = E log|det M| exactly");
    }
  }
}
