package org.sgdmc.cli;

import java.io.PrintStream;
import java.util.Arrays;
import org.sgdmc.experiments.NoiseCovarianceExperiment;
import org.sgdmc.io.NoiseCovarianceFile;
import org.sgdmc.models.PointGradients;
import org.sgdmc.results.NoiseCovarianceResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sgdmc sde covariance}: the minibatch noise covariance at a fixed theta, measured against B. */
@Command(
    name = "covariance",
    header = "The minibatch gradient's covariance at fixed theta, with and without replacement, against B.",
    description = {
      "Draws --replicates minibatches of each size B from a generated dataset of --n points and compares the",
      "sample covariance of their mean gradient with Sigma/B (exact with replacement) and Sigma (n-B)/(B(n-1))",
      "(exact without replacement); z = (measured - formula) / stderr. Seed 004 (sec. 6) attaches (n-B)/(n-1) to",
      "sampling with replacement: the z column of that pairing shows it is wrong."
    },
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class SdeCovarianceCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", paramLabel = "M", defaultValue = "linreg",
      description = "linreg (least squares) or logistic (labels +-1, a nonlinear model) (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--n", paramLabel = "N", defaultValue = "12", description = "Data points (default: ${DEFAULT-VALUE}).")
  int n;

  @Option(names = "--dim", paramLabel = "D", defaultValue = "2", description = "Coordinates of x and theta (default: ${DEFAULT-VALUE}).")
  int dim;

  @Option(names = "--theta", paramLabel = "T", split = ",",
      description = "The fixed theta, D numbers (default: 0.5 in every coordinate; the teacher is (1, ..., 1)).")
  double[] theta;

  @Option(names = "--noise-sigma", paramLabel = "SIGMA", defaultValue = "0.5",
      description = "Label noise of the generated data (default: ${DEFAULT-VALUE}).")
  double sigma;

  @Option(names = "--data-seed", paramLabel = "SEED", description = "Seed of the dataset (default: --seed).")
  Long dataSeed;

  @Option(names = "--batch", paramLabel = "B", split = ",", description = "Batch sizes (default: 1 .. N).")
  int[] batches;

  @Option(names = "--replicates", paramLabel = "M", defaultValue = "40000",
      description = "Minibatches per batch size and scheme (default: ${DEFAULT-VALUE}).")
  long replicates;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
      description = "Seed: minibatch r is drawn from trajectory r of the batch stream (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin OutputMixin output;

  @Override
  public void run() {
    PointGradients data;
    double[] t;
    int[] bs;
    try {
      PointGradients.Loss loss = PointGradients.Loss.parse(model);
      if (n < 2 || n > 1 << 16) {
        throw new IllegalArgumentException("--n must be in 2..65536, not " + n);
      }
      if (dim < 1 || dim > 16) {
        throw new IllegalArgumentException("--dim must be in 1..16, not " + dim);
      }
      if (replicates < 2 || replicates > NoiseCovarianceExperiment.MAX_REPLICATES) {
        throw new IllegalArgumentException(
            "--replicates must be in 2.." + NoiseCovarianceExperiment.MAX_REPLICATES + ", not " + replicates);
      }
      if (replicates * dim > 1L << 27) {
        throw new IllegalArgumentException("--replicates x --dim = " + replicates * dim
            + " gradients would be kept in memory; at most 2^27");
      }
      t = theta == null ? filled(dim, 0.5) : theta;
      if (t.length != dim) {
        throw new IllegalArgumentException("--theta has " + t.length + " numbers; --dim is " + dim);
      }
      for (double v : t) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("--theta must be finite numbers");
        }
      }
      bs = batches == null ? range(n) : batches;
      for (int b : bs) {
        if (b < 1 || b > n) {
          throw new IllegalArgumentException("--batch " + b + " is not in 1..--n (" + n + ")");
        }
      }
      data = PointGradients.generated(loss, n, dim, sigma, dataSeed == null ? seed : dataSeed);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    Output.checkWritable(output);
    long ds = dataSeed == null ? seed : dataSeed;
    output.execute(spec, seed, replicates, 1, "sde covariance",
        progress -> NoiseCovarianceExperiment.run(data, t, bs, replicates, seed, progress),
        (out, force, meta, r) -> NoiseCovarianceFile.write(out, force, meta, data, t, seed, ds, sigma, r),
        r -> print(System.out, data, t, r), "plot_noise_covariance.py", null);
  }

  static void print(PrintStream ps, PointGradients data, double[] theta, NoiseCovarianceResult r) {
    ps.printf("sde covariance  %s, theta = %s, %d minibatches per (B, scheme)%n", data.describe(),
        Arrays.toString(theta), r.replicates());
    double tr = 0;
    for (int j = 0; j < r.sigma().length; j++) {
      tr += r.sigma()[j][j];
    }
    ps.printf("  tr Sigma = %.6g  (Sigma = (1/n) sum (g_i - g_n)(g_i - g_n)^T over %d points)%n", tr, data.size());
    ps.println("  tr Cov[g_B]: measured +- stderr beside the exact formulas; max|z| over the entries of Cov (z = "
        + "(measured - formula) / stderr)");
    ps.printf("  %4s  %-24s %11s %11s  %-24s %8s %8s %8s %8s%n", "B", "with replacement", "Sigma/B",
        "S(n-B)/..", "without replacement", "w:iid", "w:fpc", "wo:fpc", "wo:iid");
    double[] zwi = r.maxAbsZ(true, false);
    double[] zwf = r.maxAbsZ(true, true);
    double[] zof = r.maxAbsZ(false, true);
    double[] zoi = r.maxAbsZ(false, false);
    for (int b = 0; b < r.batch().length; b++) {
      double mw = 0, sw = 0, mo = 0, so = 0, ti = 0, tf = 0;
      for (int e = 0; e < r.entryRows().length; e++) {
        if (r.entryRows()[e] == r.entryCols()[e]) {
          mw += r.with()[b][e];
          sw += r.withStderr()[b][e] * r.withStderr()[b][e];
          mo += r.without()[b][e];
          so += r.withoutStderr()[b][e] * r.withoutStderr()[b][e];
          ti += r.iid()[b][e];
          tf += r.finitePopulation()[b][e];
        }
      }
      ps.printf("  %4d  %-24s %11.5g %11.5g  %-24s %8s %8s %8s %8s%n", r.batch()[b],
          String.format("%.5g +- %.2g", mw, Math.sqrt(sw)), ti, tf, String.format("%.5g +- %.2g", mo, Math.sqrt(so)),
          z(zwi[b]), z(zwf[b]), z(zof[b]), z(zoi[b]));
    }
    ps.println("  (the +- of a trace adds the entries' variances as if independent: a guide; each z uses its own entry's stderr)");
    ps.println("  w:iid and wo:fpc are the right pairings (Sigma/B with replacement, Sigma (n-B)/(B(n-1)) without);");
    ps.println("  w:fpc is seed 004's sec. 6 pairing, wo:iid the infinite-population formula applied to a subset.");
  }

  private static String z(double v) {
    return v < 1e4 ? String.format("%.2f", v) : String.format("%.1e", v);
  }

  private static double[] filled(int d, double v) {
    double[] a = new double[d];
    Arrays.fill(a, v);
    return a;
  }

  private static int[] range(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i + 1;
    }
    return a;
  }
}
