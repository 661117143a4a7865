package org.sgdmc.stats;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigInteger;

/**
 * The mean of independent per-trajectory values and its standard error, accumulated in a stream and exactly
 * ({@link ExactSum} of the values and of their squares), so the result is the same whatever the order of
 * the values or the way they were split between merged accumulators.
 *
 * <p>Non-finite values follow {@link SampleMean}: any NaN or +inf makes the mean NaN; otherwise any -inf
 * (a distance that reached 0 exactly) makes it -inf with standard error 0.
 */
public final class MeanAccumulator {
  private final ExactSum sum = new ExactSum();
  private final ExactSum squares = new ExactSum();
  private long count;
  private long minusInf;
  private long undefined; // NaN or +inf
  private double[] finiteRow = new double[0];
  private double[] squareRow = new double[0];

  /** Adds one value. */
  public void add(double x) {
    count++;
    if (Double.isFinite(x)) {
      sum.add(x);
      squares.add(x * x); // each square rounded once, the same way on every machine
    } else if (x == Double.NEGATIVE_INFINITY) {
      minusInf++;
    } else {
      undefined++;
    }
  }

  /**
   * Adds {@code x[0 .. n-1]}: the same as adding them one by one, with the sums taken a row at a time. With
   * {@code skipMinusInfinity}, -inf values are not values at all (a summary's finite part).
   */
  public void addAll(double[] x, int n, boolean skipMinusInfinity) {
    if (finiteRow.length < n) {
      finiteRow = new double[n];
      squareRow = new double[n];
    }
    int added = 0;
    for (int i = 0; i < n; i++) {
      double v = x[i];
      boolean finite = Double.isFinite(v);
      finiteRow[i] = finite ? v : 0.0;
      squareRow[i] = finite ? v * v : 0.0;
      if (!finite) {
        if (v == Double.NEGATIVE_INFINITY) {
          if (skipMinusInfinity) {
            continue;
          }
          minusInf++;
        } else {
          undefined++;
        }
      }
      added++;
    }
    count += added;
    sum.addAll(finiteRow, n);
    squares.addAll(squareRow, n);
  }

  /** Adds every value of {@code other}. */
  public void merge(MeanAccumulator other) {
    sum.merge(other.sum);
    squares.merge(other.squares);
    count += other.count;
    minusInf += other.minusInf;
    undefined += other.undefined;
  }

  /** Writes the state, for a shard file or a checkpoint; {@link #addSaved} adds it back exactly. */
  public void save(DataOutput out) throws IOException {
    out.writeLong(count);
    out.writeLong(minusInf);
    out.writeLong(undefined);
    sum.save(out);
    squares.save(out);
  }

  /** Adds a state that {@link #save} wrote, as {@link #merge} would. */
  public void addSaved(DataInput in) throws IOException {
    count += in.readLong();
    minusInf += in.readLong();
    undefined += in.readLong();
    sum.addSaved(in);
    squares.addSaved(in);
  }

  /** Values added. */
  public long count() {
    return count;
  }

  /** The mean and its standard error, sample standard deviation / sqrt(n); +inf for one value. */
  public SampleMean result() {
    if (count == 0) {
      throw new IllegalStateException("no values");
    }
    if (undefined > 0) {
      return new SampleMean(Double.NaN, Double.NaN);
    }
    if (minusInf > 0) {
      return new SampleMean(Double.NEGATIVE_INFINITY, 0.0);
    }
    ExactSum.Exact s1 = sum.exact();
    double mean = s1.doubleValue() / count;
    if (count == 1) {
      return new SampleMean(mean, Double.POSITIVE_INFINITY);
    }
    // n S2 - S1^2, exactly: the sample variance is that over n (n - 1)
    ExactSum.Exact s2 = squares.exact();
    long e = Math.min(s2.exponent(), 2 * s1.exponent());
    BigInteger a = s2.mantissa().multiply(BigInteger.valueOf(count)).shiftLeft((int) (s2.exponent() - e));
    BigInteger b = s1.mantissa().multiply(s1.mantissa()).shiftLeft((int) (2 * s1.exponent() - e));
    double spread = new ExactSum.Exact(a.subtract(b).max(BigInteger.ZERO), e).doubleValue();
    double variance = spread / count / (count - 1);
    return new SampleMean(mean, Math.sqrt(variance / count));
  }
}
