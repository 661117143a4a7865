package org.sgdmc.cli;

import org.sgdmc.models.GrokData;
import org.sgdmc.models.GrokDatasets;
import org.sgdmc.models.GrokDiag;
import org.sgdmc.models.GrokDiagDatasets;
import org.sgdmc.theory.MinL1Interpolant;
import picocli.CommandLine.Option;

/**
 * The diagonal network's own options (the teacher's support, the features), the same for {@code simulate grok-diag}
 * and {@code sweep grok-diag}; with {@link GrokMixin}'s dataset and threshold options.
 */
public final class GrokDiagMixin {
  @Option(names = "--k", paramLabel = "K", defaultValue = "3",
      description = "Non-zero coordinates of the teacher, 1..d (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--data", paramLabel = "KIND", defaultValue = "gaussian",
      description = "gaussian: x_i ~ N(0, I_d); fourier: the seed's 1-D dataset (App. D.2), t_i uniform on [0, 2 pi) "
          + "mapped to sqrt(2) (cos jt, sin jt), j = 1..d/2 (d even), a sparse Fourier series teacher "
          + "(default: ${DEFAULT-VALUE}).")
  String dataKind;

  /** The k-sparse dataset of {@code grok}'s sizes, every bad value one line. */
  GrokData data(GrokMixin grok, long runSeed) {
    grok.data(runSeed); // the shared checks of --n, --dim, --noise, in one line each
    if (k < 1 || k > grok.dim) {
      throw new UserError("--k: the teacher's support must be in 1..d = " + grok.dim + ", not " + k);
    }
    long seed = grok.dataSeed != null ? grok.dataSeed : runSeed;
    switch (dataKind) {
      case "gaussian":
        return GrokData.sparse(grok.n, grok.dim, k, grok.noise, seed);
      case "fourier":
        if (grok.dim % 2 != 0) {
          throw new UserError("--dim " + grok.dim + ": Fourier features come in cos/sin pairs, d must be even");
        }
        return GrokData.fourier(grok.n, grok.dim, k, grok.noise, seed);
      default:
        throw new UserError("--data: gaussian or fourier, not '" + dataKind + "'");
    }
  }

  /**
   * The model with a dataset per trajectory ({@code --dataset per-trajectory}): t2's level is {@code --test-excess}
   * above the teacher, the first {@link GrokDiagDatasets#TARGETED} trajectories get their own minimum-l1
   * interpolant.
   */
  GrokDiagDatasets perTrajectoryModel(GrokMixin grok, long runSeed, double eta, double lambda, Integer batch,
      org.sgdmc.models.Sampling sampling) {
    GrokData fixed = data(grok, runSeed); // every one-line check of the sizes, --k and --data
    if (!(lambda >= 0) || !Double.isFinite(lambda)) {
      throw new UserError("--lambda: the weight decay must be a finite number >= 0, not " + lambda);
    }
    if (!(grok.trainThreshold > 0) || !(grok.testExcess > 0)) {
      throw new UserError("--train-threshold and --test-excess must be positive");
    }
    GrokDatasets datasets = new GrokDatasets(fixed.isFourier() ? GrokDatasets.Kind.FOURIER : GrokDatasets.Kind.SPARSE,
        grok.n, grok.dim, k, grok.noise, grok.dataSeed(runSeed), true);
    try {
      int s = batch == null ? grok.n : batch;
      return new GrokDiagDatasets(datasets, eta, lambda, grok.alpha, s, sampling, grok.trainThreshold,
          grok.testExcess, GrokDiagDatasets.TARGETED);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  /**
   * The model at (eta, lambda): full-batch GD when {@code batch} is null; the test level is the minimum-l1
   * interpolant's test loss plus {@code --test-excess}.
   */
  static GrokDiag model(GrokMixin grok, GrokData data, MinL1Interpolant minL1, double eta, double lambda,
      Integer batch, org.sgdmc.models.Sampling sampling) {
    if (!(lambda >= 0) || !Double.isFinite(lambda)) {
      throw new UserError("--lambda: the weight decay must be a finite number >= 0, not " + lambda);
    }
    if (!(grok.trainThreshold > 0) || !(grok.testExcess > 0)) {
      throw new UserError("--train-threshold and --test-excess must be positive");
    }
    double[] b = minL1.beta(), star = data.betaStar();
    double test = 0;
    for (int c = 0; c < b.length; c++) {
      test += (b[c] - star[c]) * (b[c] - star[c]) / 2;
    }
    try {
      int s = batch == null ? data.n() : batch;
      return new GrokDiag(data, eta, lambda, grok.alpha, s, sampling, grok.trainThreshold,
          test + grok.testExcess, b);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
