package org.sgdmc.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sgdmc.sweep.SaddleFamily;
import org.sgdmc.sweep.SweepFamily;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sgdmc sweep saddle}: seed 002's phase diagrams (Fig. 1b, 3, 4). */
@Command(
    name = "saddle",
    header = "Sweep the rank-1 saddle: Lyapunov exponents of w + u and w - u, and the phases I, Ib, II, III, IV.",
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class SweepSaddleCommand extends SweepSupport {
  /** The laws of chi = x y. */
  enum Data {
    gaussian,
    two_point
  }

  @Option(names = "--data", paramLabel = "KIND", defaultValue = "gaussian",
      converter = DataConverter.class, description = "gaussian (y = mu x + (1-mu) eps, eps ~ N(0,4)) or two-point (chi = 1 or a).")
  Data data;

  @Option(names = "--lr", paramLabel = "SPEC", required = true, description = "Learning rate: a value or an axis.")
  String lr;

  @Option(names = "--mu", paramLabel = "SPEC", description = "Gaussian data: label mixing mu (default 0.06).")
  String mu;

  @Option(names = "--a", paramLabel = "SPEC", description = "Two-point data: the second value of chi (default -0.5).")
  String a;

  @Option(names = "--batch", paramLabel = "SPEC", description = "Batch size S (default 1).")
  String batch;

  @Option(names = "--n", paramLabel = "SPEC", description = "Gaussian data: dataset size N; 0 = fresh data each step (default).")
  String n;

  @Option(names = "--with-replacement", description = "Batches of finite data with replacement (default: without).")
  boolean withReplacement;

  @Option(names = "--data-seed", defaultValue = "1", description = "Seed of the generated dataset (default: ${DEFAULT-VALUE}).")
  long dataSeed;

  static final class DataConverter implements picocli.CommandLine.ITypeConverter<Data> {
    @Override
    public Data convert(String value) {
      return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "gaussian" -> Data.gaussian;
        case "two-point", "two_point", "twopoint" -> Data.two_point;
        default -> throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is not a data kind (gaussian, two-point)");
      };
    }
  }

  @Override
  SweepFamily family() {
    if (data == Data.two_point && (mu != null || n != null)) {
      throw new UserError("--mu and --n belong to --data gaussian; two-point data takes --a");
    }
    if (data == Data.gaussian && a != null) {
      throw new UserError("--a belongs to --data two-point");
    }
    return new SaddleFamily(data == Data.gaussian ? SaddleFamily.Kind.GAUSSIAN : SaddleFamily.Kind.TWO_POINT,
        withReplacement, dataSeed);
  }

  @Override
  String familySettings() {
    return "data=" + data + ", with_replacement=" + withReplacement + ", data_seed=" + dataSeed;
  }

  @Override
  Map<String, String> parameterSpecs() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("lr", lr);
    if (data == Data.gaussian) {
      m.put("mu", mu);
      m.put("n", n);
    } else {
      m.put("a", a);
    }
    m.put("batch", batch);
    return m;
  }
}
