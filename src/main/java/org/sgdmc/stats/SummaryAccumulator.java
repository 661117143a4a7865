package org.sgdmc.stats;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Streams one observable {@code l = log|w - w*|} of an ensemble at one time into the statistics of an
 * {@link EnsembleSummary}, in memory that does not grow with the ensemble: exact counts, exact sums of l,
 * l^2 and e^(2l) ({@link ExactSum}), and a {@link LogHistogram} for the quantiles. Every part adds exactly,
 * so the summary does not depend on thread count, block order or sharding.
 *
 * <p>What is exact and what is not: the count, the fractions within epsilon, exactly at the minimum and
 * diverged are exact; the mean and its standard error are exact up to the final rounding (the squares are
 * rounded once each); the log mean square carries, per term, the rounding of 2l / ln 2 (a relative 2^-53 of |2l|); the quantiles are read
 * from the histogram ({@link LogHistogram#RESOLUTION}).
 */
public final class SummaryAccumulator {
  /** What to report: quantile levels, epsilons for the fractions within, and the divergence threshold. */
  public record Spec(double[] quantileLevels, double[] epsilons, double divergedAbove) {
    public Spec {
      quantileLevels = quantileLevels.clone();
      epsilons = epsilons.clone();
    }

    double[] logEpsilons() {
      double[] out = new double[epsilons.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = Math.log(epsilons[i]);
      }
      return out;
    }
  }

  private final Spec spec;
  private final double[] logEpsilons;
  private final double logDiverged;
  private final MeanAccumulator finite = new MeanAccumulator();
  private final ExactSum meanSquare = ExactSum.unbounded(); // sum of e^(2l)
  private final LogHistogram histogram = new LogHistogram();
  private final long[] within;
  private final double[] one = new double[1];
  private double[] splitM = new double[0]; // e^(2l) = m 2^k of the current row
  private long[] splitK = new long[0];
  private long[] termMant = new long[0];
  private static final long MANTISSA = 0x000F_FFFF_FFFF_FFFFL;
  private long count;
  private long exact;
  private long diverged;

  public SummaryAccumulator(Spec spec) {
    this.spec = spec;
    this.logEpsilons = spec.logEpsilons();
    this.logDiverged = Math.log(spec.divergedAbove());
    this.within = new long[logEpsilons.length];
  }

  /** Adds one trajectory's value (never NaN; -inf for a trajectory exactly at the minimum). */
  public void add(double l) {
    one[0] = l;
    addAll(one, 1);
  }

  /**
   * Adds {@code l[0 .. n-1]}, one value per trajectory: the same as adding them one by one, but the
   * terms of the mean square are split for the whole row at once (vectorised where the vector path runs).
   */
  public void addAll(double[] l, int n) {
    if (splitM.length < n) {
      splitM = new double[n];
      splitK = new long[n];
      termMant = new long[n];
    }
    ExpSplitRows.fill(l, n, splitM, splitK);
    for (int i = 0; i < n; i++) {
      double v = l[i];
      histogram.add(v);
      boolean atMinimum = v == Double.NEGATIVE_INFINITY;
      exact += atMinimum ? 1 : 0;
      // e^(2l) = m 2^k: m's 53 bits, the exponent of their unit; no term for -inf
      long bits = Double.doubleToRawLongBits(splitM[i]);
      termMant[i] = atMinimum ? 0 : (bits & MANTISSA) | (1L << 52);
      splitK[i] += ((bits >>> 52) & 0x7FF) - 1075;
      for (int e = 0; e < logEpsilons.length; e++) {
        within[e] += v < logEpsilons[e] ? 1 : 0;
      }
      diverged += v > logDiverged ? 1 : 0;
    }
    finite.addAll(l, n, true);
    meanSquare.addTerms(termMant, splitK, n);
    count += n;
  }

  /** Adds everything {@code other} has seen. */
  public void merge(SummaryAccumulator other) {
    finite.merge(other.finite);
    meanSquare.merge(other.meanSquare);
    histogram.merge(other.histogram);
    for (int i = 0; i < within.length; i++) {
      within[i] += other.within[i];
    }
    count += other.count;
    exact += other.exact;
    diverged += other.diverged;
  }

  /**
   * Writes the state, for a shard file or a checkpoint; {@link #addSaved} adds it back exactly, into an
   * accumulator of the same {@link Spec}.
   */
  public void save(DataOutput out) throws IOException {
    out.writeLong(count);
    out.writeLong(exact);
    out.writeLong(diverged);
    out.writeInt(within.length);
    for (long w : within) {
      out.writeLong(w);
    }
    finite.save(out);
    meanSquare.save(out);
    histogram.save(out);
  }

  /** Adds a state that {@link #save} wrote, as {@link #merge} would. */
  public void addSaved(DataInput in) throws IOException {
    count += in.readLong();
    exact += in.readLong();
    diverged += in.readLong();
    int epsilons = in.readInt();
    if (epsilons != within.length) {
      throw new IOException("saved summary has " + epsilons + " epsilons, not " + within.length);
    }
    for (int i = 0; i < within.length; i++) {
      within[i] += in.readLong();
    }
    finite.addSaved(in);
    meanSquare.addSaved(in);
    histogram.addSaved(in);
  }

  /** The summary of everything added. */
  public EnsembleSummary summary() {
    if (count == 0) {
      throw new IllegalStateException("no values");
    }
    double n = count;
    double mean = Double.NaN, stderr = 0.0;
    if (finite.count() > 0) {
      SampleMean m = finite.result();
      mean = m.value();
      stderr = finite.count() > 1 ? m.stderr() : 0.0;
    }
    double logMeanSquare = finite.count() == 0
        ? Double.NEGATIVE_INFINITY
        : meanSquare.exact().log() - Math.log(n);
    double[] quantiles = new double[spec.quantileLevels().length];
    for (int i = 0; i < quantiles.length; i++) {
      quantiles[i] = histogram.quantile(spec.quantileLevels()[i]);
    }
    double[] fractions = new double[within.length];
    for (int i = 0; i < within.length; i++) {
      fractions[i] = within[i] / n;
    }
    return new EnsembleSummary(count, exact / n, mean, stderr, logMeanSquare, quantiles, fractions, diverged / n);
  }
}
