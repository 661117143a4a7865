package org.sgdmc.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sgdmc.sweep.Linreg1dFamily;
import org.sgdmc.sweep.SweepFamily;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sgdmc sweep linreg1d}: e.g. seed 002 Fig. 2, lr against the outlier size x_1^2. */
@Command(
    name = "linreg1d",
    header = "Sweep linreg1d: the Lyapunov exponent over lr, batch, dataset size n or outlier x_1^2.",
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class SweepLinreg1dCommand extends SweepSupport {
  @Option(names = "--lr", paramLabel = "SPEC", required = true, description = "Learning rate: a value or an axis.")
  String lr;

  @Option(names = "--batch", paramLabel = "SPEC", description = "Batch size S (default 1).")
  String batch;

  @Option(names = "--n", paramLabel = "SPEC", description = "Dataset size N; 0 = Gaussian data afresh each step (default).")
  String n;

  @Option(names = "--outlier", paramLabel = "SPEC", description = "x_1^2 of the generated dataset (default: as generated).")
  String outlier;

  @Option(names = "--with-replacement", description = "Batches of finite data with replacement (default: without).")
  boolean withReplacement;

  @Option(names = "--data-seed", description = "Seed of the generated dataset (default: 1).", defaultValue = "1")
  long dataSeed;

  @Override
  SweepFamily family() {
    return new Linreg1dFamily(withReplacement, dataSeed);
  }

  @Override
  String familySettings() {
    return "with_replacement=" + withReplacement + ", data_seed=" + dataSeed;
  }

  @Override
  Map<String, String> parameterSpecs() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("lr", lr);
    m.put("batch", batch);
    m.put("n", n);
    m.put("outlier", outlier);
    return m;
  }
}
