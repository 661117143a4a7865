package org.sgdmc.cli;

import org.sgdmc.experiments.Linreg1dTailsTheory;
import org.sgdmc.experiments.TailsExperiment;
import org.sgdmc.io.DatasetFiles;
import org.sgdmc.io.ResultFile;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.Kernels;
import org.sgdmc.models.LabelledData;
import org.sgdmc.models.Linreg1dTails;
import org.sgdmc.models.NoiseModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code sgdmc tails linreg1d}: 1-D regression with label noise, u <- (1 - lr q) u + lr r. */
@Command(
    name = "linreg1d",
    header = "1-D linear regression off interpolation: y = x w* + sigma eps, u = w - w_LS <- (1 - lr q) u + lr r.",
    description = {
      "q and r are the batch means of x^2 and x e (e the residual about w_LS). --noise replaces the minibatch",
      "noise by an SDE's: gaussian (Euler-Maruyama, dt = lr, the minibatch covariance at the current w),",
      "gaussian-constant (its value at w_LS) or stable (Levy, index --stable-alpha)."
    },
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class TailsLinreg1dCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--lr", required = true, paramLabel = "LR", description = "Learning rate (> 0).")
  double lr;

  @Option(names = "--batch", paramLabel = "S", defaultValue = "1", description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--noise-sigma", paramLabel = "SIGMA", defaultValue = "1",
      description = "Label noise: y = x w* + SIGMA eps (default: ${DEFAULT-VALUE}).")
  double sigma;

  @Option(names = "--n", paramLabel = "N",
      description = "A finite dataset of N points generated from --data-seed (default: a fresh stream, N = infinity).")
  Integer n;

  @Option(names = "--data-file", paramLabel = "FILE",
      description = "Read the dataset (rows x,y) from CSV/text or HDF5 (FILE.h5:/path, an N x 2 dataset).")
  String dataFile;

  @Option(names = "--data-seed", paramLabel = "SEED", description = "Seed of the generated dataset (default: --seed).")
  Long dataSeed;

  @Option(names = "--w-star", paramLabel = "W", defaultValue = "1",
      description = "Teacher slope of a generated dataset (default: ${DEFAULT-VALUE}); the law of w - w_LS does not depend on it.")
  double wStar;

  @Option(names = "--with-replacement", description = "Sample finite-data batches with replacement (default: without).")
  boolean withReplacement;

  @Option(names = "--noise", paramLabel = "MODEL", defaultValue = "minibatch",
      description = "minibatch (SGD), gaussian, gaussian-constant or stable (default: ${DEFAULT-VALUE}).")
  String noise;

  @Option(names = "--stable-alpha", paramLabel = "A", description = "Index of the stable noise, in (0, 2].")
  Double stableAlpha;

  @Option(names = "--noise-scale", paramLabel = "C",
      description = "Scale of the stable noise (default: the one that equals gaussian-constant at alpha = 2).")
  Double stableScale;

  @Option(names = "--kernel", paramLabel = "K", defaultValue = "VECTOR",
      description = "vector (fast) or scalar (the reference twin, same bits, slow) (default: vector).")
  Kernel kernel;

  @Mixin StationaryMixin sampling;
  @Mixin TailFitMixin fitting;
  @Mixin OutputMixin output;

  @Override
  public void run() {
    Linreg1dTails model = model();
    TailsRun.execute(spec, output, sampling, fitting, "tails linreg1d", model.describe(),
        () -> Linreg1dTailsTheory.of(model),
        Kernels.LINREG1D_TAILS.blocks(model, sampling.seed, kernel),
        false, f -> parameters(f, model));
  }

  Linreg1dTails model() {
    try {
      NoiseModel kind = NoiseModel.parse(noise);
      if (kind == NoiseModel.STABLE && stableAlpha == null) {
        throw new UserError("--noise stable needs --stable-alpha A (0 < A <= 2)");
      }
      if (kind != NoiseModel.STABLE && (stableAlpha != null || stableScale != null)) {
        throw new UserError("--stable-alpha and --noise-scale apply to --noise stable only");
      }
      return new Linreg1dTails(lr, batch, data(), withReplacement, kind,
          stableAlpha == null ? Double.NaN : stableAlpha, stableScale == null ? Double.NaN : stableScale);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  private LabelledData data() {
    if (n != null && dataFile != null) {
      throw new UserError("give --n or --data-file, not both");
    }
    if (dataFile != null) {
      double[][] rows = DatasetFiles.readMatrix(dataFile);
      double[] x = new double[rows.length];
      double[] y = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        if (rows[i].length != 2) {
          throw new UserError(dataFile + ": row " + (i + 1) + " has " + rows[i].length + " numbers; expected two (x, y)");
        }
        x[i] = rows[i][0];
        y[i] = rows[i][1];
      }
      return new LabelledData.Finite(x, y, "file " + dataFile);
    }
    if (n != null) {
      return LabelledData.Finite.generated(n, wStar, sigma, dataSeed == null ? sampling.seed : dataSeed);
    }
    return new LabelledData.Stream(sigma);
  }

  private void parameters(ResultFile f, Linreg1dTails m) {
    String g = "/parameters";
    f.attribute(g, "lr", m.lr());
    f.attribute(g, "batch", (long) m.batch());
    f.attribute(g, "noise", m.noise().label());
    f.attribute(g, "stable_alpha", m.stableAlpha());
    f.attribute(g, "stable_step_scale", m.noise() == NoiseModel.STABLE ? m.stableStepScale() : Double.NaN);
    f.attribute(g, "with_replacement", m.withReplacement());
    f.attribute(g, "seed", sampling.seed);
    f.attribute(g, "data_description", m.data().describe());
    switch (m.data()) {
      case LabelledData.Stream s -> {
        f.attribute(g, "data", "gaussian");
        f.attribute(g, "n", -1L);
        f.attribute(g, "noise_sigma", s.sigma());
      }
      case LabelledData.Finite fin -> {
        f.attribute(g, "data", dataFile != null ? "file" : "generated");
        f.attribute(g, "n", fin.size());
        f.attribute(g, "noise_sigma", dataFile != null ? Double.NaN : sigma);
        f.attribute(g, "data_seed", dataSeed == null ? sampling.seed : dataSeed);
        f.attribute(g, "w_ls", fin.wLs());
        f.dataset("/data/x", fin.x());
        f.dataset("/data/y", fin.y());
      }
    }
  }
}
