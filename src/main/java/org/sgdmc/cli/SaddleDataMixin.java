package org.sgdmc.cli;

import org.sgdmc.io.SaddleFile;
import org.sgdmc.models.Datasets;
import org.sgdmc.models.SaddleData;
import picocli.CommandLine.Option;

/** Where the saddle's chi = x y comes from: a two-point law, or Gaussian data fresh each step or finite. */
public final class SaddleDataMixin {
  /** The data laws of seed 002, Sec. 4.2. */
  enum Kind {
    TWO_POINT("two-point"),
    GAUSSIAN("gaussian");

    final String label;

    Kind(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** Accepts {@code two-point} as well as picocli's {@code TWO_POINT}. */
  static final class KindConverter implements picocli.CommandLine.ITypeConverter<Kind> {
    @Override
    public Kind convert(String value) {
      for (Kind k : Kind.values()) {
        if (k.label.equalsIgnoreCase(value) || k.name().equalsIgnoreCase(value)) {
          return k;
        }
      }
      throw new picocli.CommandLine.TypeConversionException(
          "expected two-point or gaussian, not '" + value + "'");
    }
  }

  @Option(names = "--data", paramLabel = "KIND", defaultValue = "gaussian", converter = KindConverter.class,
      description = "two-point (chi = 1 or A, probability 1/2 each) or gaussian (x ~ N(0,1), eps ~ N(0,4), "
          + "y = MU x + (1 - MU) eps) (default: ${DEFAULT-VALUE}).")
  Kind kind;

  @Option(names = "--a", paramLabel = "A", description = "The second value of two-point chi (seed 002: a > -1).")
  Double a;

  @Option(names = "--mu", paramLabel = "MU", description = "Signal fraction of the Gaussian labels (seed 002, Fig. 3).")
  Double mu;

  @Option(names = "--n", paramLabel = "N",
      description = "Gaussian data only: a finite dataset of N points generated from --data-seed "
          + "(default: N = infinity, fresh data each step).")
  Integer n;

  @Option(names = "--data-seed", paramLabel = "SEED",
      description = "Seed of the generated dataset (default: the run's --seed).")
  Long dataSeed;

  @Option(names = "--with-replacement",
      description = "Sample a batch of a finite dataset with replacement (default: without, as in an epoch).")
  boolean withReplacement;

  /** What the file records about the data: kind (two-point, gaussian or generated), data seed, mu. */
  SaddleFile.DataSource source(long runSeed) {
    return new SaddleFile.DataSource(n != null ? "generated" : kind.label, dataSeed(runSeed),
        n != null ? mu : Double.NaN);
  }

  long dataSeed(long runSeed) {
    return dataSeed != null ? dataSeed : runSeed;
  }

  SaddleData data(long runSeed) {
    try {
      return switch (kind) {
        case TWO_POINT -> {
          if (a == null) {
            throw new UserError("--data two-point needs --a A (chi = 1 or A)");
          }
          if (mu != null || n != null) {
            throw new UserError("--mu and --n apply to --data gaussian, not two-point");
          }
          yield new SaddleData.TwoPoint(a);
        }
        case GAUSSIAN -> {
          if (mu == null) {
            throw new UserError("--data gaussian needs --mu MU (y = MU x + (1 - MU) eps)");
          }
          if (a != null) {
            throw new UserError("--a applies to --data two-point, not gaussian");
          }
          yield n != null ? Datasets.saddleGaussian(n, mu, dataSeed(runSeed)) : new SaddleData.Gaussian(mu);
        }
      };
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
