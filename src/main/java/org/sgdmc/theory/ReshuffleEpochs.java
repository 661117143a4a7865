package org.sgdmc.theory;

/**
 * linreg1d under random reshuffling ({@code models.Sampling.RESHUFFLE}), exactly, by enumerating the epochs.
 * An epoch is a uniform permutation of the N points cut into K = floor(N / S) batches in order, the last
 * r = N - K S points dropped; over one epoch the distance is multiplied by
 *
 * <pre>  A = prod_{b < K} (1 - lr q_b),   q_b = (1/S) sum_{j in B_b} x_j^2,  </pre>
 *
 * which does not depend on the order of the batches, so its law is that of the unordered partition: the
 * dropped r-set and K disjoint S-sets, every such partition equally likely (each is C = K! (S!)^K r!
 * permutations). Epochs are independent, so over T = E K steps
 *
 * <ul>
 *   <li>{@code log|v_T| - log|v_0|} is a sum of E independent copies of {@code L = log|A|}: its mean is
 *       {@code E (E L)} and its variance {@code E Var L} exactly (not only asymptotically);
 *   <li>{@code E v_T^2 = v_0^2 (E A^2)^E}: the mean square grows by {@code log E[A^2] / K} a step, and
 *       converges iff {@code E[A^2] < 1}, a polynomial of degree 2K in lr.
 * </ul>
 *
 * The Lyapunov exponent {@code E[L] / K} equals the one without replacement, {@code E log|1 - lr q|} for a
 * uniform S-subset, by linearity (each batch of an epoch is, alone, a uniform S-subset): reshuffling moves
 * the fluctuations (Var L / K against Var log|1 - lr q| a step drawn afresh) and the mean square, not the
 * exponent. {@link #enumerate} visits every partition once: the dropped set (the r smallest unused indices
 * are not special: each r-subset is chosen) and then, repeatedly, the lowest remaining point with every
 * choice of its S - 1 companions.
 *
 * @param batches K, batches per epoch
 * @param partitions how many partitions were summed over
 * @param meanLog E L, L = log|A| (-infinity when some partition has a batch with lr q = 1 exactly)
 * @param varianceLog Var L
 * @param meanSquare E[A^2]
 */
public record ReshuffleEpochs(int batches, long partitions, double meanLog, double varianceLog, double meanSquare) {
  /** Most partitions {@link #enumerate} visits; above it callers report that no exact value exists. */
  public static final long DEFAULT_LIMIT = 2_000_000;

  /** The Lyapunov exponent a step, {@code E[L] / K}. */
  public double lyapunov() {
    return meanLog / batches;
  }

  /** The growth of {@code log E v_t^2} a step over whole epochs, {@code log E[A^2] / K}. */
  public double logMeanSquareRate() {
    return Math.log(meanSquare) / batches;
  }

  /** The growth of {@code Var log|v_t|} a step over whole epochs, {@code Var L / K}. */
  public double logVarianceRate() {
    return varianceLog / batches;
  }

  /**
   * The number of unordered partitions of N points into K = floor(N/S) S-sets and the r = N - K S left over:
   * {@code N! / ((S!)^K K! r!)}; {@code Long.MAX_VALUE} when that exceeds the long range.
   */
  public static long count(int n, int batch) {
    check(n, batch);
    int k = n / batch;
    // multiply the choices in order: C(N, r), then for each batch C(remaining - 1, S - 1)
    double c = binomial(n, n - k * batch);
    int left = k * batch;
    for (int b = 0; b < k; b++) {
      c *= binomial(left - 1, batch - 1);
      left -= batch;
    }
    return c >= 9.0e18 ? Long.MAX_VALUE : Math.round(c);
  }

  /**
   * The epoch law for learning rate {@code lr}, data {@code x} and batch size S, summed over every partition.
   *
   * @throws IllegalArgumentException for an empty dataset, more than 62 points, S outside 1..N, lr not
   *     finite and positive, or more than {@code limit} partitions
   */
  public static ReshuffleEpochs enumerate(double lr, double[] x, int batch, long limit) {
    double[] sq = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      sq[i] = x[i] * x[i];
    }
    return enumerateValues(lr, sq, batch, limit);
  }

  /**
   * The same for the factor {@code 1 - lr c_b} with {@code c_b} the batch mean of any one value per point
   * ({@code x^2} for linreg1d; {@code -s chi} for the saddle's {@code 1 + s lr chib}).
   */
  public static ReshuffleEpochs enumerateValues(double lr, double[] values, int batch, long limit) {
    Linreg1dTheory.checkLr(lr);
    int n = values.length;
    check(n, batch);
    if (n > 62) {
      throw new IllegalArgumentException("epoch enumeration takes at most 62 points, not " + n);
    }
    long total = count(n, batch);
    if (total > limit) {
      throw new IllegalArgumentException(total + " partitions of " + n + " points into batches of " + batch
          + " exceed the enumeration limit " + limit);
    }
    Walk w = new Walk(lr, values, batch, n / batch);
    w.dropped((1L << n) - 1, n - (n / batch) * batch, 0);
    double mean = w.sumLog / w.visited;
    double var = Double.isFinite(mean) ? Math.max(0.0, w.sumLogSq / w.visited - mean * mean) : Double.NaN;
    if (Double.isFinite(mean)) { // a second pass about the mean would be more accurate: do it when cheap
      w.centre = mean;
      w.sumLog = w.sumLogSq = w.sumSquare = 0;
      w.visited = 0;
      w.dropped((1L << n) - 1, n - (n / batch) * batch, 0);
      var = w.sumLogSq / w.visited;
    }
    return new ReshuffleEpochs(n / batch, w.visited, mean, var, w.sumSquare / w.visited);
  }

  /**
   * {@code L = log|A|} of every partition of an epoch, each equally likely, in the enumeration's order ({@code
   * -infinity} for a partition with a factor exactly 0): the epoch's whole law, for moments such as {@code
   * E|A|^s} ({@code EpochTailIndex}).
   *
   * @throws IllegalArgumentException as {@link #enumerateValues}, or for more than 2^31 - 9 partitions
   */
  public static double[] epochLogs(double lr, double[] values, int batch, long limit) {
    Linreg1dTheory.checkLr(lr);
    int n = values.length;
    check(n, batch);
    if (n > 62) {
      throw new IllegalArgumentException("epoch enumeration takes at most 62 points, not " + n);
    }
    long total = count(n, batch);
    if (total > limit || total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(total + " partitions of " + n + " points into batches of " + batch
          + " exceed the enumeration limit " + Math.min(limit, Integer.MAX_VALUE - 8));
    }
    Walk w = new Walk(lr, values, batch, n / batch);
    w.collected = new double[(int) total];
    w.dropped((1L << n) - 1, n - (n / batch) * batch, 0);
    return java.util.Arrays.copyOf(w.collected, (int) w.visited);
  }

  /**
   * The mean-square threshold under reshuffling: the smallest lr &gt; 0 with {@code E[A^2] = 1}, where {@code
   * E[A^2] = E prod_b (1 - lr q_b)^2 = 1 - 2 K E[q] lr + ...} is a polynomial of degree 2K in lr whose
   * coefficients are averaged over every partition. Below it the mean square falls over each epoch; the
   * root is bracketed on a grid of 400 points a GD threshold {@code 2 / E[x^2]} (up to 16 of them) and
   * bisected to a relative 1e-14. {@code +infinity} when there is no root below 16 GD thresholds.
   *
   * @throws IllegalArgumentException as {@link #enumerate}, or for more than 24 batches an epoch (the
   *     polynomial's coefficients would cancel too much)
   */
  public static double meanSquareThreshold(double[] x, int batch, long limit) {
    int n = x.length;
    check(n, batch);
    int k = n / batch;
    if (k > 24) {
      throw new IllegalArgumentException(k + " batches an epoch: the mean-square polynomial would have degree "
          + 2 * k);
    }
    if (n > 62 || count(n, batch) > limit) {
      throw new IllegalArgumentException(count(n, batch) + " partitions exceed the enumeration limit " + limit);
    }
    double[] sq = new double[n];
    double m2 = 0;
    for (int i = 0; i < n; i++) {
      sq[i] = x[i] * x[i];
      m2 += sq[i];
    }
    m2 /= n;
    Walk w = new Walk(1.0, sq, batch, k);
    w.poly = new double[2 * k + 1];
    w.partial = new double[k + 1][2 * k + 1];
    w.dropped((1L << n) - 1, n - k * batch, 0);
    double[] c = w.poly;
    for (int i = 0; i < c.length; i++) {
      c[i] /= w.visited;
    }
    // g(lr) = (E[A^2](lr) - 1) / lr = sum_{i >= 1} c_i lr^(i-1): negative near 0, its first root is the edge
    java.util.function.DoubleUnaryOperator g = lr -> {
      double v = 0;
      for (int i = c.length - 1; i >= 1; i--) {
        v = v * lr + c[i];
      }
      return v;
    };
    double step = 2.0 / m2 / 400;
    double lo = 0;
    for (int i = 1; i <= 16 * 400; i++) {
      double hi = i * step;
      if (g.applyAsDouble(hi) >= 0) {
        for (int it = 0; it < 200 && hi - lo > 1e-14 * hi; it++) {
          double mid = 0.5 * (lo + hi);
          if (g.applyAsDouble(mid) >= 0) {
            hi = mid;
          } else {
            lo = mid;
          }
        }
        return 0.5 * (lo + hi);
      }
      lo = hi;
    }
    return Double.POSITIVE_INFINITY;
  }

  /** The enumeration's state: the points still free as a bit set, the logs and squares of the open batches. */
  private static final class Walk {
    final double lr;
    final double[] sq;
    final int batch;
    final int batches;
    final double[] logs; // log|1 - lr q_b| of the batches chosen so far
    final double[] squares; // (1 - lr q_b)^2
    double[] poly; // when set: sum over partitions of prod_b (1 - lr q_b)^2 as coefficients in lr (lr ignored)
    double[][] partial; // partial[b]: the product's coefficients over batches 0..b-1
    double[] collected; // when set: log|A| of each partition, in visiting order
    double centre;
    double sumLog;
    double sumLogSq;
    double sumSquare;
    long visited;

    Walk(double lr, double[] sq, int batch, int batches) {
      this.lr = lr;
      this.sq = sq;
      this.batch = batch;
      this.batches = batches;
      this.logs = new double[batches];
      this.squares = new double[batches];
    }

    /** Chooses the r dropped points among {@code free}, each at an index of at least {@code from}. */
    void dropped(long free, int r, int from) {
      if (r == 0) {
        batch(free, 0);
        return;
      }
      for (int i = from; i < 64; i++) {
        if ((free >>> i & 1) != 0) {
          dropped(free & ~(1L << i), r - 1, i + 1);
        }
      }
    }

    /** Forms batch {@code b} from the lowest free point and S - 1 companions, then the rest. */
    void batch(long free, int b) {
      if (b == batches && poly != null) {
        for (int i = 0; i < poly.length; i++) {
          poly[i] += partial[batches][i];
        }
        visited++;
        return;
      }
      if (b == batches) {
        double log = 0, square = 1;
        for (int i = 0; i < batches; i++) {
          log += logs[i];
          square *= squares[i];
        }
        if (collected != null) {
          collected[(int) visited++] = log;
          return;
        }
        double d = log - centre;
        sumLog += log;
        sumLogSq += d * d;
        sumSquare += square;
        visited++;
        return;
      }
      int lowest = Long.numberOfTrailingZeros(free);
      companions(free & ~(1L << lowest), b, batch - 1, lowest + 1, sq[lowest]);
    }

    /** Adds {@code need} more points above index {@code from} to batch b, whose x^2 sum so far is sum. */
    void companions(long free, int b, int need, int from, double sum) {
      if (need == 0) {
        double q = sum / batch;
        if (poly != null) { // partial[b + 1] = partial[b] * (1 - 2 q lr + q^2 lr^2)
          double[] in = partial[b], out = partial[b + 1];
          if (b == 0) {
            java.util.Arrays.fill(in, 0);
            in[0] = 1;
          }
          int deg = 2 * b;
          java.util.Arrays.fill(out, 0);
          for (int i = 0; i <= deg; i++) {
            out[i] += in[i];
            out[i + 1] -= 2 * q * in[i];
            out[i + 2] += q * q * in[i];
          }
          batch(free, b + 1);
          return;
        }
        double factor = Math.fma(-lr, q, 1.0);
        logs[b] = Linreg1dTheory.logAbsOneMinus(lr, q);
        squares[b] = factor * factor;
        batch(free, b + 1);
        return;
      }
      for (int i = from; i < 64; i++) {
        if ((free >>> i & 1) != 0) {
          companions(free & ~(1L << i), b, need - 1, i + 1, sum + sq[i]);
        }
      }
    }
  }

  private static void check(int n, int batch) {
    if (n < 1) {
      throw new IllegalArgumentException("empty dataset");
    }
    if (batch < 1 || batch > n) {
      throw new IllegalArgumentException("batch " + batch + " must be in 1.." + n + " to reshuffle " + n + " points");
    }
  }

  private static double binomial(int n, int k) {
    double c = 1;
    for (int i = 1; i <= k; i++) {
      c = c * (n - k + i) / i;
    }
    return c;
  }
}
