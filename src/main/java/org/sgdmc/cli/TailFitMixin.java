package org.sgdmc.cli;

import org.sgdmc.stats.tails.TailFitOptions;
import org.sgdmc.stats.tails.TailSide;
import picocli.CommandLine.Option;

/** How the tail is fitted: which side, the threshold search's range, the bootstrap. */
public final class TailFitMixin {
  @Option(names = "--side", paramLabel = "SIDE", defaultValue = "ABSOLUTE",
      description = "Tail to fit: absolute (|u|, default), positive or negative.")
  TailSide side;

  @Option(names = "--bootstrap", paramLabel = "B", defaultValue = "200",
      description = "Bootstrap replicates for the interval, 0 for none (default: ${DEFAULT-VALUE}).")
  int replicates;

  @Option(names = "--ci-level", paramLabel = "P", defaultValue = "0.95",
      description = "Level of the bootstrap interval (default: ${DEFAULT-VALUE}).")
  double level;

  @Option(names = "--kmin", paramLabel = "K", defaultValue = "50",
      description = "Fewest samples above the threshold (default: ${DEFAULT-VALUE}).")
  int kMin;

  @Option(names = "--kmax", paramLabel = "K", defaultValue = "0",
      description = "Most samples above the threshold; 0: half the samples (default).")
  int kMax;

  TailFitOptions options(int threads) {
    try {
      return TailFitOptions.defaults()
          .withSide(side)
          .withKRange(kMin, kMax)
          .withBootstrap(replicates, level, TailFitOptions.DEFAULT_SEED)
          .withThreads(threads);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
