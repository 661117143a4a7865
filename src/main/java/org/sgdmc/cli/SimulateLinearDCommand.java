package org.sgdmc.cli;

import java.io.PrintStream;
import java.util.Set;
import org.sgdmc.experiments.LinearDExperiment;
import org.sgdmc.io.DatasetFiles;
import org.sgdmc.io.LinearDFile;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.VectorizationProvider;
import org.sgdmc.models.Datasets;
import org.sgdmc.models.LinearD;
import org.sgdmc.models.PointData;
import org.sgdmc.results.EnsembleOptions;
import org.sgdmc.results.LinearDResult;
import org.sgdmc.results.LinearDTheoryValues;
import org.sgdmc.stats.LyapunovEstimate;
import org.sgdmc.stats.SampleMean;
import org.sgdmc.theory.Estimate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code sgdmc simulate linear-d}: the Lyapunov spectrum of d-dimensional linearised SGD (seed 002, eq. (2)). */
@Command(
    name = "linear-d",
    header = "Linearised SGD in d dimensions, v <- (I - (lr/S) sum x x^T) v: the Lyapunov spectrum.",
    description = {
      "Follows k tangent vectors per trajectory, re-orthonormalised (QR) every R",
      "steps, and estimates the first k Lyapunov exponents with standard errors",
      "from independent trajectories, at T/4, T/2 and T, with a convergence test.",
      "SGD converges in probability iff Lambda_1 < 0 (seed 002, Thm. 1).",
      "Prints the exact checks where they apply: d = 1 (linreg1d's exponent),",
      "isotropic data (Lambda_1 = E log|M e_1|), k = d (the sum of the exponents",
      "is E log|det M|). Data: x ~ N(0, Sigma) fresh each step (--sigma,",
      "--sigma-diag, --sigma-file), a generated dataset (--n) or points from a",
      "file (--data-file)."
    },
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class SimulateLinearDCommand implements Runnable, SharedOptions.Tailored, ModelHints.Needs {
  @Override
  public String needs() {
    return "--lr LR, and --dim D, --sigma-diag, --sigma-file or --data-file";
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin SgdMixin sgd;
  @Mixin DimensionMixin dimension;

  @Option(names = "--k", paramLabel = "K", defaultValue = "1",
      description = "How many exponents of the spectrum to estimate, 1..d (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--sigma", paramLabel = "S2",
      description = "Isotropic data: x ~ N(0, S2 I_d) (the default, with S2 = 1).")
  Double sigma;

  @Option(names = "--sigma-diag", split = ",", paramLabel = "V",
      description = "Diagonal covariance: x_c ~ N(0, V_c) independently, e.g. 1,0.5,0.25.")
  double[] sigmaDiag;

  @Option(names = "--sigma-file", paramLabel = "FILE",
      description = "Full covariance matrix, d rows of d numbers (CSV/text) or a 2-D HDF5 dataset (FILE.h5[:/path]).")
  String sigmaFile;

  @Mixin DataSourceMixin source;

  @Option(names = "--reorth", paramLabel = "R",
      description = "Re-orthonormalise every R steps (default: 5, or fewer if the growth bound asks). Smaller R "
          + "costs more and is more accurate when the exponents are far apart.")
  Integer reorth;

  @Option(names = "--kernel", paramLabel = "K", defaultValue = "VECTOR",
      description = "vector (fast) or scalar (the reference twin, same bits, slow) (default: vector).")
  Kernel kernel;

  @Mixin RunMixin run;
  @Mixin LiveMixin live;
  @Mixin ObservablesMixin observables;

  @Override
  public Set<String> notApplicable() {
    return Set.of("--outlier");
  }

  @Override
  public void run() {
    EnsembleOptions base = run.options(observables);
    EnsembleOptions options = base.withRecordTimes(LinearDExperiment.withQuarters(base.recordTimes()));
    PointData data = data(options.seed());
    LinearD model;
    try {
      double lr = sgd.lr();
      int r = reorth != null ? reorth : LinearD.defaultReorthInterval(lr, data);
      model = new LinearD(lr, sgd.batch(), data,
          sgd.sampling(data instanceof PointData.Finite), k, r);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    ReshuffleMemory.check(model.reshuffled(), data.size(), options);
    run.steps.checkReach(model.batch(), model.dim());
    LinearDTheoryValues theory = LinearDTheoryValues.of(model);
    run.execute(spec, "linear-d", progress -> LinearDExperiment.run(model, options, kernel, progress),
        (out, force, meta, result) -> LinearDFile.write(out, force, meta, source.kind(),
            source.dataSeed(options.seed()), result, theory),
        result -> print(System.out, result, theory));
  }

  /** The data the options describe; every inconsistency is one line. */
  PointData data(long runSeed) {
    int given = (sigma != null ? 1 : 0) + (sigmaDiag != null ? 1 : 0) + (sigmaFile != null ? 1 : 0);
    if (given > 1) {
      throw new UserError("give one of --sigma, --sigma-diag and --sigma-file");
    }
    if (source.dataFile != null && (given > 0 || source.n != null)) {
      throw new UserError("--data-file brings its own points: it cannot be combined with --sigma*, or --n");
    }
    try {
      PointData data;
      if (source.dataFile != null) {
        data = DatasetFiles.readPoints(source.dataFile);
      } else {
        if (sigmaDiag != null) {
          data = new PointData.Gaussian(sigmaDiag);
        } else if (sigmaFile != null) {
          data = PointData.CorrelatedGaussian.of(DatasetFiles.readMatrix(sigmaFile));
        } else {
          if (dimension.dim == null) {
            throw new UserError(
                "give the dimension --dim (or --sigma-diag, --sigma-file or --data-file, which imply it)");
          }
          data = PointData.Gaussian.isotropic(dimension.dim, sigma != null ? sigma : 1.0);
        }
        if (source.n != null) {
          data = Datasets.gaussianPoints(source.n(), data, source.dataSeed(runSeed));
        }
      }
      dimension.check(data.dim());
      return data;
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  static void print(PrintStream out, LinearDResult r, LinearDTheoryValues t) {
    LinearD m = r.model();
    EnsembleOptions o = r.options();
    long steps = o.steps();
    out.printf("linear-d  d=%d  k=%d  lr=%s  S=%d  data=%s%s  trajectories=%d  steps=%d  seed=%d  reorth every %d%n",
        m.dim(), m.exponents(), fmt(m.lr()), m.batch(), m.data().describe(),
        m.data() instanceof PointData.Finite ? m.sampling().describe() : "",
        o.trajectories(), steps, o.seed(), m.reorthInterval());
    long th = r.halfTime();
    // The headline column is the estimate that is right by default (LinearDResult.headline); the other window
    // stays beside it so the two can be compared.
    boolean whole = r.transientFree();
    String other = whole ? "late window " + th + ".." + steps : "whole run 0.." + steps;
    out.printf("estimate           %s%n", r.headlineWindow());
    out.printf("%-10s %-24s %-24s %-11s %-11s %s%n", "exponent", "estimate", other, "at T/4", "at t=" + th,
        "drift T/2 -> T");
    for (int a = 0; a < m.exponents(); a++) {
      LyapunovEstimate head = r.headline()[a], beside = whole ? r.late()[a] : r.spectrum()[a];
      LyapunovEstimate q = r.atOrBefore(steps / 4, a), h = r.atOrBefore(th, a);
      SampleMean dr = r.drift()[a];
      out.printf("%-10s %-24s %-24s %-11s %-11s %s (%.1f stderr)%n", "Lambda_" + (a + 1),
          pm(head.value(), head.stderr()), pm(beside.value(), beside.stderr()),
          q == null ? "-" : fmt(q.value()), h == null ? "-" : fmt(h.value()), pm(dr.value(), dr.stderr()), dr.z());
    }
    if (m.exponents() > 1) {
      out.printf("%-10s %s%n", "sum", pm(r.sum().value(), r.sum().stderr()));
    }
    if (r.converged()) {
      out.println("convergence        converged: the drift from T/2 to T is within 2 stderr for every exponent");
    } else {
      StringBuilder which = new StringBuilder();
      for (int a = 0; a < m.exponents(); a++) {
        if (!r.converged(a)) {
          which.append(which.isEmpty() ? "" : ", ").append("Lambda_").append(a + 1);
        }
      }
      out.println("convergence        NOT converged: " + which + " still drift by more than 2 stderr"
          + " (about 5% of converged runs do too)" + (whole ? "; run longer (--steps)"
              : ": the whole run keeps the transient, the late window (the estimate) drops it; run longer (--steps)"
                  + " to confirm"));
    }
    if (t.oneDimensional() != null) {
      check(out, "d = 1, Lambda_1 = E log|1 - lr q|", t.oneDimensional(), r.headline()[0].value(), r.headline()[0].stderr());
    }
    if (t.topIsotropic() != null) {
      check(out, "isotropic data, Lambda_1 = E log|M e_1|", t.topIsotropic(), r.headline()[0].value(),
          r.headline()[0].stderr());
    }
    if (t.logDet() != null) {
      check(out, "k = d, sum = E log|det M|", t.logDet(), r.sum().value(), r.sum().stderr());
    }
    double top = r.headline()[0].value();
    out.printf("verdict            %s%n", top < 0 ? "Lambda_1 < 0: SGD converges to w* in probability"
        : "Lambda_1 >= 0: SGD does not converge to w* in probability");
    out.printf("speed              %.3e trajectory-steps/s, %d threads, %s, kernels %.2f s%n",
        r.stepsPerSecond(), o.threads(), VectorizationProvider.lookup().describe(), r.kernelSeconds());
  }

  private static void check(PrintStream out, String what, Estimate reference, double simulated, double stderr) {
    String apart = Apart.describe(simulated, stderr, reference.value(), reference.stderr());
    out.printf("check              %s: reference %s (%s), simulated %s%s%n", what,
        reference.stderr() > 0 ? pm(reference.value(), reference.stderr()) : fmt(reference.value()), reference.method(),
        pm(simulated, stderr), apart);
  }

  private static String pm(double v, double err) {
    return fmt(v) + " +- " + fmt(err);
  }

  static String fmt(double v) {
    return SimulateLinreg1dCommand.fmt(v);
  }
}
