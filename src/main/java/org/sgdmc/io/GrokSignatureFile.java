package org.sgdmc.io;

import java.nio.file.Path;
import org.sgdmc.experiments.GrokSignatureExperiment;
import org.sgdmc.experiments.GrokSignatureExperiment.Cell;
import org.sgdmc.models.GrokData;
import org.sgdmc.models.GrokDiag;
import org.sgdmc.models.GrokLinreg;
import org.sgdmc.stats.Auroc;
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
        RunSections.sgd(f, Double.NaN, m.batch(), m.withReplacement());
        data = m.data();
        f.attribute(g, "alpha", m.alpha());
        f.attribute(g, "train_threshold", m.trainThreshold());
        f.attribute(g, "full_batch", m.fullBatch());
      } else {
        GrokDiag m = (GrokDiag) first;
        RunSections.sgd(f, Double.NaN, m.batch(), m.withReplacement());
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
}
