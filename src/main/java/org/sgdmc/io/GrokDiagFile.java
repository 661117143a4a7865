package org.sgdmc.io;

import java.nio.file.Path;
import org.sgdmc.models.GrokDiag;
import org.sgdmc.results.GrokDiagResult;

/** Writes a grok-diag run as documented in data/SCHEMA.md. */
public final class GrokDiagFile {
  /** The five observed logs: name in the file, what it is the log of. */
  static final String[][] OBSERVED = {
    {"train", "sqrt(2 L_train) = |X beta_t - y| / sqrt(n)"},
    {"test", "sqrt(2 L_test) = |beta_t - beta*|"},
    {"norm", "sqrt(|u_t|^2 + |v_t|^2)"},
    {"target", "|beta_t - beta_l1|, the distance to the minimum-l1 interpolant"},
    {"l1", "|beta_t|_1"},
  };

  private GrokDiagFile() {}

  public static void write(Path target, boolean overwrite, RunMetadata meta, GrokDiagResult r) {
    RunSections.writeRun(target, overwrite, meta, "grok-diag", r.options(), r.kernelSeconds(), r.stepsPerSecond(),
        f -> {
          GrokDiag m = r.model();
          parameters(f, r);
          for (int k = 0; k < OBSERVED.length; k++) {
            RunSections.observables(f, GrokLinregFile.observed(OBSERVED[k][0], OBSERVED[k][1]), r.observed()[k]);
          }
          f.attribute("/observables", "description", "statistics of the logs of sqrt(2 L_train), |beta - beta*|, "
              + "sqrt(|u|^2 + |v|^2), |beta - beta_l1| and |beta|_1 at every recording time");
          GrokLinregFile.events(f, "/events/t1", r.t1());
          GrokLinregFile.events(f, "/events/t2", r.t2());
          if (r.perTrajectory()) {
            int k = r.targetDistances().length;
            f.attribute("/observables", "description", "statistics of the logs of sqrt(2 L_train), |beta - beta*|, "
                + "sqrt(|u|^2 + |v|^2), |beta - beta_l1| and |beta|_1 at every recording time; dataset = "
                + "per-trajectory: log_target_* over the first " + k + " trajectories only (each against its own "
                + "minimum-l1 interpolant, a linear program per dataset), the others over all");
            f.dataset("/theory/min_l1_distance", r.targetDistances());
            f.dataset("/theory/min_l1_test_losses", r.targetTestLosses());
            f.attribute("/theory", "description", "dataset = per-trajectory: the minimum-l1 interpolant of each of "
                + "the first " + k + " trajectories' own datasets, the endpoint's distance to it and its test loss");
          } else {
            f.dataset("/theory/min_l1_interpolant", r.minL1().beta());
            f.dataset("/theory/min_l1_norm", r.minL1().l1());
            f.dataset("/theory/min_l1_residual", r.minL1().residual());
            f.dataset("/theory/min_l1_test_loss", r.minL1TestLoss());
          }
          f.dataset("/theory/drift_steps", m.driftSteps());
        });
  }

  /** The run's {@code /parameters} and {@code /data} (also a sweep's, from its first cell). */
  public static void parameters(ResultFile f, GrokDiagResult r) {
    GrokDiag m = r.model();
    String g = "/parameters";
    RunSections.sgd(f, m.eta(), m.batch(), m.sampling());
    RunSections.dataSource(f, "generated", r.perTrajectory() ? "a dataset per trajectory, drawn from (data seed, "
        + "trajectory); each: " + m.data().describe() : m.data().describe(), m.data().n(), m.data().dataSeed());
    f.attribute(g, "dataset", r.dataset());
    f.attribute(g, "d", (long) m.dim());
    f.attribute(g, "k", (long) m.data().support());
    f.attribute(g, "features", m.data().isFourier() ? "fourier" : "gaussian");
    f.attribute(g, "eta", m.eta());
    f.attribute(g, "lambda", m.lambda());
    f.attribute(g, "alpha", m.alpha());
    f.attribute(g, "label_noise", m.data().noise());
    f.attribute(g, "full_batch", m.fullBatch());
    f.attribute(g, "train_threshold", m.trainThreshold());
    f.attribute(g, "test_threshold", m.testThreshold());
    f.attribute(g, "test_excess", r.testExcess());
    if (r.perTrajectory()) {
      return; // no /data: every trajectory had its own
    }
    GrokLinregFile.data(f, m.data());
    if (m.data().isFourier()) {
      f.dataset("/data/points", m.data().points());
    }
  }
}
