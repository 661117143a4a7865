package org.sgdmc.stats;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Integer counts of a log-distance {@code l} in fixed bins, for quantiles of an ensemble that is never
 * stored: counts add exactly, so a histogram does not depend on the order of its values or on how they were
 * split between merged histograms.
 *
 * <p>Bins (HdrHistogram's log-linear layout on |l|): width {@value #SUB_BINS}^-1 for |l| < 1; above, each
 * binary octave [2^e, 2^(e+1)) is cut into {@value #SUB_BINS} equal bins, so a bin is at most |l| / 256
 * wide (0.39%). Values beyond 2^{@value #OCTAVES} in magnitude, -inf and +inf have bins of their own. A
 * quantile is read by linear interpolation inside its bin, so its error is below one bin width, and
 * usually far below. 200 KB per histogram.
 */
public final class LogHistogram {
  /** Bins per unit below |l| = 1 and per octave above. */
  public static final int SUB_BINS = 256;
  /** Octaves above 1 with bins: |l| up to 2^48. */
  public static final int OCTAVES = 48;
  /** One sentence for files: the resolution of quantiles read from the histogram. */
  public static final String RESOLUTION =
      "quantiles from a histogram of log-distance: bins 1/256 wide below |l| = 1, at most |l|/256 wide above;"
          + " linear interpolation inside a bin";

  private static final int SIDE = SUB_BINS + OCTAVES * SUB_BINS; // bins on each side of 0
  private static final int MINUS_INF = 0;
  private static final int BELOW = 1; // finite, < -2^OCTAVES
  private static final int NEGATIVE = 2; // bins of negative values: index NEGATIVE + SIDE - 1 - b
  private static final int POSITIVE = NEGATIVE + SIDE; // bins of non-negative values: POSITIVE + b
  private static final int ABOVE = POSITIVE + SIDE; // finite, >= 2^OCTAVES
  private static final int PLUS_INF = ABOVE + 1;
  private static final int SIZE = PLUS_INF + 1;

  private final long[] counts = new long[SIZE];
  private long total;

  /** Counts one value (NaN is refused: the kernels never report it). */
  public void add(double l) {
    counts[index(l)]++;
    total++;
  }

  /** Adds every count of {@code other}. */
  public void merge(LogHistogram other) {
    for (int i = 0; i < SIZE; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
  }

  /** Writes the counts (sparsely), for a shard file or a checkpoint; {@link #addSaved} adds them back. */
  public void save(DataOutput out) throws IOException {
    out.writeLong(total);
    SavedArrays.writeSparse(out, counts);
  }

  /** Adds the counts that {@link #save} wrote. */
  public void addSaved(DataInput in) throws IOException {
    long savedTotal = in.readLong();
    long[] saved = SavedArrays.readSparse(in, SIZE);
    long sum = 0;
    for (int i = 0; i < SIZE; i++) {
      counts[i] += saved[i];
      sum += saved[i];
    }
    if (sum != savedTotal) {
      throw new IOException("damaged saved histogram: counts add to " + sum + ", not " + savedTotal);
    }
    total += savedTotal;
  }

  /** Values counted. */
  public long total() {
    return total;
  }

  static int index(double l) {
    if (l != l) {
      throw new IllegalArgumentException("NaN log-distance");
    }
    if (l == Double.NEGATIVE_INFINITY) {
      return MINUS_INF;
    }
    if (l == Double.POSITIVE_INFINITY) {
      return PLUS_INF;
    }
    double a = Math.abs(l);
    int b;
    if (a < 1) {
      b = (int) (a * SUB_BINS);
    } else {
      int e = Math.getExponent(a);
      if (e >= OCTAVES) {
        return l < 0 ? BELOW : ABOVE;
      }
      int sub = (int) (Double.doubleToRawLongBits(a) >>> (52 - 8)) & (SUB_BINS - 1);
      b = SUB_BINS + e * SUB_BINS + sub;
    }
    return l < 0 ? NEGATIVE + SIDE - 1 - b : POSITIVE + b;
  }

  /** Lower edge of |l| for side bin b. */
  private static double magnitudeLow(int b) {
    if (b < SUB_BINS) {
      return b / (double) SUB_BINS;
    }
    int e = (b - SUB_BINS) / SUB_BINS, sub = (b - SUB_BINS) % SUB_BINS;
    return Math.scalb(1 + sub / (double) SUB_BINS, e);
  }

  /** [low, high) of bin i (for negative bins, (low, high]); infinities for the special bins. */
  private static double[] edges(int i) {
    if (i == MINUS_INF) {
      return new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    }
    if (i == PLUS_INF) {
      return new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    }
    double big = Math.scalb(1.0, OCTAVES);
    if (i == BELOW) {
      return new double[] {-big, -big};
    }
    if (i == ABOVE) {
      return new double[] {big, big};
    }
    if (i >= POSITIVE) {
      int b = i - POSITIVE;
      return new double[] {magnitudeLow(b), magnitudeLow(b + 1)};
    }
    int b = NEGATIVE + SIDE - 1 - i;
    return new double[] {-magnitudeLow(b + 1), -magnitudeLow(b)};
  }

  /**
   * The j-th smallest value (0-based), estimated as if the values of its bin were spread evenly over it:
   * the (c + 1/2)-th of its n values sits at {@code low + (c + 1/2)/n (high - low)}.
   */
  double orderStatistic(long j) {
    long before = 0;
    for (int i = 0; i < SIZE; i++) {
      long c = counts[i];
      if (j < before + c) {
        double[] e = edges(i);
        if (e[0] == e[1]) {
          return e[0];
        }
        return e[0] + (j - before + 0.5) / c * (e[1] - e[0]);
      }
      before += c;
    }
    throw new IndexOutOfBoundsException("order statistic " + j + " of " + total);
  }

  /**
   * The quantile at level p, by linear interpolation between order statistics as NumPy's default does:
   * {@code h = (n - 1) p}, between the floor(h)-th and the next.
   */
  public double quantile(double p) {
    if (total == 0) {
      return Double.NaN;
    }
    double h = (total - 1) * p;
    long lo = (long) Math.floor(h);
    long hi = Math.min(lo + 1, total - 1);
    double a = orderStatistic(lo), b = orderStatistic(hi);
    if (a == b) {
      return a; // also keeps -inf and +inf out of inf - inf
    }
    return a + (h - lo) * (b - a);
  }
}
