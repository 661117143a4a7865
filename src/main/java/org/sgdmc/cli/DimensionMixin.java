package org.sgdmc.cli;

import picocli.CommandLine.Option;

/** The dimension d of the d-dimensional models ({@code linear-d}); {@code --d}, its old spelling, still works. */
public final class DimensionMixin {
  @Option(names = "--dim", paramLabel = "D",
      description = "Dimension d of x (default: the data's, from --sigma-diag, --sigma-file or --data-file; a Gaussian "
          + "stream needs it, except tails linear-d, where it is 10).")
  Integer dim;

  @Option(names = "--d", paramLabel = "D", hidden = true, description = "Old spelling of --dim.")
  void oldSpelling(int d) {
    dim = d;
  }

  /** Fails with one line if {@code --dim} was given and differs from the data's dimension. */
  void check(int dataDim) {
    if (dim != null && dim != dataDim) {
      throw new UserError("--dim " + dim + " does not match the data, which are " + dataDim + "-dimensional");
    }
  }
}
