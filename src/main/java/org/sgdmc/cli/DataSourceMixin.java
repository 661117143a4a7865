package org.sgdmc.cli;

import org.sgdmc.io.DatasetFiles;
import org.sgdmc.models.Datasets;
import org.sgdmc.models.FeatureData;
import picocli.CommandLine.Option;

/**
 * Where the data come from, the same in every command: a Gaussian stream, fresh each step (the default, N =
 * infinity), a dataset of N points generated once from {@code --data-seed} ({@code --n}, optionally with an
 * outlier), or a file ({@code --data-file}). What a data point is (x, (x, y), a vector) is the model's.
 *
 * <p>One rule for the data seed: {@code --data-seed} defaults to the run's {@code --seed}. Sweeps used to default
 * it to 1, which is also their {@code --seed} default, so every command that ran before gives the same numbers
 * unless it gave {@code --seed} without {@code --data-seed}. The two-layer nets are the exception: their datasets
 * are chosen draws (data seed 6 for tanh2, 85 for swish2; see the README), and their seed is the model's.
 */
public final class DataSourceMixin {
  @Option(names = "--n", paramLabel = "N",
      description = "A finite dataset of N points generated once from --data-seed (default: N = infinity, fresh data "
          + "each step; tanh2 and swish2: 100 training points). sweep: a value or an axis, 0 for fresh data.")
  String n;

  @Option(names = "--outlier", paramLabel = "C",
      description = "linreg1d, with --n: replace the first point so that x_1^2 = C (seed 002, Fig. 2). sweep: a value "
          + "or an axis.")
  String outlier;

  @Option(names = "--data-file", paramLabel = "FILE",
      description = "Read the dataset from a CSV/text file or HDF5 (FILE.h5 or FILE.h5:/path): one x per row "
          + "(linreg1d), x_1 .. x_d (linear-d), x,y (tails linreg1d) or x_1 .. x_d,y (tails linear-d).")
  String dataFile;

  @Option(names = "--data-seed", paramLabel = "SEED",
      description = "Seed of a generated dataset (default: the run's --seed; tanh2 and swish2: their chosen draws).")
  Long dataSeed;

  /** The dataset size, or null for a stream. */
  Integer n() {
    if (n == null) {
      return null;
    }
    try {
      return Integer.parseInt(n.trim());
    } catch (NumberFormatException e) {
      throw new UserError("--n: '" + n + "' is not a whole number");
    }
  }

  /** A short name of the data kind for files: gaussian, generated or file. */
  String kind() {
    return dataFile != null ? "file" : n != null ? "generated" : "gaussian";
  }

  /** The seed of a generated dataset: {@code --data-seed}, else the run's seed. */
  long dataSeed(long runSeed) {
    return dataSeed != null ? dataSeed : runSeed;
  }

  /** Fails with one line unless at most one of {@code --n} and {@code --data-file} is given. */
  void checkOneSource() {
    if (dataFile != null && n != null) {
      throw new UserError("give either --n (a generated dataset) or --data-file, not both");
    }
  }

  /** linreg1d's data: x ~ N(0,1) fresh, N generated points (optionally with an outlier), or a file of x. */
  FeatureData features(long runSeed) {
    checkOneSource();
    if (outlier != null && n == null) {
      throw new UserError("--outlier needs a generated dataset (--n N)");
    }
    try {
      if (dataFile != null) {
        return DatasetFiles.read(dataFile);
      }
      if (n != null) {
        Double c = outlier == null ? null : SgdMixin.number("--outlier", outlier);
        return Datasets.gaussian(n(), c, dataSeed(runSeed));
      }
      return new FeatureData.Gaussian();
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
