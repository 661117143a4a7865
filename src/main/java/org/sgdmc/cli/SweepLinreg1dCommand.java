package org.sgdmc.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.sgdmc.sweep.Linreg1dFamily;
import org.sgdmc.sweep.SweepFamily;
import picocli.CommandLine.Command;

/** {@code sgdmc sweep linreg1d}: e.g. seed 002 Fig. 2, lr against the outlier size x_1^2. */
@Command(
    name = "linreg1d",
    header = "Sweep linreg1d: the Lyapunov exponent over lr, batch, dataset size n or outlier x_1^2.",
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class SweepLinreg1dCommand extends SweepSupport implements ModelHints.Needs {
  @Override
  public String needs() {
    return "--lr LR and -o FILE.h5, with one or two parameters as axes (START:STOP:COUNT)";
  }

  @Override
  public Set<String> notApplicable() {
    return Set.of("--data-file", "--record-times");
  }

  @Override
  SweepFamily family() {
    // without --n every cell draws fresh data (N = infinity), where the sampling mode means nothing
    return new Linreg1dFamily(sgd.sampling(source.n != null), source.dataSeed(run.ensemble.seed));
  }

  @Override
  String familySettings() {
    return "with_replacement=" + sgd.mode().withReplacement() + ", sampling=" + sgd.mode().label + ", data_seed="
        + source.dataSeed(run.ensemble.seed);
  }

  @Override
  Map<String, String> parameterSpecs() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("lr", sgd.lr);
    m.put("batch", sgd.batch);
    m.put("n", source.n);
    m.put("outlier", source.outlier);
    return m;
  }
}
