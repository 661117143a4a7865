package org.sgdmc.io;

import java.nio.file.Path;
import org.sgdmc.experiments.GrokSignatureExperiment;
import org.sgdmc.experiments.GrokSignatureExperiment.Cell;
import org.sgdmc.models.GrokData;
import org.sgdmc.models.GrokDiag;
import org.sgdmc.models.GrokLinreg;
import org.sgdmc.results.GrokLinregResult;
import org.sgdmc.stats.Auroc;
import org.sgdmc.stats.OffsetPowerLawFit;
import org.sgdmc.stats.SpectralSignature;

/** Writes a {@code sweep grok-signature} file as documented in data/SCHEMA.md (seed 003). */
public final class GrokSignatureFile {
  private GrokSignatureFile() {}

  /** {@code first} is the first cell's model (a {@link GrokLinreg} or a {@link GrokDiag}): the shared settings. */
  public static void write(Path target, boolean overwrite, RunMetadata meta, String modelName, Object first,
      Cell[] cells, GrokSignatureExperiment.Pooled pooled, long trajectories, long seed, int threads, int blockWidth,
      int replicates) {
    Cell c0 = cells[0];
    try (ResultFile f = RunSections.create(target, overwrite, meta, "sweep grok-signature")) {
      RunSections.ensemble(f, trajectories, c0.steps(), seed, threads, blockWidth);
      String g = "/parameters";
      GrokData data;
      if (first instanceof GrokLinreg m) {
        RunSections.sgd(f, Double.NaN, m.batch(), m.sampling());
        data = m.data();
        f.attribute(g, "alpha", m.alpha());
        f.attribute(g, "train_threshold", m.trainThreshold());
        f.attribute(g, "full_batch", m.fullBatch());
      } else {
        GrokDiag m = (GrokDiag) first;
        RunSections.sgd(f, Double.NaN, m.batch(), m.sampling());
        data = m.data();
        f.attribute(g, "alpha", m.alpha());
        f.attribute(g, "train_threshold", m.trainThreshold());
        f.attribute(g, "full_batch", m.fullBatch());
      }
      RunSections.dataSource(f, "generated", data.describe(), data.n(), data.dataSeed());
      f.attribute(g, "grok_model", modelName);
      f.attribute(g, "d", (long) data.d());
      f.attribute(g, "label_noise", data.noise());
      f.attribute(g, "window", (long) c0.window());
      f.attribute(g, "budget", c0.steps());
      f.attribute(g, "lead_time", c0.steps() - c0.window());
      f.attribute(g, "bootstrap_replicates", (long) replicates);
      f.attribute(g, "features", SpectralSignature.NAMES);
      int k = cells.length, nf = SpectralSignature.NAMES.length;
      double[] eta = new double[k], lambda = new double[k], grokked = new double[k], energy = new double[k],
          test = new double[k];
      long[] inWindow = new long[k];
      double[][] cellAuroc = new double[k][nf];
      int total = 0;
      double seconds = 0;
      for (int i = 0; i < k; i++) {
        Cell c = cells[i];
        eta[i] = c.eta();
        lambda[i] = c.lambda();
        grokked[i] = c.fractionGrokked();
        energy[i] = c.medianFeature(0);
        test[i] = c.medianFinalTestLoss();
        inWindow[i] = c.grokkedInWindow();
        for (int q = 0; q < nf; q++) {
          cellAuroc[i][q] = c.auroc(q);
        }
        total += c.t2().length;
        seconds += c.kernelSeconds();
      }
      f.dataset("/grid/cell_lr", eta);
      f.dataset("/grid/lambda", lambda);
      f.dataset("/cells/fraction_grokked", grokked);
      f.dataset("/cells/median_seed_energy", energy);
      f.dataset("/cells/median_final_test_loss", test);
      f.dataset("/cells/grokked_in_window", inWindow);
      f.dataset("/cells/auroc", cellAuroc);
      double[][] features = new double[nf][total];
      double[] t2 = new double[total], finalTest = new double[total];
      int[] label = new int[total], cell = new int[total];
      int at = 0;
      for (int i = 0; i < k; i++) {
        Cell c = cells[i];
        for (int j = 0; j < c.t2().length; j++, at++) {
          for (int q = 0; q < nf; q++) {
            features[q][at] = c.features()[q][j];
          }
          t2[at] = c.t2()[j];
          finalTest[at] = c.finalTestLoss()[j];
          label[at] = c.grokked(j) ? 1 : 0;
          cell[at] = i;
        }
      }
      f.dataset("/signature/features", features);
      f.datasetAttribute("/signature/features", "names", SpectralSignature.NAMES);
      f.dataset("/signature/grokked", label);
      f.dataset("/signature/t2", t2);
      f.dataset("/signature/final_test_loss", finalTest);
      f.dataset("/signature/cell", cell);
      double[] value = new double[nf];
      double[][] ci = new double[nf][];
      for (int q = 0; q < nf; q++) {
        Auroc.Estimate e = pooled.estimates()[q];
        value[q] = e.value();
        ci[q] = new double[] {e.low(), e.high()};
      }
      f.dataset("/estimates/auroc", value);
      f.datasetAttribute("/estimates/auroc", "names", SpectralSignature.NAMES);
      f.dataset("/estimates/auroc_ci95", ci);
      f.dataset("/estimates/auroc_null_stderr", pooled.positives() > 0 && pooled.negatives() > 0
          ? Auroc.nullStderr(pooled.positives(), pooled.negatives()) : Double.NaN);
      f.dataset("/estimates/grokked_count", pooled.positives());
      f.dataset("/estimates/not_grokked_count", pooled.negatives());
      RunSections.performance(f, seconds, Double.NaN, threads);
      f.commit();
    }
  }
  /**
   * Writes a {@code sweep grok-fraction} file: per cell (number of points n) the train fraction r = n/d and t2's
   * summary, and the fit of seed 003's law {@code t2(r) = a r^-gamma + b} ({@code law} null: too few cells).
   */
  public static void writeFraction(Path target, boolean overwrite, RunMetadata meta, GrokLinregResult[] cells,
      boolean[] fitted, OffsetPowerLawFit law) {
    GrokLinregResult first = cells[0];
    GrokLinreg m = first.model();
    try (ResultFile f = RunSections.create(target, overwrite, meta, "sweep grok-fraction")) {
      RunSections.ensemble(f, first.options());
      RunSections.sgd(f, m.eta(), m.batch(), m.sampling());
      String g = "/parameters";
      f.attribute(g, "d", (long) m.dim());
      f.attribute(g, "lambda", m.lambda());
      f.attribute(g, "alpha", m.alpha());
      f.attribute(g, "train_threshold", m.trainThreshold());
      f.attribute(g, "test_excess", first.testExcess());
      f.attribute(g, "data_seed", m.data().dataSeed());
      int k = cells.length;
      long[] n = new long[k];
      double[] r = new double[k], mean = new double[k], err = new double[k], never = new double[k],
          closed = new double[k], median = new double[k];
      int[] in = new int[k];
      double seconds = 0;
      for (int i = 0; i < k; i++) {
        GrokLinregResult c = cells[i];
        n[i] = c.model().data().n();
        r[i] = n[i] / (double) c.model().dim();
        mean[i] = c.t2().mean().value();
        err[i] = c.t2().mean().stderr();
        never[i] = c.t2().fractionNever();
        median[i] = c.t2().median();
        closed[i] = c.t2Closed().mean().value();
        in[i] = fitted[i] ? 1 : 0;
        seconds += c.kernelSeconds();
      }
      f.dataset("/grid/n", n);
      f.dataset("/grid/fraction", r);
      f.dataset("/cells/t2_mean", mean);
      f.dataset("/cells/t2_mean_stderr", err);
      f.dataset("/cells/t2_median", median);
      f.dataset("/cells/t2_fraction_never", never);
      f.dataset("/cells/t2_closed_form_mean", closed);
      f.dataset("/cells/in_law_fit", in);
      if (law != null) {
        double[] ci = law.interval95();
        f.dataset("/estimates/fraction_law_gamma", law.gamma());
        f.dataset("/estimates/fraction_law_gamma_ci95", ci);
        f.dataset("/estimates/fraction_law_a", law.a());
        f.dataset("/estimates/fraction_law_b", law.b());
        f.dataset("/estimates/fraction_law_chi2_per_dof", law.chi2PerDof());
        f.datasetAttribute("/estimates/fraction_law_gamma", "method", "weighted least squares of the mean t2 on "
            + "a r^-gamma + b over the fitted cells, gamma profiled over [0.01, 20], profile-likelihood interval "
            + "(delta chi2 = 3.84, scaled by chi2/dof when above 1)");
      }
      RunSections.performance(f, seconds, Double.NaN, first.options().threads());
      f.commit();
    }
  }
}
