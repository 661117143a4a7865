package org.sgdmc.io;

import java.nio.file.Path;
import java.util.List;
import org.sgdmc.models.RegressionData;
import org.sgdmc.models.TwoLayerNet;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.TwoLayerResult;
import org.sgdmc.results.TwoLayerScan;
import org.sgdmc.results.TwoLayerTheoryValues;
import org.sgdmc.theory.StationaryPoints.Point;

/** Writes two-layer runs and scans ({@code tanh2}, {@code swish2}) as documented in data/SCHEMA.md. */
public final class TwoLayerFile {
  private TwoLayerFile() {}

  /** Where a run started and how its data were made: what the model record does not say. */
  public record Setup(String start, long dataSeed, double mu, double saddleEps) {}

  /** Writes one run, atomically. */
  public static void write(Path target, boolean overwrite, RunMetadata meta, Setup setup,
      TwoLayerResult r, TwoLayerTheoryValues t) {
    TwoLayerNet m = r.model();
    try (ResultFile f = RunSections.create(target, overwrite, meta, m.activation().modelName)) {
      writeParameters(f, m, r.test(), setup, r.ensemble());
      f.attribute("/parameters", "lr", m.lr());
      writeData(f, m.data(), r.test());
      writeStationaryPoints(f, r.points());
      String g = "/observables/";
      f.dataset(g + "time", r.ensemble().recordTimes());
      f.datasetAttribute(g + "time", "units", "steps");
      f.dataset(g + "fraction", r.fractions());
      f.datasetAttribute(g + "fraction", "description",
          "[time, class]: fraction of trajectories in each end-state class (names in /observables@classes)");
      f.attribute("/observables", "classes", r.classes());
      writeEstimates(f, "/estimates/", r.classes(), new TwoLayerResult[] {r});
      String fin = "/final/";
      f.dataset(fin + "u", r.finalU());
      f.dataset(fin + "w", r.finalW());
      f.dataset(fin + "diverged_at", r.divergedAt());
      f.datasetAttribute(fin + "diverged_at", "description", "step at which the trajectory diverged, -1 if it did not");
      f.dataset(fin + "class", r.finalClass());
      f.datasetAttribute(fin + "class", "description", "index into /observables@classes");
      f.dataset(fin + "test_loss", r.finalTestLoss());
      writeTheory(f, "/theory/", new TwoLayerTheoryValues[] {t});
      RunSections.performance(f, r.kernelSeconds(), r.stepsPerSecond(), r.ensemble().threads());
      f.commit();
    }
  }

  /** Writes a learning-rate scan, atomically. */
  public static void writeScan(Path target, boolean overwrite, RunMetadata meta, Setup setup, TwoLayerScan scan) {
    TwoLayerResult first = scan.results()[0];
    int np = scan.lr().length;
    TwoLayerNet m = first.model();
    try (ResultFile f = RunSections.create(target, overwrite, meta, m.activation().modelName + "-scan")) {
      writeParameters(f, m, first.test(), setup, first.ensemble());
      writeData(f, m.data(), first.test());
      writeStationaryPoints(f, first.points());
      f.dataset("/grid/lr", scan.lr());
      long[] times = first.ensemble().recordTimes();
      int nt = times.length;
      double[][] fraction = new double[np * nt][];
      for (int i = 0; i < np; i++) {
        for (int k = 0; k < nt; k++) {
          fraction[i * nt + k] = scan.results()[i].fractions()[k];
        }
      }
      f.dataset("/observables/time", times);
      f.dataset("/observables/fraction", fraction);
      f.datasetAttribute("/observables/fraction", "description",
          "[point * times + time, class]: end-state fractions over time at each learning rate");
      f.attribute("/observables", "classes", first.classes());
      writeEstimates(f, "/estimates/", first.classes(), scan.results());
      writeTheory(f, "/theory/", scan.theory());
      f.dataset("/theory/fine_lr", scan.fineLr());
      f.dataset("/theory/fine_lyapunov_plus", scan.fineLambdaPlus());
      f.dataset("/theory/fine_lyapunov_minus", scan.fineLambdaMinus());
      RunSections.performance(f, scan.kernelSeconds(), scan.stepsPerSecond(), first.ensemble().threads());
      f.commit();
    }
  }

  private static void writeParameters(ResultFile f, TwoLayerNet m, RegressionData test, Setup s,
      EnsembleOptions e) {
    String g = "/parameters";
    f.attribute(g, "activation", m.activation().name().toLowerCase());
    f.attribute(g, "network", m.activation().formula);
    f.attribute(g, "batch", (long) m.batch());
    f.attribute(g, "with_replacement", m.withReplacement());
    f.attribute(g, "sampling", m.sampling().label);
    f.attribute(g, "n", (long) m.data().size());
    f.attribute(g, "n_test", (long) test.size());
    f.attribute(g, "mu", s.mu());
    f.attribute(g, "data_seed", s.dataSeed());
    f.attribute(g, "data_description", m.data().source());
    f.attribute(g, "start", s.start());
    f.attribute(g, "u0", m.u0());
    f.attribute(g, "w0", m.w0());
    f.attribute(g, "init_noise", m.initNoise());
    f.attribute(g, "diverged_above", m.divergedAbove());
    f.attribute(g, "saddle_eps", s.saddleEps());
    RunSections.ensemble(f, e);
  }

  private static void writeData(ResultFile f, RegressionData train, RegressionData test) {
    f.dataset("/data/x", train.x());
    f.dataset("/data/y", train.y());
    f.datasetAttribute("/data/x", "description", "the training set every batch is drawn from");
    f.dataset("/data/x_test", test.x());
    f.dataset("/data/y_test", test.y());
  }

  static void writeStationaryPoints(ResultFile f, List<Point> points) {
    int n = points.size();
    String[] labels = new String[n], kinds = new String[n];
    double[] u = new double[n], w = new double[n], loss = new double[n], test = new double[n], grad = new double[n];
    double[] emin = new double[n], emax = new double[n], huu = new double[n], huw = new double[n], hww = new double[n];
    double[] gd = new double[n];
    for (int i = 0; i < n; i++) {
      Point p = points.get(i);
      labels[i] = p.label();
      kinds[i] = p.kind().label();
      u[i] = p.u();
      w[i] = p.w();
      loss[i] = p.loss();
      test[i] = p.testLoss();
      grad[i] = p.gradientNorm();
      emin[i] = p.eigenMin();
      emax[i] = p.eigenMax();
      huu[i] = p.hessian()[0];
      huw[i] = p.hessian()[1];
      hww[i] = p.hessian()[2];
      gd[i] = p.lrGd();
    }
    String g = "/stationary_points";
    f.attribute(g, "labels", labels);
    f.attribute(g, "kinds", kinds);
    f.attribute(g, "method", "Newton's method on the full-batch gradient with the exact Hessian, from a grid of starts");
    f.dataset(g + "/u", u);
    f.dataset(g + "/w", w);
    f.dataset(g + "/train_loss", loss);
    f.dataset(g + "/test_loss", test);
    f.dataset(g + "/gradient_norm", grad);
    f.dataset(g + "/eig_min", emin);
    f.dataset(g + "/eig_max", emax);
    f.dataset(g + "/h_uu", huu);
    f.dataset(g + "/h_uw", huw);
    f.dataset(g + "/h_ww", hww);
    f.dataset(g + "/lr_gd", gd);
    f.datasetAttribute(g + "/lr_gd", "description", "2 / eig_max for a minimum (GD's linear stability threshold), NaN otherwise");
  }

  /** One row per result: 1-D datasets for a single run, (points, classes) for a scan. */
  private static void writeEstimates(ResultFile f, String g, String[] classes, TwoLayerResult[] rs) {
    int np = rs.length, nc = classes.length;
    double[][] frac = new double[np][nc], fracErr = new double[np][nc], test = new double[np][nc];
    double[][] testErr = new double[np][nc], train = new double[np][nc], mu = new double[np][nc], mw = new double[np][nc];
    double[] all = new double[np], allErr = new double[np];
    for (int i = 0; i < np; i++) {
      TwoLayerResult r = rs[i];
      double n = r.ensemble().trajectories();
      for (int c = 0; c < nc; c++) {
        double p = r.counts()[c] / n;
        frac[i][c] = p;
        fracErr[i][c] = Math.sqrt(p * (1 - p) / n);
        test[i][c] = r.testLoss()[c];
        testErr[i][c] = r.testLossStderr()[c];
        train[i][c] = r.trainLoss()[c];
        mu[i][c] = r.meanU()[c];
        mw[i][c] = r.meanW()[c];
      }
      all[i] = r.meanTestLoss();
      allErr[i] = r.meanTestLossStderr();
    }
    f.attribute(g.substring(0, g.length() - 1), "classes", classes);
    put(f, g + "end_fraction", frac, "fraction of trajectories in each class at the last step");
    put(f, g + "end_fraction_stderr", fracErr, "binomial standard error sqrt(p (1 - p) / trajectories)");
    put(f, g + "test_loss", test, "mean test loss of the trajectories in each class at the end (NaN: empty class, or diverged)");
    put(f, g + "test_loss_stderr", testErr, "its standard error");
    put(f, g + "train_loss", train, "mean training loss per class at the end");
    put(f, g + "mean_u", mu, "mean u per class at the end");
    put(f, g + "mean_w", mw, "mean w per class at the end");
    if (np == 1) {
      f.dataset(g + "mean_test_loss", all[0]);
      f.dataset(g + "mean_test_loss_stderr", allErr[0]);
    } else {
      f.dataset(g + "mean_test_loss", all);
      f.dataset(g + "mean_test_loss_stderr", allErr);
    }
    f.datasetAttribute(g + "mean_test_loss", "description", "mean test loss over the trajectories that did not diverge");
  }

  private static void put(ResultFile f, String path, double[][] rows, String description) {
    if (rows.length == 1) {
      f.dataset(path, rows[0]);
    } else {
      f.dataset(path, rows);
    }
    f.datasetAttribute(path, "description", description);
  }

  private static void writeTheory(ResultFile f, String g, TwoLayerTheoryValues[] ts) {
    int np = ts.length, nm = ts[0].minimumLabels().length;
    double[] plus = new double[np], minus = new double[np], plusErr = new double[np], minusErr = new double[np];
    double[][] exps = new double[Math.max(1, nm)][np], expsErr = new double[Math.max(1, nm)][np];
    for (int i = 0; i < np; i++) {
      plus[i] = ts[i].lambdaPlus().value();
      plusErr[i] = ts[i].lambdaPlus().stderr();
      minus[i] = ts[i].lambdaMinus().value();
      minusErr[i] = ts[i].lambdaMinus().stderr();
      for (int k = 0; k < nm; k++) {
        exps[k][i] = ts[i].minimumExponents()[k].value();
        expsErr[k][i] = ts[i].minimumExponents()[k].stderr();
      }
    }
    scalarOrArray(f, g + "lyapunov_plus", plus);
    f.datasetAttribute(g + "lyapunov_plus", "description", "E log|1 + lr q| at the saddle C, q = batch mean of act'(0) x y");
    f.datasetAttribute(g + "lyapunov_plus", "method", ts[0].lambdaPlus().method());
    scalarOrArray(f, g + "lyapunov_plus_stderr", plusErr);
    scalarOrArray(f, g + "lyapunov_minus", minus);
    f.datasetAttribute(g + "lyapunov_minus", "description", "E log|1 - lr q| at the saddle C");
    scalarOrArray(f, g + "lyapunov_minus_stderr", minusErr);
    List<double[]> iv = ts[0].saddleIntervals();
    f.attribute(g.substring(0, g.length() - 1), "saddle_interval_count", (long) iv.size());
    if (!iv.isEmpty()) {
      f.dataset(g + "saddle_attractive", iv.toArray(double[][]::new));
      f.datasetAttribute(g + "saddle_attractive", "description",
          "[interval, {lo, hi}]: learning rates where both saddle exponents are negative (C attracts in probability)");
    }
    if (nm > 0) {
      f.attribute(g.substring(0, g.length() - 1), "minima", ts[0].minimumLabels());
      f.dataset(g + "lr_gd", ts[0].lrGd());
      f.datasetAttribute(g + "lr_gd", "description", "2 / h of each minimum (in the order of /theory@minima)");
      if (np == 1) {
        double[] e = new double[nm], ee = new double[nm];
        for (int k = 0; k < nm; k++) {
          e[k] = exps[k][0];
          ee[k] = expsErr[k][0];
        }
        f.dataset(g + "minimum_lyapunov", e);
        f.dataset(g + "minimum_lyapunov_stderr", ee);
      } else {
        f.dataset(g + "minimum_lyapunov", exps);
        f.dataset(g + "minimum_lyapunov_stderr", expsErr);
      }
      f.datasetAttribute(g + "minimum_lyapunov", "description",
          "top Lyapunov exponent of SGD linearised at each minimum ([minimum] or [minimum, point]), Monte Carlo ("
              + TwoLayerTheoryValues.EXPONENT_STEPS + " steps); negative: a stationary law around the minimum");
    }
  }

  private static void scalarOrArray(ResultFile f, String path, double[] v) {
    if (v.length == 1) {
      f.dataset(path, v[0]);
    } else {
      f.dataset(path, v);
    }
  }
}
