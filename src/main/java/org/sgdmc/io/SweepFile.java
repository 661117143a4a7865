package org.sgdmc.io;

import java.nio.file.Path;
import java.util.List;
import org.sgdmc.stats.PhaseClassifier;
import org.sgdmc.sweep.Axis;
import org.sgdmc.sweep.SweepFamily;
import org.sgdmc.sweep.SweepResult;
import org.sgdmc.sweep.SweepRunner;

/** Writes a sweep as documented in data/SCHEMA.md ("sweep files"): grids shaped like the axes. */
public final class SweepFile {
  private SweepFile() {}

  public static void write(Path target, boolean overwrite, RunMetadata meta, SweepResult r, String settingsNote) {
    write(target, overwrite, meta, r, settingsNote, false);
  }

  /**
   * {@link #write(Path, boolean, RunMetadata, SweepResult, String)}; {@code live}: the final file of a
   * {@code --live} sweep, which replaces the live file and says so with the root attribute {@code complete} = 1.
   */
  public static void write(Path target, boolean overwrite, RunMetadata meta, SweepResult r, String settingsNote,
      boolean live) {
    try (ResultFile f = tree(target, overwrite, meta, r, settingsNote)) {
      if (live) {
        f.attribute("/", "complete", 1L);
      }
      f.commit();
    }
  }

  /** The sweep file's tree, not yet committed (closed on failure). */
  static ResultFile tree(Path target, boolean overwrite, RunMetadata meta, SweepResult r, String settingsNote) {
    SweepFamily family = r.grid().family();
    List<Axis> axes = r.grid().axes();
    int[] shape = r.grid().shape();
    ResultFile f = RunSections.create(target, overwrite, meta, family.model() + "-sweep");
    try {
      f.attribute("/parameters", "axes", axes.stream().map(Axis::name).toArray(String[]::new));
      r.grid().fixed().forEach((k, v) -> f.attribute("/parameters", k, v));
      SweepRunner.Settings s = r.settings();
      RunSections.ensemble(f, s.trajectories(), s.steps(), s.seed(), s.threads(), s.blockWidth());
      f.attribute("/parameters", "family_settings", settingsNote);
      if (family.sampling() != null) {
        f.attribute("/parameters", "sampling", family.sampling().label);
      }
      f.attribute("/parameters", "random_numbers",
          "common random numbers: cells with the same stream parameters ("
              + String.join(", ", family.streamParameters()) + ") run on the same draws");
      for (Axis a : axes) {
        f.dataset("/grid/" + a.name(), a.values());
      }
      List<String> names = family.exponentNames();
      int n = r.cells().length;
      for (int e = 0; e < names.size(); e++) {
        double[] lam = new double[n], err = new double[n], th = new double[n];
        for (int i = 0; i < n; i++) {
          lam[i] = r.cells()[i].lambda()[e];
          err[i] = r.cells()[i].stderr()[e];
          th[i] = r.theory()[i][e];
        }
        put(f, "/estimates/" + names.get(e), lam, shape);
        put(f, "/estimates/" + names.get(e) + "_stderr", err, shape);
        put(f, "/theory/" + names.get(e), th, shape);
      }
      if (!family.phaseNames().isEmpty()) {
        String[] phaseNames = family.phaseNames().toArray(String[]::new);
        putInts(f, "/estimates/phase", r.phase(), shape);
        f.datasetAttribute("/estimates/phase", "phase_names", String.join(",", phaseNames));
        // code 0 means more in a sweep than in one run: a simulated cell whose less certain exponent is within
        // PhaseClassifier.CERTAIN standard errors of 0 is stored as undetermined, not as its likely phase
        f.datasetAttribute("/estimates/phase", "description", "index into phase_names; 0 (undetermined): an exponent "
            + "is NaN or exactly 0, or the less certain exponent lies within " + (int) PhaseClassifier.CERTAIN
            + " standard errors of 0 (phase_confidence below " + (int) PhaseClassifier.CERTAIN + ")");
        putInts(f, "/theory/phase", r.theoryPhase(), shape);
        f.datasetAttribute("/theory/phase", "phase_names", String.join(",", phaseNames));
        f.datasetAttribute("/theory/phase", "description",
            "index into phase_names, from the exact exponents; 0 (undetermined): an exponent is NaN or exactly 0");
        put(f, "/estimates/phase_confidence", r.phaseConfidence(), shape);
        f.datasetAttribute("/estimates/phase_confidence", "description",
            "smallest |exponent| / stderr over the cell's exponents: below 4 the phase is uncertain");
      }
      r.thresholds().forEach((k, v) -> put(f, "/theory/" + k, v, shape));
      RunSections.performance(f, r.seconds(), r.stepsPerSecond(), r.settings().threads());
      f.attribute("/performance", "resumed_cells", (long) r.resumedCells());
      return f;
    } catch (RuntimeException e) {
      f.close();
      throw e;
    }
  }

  private static void put(ResultFile f, String path, double[] flat, int[] shape) {
    if (shape.length == 1) {
      f.dataset(path, flat);
      return;
    }
    double[][] m = new double[shape[0]][shape[1]];
    for (int i = 0; i < shape[0]; i++) {
      System.arraycopy(flat, i * shape[1], m[i], 0, shape[1]);
    }
    f.dataset(path, m);
  }

  private static void putInts(ResultFile f, String path, int[] flat, int[] shape) {
    if (shape.length == 1) {
      f.dataset(path, flat);
      return;
    }
    int[][] m = new int[shape[0]][shape[1]];
    for (int i = 0; i < shape[0]; i++) {
      System.arraycopy(flat, i * shape[1], m[i], 0, shape[1]);
    }
    f.dataset(path, m);
  }
}
