package org.sgdmc.cli;

import org.sgdmc.results.EnsembleOptions;
import picocli.CommandLine.Option;

/** What is measured of the distance |w - w*| at every recording time (linreg1d, saddle, linear-d). */
public final class ObservablesMixin {
  @Option(names = "--quantiles", split = ",", paramLabel = "P",
      description = "Quantile levels of log|w - w*| (default: 0.01,0.1,0.25,0.5,0.75,0.9,0.99).")
  double[] quantiles = EnsembleOptions.DEFAULT_QUANTILES.clone();

  @Option(names = "--epsilons", split = ",", paramLabel = "EPS",
      description = "Report the fraction of trajectories within each EPS of w* (default: 1e-1,1e-3,1e-6,1e-12).")
  double[] epsilons = EnsembleOptions.DEFAULT_EPSILONS.clone();

  @Option(names = "--diverged-above", paramLabel = "D", defaultValue = "1e100",
      description = "A trajectory farther than D from w* counts as diverged (default: ${DEFAULT-VALUE}).")
  double divergedAbove;

  @Option(names = "--keep-trajectories",
      description = "Also keep every trajectory's log-distance at every recording time (8 bytes each): exact "
          + "quantiles, and the values in the file under /trajectories. Without it the statistics are streamed "
          + "and memory does not grow with --trajectories.")
  boolean keepTrajectories;
}
