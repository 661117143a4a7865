package org.sgdmc.cli;

import java.util.Map;
import java.util.Set;
import org.sgdmc.io.DatasetFiles;
import org.sgdmc.io.ResultFile;
import org.sgdmc.io.RunSections;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.Kernels;
import org.sgdmc.models.LinearDTails;
import org.sgdmc.models.PointData;
import org.sgdmc.models.Sampling;
import org.sgdmc.theory.TailIndexTheory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code sgdmc tails linear-d}: d-dimensional least squares off interpolation (Gurbuzbalaban et al. 2021). */
@Command(
    name = "linear-d",
    header = "d-dim linear regression off interpolation: u = w - w_LS <- (I - (lr/S) sum x x^T) u + (lr/S) sum x e.",
    description = {
      "Features x ~ N(0, I_d) afresh each step, or a finite dataset (generated, or read from a file of rows",
      "x_1 .. x_d, y). Fits the tails of |u| and of the coordinate u_1; theory: the index solving h(alpha) = 0.",
      "Reshuffled (--sampling reshuffle), it observes at epoch ends and h is the epoch's (over products of an",
      "epoch's K batch matrices); the Lyapunov exponent is given per step."
    },
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class TailsLinearDCommand implements Runnable, SharedOptions.Tailored {
  /** Dimension of the Gaussian stream or generated dataset when --dim is not given. */
  static final int DEFAULT_DIM = 10;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin SgdMixin sgd;
  @Mixin DimensionMixin dimension;
  @Mixin NoiseMixin noise;
  @Mixin DataSourceMixin source;

  @Option(names = "--kernel", paramLabel = "K", defaultValue = "VECTOR",
      description = "vector (fast) or scalar (the reference twin, same bits, slow) (default: vector).")
  Kernel kernel;

  @Mixin TailsRun tails;

  @Override
  public Map<String, String> defaults() {
    return Map.of("--dim", "" + DEFAULT_DIM);
  }

  @Override
  public Set<String> notApplicable() {
    return Set.of("--outlier", "--noise", "--stable-alpha", "--noise-scale");
  }

  @Override
  public void run() {
    LinearDTails model = model();
    ReshuffleMemory.check(model.reshuffled(), model.size(), tails.ensemble.threads(), tails.ensemble.blockWidth);
    tails.sampling.observeAtEpochEnds(model.stepsPerEpoch());
    tails.execute(spec, "tails linear-d", model.describe(),
        () -> TailIndexTheory.linearD(model.lr(), model.batch(), model.data(), model.sampling()),
        Kernels.LINEAR_D_TAILS.blocks(model, tails.ensemble.seed, kernel),
        model.dim() > 1, f -> parameters(f, model), model.batch(), model.dim());
  }

  LinearDTails model() {
    source.checkOneSource();
    double lr = sgd.lr();
    int batch = sgd.batch();
    // the isotropic stream (no --n, no --data-file) draws fresh points each step: the mode is said to be ignored
    Sampling sampling = sgd.sampling(source.dataFile != null || source.n != null);
    String dataFile = source.dataFile;
    try {
      if (dataFile != null) {
        double[][] rows = DatasetFiles.readMatrix(dataFile);
        int d = rows.length == 0 ? 0 : rows[0].length - 1;
        if (d < 1) {
          throw new UserError(dataFile + ": expected rows of d + 1 >= 2 numbers (x_1 .. x_d, y)");
        }
        double[][] x = new double[rows.length][];
        double[] y = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
          if (rows[i].length != d + 1) {
            throw new UserError(dataFile + ": row " + (i + 1) + " has " + rows[i].length + " numbers, row 1 has " + (d + 1));
          }
          x[i] = java.util.Arrays.copyOf(rows[i], d);
          y[i] = rows[i][d];
        }
        return LinearDTails.finite(lr, batch, x, y, sampling, "file " + dataFile);
      }
      int dim = dimension.dim;
      if (dim < 1) {
        throw new UserError("--dim must be at least 1, not " + dim);
      }
      if (source.n != null) {
        return LinearDTails.generated(lr, batch, source.n(), dim, noise.sigma, sampling,
            source.dataSeed(tails.ensemble.seed));
      }
      return LinearDTails.isotropicStream(lr, batch, dim, noise.sigma);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  private void parameters(ResultFile f, LinearDTails m) {
    String g = "/parameters";
    RunSections.sgd(f, m.lr(), m.batch(), m.sampling());
    f.attribute(g, "steps_per_epoch", m.stepsPerEpoch());
    f.attribute(g, "d", (long) m.dim());
    f.attribute(g, "noise", "minibatch");
    f.attribute(g, "noise_sigma", m.sigma());
    f.attribute(g, "seed", tails.ensemble.seed);
    if (m.data() instanceof PointData.Finite fin) {
      RunSections.dataSource(f, source.kind(), m.data().describe(), fin.size(), source.dataSeed(tails.ensemble.seed));
      f.dataset("/data/x", fin.points());
      f.dataset("/data/residual", m.fit().residuals());
      f.dataset("/data/w_ls", m.fit().solution());
    } else {
      RunSections.dataSource(f, "gaussian", m.data().describe(), -1L, null);
    }
  }
}
