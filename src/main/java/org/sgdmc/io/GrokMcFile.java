package org.sgdmc.io;

import java.nio.file.Path;
import org.sgdmc.models.GrokMc;
import org.sgdmc.results.GrokMcResult;

/** Writes a grok-mc run as documented in data/SCHEMA.md. */
public final class GrokMcFile {
  static final String[][] OBSERVED = {
    {"train", "sqrt(2 L_obs), the observed entries"},
    {"test", "sqrt(2 L_test) = |U V^T - M*|_F / d"},
    {"norm", "sqrt(|U|^2 + |V|^2)"},
    {"nuclear", "|U V^T|_*"},
    {"target", "|U V^T - X_nuc|_F, the distance to the minimum-nuclear-norm completion"},
  };

  private GrokMcFile() {}

  public static void write(Path target, boolean overwrite, RunMetadata meta, GrokMcResult r) {
    RunSections.writeRun(target, overwrite, meta, "grok-mc", r.options(), r.kernelSeconds(), r.stepsPerSecond(),
        f -> {
          GrokMc m = r.model();
          parameters(f, r);
          for (int k = 0; k < OBSERVED.length; k++) {
            RunSections.observables(f, GrokLinregFile.observed(OBSERVED[k][0], OBSERVED[k][1]), r.observed()[k]);
          }
          GrokMcResult.PerTrajectory own = r.perTrajectory();
          f.attribute("/observables", "description", "statistics of the logs of sqrt(2 L_obs), |W - M*|_F / d, "
              + "sqrt(|U|^2 + |V|^2), |W|_* and |W - X_nuc|_F (W = U V^T), and the mean top singular values of W"
              + (own == null ? "" : "; a dataset per trajectory: log_target_* over the first "
                  + own.distances().length + " trajectories only, each against its own minimum-nuclear-norm "
                  + "completion (none is computed for the others)"));
          int nt = r.singular().length, ns = GrokMc.SINGULAR_VALUES;
          double[][] sv = new double[nt][ns], svErr = new double[nt][ns];
          for (int t = 0; t < nt; t++) {
            for (int k = 0; k < ns; k++) {
              sv[t][k] = r.singular()[t][k].value();
              svErr[t][k] = r.singular()[t][k].stderr();
            }
          }
          f.dataset("/observables/singular_values_mean", sv);
          f.dataset("/observables/singular_values_mean_stderr", svErr);
          GrokLinregFile.events(f, "/events/t1", r.t1());
          GrokLinregFile.events(f, "/events/t2", r.t2());
          if (own != null) { // each trajectory its own completion: the first ones', no one matrix
            f.dataset("/theory/min_nuclear_distances", own.distances());
            f.dataset("/theory/min_nuclear_test_losses", own.completionTestLosses());
            f.dataset("/theory/min_nuclear_norms", own.completionNuclearNorms());
            f.dataset("/theory/drift_steps", m.driftSteps());
            return;
          }
          int d = m.d();
          double[][] x = new double[d][d];
          for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
              x[i][j] = r.completion().x()[i * d + j];
            }
          }
          f.dataset("/theory/min_nuclear_completion", x);
          f.dataset("/theory/min_nuclear_norm", r.completion().nuclearNorm());
          f.dataset("/theory/min_nuclear_iterations", (long) r.completion().iterations());
          f.dataset("/theory/min_nuclear_residual", r.completion().primalResidual());
          f.dataset("/theory/min_nuclear_test_loss", r.completionTestLoss());
          f.dataset("/theory/truth_singular_values", r.truthSingular());
          f.dataset("/theory/drift_steps", m.driftSteps());
        });
  }

  /**
   * The run's {@code /parameters} and {@code /data} (also a sweep's, from its first cell); with a dataset per
   * trajectory, {@code /parameters@dataset} says so and there is no {@code /data} (each trajectory's own M* and mask
   * are not kept: they follow from the data seed and the trajectory).
   */
  public static void parameters(ResultFile f, GrokMcResult r) {
    GrokMc m = r.model();
    String g = "/parameters";
    GrokMcResult.PerTrajectory own = r.perTrajectory();
    RunSections.sgd(f, m.eta(), m.batch(), m.sampling());
    if (own != null) {
      RunSections.dataSource(f, "generated", "a dataset per trajectory, drawn from (data seed, trajectory); each: rank-"
          + m.rank() + " " + m.d() + " x " + m.d() + " ground truth, each entry observed with probability "
          + own.observedFraction() + " (not kept in the file); n = d^2", m.d() * m.d(), own.dataSeed());
    } else {
      RunSections.dataSource(f, "generated", "rank-" + m.rank() + " " + m.d() + " x " + m.d() + " ground truth, "
          + m.observedCount() + " observed entries", m.observedCount(), null);
    }
    f.attribute(g, "dataset", own != null ? "per-trajectory" : "fixed");
    f.attribute(g, "d", (long) m.d());
    f.attribute(g, "rank", (long) m.rank());
    f.attribute(g, "eta", m.eta());
    f.attribute(g, "lambda", m.lambda());
    f.attribute(g, "sigma", m.sigma());
    f.attribute(g, "train_threshold", r.trainLevel());
    f.attribute(g, "test_threshold", r.testLevel());
    f.attribute(g, "full_batch", m.fullBatch());
    f.attribute(g, "steps_per_epoch", m.reshuffled() ? m.stepsPerEpoch() : 1L);
    if (own != null) {
      f.attribute(g, "observed", own.observedFraction());
      return;
    }
    int d = m.d();
    double[][] truth = new double[d][d], mask = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        truth[i][j] = m.truth()[i * d + j];
        mask[i][j] = m.mask()[i * d + j] ? 1 : 0;
      }
    }
    f.dataset("/data/truth", truth);
    f.dataset("/data/mask", mask);
  }
}
