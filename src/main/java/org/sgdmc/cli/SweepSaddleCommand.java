package org.sgdmc.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.sgdmc.sweep.SaddleFamily;
import org.sgdmc.sweep.SweepFamily;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sgdmc sweep saddle}: seed 002's phase diagrams (Fig. 1b, 3, 4). */
@Command(
    name = "saddle",
    header = "Sweep the rank-0 saddle: Lyapunov exponents of w + u and w - u, and the phases I, Ib, II, III, IV.",
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class SweepSaddleCommand extends SweepSupport implements ModelHints.Needs {
  @Override
  public String needs() {
    return "--lr LR and -o FILE.h5, one or two axes, and --mu MU or --data two-point --a A";
  }

  @Mixin SaddleDataMixin law;

  @Override
  public Set<String> notApplicable() {
    return Set.of("--outlier", "--data-file", "--record-times");
  }

  @Override
  SweepFamily family() {
    law.check(source.n);
    return new SaddleFamily(law.kind == SaddleDataMixin.Kind.GAUSSIAN ? SaddleFamily.Kind.GAUSSIAN
        : SaddleFamily.Kind.TWO_POINT,
        // two-point chi and the Gaussian law without --n are drawn fresh each step (N = infinity)
        sgd.sampling(law.kind == SaddleDataMixin.Kind.GAUSSIAN && source.n != null),
        source.dataSeed(run.ensemble.seed));
  }

  @Override
  String familySettings() {
    return "data=" + (law.kind == SaddleDataMixin.Kind.GAUSSIAN ? "gaussian" : "two_point") + ", with_replacement="
        + sgd.mode().withReplacement() + ", sampling=" + sgd.mode().label + ", data_seed="
        + source.dataSeed(run.ensemble.seed);
  }

  @Override
  Map<String, String> parameterSpecs() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("lr", sgd.lr);
    if (law.kind == SaddleDataMixin.Kind.GAUSSIAN) {
      m.put("mu", law.mu);
      m.put("n", source.n);
    } else {
      m.put("a", law.a);
    }
    m.put("batch", sgd.batch);
    return m;
  }
}
