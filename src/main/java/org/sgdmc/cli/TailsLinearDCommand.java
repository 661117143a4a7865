package org.sgdmc.cli;

import org.sgdmc.experiments.TailsExperiment;
import org.sgdmc.io.DatasetFiles;
import org.sgdmc.io.ResultFile;
import org.sgdmc.kernels.Kernel;
import org.sgdmc.kernels.Kernels;
import org.sgdmc.models.LinearDTails;
import org.sgdmc.models.PointData;
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
      "x_1 .. x_d, y). Fits the tails of |u| and of the coordinate u_1; theory: the index solving h(alpha) = 0."
    },
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class TailsLinearDCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--lr", required = true, paramLabel = "LR", description = "Learning rate (> 0).")
  double lr;

  @Option(names = "--batch", paramLabel = "S", defaultValue = "1", description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--dim", paramLabel = "D", defaultValue = "10", description = "Dimension d (default: ${DEFAULT-VALUE}).")
  int dim;

  @Option(names = "--noise-sigma", paramLabel = "SIGMA", defaultValue = "1",
      description = "Label noise: y = x . w* + SIGMA eps (default: ${DEFAULT-VALUE}).")
  double sigma;

  @Option(names = "--n", paramLabel = "N", description = "A finite dataset of N generated points (default: a stream).")
  Integer n;

  @Option(names = "--data-file", paramLabel = "FILE",
      description = "Read the dataset from CSV/text or HDF5 (FILE.h5:/path): rows x_1 .. x_d, y.")
  String dataFile;

  @Option(names = "--data-seed", paramLabel = "SEED", description = "Seed of the generated dataset (default: --seed).")
  Long dataSeed;

  @Option(names = "--with-replacement", description = "Sample finite-data batches with replacement (default: without).")
  boolean withReplacement;

  @Option(names = "--kernel", paramLabel = "K", defaultValue = "VECTOR",
      description = "vector (fast) or scalar (the reference twin, same bits, slow) (default: vector).")
  Kernel kernel;

  @Mixin StationaryMixin sampling;
  @Mixin TailFitMixin fitting;
  @Mixin OutputMixin output;

  @Override
  public void run() {
    LinearDTails model = model();
    TailsRun.execute(spec, output, sampling, fitting, "tails linear-d", model.describe(),
        () -> TailIndexTheory.linearD(model.lr(), model.batch(), model.data(), model.withReplacement()),
        Kernels.LINEAR_D_TAILS.blocks(model, sampling.seed, kernel),
        model.dim() > 1, f -> parameters(f, model));
  }

  LinearDTails model() {
    if (n != null && dataFile != null) {
      throw new UserError("give --n or --data-file, not both");
    }
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
        return LinearDTails.finite(lr, batch, x, y, withReplacement, "file " + dataFile);
      }
      if (n != null) {
        return LinearDTails.generated(lr, batch, n, dim, sigma, withReplacement, dataSeed == null ? sampling.seed : dataSeed);
      }
      if (dim < 1) {
        throw new UserError("--dim must be at least 1, not " + dim);
      }
      return LinearDTails.isotropicStream(lr, batch, dim, sigma);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  private void parameters(ResultFile f, LinearDTails m) {
    String g = "/parameters";
    f.attribute(g, "lr", m.lr());
    f.attribute(g, "batch", (long) m.batch());
    f.attribute(g, "d", (long) m.dim());
    f.attribute(g, "noise", "minibatch");
    f.attribute(g, "noise_sigma", m.sigma());
    f.attribute(g, "with_replacement", m.withReplacement());
    f.attribute(g, "seed", sampling.seed);
    f.attribute(g, "data_description", m.data().describe());
    if (m.data() instanceof PointData.Finite fin) {
      f.attribute(g, "data", dataFile != null ? "file" : "generated");
      f.attribute(g, "n", fin.size());
      f.attribute(g, "data_seed", dataSeed == null ? sampling.seed : dataSeed);
      f.dataset("/data/x", fin.points());
      f.dataset("/data/residual", m.fit().residuals());
      f.dataset("/data/w_ls", m.fit().solution());
    } else {
      f.attribute(g, "data", "gaussian");
      f.attribute(g, "n", -1L);
    }
  }
}
