package org.sgdmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.sgdmc.io.HdfNode;

/** A grok sweep's cell held against the {@code simulate} run at the same (eta, lambda) and horizon. */
final class SweepCells {
  private SweepCells() {}

  /** t1 and t2 of cell {@code i} of {@code sweep} (mean, fraction never) equal the run's, to the bit. */
  static void assertCellIsTheRun(HdfNode.Group sweep, int i, HdfNode.Group run) {
    for (String e : new String[] {"t1", "t2"}) {
      assertEquals(run.dataset("/events/" + e + "/mean").value().doubles()[0],
          sweep.dataset("/cells/" + e + "_mean").value().doubles()[i], e + " of cell " + i);
      assertEquals(run.dataset("/events/" + e + "/fraction_never").value().doubles()[0],
          sweep.dataset("/cells/" + e + "_fraction_never").value().doubles()[i], e + " never, cell " + i);
    }
  }
}
