package org.sgdmc.cli;

import org.sgdmc.models.NoiseModel;
import picocli.CommandLine.Option;

/** Off interpolation: the label noise of the data, and which noise drives the iterates (tails commands). */
public final class NoiseMixin {
  @Option(names = "--noise-sigma", paramLabel = "SIGMA", defaultValue = "1",
      description = "Label noise: y = x w* + SIGMA eps (default: ${DEFAULT-VALUE}).")
  double sigma;

  @Option(names = "--noise", paramLabel = "MODEL", defaultValue = "minibatch",
      description = "minibatch (SGD), gaussian, gaussian-constant or stable (default: ${DEFAULT-VALUE}); linear-d: "
          + "minibatch only.")
  String noise;

  @Option(names = "--stable-alpha", paramLabel = "A", description = "Index of the stable noise, in (0, 2].")
  Double stableAlpha;

  @Option(names = "--noise-scale", paramLabel = "C",
      description = "Scale of the stable noise (default: the one that equals gaussian-constant at alpha = 2).")
  Double stableScale;

  /** The noise model, checked against the stable options. */
  NoiseModel model() {
    NoiseModel kind;
    try {
      kind = NoiseModel.parse(noise);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    if (kind == NoiseModel.STABLE && stableAlpha == null) {
      throw new UserError("--noise stable needs --stable-alpha A (0 < A <= 2)");
    }
    if (kind != NoiseModel.STABLE && (stableAlpha != null || stableScale != null)) {
      throw new UserError("--stable-alpha and --noise-scale apply to --noise stable only");
    }
    return kind;
  }

  double stableAlpha() {
    return stableAlpha == null ? Double.NaN : stableAlpha;
  }

  double stableScale() {
    return stableScale == null ? Double.NaN : stableScale;
  }
}
