package org.sgdmc.cli;

import org.sgdmc.io.DatasetFiles;
import org.sgdmc.models.Datasets;
import org.sgdmc.models.FeatureData;
import picocli.CommandLine.Option;

/** Where x comes from: Gaussian afresh each step (default), a generated finite dataset, or a file. */
public final class DataMixin {
  @Option(names = "--n", paramLabel = "N",
      description = "Use a finite dataset of N points x_i ~ N(0,1), generated from --data-seed (default: N = infinity, fresh x each step).")
  Integer n;

  @Option(names = "--outlier", paramLabel = "C",
      description = "With --n: replace the first point so that x_1^2 = C (seed 002, Fig. 2).")
  Double outlier;

  @Option(names = "--data-file", paramLabel = "FILE",
      description = "Read the finite dataset from a CSV/text file (one x per line) or HDF5 (FILE.h5 or FILE.h5:/path).")
  String dataFile;

  @Option(names = "--data-seed", paramLabel = "SEED",
      description = "Seed of the generated dataset (default: the run's --seed).")
  Long dataSeed;

  @Option(names = "--with-replacement",
      description = "Sample a batch of a finite dataset with replacement (default: without, as in an epoch).")
  boolean withReplacement;

  /** A short name of the data kind for files: gaussian, generated or file. */
  String kind() {
    return dataFile != null ? "file" : n != null ? "generated" : "gaussian";
  }

  long dataSeed(long runSeed) {
    return dataSeed != null ? dataSeed : runSeed;
  }

  FeatureData data(long runSeed) {
    if (dataFile != null && n != null) {
      throw new UserError("give either --n (a generated dataset) or --data-file, not both");
    }
    if (outlier != null && n == null) {
      throw new UserError("--outlier needs a generated dataset (--n N)");
    }
    try {
      if (dataFile != null) {
        return DatasetFiles.read(dataFile);
      }
      if (n != null) {
        return Datasets.gaussian(n, outlier, dataSeed(runSeed));
      }
      return new FeatureData.Gaussian();
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
