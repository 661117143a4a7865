package org.sgdmc.theory;

import java.util.Arrays;

/**
 * The exact law of the batch mean {@code q = (1/S) sum_{j in batch} v_j} of one value per point of a finite
 * dataset ({@code v = x^2} for linreg1d, {@code v = x y} for the saddle): one atom per possible batch content,
 * with its probability.
 *
 * <ul>
 *   <li>With replacement the S indices are i.i.d. uniform, so the batch content is a multiset with
 *       multiplicities {@code m_1 + ... + m_N = S} and probability {@code S! / (m_1! ... m_N!) N^-S}
 *       (multinomial); there are {@code C(N + S - 1, S)} of them.
 *   <li>Without replacement every S-subset has probability {@code 1 / C(N, S)}.
 * </ul>
 *
 * <p>Atoms are listed once per batch content, not merged by value; {@link #merged()} merges equal values.
 */
public final class BatchMeanLaw {
  private final double[] q;
  private final double[] p;

  private BatchMeanLaw(double[] q, double[] p) {
    this.q = q;
    this.p = p;
  }

  /** The number of atoms. */
  public int size() {
    return q.length;
  }

  /** The i-th atom's value of q. */
  public double q(int i) {
    return q[i];
  }

  /** The i-th atom's probability. */
  public double p(int i) {
    return p[i];
  }

  /** The expectation of {@code f(q)}, summed with compensation (an infinite term makes it infinite). */
  public double expectation(java.util.function.DoubleUnaryOperator f) {
    double sum = 0;
    double c = 0;
    for (int i = 0; i < q.length; i++) {
      double term = p[i] * f.applyAsDouble(q[i]);
      if (!Double.isFinite(term)) {
        double plain = term;
        for (int j = 0; j < q.length; j++) {
          plain += j == i ? 0.0 : p[j] * f.applyAsDouble(q[j]);
        }
        return plain;
      }
      double t = sum + term;
      c += Math.abs(sum) >= Math.abs(term) ? (sum - t) + term : (term - t) + sum;
      sum = t;
    }
    return sum + c;
  }

  /** The same law with equal values of q merged and atoms sorted by q. */
  public BatchMeanLaw merged() {
    Integer[] order = new Integer[q.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (i, j) -> Double.compare(q[i], q[j]));
    double[] mq = new double[q.length];
    double[] mp = new double[q.length];
    int m = -1;
    for (int idx : order) {
      if (m >= 0 && mq[m] == q[idx]) {
        mp[m] += p[idx];
      } else {
        m++;
        mq[m] = q[idx];
        mp[m] = p[idx];
      }
    }
    return new BatchMeanLaw(Arrays.copyOf(mq, m + 1), Arrays.copyOf(mp, m + 1));
  }

  /**
   * The number of distinct batch contents: {@code C(N + S - 1, S)} with replacement, {@code C(N, S)}
   * without; {@link Long#MAX_VALUE} if it does not fit in a long.
   */
  public static long count(int n, int batch, boolean withReplacement) {
    if (n < 1 || batch < 1) {
      throw new IllegalArgumentException("need n >= 1 and batch >= 1: n = " + n + ", batch = " + batch);
    }
    if (!withReplacement && batch > n) {
      return 0;
    }
    long top = withReplacement ? (long) n + batch - 1 : n;
    long k = Math.min(batch, top - batch);
    long result = 1;
    for (long i = 1; i <= k; i++) {
      // result * (top - k + i) / i is C(top - k + i, i), an integer, at every step
      long numerator;
      try {
        numerator = Math.multiplyExact(result, top - k + i);
      } catch (ArithmeticException overflow) {
        return Long.MAX_VALUE;
      }
      result = numerator / i;
    }
    return result;
  }

  /**
   * Enumerates every batch content of the dataset {@code x}, for the batch mean of {@code x^2}.
   *
   * @throws IllegalArgumentException if there are more than {@code limit} of them
   */
  public static BatchMeanLaw enumerate(double[] x, int batch, boolean withReplacement, long limit) {
    double[] x2 = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      x2[i] = x[i] * x[i];
    }
    return enumerateMeans(x2, batch, withReplacement, limit);
  }

  /**
   * Enumerates every batch content of a dataset with one value {@code values[i]} per point, for the batch
   * mean of the values.
   *
   * @throws IllegalArgumentException if there are more than {@code limit} of them
   */
  public static BatchMeanLaw enumerateMeans(double[] values, int batch, boolean withReplacement, long limit) {
    int n = values.length;
    if (!withReplacement && batch > n) {
      throw new IllegalArgumentException("batch " + batch + " > dataset size " + n + " without replacement");
    }
    long count = count(n, batch, withReplacement);
    if (count > limit || count > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(count + " batch contents exceed the enumeration limit " + limit);
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += values[i];
    }
    Enumerator e = new Enumerator(values, batch, (int) count);
    if (withReplacement) {
      double[] logFactorial = new double[batch + 1];
      for (int m = 0; m <= batch; m++) {
        logFactorial[m] = SpecialFunctions.logFactorial(m);
      }
      e.logFactorial = logFactorial;
      e.logBase = logFactorial[batch] - batch * Math.log(n);
      e.multisets(0, batch, 0.0, 0.0);
    } else if (2 * batch <= n) {
      e.uniform = 1.0 / count;
      e.subsets(0, batch, 0.0, 0.0, 1.0);
    } else {
      // Enumerate the N - S points left out instead: the recursion depth is min(S, N - S).
      e.uniform = 1.0 / count;
      e.subsets(0, n - batch, 0.0, total, -1.0);
    }
    if (e.filled != count) {
      throw new IllegalStateException("enumerated " + e.filled + " of " + count + " batches");
    }
    if (withReplacement) {
      // exp of sums of log-factorials is off by a few ulps per atom; make the total exactly 1 again.
      double norm = 0;
      for (double pi : e.p) {
        norm += pi;
      }
      for (int i = 0; i < e.p.length; i++) {
        e.p[i] /= norm;
      }
    }
    return new BatchMeanLaw(e.q, e.p);
  }

  /**
   * {@code E f(q)} for the batch mean q of {@code values} over every batch content, as {@link
   * #enumerateMeans} would give it, but summed as the contents are visited (compensated summation) instead of
   * stored: memory stays O(S) however many contents there are, so it reaches where the stored law would not fit.
   *
   * @throws IllegalArgumentException if there are more than {@code limit} contents
   */
  public static double expectationStreamed(double[] values, int batch, boolean withReplacement,
      java.util.function.DoubleUnaryOperator f, long limit) {
    int n = values.length;
    if (!withReplacement && batch > n) {
      throw new IllegalArgumentException("batch " + batch + " > dataset size " + n + " without replacement");
    }
    long count = count(n, batch, withReplacement);
    if (count > limit) {
      throw new IllegalArgumentException(count + " batch contents exceed the enumeration limit " + limit);
    }
    double total = 0;
    for (double v : values) {
      total += v;
    }
    Enumerator e = new Enumerator(values, batch, 0);
    e.sink = f;
    if (withReplacement) {
      double[] logFactorial = new double[batch + 1];
      for (int m = 0; m <= batch; m++) {
        logFactorial[m] = SpecialFunctions.logFactorial(m);
      }
      e.logFactorial = logFactorial;
      e.logBase = logFactorial[batch] - batch * Math.log(n);
      e.multisets(0, batch, 0.0, 0.0);
    } else if (2 * batch <= n) {
      e.uniform = 1.0 / count;
      e.subsets(0, batch, 0.0, 0.0, 1.0);
    } else {
      e.uniform = 1.0 / count;
      e.subsets(0, n - batch, 0.0, total, -1.0);
    }
    if (e.filled != count) {
      throw new IllegalStateException("enumerated " + e.filled + " of " + count + " batches");
    }
    // with replacement the weights are exp of log-factorial sums, a few ulps off: divide by their own total
    double mass = withReplacement ? e.mass + e.massCompensation : 1.0;
    if (Double.isInfinite(e.sum) || Double.isNaN(e.sum)) {
      return e.sum; // -infinity: some batch maps the iterate exactly to 0
    }
    return (e.sum + e.compensation) / mass;
  }

  /** Depth-first enumeration over the data points; recursion depth is at most N. */
  private static final class Enumerator {
    final double[] values;
    final int batch;
    final double[] q;
    final double[] p;
    int filled;
    long visited;
    java.util.function.DoubleUnaryOperator sink; // when set: sum p f(q) instead of storing
    double sum;
    double compensation;
    double mass;
    double massCompensation;
    double[] logFactorial;
    double logBase;
    double uniform;

    Enumerator(double[] values, int batch, int count) {
      this.values = values;
      this.batch = batch;
      this.q = new double[count];
      this.p = new double[count];
    }

    /**
     * Places {@code remaining} draws on points {@code i..N-1}, choosing the next point with a positive
     * multiplicity, so the recursion depth is at most min(S, N). {@code logWeight = -sum log m_j!} so far.
     */
    void multisets(int i, int remaining, double sum, double logWeight) {
      if (remaining == 0) {
        emit(sum, Math.exp(logBase + logWeight));
        return;
      }
      int last = values.length - 1;
      for (int j = i; j < last; j++) {
        for (int m = remaining; m >= 1; m--) {
          multisets(j + 1, remaining - m, sum + m * values[j], logWeight - logFactorial[m]);
        }
      }
      // the last point takes whatever is left
      emit(sum + remaining * values[last], Math.exp(logBase + logWeight - logFactorial[remaining]));
    }

    /**
     * Picks {@code remaining} distinct points from {@code i..N-1}, the next one each level, so the depth is
     * the subset size. The batch sum is {@code base + sign * (sum of the picked values)}.
     */
    void subsets(int i, int remaining, double picked, double base, double sign) {
      if (remaining == 0) {
        emit(base + sign * picked, uniform);
        return;
      }
      for (int j = i; j <= values.length - remaining; j++) {
        subsets(j + 1, remaining - 1, picked + values[j], base, sign);
      }
    }

    private void emit(double sum, double probability) {
      if (sink != null) {
        double term = probability * sink.applyAsDouble(sum / batch);
        double t = this.sum + term; // Neumaier's compensated sum
        compensation += Math.abs(this.sum) >= Math.abs(term) ? (this.sum - t) + term : (term - t) + this.sum;
        this.sum = t;
        double m = mass + probability;
        massCompensation += Math.abs(mass) >= probability ? (mass - m) + probability : (probability - m) + mass;
        mass = m;
        filled++;
        return;
      }
      q[filled] = sum / batch;
      p[filled] = probability;
      filled++;
    }
  }
}
