package org.sgdmc.io;

import java.nio.file.Path;
import org.sgdmc.models.GrokRelu;
import org.sgdmc.results.GrokReluResult;

/** Writes a grok-relu run as documented in data/SCHEMA.md. */
public final class GrokReluFile {
  static final String[][] OBSERVED = {
    {"train", "sqrt(2 L_train)"},
    {"test", "sqrt(2 L_test), L_test on 101 points of [-1, 1]"},
    {"norm", "|theta| = sqrt(|a|^2 + |w|^2 + |b|^2)"},
  };

  private GrokReluFile() {}

  public static void write(Path target, boolean overwrite, RunMetadata meta, GrokReluResult r) {
    RunSections.writeRun(target, overwrite, meta, "grok-relu", r.options(), r.kernelSeconds(), r.stepsPerSecond(),
        f -> {
          GrokRelu m = r.model();
          parameters(f, r);
          for (int k = 0; k < OBSERVED.length; k++) {
            RunSections.observables(f, GrokLinregFile.observed(OBSERVED[k][0], OBSERVED[k][1]), r.observed()[k]);
          }
          f.attribute("/observables", "description", "statistics of the logs of sqrt(2 L_train), sqrt(2 L_test) and "
              + "|theta|, and the kinks of the learned functions, at every recording time");
          double[] mean = new double[r.kinks().length], err = new double[r.kinks().length];
          for (int t = 0; t < mean.length; t++) {
            mean[t] = r.kinks()[t].value();
            err[t] = r.kinks()[t].stderr();
          }
          f.dataset("/observables/kinks_mean", mean);
          f.dataset("/observables/kinks_mean_stderr", err);
          int[][] counts = new int[r.kinkCounts().length][];
          for (int t = 0; t < counts.length; t++) {
            counts[t] = java.util.Arrays.stream(r.kinkCounts()[t]).mapToInt(Math::toIntExact).toArray();
          }
          f.dataset("/observables/kinks_count", counts);
          double[] grid = new double[GrokRelu.PLOT_POINTS];
          double[] teacher = new double[grid.length];
          for (int p = 0; p < grid.length; p++) {
            grid[p] = GrokRelu.gridPoint(p, grid.length);
            teacher[p] = m.teacher(grid[p]);
          }
          f.dataset("/observables/function_x", grid);
          f.dataset("/observables/function_teacher", teacher);
          f.dataset("/observables/function_trajectory0", r.function0());
          GrokLinregFile.events(f, "/events/t1", r.t1());
          GrokLinregFile.events(f, "/events/t2", r.t2());
          f.dataset("/theory/drift_steps", m.driftSteps());
          f.dataset("/theory/teacher_kinks_count", (long) m.kinks().length);
        });
  }

  /**
   * The run's {@code /parameters} and {@code /data} (also a sweep's, from its first cell); with a dataset per
   * trajectory, {@code /parameters@dataset} says so and {@code /data} holds the teacher alone.
   */
  public static void parameters(ResultFile f, GrokReluResult r) {
    GrokRelu m = r.model();
    String g = "/parameters";
    RunSections.sgd(f, m.eta(), m.batch(), m.sampling());
    RunSections.dataSource(f, "generated", (r.perTrajectory() ? "a dataset per trajectory, drawn from (data seed, "
        + "trajectory); each: " : "") + "n = " + m.n() + " points uniform on [-1, 1], labels from the teacher", m.n(),
        null);
    f.attribute(g, "dataset", r.perTrajectory() ? "per-trajectory" : "fixed");
    f.attribute(g, "width", (long) m.width());
    f.attribute(g, "eta", m.eta());
    f.attribute(g, "lambda", m.lambda());
    f.attribute(g, "sigma", m.sigma());
    f.attribute(g, "kink_threshold", m.kinkThreshold());
    f.attribute(g, "train_threshold", r.trainLevel());
    f.attribute(g, "test_threshold", r.testLevel());
    f.attribute(g, "full_batch", m.fullBatch());
    f.attribute(g, "steps_per_epoch", m.reshuffled() ? m.stepsPerEpoch() : 1L);
    if (!r.perTrajectory()) { // else each trajectory's own points, not kept
      f.dataset("/data/x", m.x());
      f.dataset("/data/y", m.y());
    }
    f.dataset("/data/teacher_kinks", m.kinks());
    f.dataset("/data/teacher_slopes", m.slopes());
  }
}
