package org.sgdmc.io;

import java.nio.file.Path;
import org.sgdmc.results.Linreg1dResult;
import org.sgdmc.results.Linreg1dScan;
import org.sgdmc.stats.EnsembleSummary;

/** Writes a {@link Linreg1dScan} (the demo) as documented in data/SCHEMA.md ("demo / scan files"). */
public final class Linreg1dScanFile {
  private Linreg1dScanFile() {}

  public static void write(Path target, boolean overwrite, RunMetadata meta, Linreg1dScan scan) {
    int nb = scan.batches().length;
    int np = scan.rows()[0].lr().length;
    long[] times = scan.options().recordTimes();
    int nt = times.length;
    double[][] lr = new double[nb][], lyap = new double[nb][np], err = new double[nb][np];
    double[][] late = new double[nb][np], lateErr = new double[nb][np], theory = new double[nb][], msRate = new double[nb][];
    double[][] fineLr = new double[nb][], fine = new double[nb][];
    double[][] mean = new double[nb * np][nt], lms = new double[nb * np][nt];
    double[] gd = new double[nb], ms = new double[nb], st = new double[nb], prob = new double[nb];
    for (int i = 0; i < nb; i++) {
      Linreg1dScan.Row row = scan.rows()[i];
      lr[i] = row.lr();
      theory[i] = row.theory();
      msRate[i] = row.logMeanSquareRate();
      fineLr[i] = row.fineLr();
      fine[i] = row.fineTheory();
      gd[i] = row.lrGd();
      ms[i] = row.lrMeanSquare();
      st[i] = row.lrStationary();
      prob[i] = row.lrProbabilistic();
      for (int j = 0; j < np; j++) {
        Linreg1dResult r = row.results()[j];
        lyap[i][j] = r.lyapunov().value();
        err[i][j] = r.lyapunov().stderr();
        late[i][j] = r.lyapunovLate().value();
        lateErr[i][j] = r.lyapunovLate().stderr();
        EnsembleSummary[] s = r.summaries();
        for (int k = 0; k < nt; k++) {
          mean[i * np + j][k] = s[k].mean();
          lms[i * np + j][k] = s[k].logMeanSquare();
        }
      }
    }
    try (ResultFile f = RunSections.create(target, overwrite, meta, "linreg1d-scan")) {
      f.attribute("/parameters", "data", "gaussian");
      f.attribute("/parameters", "batches", java.util.Arrays.stream(scan.batches()).asLongStream().toArray());
      RunSections.ensemble(f, scan.options());
      f.attribute("/parameters", "initial_distance", 1.0);
      f.dataset("/grid/batch", scan.batches());
      f.dataset("/grid/lr", lr);
      f.datasetAttribute("/grid/lr", "description", "[batch, point]: learning rates of the scan");
      RunSections.exponents(f, "/estimates/lyapunov", lyap, err);
      RunSections.exponents(f, "/estimates/lyapunov_late", late, lateErr);
      f.dataset("/observables/time", times);
      f.dataset("/observables/log_distance_mean", mean);
      f.datasetAttribute("/observables/log_distance_mean", "description",
          "[batch * points + point, time]: m(t) = mean log|w_t - w*|");
      f.dataset("/observables/log_mean_square", lms);
      f.datasetAttribute("/observables/log_mean_square", "description",
          "[batch * points + point, time]: log E|w_t - w*|^2");
      f.dataset("/theory/lyapunov", theory);
      f.dataset("/theory/log_mean_square_rate", msRate);
      f.datasetAttribute("/theory/log_mean_square_rate", "description",
          "[batch, point]: log E[(1 - lr q)^2], the growth of log E|w - w*|^2 per step");
      f.dataset("/theory/fine_lr", fineLr);
      f.dataset("/theory/fine_lyapunov", fine);
      f.dataset("/theory/lr_gd", gd);
      f.dataset("/theory/lr_mean_square", ms);
      f.dataset("/theory/lr_stationary", st);
      f.dataset("/theory/lr_probabilistic", prob);
      RunSections.performance(f, scan.kernelSeconds(), scan.stepsPerSecond(), scan.options().threads());
      f.commit();
    }
  }
}
