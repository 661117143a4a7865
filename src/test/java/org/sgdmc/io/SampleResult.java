package org.sgdmc.io;

import java.nio.file.Path;

/** A result file with every kind of attribute and dataset the writer supports, and the values it holds. */
public final class SampleResult {

  /** A NaN with a payload other than Java's canonical one: it must survive bit for bit. */
  public static final double ODD_NAN = Double.longBitsToDouble(0x7ff8_0000_0000_0123L);

  public static final double[] GRID = {0.0, 0.5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
  public static final String[] LABELS = {"a", "h\u00e9llo", "", "\u65e5\u672c \uD83D\uDE00"};
  public static final long[] SEEDS = {1L, Long.MAX_VALUE, Long.MIN_VALUE};
  public static final double[] EDGE = {
    Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN, ODD_NAN, -0.0, Double.MIN_VALUE,
    Double.MAX_VALUE, 0.1, -1.0 / 3.0
  };
  public static final double[][] LOSS = {
    {0.69, 0.5, 0.25, 0.125, 0.0625},
    {1.0, Double.POSITIVE_INFINITY, Double.NaN, -0.0, 1e-300},
    {-1.5, 2.5, Double.NEGATIVE_INFINITY, 3.0, 4.0}
  };
  public static final long[] STEPS = {0L, 10L, 100L, 1000L, 10_000_000_000L};
  public static final int[] COUNTS = {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE};
  public static final String COMMAND = "sgdmc run --lr 0.1 --out \"run.h5\"";
  public static final String NOTES = "line 1\nline 2\ttabbed";

  private SampleResult() {}

  /** 100 values 0, 1, ..., 99: long enough to be summarised by inspect. */
  public static double[] time() {
    double[] t = new double[100];
    for (int i = 0; i < t.length; i++) {
      t[i] = i;
    }
    return t;
  }

  /** Writes and commits the sample to {@code target}. */
  public static Path write(Path target) {
    try (ResultFile f = ResultFile.create(target, false)) {
      f.attribute("/", "sgdmc_version", "0.1.0");
      f.attribute("/", "command", COMMAND);
      f.attribute("/", "seed", 42L);
      f.attribute("/", "rng", "philox4x32-10");
      f.attribute("/", "created", "2025-01-02T03:04:05Z");
      f.attribute("/", "converged", true);
      f.attribute("/", "diverged", false);
      f.attribute("/", "lr", 0.1);
      f.attribute("/", "floor", Double.NEGATIVE_INFINITY);
      f.attribute("/", "grid", GRID);
      f.attribute("/", "labels", LABELS);
      f.attribute("/", "seeds", SEEDS);
      f.attribute("/parameters", "learning_rate", 0.05);
      f.attribute("/parameters", "batch", 32L);
      f.attribute("/parameters", "notes", NOTES);
      f.attribute("/empty_group", "purpose", "a group with only attributes");
      f.dataset("/observables/time", time());
      f.datasetAttribute("/observables/time", "units", "steps");
      f.datasetAttribute("/observables/time", "description", "time of each sample");
      f.dataset("/observables/loss", LOSS);
      f.datasetAttribute("/observables/loss", "units", "nats");
      f.datasetAttribute("/observables/loss", "scale", 2.0);
      f.datasetAttribute("/observables/loss", "stride", 7L);
      f.dataset("/observables/edge", EDGE);
      f.dataset("/observables/steps", STEPS);
      f.dataset("/observables/counts", COUNTS);
      f.dataset("/summary/final_loss", 1.25);
      f.dataset("/summary/nan_scalar", ODD_NAN);
      f.commit();
    }
    return target;
  }
}
