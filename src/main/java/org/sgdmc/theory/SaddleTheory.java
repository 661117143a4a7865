package org.sgdmc.theory;

import org.sgdmc.models.SaddleData;

/**
 * Exact theory of the {@code saddle} model, SGD near the rank-0 saddle of {@code l = -chi sum_i u_i w_i}
 * (seed 002, Sec. 4.2, Prop. 2, App. A.6). With {@code h = w + u}, {@code m = w - u} and chib the batch mean of
 * chi = x y, {@code h_{t+1} = (1 + lr chib_t) h_t} and {@code m_{t+1} = (1 - lr chib_t) m_t}, the chib_t
 * i.i.d. across steps, so (as for linreg1d, {@link Linreg1dTheory}):
 *
 * <ul>
 *   <li>the Lyapunov exponents are {@code Lambda_s = E log|1 + s lr chib|}, s = +1 for h and s = -1 for m
 *       (natural logarithms of the distances, not the seed's log of squares); h -> 0 in probability iff
 *       Lambda_+ &lt; 0, m -> 0 iff Lambda_- &lt; 0;
 *   <li>the second moments obey {@code E[h_{t+1}^2] = E[(1 + lr chib)^2] E[h_t^2]} exactly ({@link
 *       #meanSquareFactor}); m -> 0 in mean square iff {@code E[(1 - lr chib)^2] < 1}, the extra condition of
 *       phase Ib (Fig. 1b). By Jensen {@code Lambda_s <= (1/2) log E[(1 + s lr chib)^2]}.
 * </ul>
 *
 * <p>How each law is computed:
 *
 * <ul>
 *   <li>Two-point chi (1 or a, probability 1/2 each; {@link #lyapunovTwoPoint}): for S = 1 the closed form
 *       {@code (1/2) log|(1 + s lr)(1 + s lr a)|} (seed eq. (68), (69)); for S &gt; 1 chib = (k a + S - k)/S
 *       with k ~ Binomial(S, 1/2) a's, summed exactly over k.
 *   <li>Gaussian data ({@link #lyapunovGaussian}): a quadrature over the chi-square part of chib of a closed
 *       form over its Gaussian part, see {@link SaddleGaussianLyapunov} and {@link NormalLogAbs}.
 *   <li>Finite data ({@link #lyapunovFinite}): the exact sum over the N points (S = 1), the exact sum over all
 *       batch contents ({@link BatchMeanLaw}) while there are at most {@link #DEFAULT_ENUMERATION_LIMIT},
 *       else Monte Carlo with control variates and a standard error (as {@link Linreg1dTheory#lyapunovFinite}).
 * </ul>
 *
 * <p>The sign argument {@code s} of every method is {@code +1} (h, {@code Lambda_+}) or {@code -1} (m,
 * {@code Lambda_-}).
 */
public final class SaddleTheory {
  /** Most batch contents {@link #lyapunovFinite} sums over exactly before it switches to Monte Carlo. */
  public static final long DEFAULT_ENUMERATION_LIMIT = Linreg1dTheory.DEFAULT_ENUMERATION_LIMIT;
  /** Seed of the Monte Carlo fallback, fixed so results are reproducible. */
  public static final long DEFAULT_SEED = 0x5EED_5AD1L;
  /** Largest total error estimate {@link #lyapunovGaussian} accepts from its quadrature. */
  static final double GAUSSIAN_MAX_ERROR = 1e-10;

  private SaddleTheory() {}

  // ---------------------------------------------------------------------------------------------------
  // Lyapunov exponents

  /**
   * {@code Lambda_s = E log|1 + s lr chib|} for {@code data} and batch size S, by the method that fits the
   * data (see the class comment); the estimate says which, and has stderr 0 unless it is Monte Carlo.
   * {@code withReplacement} matters only for finite data.
   */
  public static Estimate lyapunov(double lr, int sign, SaddleData data, int batch, boolean withReplacement) {
    return switch (data) {
      case SaddleData.TwoPoint p -> new Estimate(lyapunovTwoPoint(lr, sign, p.a(), batch), 0.0,
          batch == 1 ? Estimate.METHOD_CLOSED_FORM : Estimate.METHOD_EXACT_ENUMERATION);
      case SaddleData.Gaussian g -> new Estimate(lyapunovGaussian(lr, sign, g.mu(), batch), 0.0,
          Estimate.METHOD_QUADRATURE);
      case SaddleData.Finite f -> lyapunovFinite(lr, sign, f.chi(), batch, withReplacement);
    };
  }

  /** {@link #lyapunov(double, int, SaddleData, int, boolean)} without replacement. */
  public static Estimate lyapunov(double lr, int sign, SaddleData data, int batch) {
    return lyapunov(lr, sign, data, batch, false);
  }

  /**
   * Two-point chi (1 or a with probability 1/2 each, fresh for every batch element): for S = 1, {@code (1/2)
   * (log|1 + s lr| + log|1 + s lr a|)}; for S &gt; 1, {@code sum_k C(S, k) 2^-S log|1 + s lr (k a + S - k)/S|}.
   * {@code -infinity} when some batch mean makes the factor exactly 0 (then the distance reaches 0 in finite
   * time with probability 1). Each logarithm keeps its relative accuracy for small lr (log1p); a sum of
   * S + 1 terms.
   */
  public static double lyapunovTwoPoint(double lr, int sign, double a, int batch) {
    checkLr(lr);
    checkSign(sign);
    checkBatch(batch);
    if (!Double.isFinite(a)) {
      throw new IllegalArgumentException("the two-point value a must be finite: " + a);
    }
    double slr = sign * lr;
    if (batch == 1) {
      return 0.5 * (logAbsOnePlus(slr, 1.0) + logAbsOnePlus(slr, a));
    }
    double logHalfPower = -batch * Math.log(2);
    double logFactorialS = SpecialFunctions.logFactorial(batch);
    double sum = 0;
    double compensation = 0;
    for (int k = 0; k <= batch; k++) {
      double weight = Math.exp(logFactorialS - SpecialFunctions.logFactorial(k)
          - SpecialFunctions.logFactorial(batch - k) + logHalfPower);
      double chib = (k * a + (batch - k)) / batch;
      double term = weight * logAbsOnePlus(slr, chib);
      if (term == Double.NEGATIVE_INFINITY) {
        return term;
      }
      double t = sum + term;
      compensation += Math.abs(sum) >= Math.abs(term) ? (sum - t) + term : (term - t) + sum;
      sum = t;
    }
    return sum + compensation;
  }

  /**
   * Gaussian data, fresh each step (x ~ N(0, 1), eps ~ N(0, 4), y = mu x + (1 - mu) eps): {@code E log|1 + s
   * lr chib|} for any S, by {@link SaddleGaussianLyapunov}. Observed absolute error 5e-15 (against a second
   * quadrature for S up to 1024, lr up to 10, mu from -0.5 to 0.97, and for S = 1 against an independent
   * one-dimensional form through the exponential integral, lr up to 15, mu from -0.4 to 1.3; the tests
   * assert 1e-12); relative accuracy is kept for small lr. At mu = 1 it is {@link
   * Linreg1dTheory#lyapunovGaussian} (for s = -1). About 0.2 ms per value on one core, for S = 1 as for S = 16.
   *
   * @throws ArithmeticException if the quadrature's own error estimate exceeds 1e-10 (not seen in tests)
   */
  public static double lyapunovGaussian(double lr, int sign, double mu, int batch) {
    checkLr(lr);
    checkSign(sign);
    checkBatch(batch);
    if (!Double.isFinite(mu)) {
      throw new IllegalArgumentException("mu must be finite: " + mu);
    }
    Quadrature.Result r = SaddleGaussianLyapunov.integrate(lr, sign, mu, batch);
    if (!(r.errorEstimate() <= GAUSSIAN_MAX_ERROR)) {
      throw new ArithmeticException("quadrature did not converge: lr = " + lr + ", sign = " + sign + ", mu = " + mu
          + ", S = " + batch + ", error estimate " + r.errorEstimate());
    }
    return r.value();
  }

  /**
   * Finite data given by its {@code chi_i = x_i y_i}, with the defaults: exact up to {@link
   * #DEFAULT_ENUMERATION_LIMIT} batch contents, else Monte Carlo with seed {@link #DEFAULT_SEED}.
   */
  public static Estimate lyapunovFinite(double lr, int sign, double[] chi, int batch, boolean withReplacement) {
    checkBatch(batch);
    long samples = Math.max(10_000, Math.min(1_000_000, 50_000_000L / batch));
    return lyapunovFinite(lr, sign, chi, batch, withReplacement, DEFAULT_ENUMERATION_LIMIT, samples, DEFAULT_SEED);
  }

  /**
   * {@code E log|1 + s lr chib|} for batches of the dataset with values {@code chi}: S = 1, the exact sum
   * {@code (1/N) sum_i log|1 + s lr chi_i|} (method exact-sum); S &gt; 1 with at most {@code enumerationLimit}
   * batch contents, the exact sum over them (exact-enumeration; up to 25 times as many summed as they are
   * visited, {@link BatchMeanLaw#expectationStreamed}); otherwise Monte Carlo over {@code samples}
   * batches with chib and chib^2 as control variates (monte-carlo-control-variates, with a stderr).
   */
  public static Estimate lyapunovFinite(double lr, int sign, double[] chi, int batch, boolean withReplacement,
      long enumerationLimit, long samples, long seed) {
    checkLr(lr);
    checkSign(sign);
    checkData(chi, batch, withReplacement);
    double slr = sign * lr;
    if (batch == 1) {
      double sum = 0;
      for (double c : chi) {
        sum += logAbsOnePlus(slr, c);
      }
      return new Estimate(sum / chi.length, 0.0, Estimate.METHOD_EXACT_SUM);
    }
    long count = BatchMeanLaw.count(chi.length, batch, withReplacement);
    if (count <= enumerationLimit) {
      return lyapunov(lr, sign, BatchMeanLaw.enumerateMeans(chi, batch, withReplacement, enumerationLimit));
    }
    if (count / Linreg1dTheory.STREAMED_ENUMERATION_FACTOR <= enumerationLimit) { // exact, summed as visited
      return new Estimate(BatchMeanLaw.expectationStreamed(chi, batch, withReplacement, q -> logAbsOnePlus(slr, q),
          count), 0.0, Estimate.METHOD_EXACT_ENUMERATION);
    }
    if (samples < 10) {
      throw new IllegalArgumentException("need at least 10 Monte Carlo samples: " + samples);
    }
    double mean = mean(chi);
    double meanSquare = mean * mean + batchMeanVariance(chi, batch, withReplacement);
    return Linreg1dTheory.monteCarloBatchMeans(chi, batch, withReplacement, mean, meanSquare,
        q -> logAbsOnePlus(slr, q), samples, seed);
  }

  /**
   * {@code E log|1 + s lr chib|} over an enumerated law of chib ({@link BatchMeanLaw#enumerateMeans}): for
   * sweeps over lr, which can enumerate the batches once. Method exact-enumeration.
   */
  public static Estimate lyapunov(double lr, int sign, BatchMeanLaw law) {
    checkLr(lr);
    checkSign(sign);
    double slr = sign * lr;
    return new Estimate(law.expectation(q -> logAbsOnePlus(slr, q)), 0.0, Estimate.METHOD_EXACT_ENUMERATION);
  }

  // ---------------------------------------------------------------------------------------------------
  // Moments

  /**
   * Under random reshuffling of a finite dataset: the per-step factor of {@code E[h^2]} (sign +1) or
   * {@code E[m^2]} (sign -1) over whole epochs, {@code E[A^2]^(1/K)} with {@code A = prod_b (1 + s lr chib_b)}
   * the epoch's product, exact by enumeration of the epoch's partitions ({@link ReshuffleEpochs}); NaN when
   * there are more than {@link ReshuffleEpochs#DEFAULT_LIMIT} of them. The exponents are those without
   * replacement (linearity over the epoch).
   */
  public static double meanSquareFactorReshuffled(double lr, int sign, double[] chi, int batch) {
    checkSign(sign);
    if (chi.length > 62 || ReshuffleEpochs.count(chi.length, batch) > ReshuffleEpochs.DEFAULT_LIMIT) {
      return Double.NaN;
    }
    double[] values = new double[chi.length];
    for (int i = 0; i < chi.length; i++) {
      values[i] = -sign * chi[i];
    }
    return Math.exp(ReshuffleEpochs.enumerateValues(lr, values, batch, ReshuffleEpochs.DEFAULT_LIMIT)
        .logMeanSquareRate());
  }

  /**
   * {@code E[(1 + s lr chib)^2] = (1 + s lr E[chi])^2 + lr^2 Var(chib)}: the exact per-step factor of {@code
   * E[h^2]} (s = +1) or {@code E[m^2]} (s = -1). {@code Var(chib) = Var(chi) / S}, times {@code (N - S)/(N -
   * 1)} for a finite dataset sampled without replacement ({@link DataMoments} explains the correction).
   */
  public static double meanSquareFactor(double lr, int sign, SaddleData data, int batch, boolean withReplacement) {
    checkLr(lr);
    checkSign(sign);
    double one = 1.0 + sign * lr * data.meanChi();
    return one * one + lr * lr * batchMeanVariance(data, batch, withReplacement);
  }

  /** Var(chib) for batch size S under the sampling scheme (finite data) or fresh draws (the others). */
  public static double batchMeanVariance(SaddleData data, int batch, boolean withReplacement) {
    checkBatch(batch);
    if (data instanceof SaddleData.Finite f) {
      return batchMeanVariance(f.chi(), batch, withReplacement);
    }
    return data.varianceChi() / batch;
  }

  private static double batchMeanVariance(double[] chi, int batch, boolean withReplacement) {
    int n = chi.length;
    if (!withReplacement && batch > n) {
      throw new IllegalArgumentException("batch " + batch + " > dataset size " + n + " without replacement");
    }
    double mean = mean(chi);
    double ss = 0;
    for (double c : chi) {
      ss += (c - mean) * (c - mean);
    }
    double v = ss / n / batch;
    if (withReplacement) {
      return v;
    }
    return n == 1 ? 0.0 : v * (n - batch) / (n - 1.0);
  }

  private static double mean(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s / values.length;
  }

  // ---------------------------------------------------------------------------------------------------

  /**
   * {@code log|1 + p q|} with relative accuracy for small {@code p q} and one rounding in {@code 1 + p q}
   * otherwise, so it is {@code -infinity} exactly when {@code p q = -1} in real arithmetic.
   */
  static double logAbsOnePlus(double p, double q) {
    return Linreg1dTheory.logAbsOneMinus(-p, q);
  }

  static void checkSign(int sign) {
    if (sign != 1 && sign != -1) {
      throw new IllegalArgumentException("sign must be +1 (h = w + u) or -1 (m = w - u), not " + sign);
    }
  }

  static void checkLr(double lr) {
    Linreg1dTheory.checkLr(lr);
  }

  static void checkBatch(int batch) {
    Linreg1dTheory.checkBatch(batch);
  }

  private static void checkData(double[] chi, int batch, boolean withReplacement) {
    if (chi.length == 0) {
      throw new IllegalArgumentException("empty dataset");
    }
    checkBatch(batch);
    if (!withReplacement && batch > chi.length) {
      throw new IllegalArgumentException("batch " + batch + " > dataset size " + chi.length + " without replacement");
    }
    for (double c : chi) {
      if (!Double.isFinite(c)) {
        throw new IllegalArgumentException("non-finite data value: " + c);
      }
    }
  }
}
