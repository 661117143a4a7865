package org.sgdmc.cli;

import org.sgdmc.io.SaddleFile;
import org.sgdmc.models.Datasets;
import org.sgdmc.models.SaddleData;
import picocli.CommandLine.Option;

/**
 * The saddle's law of chi = x y: two-point, or Gaussian data (fresh each step, or a finite dataset through
 * {@link DataSourceMixin}'s {@code --n} and {@code --data-seed}).
 */
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

  @Option(names = "--a", paramLabel = "A",
      description = "The second value of two-point chi (seed 002: a > -1). sweep: a value or an axis.")
  String a;

  @Option(names = "--mu", paramLabel = "MU",
      description = "Signal fraction of the Gaussian labels (seed 002, Fig. 3). sweep: a value or an axis.")
  String mu;

  /** Fails with one line if the options do not fit the data kind; {@code n} is the --n given, or null. */
  void check(String n) {
    switch (kind) {
      case TWO_POINT -> {
        if (a == null) {
          throw new UserError("--data two-point needs --a A (chi = 1 or A)");
        }
        if (mu != null || n != null) {
          throw new UserError("--mu and --n apply to --data gaussian, not two-point");
        }
      }
      case GAUSSIAN -> {
        if (mu == null) {
          throw new UserError("--data gaussian needs --mu MU (y = MU x + (1 - MU) eps)");
        }
        if (a != null) {
          throw new UserError("--a applies to --data two-point, not gaussian");
        }
      }
    }
  }

  /** What the file records about the data: kind (two-point, gaussian or generated), data seed, mu. */
  SaddleFile.DataSource source(DataSourceMixin source, long runSeed) {
    return new SaddleFile.DataSource(source.n != null ? "generated" : kind.label, source.dataSeed(runSeed),
        source.n != null ? SgdMixin.number("--mu", mu) : Double.NaN);
  }

  /** The law of chi; the dataset size and seed come from {@code source}. */
  SaddleData data(DataSourceMixin source, long runSeed) {
    check(source.n);
    try {
      return switch (kind) {
        case TWO_POINT -> new SaddleData.TwoPoint(SgdMixin.number("--a", a));
        case GAUSSIAN -> {
          double m = SgdMixin.number("--mu", mu);
          yield source.n != null ? Datasets.saddleGaussian(source.n(), m, source.dataSeed(runSeed))
              : new SaddleData.Gaussian(m);
        }
      };
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
