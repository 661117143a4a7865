package org.sgdmc.io;

import java.nio.file.Path;
import org.sgdmc.models.PointGradients;
import org.sgdmc.results.NoiseCovarianceResult;

/** Writes an {@code sde covariance} run (the minibatch gradient's covariance against B) as in data/SCHEMA.md. */
public final class NoiseCovarianceFile {
  private NoiseCovarianceFile() {}

  /** The file's model attribute. */
  public static final String MODEL = "sde covariance";

  public static void write(Path target, boolean overwrite, RunMetadata meta, PointGradients data, double[] theta,
      long seed, Long dataSeed, double sigma, NoiseCovarianceResult r) {
    try (ResultFile f = RunSections.create(target, overwrite, meta, MODEL)) {
      String p = "/parameters";
      f.attribute(p, "loss", data.loss().label());
      f.attribute(p, "theta", theta);
      f.attribute(p, "dim", (long) data.dim());
      f.attribute(p, "replicates", r.replicates());
      f.attribute(p, "seed", seed);
      f.attribute(p, "noise_sigma", sigma);
      RunSections.dataSource(f, dataSeed == null ? "file" : "generated", data.describe(), data.size(), dataSeed);
      f.dataset("/data/x", data.x());
      f.dataset("/data/y", data.y());
      f.dataset("/data/gradients", data.gradients(theta));
      f.dataset("/grid/batch", toLong(r.batch()));
      f.attribute("/grid", "entries", r.entryLabels());
      f.dataset("/estimates/covariance_with_replacement", r.with());
      f.dataset("/estimates/covariance_with_replacement_stderr", r.withStderr());
      f.dataset("/estimates/covariance_without_replacement", r.without());
      f.dataset("/estimates/covariance_without_replacement_stderr", r.withoutStderr());
      f.dataset("/estimates/z_with_replacement_iid", r.z(true, false));
      f.dataset("/estimates/z_with_replacement_finite_population", r.z(true, true));
      f.dataset("/estimates/z_without_replacement_iid", r.z(false, false));
      f.dataset("/estimates/z_without_replacement_finite_population", r.z(false, true));
      f.attribute("/estimates", "rounding_floor", r.roundingFloor());
      f.attribute("/estimates", "entries", r.entryLabels());
      f.dataset("/theory/mean_gradient", r.meanGradient());
      f.dataset("/theory/sigma", r.sigma());
      f.dataset("/theory/covariance_iid", r.iid());
      f.dataset("/theory/covariance_finite_population", r.finitePopulation());
      f.attribute("/theory", "entries", r.entryLabels());
      RunSections.performance(f, r.seconds(), Double.NaN, 1);
      f.commit();
    }
  }

  private static long[] toLong(int[] a) {
    long[] l = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      l[i] = a[i];
    }
    return l;
  }
}
