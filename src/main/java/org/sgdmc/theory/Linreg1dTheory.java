package org.sgdmc.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * Exact theory of {@code linreg1d}, the interpolating one-dimensional linear regression of seed 002
 * (Ziyin, Li, Galanti, Ueda, "The probabilistic stability of stochastic gradient descent", 2023), Sec. 2-3
 * and Appendix A.1-A.2.
 *
 * <h2>Model</h2>
 *
 * With {@code v = w - w*}, one SGD step with learning rate {@code lr} and batch size S is (seed eq. (6),
 * (16)) {@code v_{t+1} = (1 - lr q_t) v_t}, {@code q_t = (1/S) sum_{j in B_t} x_j^2}, with the q_t i.i.d.
 * across steps. So {@code log|v_t| = log|v_0| + sum_{s<t} log|1 - lr q_s|} is a random walk and
 *
 * <ul>
 *   <li>the Lyapunov exponent is {@code Lambda = lim log|v_t| / t = E log|1 - lr q|} almost surely; v_t -> 0
 *       in probability iff Lambda &lt; 0 (seed Prop. 1 for S = 1; the proof only uses that the factors are
 *       i.i.d., so it holds for any S and either sampling scheme). We use {@code log|v|}, not the seed's
 *       {@code log|v|^2} of eq. (9), which is twice as large;
 *   <li>the second moment obeys {@code E[v_{t+1}^2] = E[(1 - lr q)^2] E[v_t^2]} exactly, so {@code log
 *       E[v_t^2] / t = log E[(1 - lr q)^2]} ({@link #meanSquareGrowthRate}); by Jensen,
 *       {@code Lambda <= (1/2) log E[(1 - lr q)^2]}: mean-square stability implies probabilistic stability,
 *       and {@link #lrProbabilisticGaussian} always exceeds {@link #lrMeanSquare}.
 * </ul>
 *
 * <h2>Thresholds and seed eq. (4)</h2>
 *
 * From {@code E[(1 - lr q)^2] = 1 - 2 lr E[q] + lr^2 E[q^2]}, the second moment contracts iff {@code lr <
 * 2 E[q] / E[q^2]}. Seed eq. (18) writes {@code E[q^2] = S^-2 sum_{i,j} E[x_i^2 x_j^2]}, which is right;
 * of its S^2 terms, S are diagonal ({@code E[x^4]}) and S(S - 1) off-diagonal ({@code E[x^2]^2} for
 * independent draws), so {@code E[q^2] = (E[x^4] + (S - 1) E[x^2]^2) / S} and
 *
 * <pre>  lr_MS = 2 S E[x^2] / (E[x^4] + (S - 1) E[x^2]^2)      (Gaussian: 2S / (S + 2)).</pre>
 *
 * The seed's eq. (19) instead keeps one diagonal term and (S - 1)^2 off-diagonal ones, which gives its
 * eq. (21) = (4), {@code 2 S^2 E[x^2] / (E[x^4] + (S - 1)^2 E[x^2]^2)}. The two agree only at S = 1. The
 * printed form cannot be right for S &gt; 1: Jensen gives {@code E[(1 - lr q)^2] >= (1 - lr h)^2 > 1} for
 * {@code lr > 2/h}, so no mean-square threshold can exceed the GD threshold {@code 2/h} (eq. (3)), yet the
 * printed one does whenever {@code E[x^4] < (2S - 1) E[x^2]^2}, e.g. Gaussian data with S = 3 (18/7 =
 * 2.57 &gt; 2). Two further slips in Appendix A.2: eq. (22), "the same as eq. (4)" for Gaussian data, reads
 * {@code S^2 / (3S + (S - 1)^2)}, which is neither (21) at {@code E[x^4] = 3} ({@code S^2 / (3 + (S -
 * 1)^2)}) nor the correct {@code S / (S + 2)}; and eq. (27) for one outlier x_max dominating both moments
 * ({@code E[x^2] ~ x_max^2/N}, {@code E[x^4] ~ x_max^4/N}) should read {@code lr < 2 / x_max^2}, not
 * {@code 2 / (N x_max^2)}, so Sec. 4.1's "lr_DS* = (N c)^-1" is off by a factor N. Without replacement the
 * finite-population correction enters ({@link DataMoments#batchMeanVariance}). {@link
 * #lrMeanSquarePrinted} keeps the printed form for comparison with the seed's figures.
 *
 * <h2>Lyapunov exponent</h2>
 *
 * <ul>
 *   <li>Gaussian data, fresh draws ({@link #lyapunovGaussian}): {@code q ~ Gamma(S/2, 2/S)}; tanh-sinh
 *       quadrature, see {@link GaussianLyapunov}. Closed forms used as checks: S = 2 ({@code q ~ Exp(1)}):
 *       {@code Lambda = -e^(-1/lr) Ei(1/lr)}, so the edge is {@code 1 / x0} with {@code x0 = 0.3725074107...}
 *       the positive zero of Ei (log of the Ramanujan-Soldner constant): {@code lr* = 2.68451035...}. S = 1:
 *       {@code Lambda = log(lr) - gamma_E - log 2 + 4 int_0^Z F(z) dz}, {@code Z = (2 lr)^-1/2}, F the
 *       Dawson function (differentiate {@code E log|x^2 - c|} in c: the principal value {@code E[1/(x^2 -
 *       c)]} is {@code -sqrt(2/c) F(sqrt(c/2))}); hence {@code dLambda/dlr = (1 - 2 Z F(Z)) / lr = F'(Z) / lr}.
 *       Dawson's function rises to its single maximum at {@code z0 = 0.92413887...} and falls after, so
 *       Lambda falls from 0 to its single minimum at {@code lr = 1/(2 z0^2) = 0.5854577...} and then rises
 *       through a single zero: for S = 1 it is negative on all of (0, lr*).
 *   <li>Finite data ({@link #lyapunovFinite}): S = 1 is the sum of seed eq. (7); S &gt; 1 sums over every
 *       batch ({@link BatchMeanLaw}) while there are at most {@link #DEFAULT_ENUMERATION_LIMIT}, else Monte
 *       Carlo with control variates and a reported standard error (see there for why not a saddle-point
 *       approximation).
 *   <li>Finite data, the whole stable set ({@link #stableIntervalsFinite}): {@code lr -> log|1 - lr q|} is
 *       concave between its poles, so Lambda is concave between consecutive poles {@code 1/q_b} (the
 *       stripes of seed Fig. 2) and has zero or two roots in each gap; all are found, none can be missed.
 * </ul>
 */
public final class Linreg1dTheory {
  /** Most batch contents {@link #lyapunovFinite} sums over exactly before it switches to Monte Carlo. */
  public static final long DEFAULT_ENUMERATION_LIMIT = 2_000_000;
  /**
   * Past the stored enumeration's limit, {@link #lyapunovFinite} still sums over every batch content, as they
   * are visited and without storing them, up to this many times the limit (5e7 contents by default, about a
   * second): exact where Monte Carlo would be less precise than the simulation it checks.
   */
  static final long STREAMED_ENUMERATION_FACTOR = 25;
  /** Seed of the Monte Carlo fallback, fixed so results are reproducible. */
  public static final long DEFAULT_SEED = 0x5EED_0002L;
  /** Random index draws the Monte Carlo fallback spends by default (samples = draws / S, clamped). */
  static final long DEFAULT_MC_DRAWS = 50_000_000;
  /** Largest total error estimate {@link #lyapunovGaussian} accepts from its quadrature. */
  static final double GAUSSIAN_MAX_ERROR = 1e-11;

  /** An interval of learning rates. */
  public record Interval(double lo, double hi) {}

  private Linreg1dTheory() {}

  // ---------------------------------------------------------------------------------------------------
  // Lyapunov exponent

  /**
   * {@code Lambda = E log|1 - lr q|}, {@code q = chi^2_S / S}: the Lyapunov exponent of {@code linreg1d}
   * with fresh N(0, 1) data each step (for N(0, s^2) data use {@code lr s^2}). Absolute error below 1e-12
   * for lr in (0, 50] and S in 1..4096 (observed at most 4e-13 against an independent quadrature, 1e-14
   * against the closed forms for S = 1, 2; see {@link GaussianLyapunov}); relative accuracy is kept for
   * small lr, where {@code Lambda = -lr - (1 + 2/S) lr^2 / 2 - ...}.
   *
   * @throws IllegalArgumentException if lr is not finite and positive, or batch &lt; 1
   * @throws ArithmeticException if the quadrature's own error estimate exceeds 1e-11 (not seen in tests)
   */
  public static double lyapunovGaussian(double lr, int batch) {
    checkLr(lr);
    checkBatch(batch);
    Quadrature.Result r = GaussianLyapunov.integrate(lr, batch);
    if (!(r.errorEstimate() <= GAUSSIAN_MAX_ERROR)) {
      throw new ArithmeticException("quadrature did not converge: lr = " + lr + ", S = " + batch
          + ", error estimate " + r.errorEstimate());
    }
    return r.value();
  }

  /**
   * The Lyapunov exponent for a finite dataset, with the defaults: exact enumeration up to {@link
   * #DEFAULT_ENUMERATION_LIMIT} batch contents stored, up to 25 times as many summed as visited, else Monte
   * Carlo with seed {@link #DEFAULT_SEED}.
   *
   * @see #lyapunovFinite(double, double[], int, boolean, long, long, long)
   */
  public static Estimate lyapunovFinite(double lr, double[] x, int batch, boolean withReplacement) {
    checkBatch(batch);
    long samples = Math.max(10_000, Math.min(1_000_000, DEFAULT_MC_DRAWS / batch));
    return lyapunovFinite(lr, x, batch, withReplacement, DEFAULT_ENUMERATION_LIMIT, samples, DEFAULT_SEED);
  }

  /**
   * {@code Lambda = E log|1 - lr q|} for batches of the dataset {@code x}, drawn afresh each step.
   *
   * <ul>
   *   <li>S = 1 (both sampling schemes coincide): {@code (1/N) sum_i log|1 - lr x_i^2|} (seed eq. (7)),
   *       method {@link Estimate#METHOD_EXACT_SUM}. It is {@code -infinity} when {@code lr x_i^2 = 1}
   *       holds exactly for the doubles given (e.g. x_i^2 a power of two): the iterate then reaches the
   *       minimum in finite time with probability 1 (seed Prop. 3). {@code 1 - lr q} is formed with one
   *       rounding (fma).
   *   <li>S &gt; 1 and at most {@code enumerationLimit} batch contents: the exact sum over them, weighted by
   *       multinomial probabilities (with replacement) or uniformly over S-subsets (without), method
   *       {@link Estimate#METHOD_EXACT_ENUMERATION}; up to {@link #STREAMED_ENUMERATION_FACTOR} times as many,
   *       the same sum formed as the contents are visited, without storing them
   *       ({@link BatchMeanLaw#expectationStreamed}), also exact.
   *   <li>Otherwise Monte Carlo over {@code samples} independent batches, method {@link
   *       Estimate#METHOD_MONTE_CARLO}. The regression estimator with control variates {@code q - E[q]} and
   *       {@code q^2 - E[q^2]}, whose means are known exactly ({@link DataMoments}), removes the part of
   *       {@code log|1 - lr q|} that is quadratic in q: most of the variance at small lr. The stderr is the
   *       usual least-squares standard error of the intercept (exact for the regression, asymptotic in
   *       the number of samples). A saddle-point or Edgeworth approximation of the law of q was not used:
   *       q is discrete, and near the poles {@code 1/q_b} (the stripes of seed Fig. 2) Lambda depends on
   *       individual atoms, which a smooth approximation cannot represent and whose error it cannot bound.
   *       If a sampled batch gives {@code 1 - lr q = 0} exactly, the value is {@code -infinity}, stderr 0.
   * </ul>
   *
   * @throws IllegalArgumentException for lr not finite and positive, an empty or non-finite dataset,
   *     batch &lt; 1, batch &gt; N without replacement, or samples &lt; 10
   */
  public static Estimate lyapunovFinite(double lr, double[] x, int batch, boolean withReplacement,
      long enumerationLimit, long samples, long seed) {
    checkLr(lr);
    checkData(x, batch, withReplacement);
    if (batch == 1) {
      double sum = 0;
      for (double xi : x) {
        sum += logAbsOneMinus(lr, xi * xi);
      }
      return new Estimate(sum / x.length, 0.0, Estimate.METHOD_EXACT_SUM);
    }
    long count = BatchMeanLaw.count(x.length, batch, withReplacement);
    if (count <= enumerationLimit) {
      BatchMeanLaw law = BatchMeanLaw.enumerate(x, batch, withReplacement, enumerationLimit);
      return new Estimate(law.expectation(q -> logAbsOneMinus(lr, q)), 0.0,
          Estimate.METHOD_EXACT_ENUMERATION);
    }
    if (count / STREAMED_ENUMERATION_FACTOR <= enumerationLimit) { // summed as visited, nothing stored
      double[] x2 = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        x2[i] = x[i] * x[i];
      }
      return new Estimate(BatchMeanLaw.expectationStreamed(x2, batch, withReplacement, q -> logAbsOneMinus(lr, q),
          count), 0.0, Estimate.METHOD_EXACT_ENUMERATION);
    }
    if (samples < 10) {
      throw new IllegalArgumentException("need at least 10 Monte Carlo samples: " + samples);
    }
    return monteCarlo(lr, x, batch, withReplacement, DataMoments.of(x, withReplacement), samples, seed);
  }

  /**
   * {@code Var log|1 - lr q|} over one batch drawn afresh (with or without replacement): the per-step growth
   * of {@code Var log|w_t - w*|}, whose steps are independent. Exact: a sum over the points for S = 1, else an
   * enumeration of the batches while there are at most {@link #DEFAULT_ENUMERATION_LIMIT}, else NaN; NaN also when some batch gives {@code lr q = 1}.
   */
  public static double logVarianceFinite(double lr, double[] x, int batch, boolean withReplacement) {
    checkLr(lr);
    checkData(x, batch, withReplacement);
    if (batch == 1) { // a sum over the points, two passes
      double mean = 0;
      for (double xi : x) {
        mean += logAbsOneMinus(lr, xi * xi) / x.length;
      }
      if (!Double.isFinite(mean)) {
        return Double.NaN;
      }
      double var = 0;
      for (double xi : x) {
        double d = logAbsOneMinus(lr, xi * xi) - mean;
        var += d * d / x.length;
      }
      return var;
    }
    if (BatchMeanLaw.count(x.length, batch, withReplacement) > DEFAULT_ENUMERATION_LIMIT) {
      return Double.NaN;
    }
    BatchMeanLaw law = BatchMeanLaw.enumerate(x, batch, withReplacement, DEFAULT_ENUMERATION_LIMIT);
    double mean = law.expectation(q -> logAbsOneMinus(lr, q));
    if (!Double.isFinite(mean)) {
      return Double.NaN;
    }
    return law.expectation(q -> {
      double d = logAbsOneMinus(lr, q) - mean;
      return d * d;
    });
  }

  /**
   * {@code log|1 - lr q|} with relative accuracy for small {@code lr q} and one rounding in {@code 1 - lr
   * q} otherwise (so it is {@code -infinity} exactly when {@code lr q = 1} in real arithmetic).
   */
  static double logAbsOneMinus(double lr, double q) {
    double y = lr * q;
    return y < 0.5 ? Math.log1p(-y) : Math.log(Math.abs(Math.fma(-lr, q, 1.0)));
  }

  private static Estimate monteCarlo(double lr, double[] x, int batch, boolean withReplacement,
      DataMoments moments, long samples, long seed) {
    double[] x2 = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      x2[i] = x[i] * x[i];
    }
    return monteCarloBatchMeans(x2, batch, withReplacement, moments.m2(), moments.batchMeanSecondMoment(batch),
        q -> logAbsOneMinus(lr, q), samples, seed);
  }

  /**
   * {@code E f(q)} for the batch mean q of {@code values} (one per point) by Monte Carlo over {@code samples}
   * batches, with {@code q - E[q]} and {@code q^2 - E[q^2]} as control variates (their means given exactly):
   * see {@link #lyapunovFinite(double, double[], int, boolean, long, long, long)}. An infinite {@code f(q)}
   * (-infinity: a batch maps the iterate exactly to 0) makes the estimate -infinity with stderr 0.
   */
  static Estimate monteCarloBatchMeans(double[] values, int batch, boolean withReplacement, double meanQ,
      double meanQSquare, DoubleUnaryOperator f, long samples, long seed) {
    int n = values.length;
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    CoMoments acc = new CoMoments();
    for (long s = 0; s < samples; s++) {
      double sum = 0;
      if (withReplacement) {
        for (int j = 0; j < batch; j++) {
          sum += values[rng.nextInt(n)];
        }
      } else {
        // Partial Fisher-Yates: the first S slots become a uniform S-subset whatever order perm is in,
        // so perm needs no reset between batches.
        for (int j = 0; j < batch; j++) {
          int r = j + rng.nextInt(n - j);
          int t = perm[j];
          perm[j] = perm[r];
          perm[r] = t;
          sum += values[perm[j]];
        }
      }
      double q = sum / batch;
      double y = f.applyAsDouble(q);
      if (y == Double.NEGATIVE_INFINITY) {
        return new Estimate(Double.NEGATIVE_INFINITY, 0.0, Estimate.METHOD_MONTE_CARLO);
      }
      acc.add(y, q - meanQ, q * q - meanQSquare);
    }
    double[] fit = acc.interceptAtZero();
    return new Estimate(fit[0], fit[1], Estimate.METHOD_MONTE_CARLO);
  }

  /**
   * Running means and co-moments of (y, u1, u2) (upper triangle), updated in Welford's way, and the
   * least-squares intercept of y on (u1, u2) at u = 0 with its standard error.
   */
  private static final class CoMoments {
    long n;
    final double[] mean = new double[3];
    final double[][] c = new double[3][3];

    void add(double y, double u1, double u2) {
      n++;
      double d0 = y - mean[0];
      double d1 = u1 - mean[1];
      double d2 = u2 - mean[2];
      mean[0] += d0 / n;
      mean[1] += d1 / n;
      mean[2] += d2 / n;
      double e0 = y - mean[0];
      double e1 = u1 - mean[1];
      double e2 = u2 - mean[2];
      c[0][0] += d0 * e0;
      c[0][1] += d0 * e1;
      c[0][2] += d0 * e2;
      c[1][1] += d1 * e1;
      c[1][2] += d1 * e2;
      c[2][2] += d2 * e2;
    }

    /** {intercept, stderr}; falls back to one or no control variate when the design is degenerate. */
    double[] interceptAtZero() {
      double syy = c[0][0];
      double s11 = c[1][1];
      double s22 = c[2][2];
      double s12 = c[1][2];
      double det = s11 * s22 - s12 * s12;
      if (det > 1e-10 * s11 * s22 && s11 > 0) {
        double b1 = (s22 * c[0][1] - s12 * c[0][2]) / det;
        double b2 = (s11 * c[0][2] - s12 * c[0][1]) / det;
        double rss = Math.max(0.0, syy - b1 * c[0][1] - b2 * c[0][2]);
        double s2 = rss / (n - 3);
        // Var of the fitted value at u = 0: s^2 (1/n + ubar' Sxx^-1 ubar)
        double u1 = mean[1];
        double u2 = mean[2];
        double quad = (s22 * u1 * u1 - 2 * s12 * u1 * u2 + s11 * u2 * u2) / det;
        return new double[] {mean[0] - b1 * u1 - b2 * u2, Math.sqrt(s2 * (1.0 / n + quad))};
      }
      if (s11 > 0) {
        double b1 = c[0][1] / s11;
        double rss = Math.max(0.0, syy - b1 * c[0][1]);
        double s2 = rss / (n - 2);
        double u1 = mean[1];
        return new double[] {mean[0] - b1 * u1, Math.sqrt(s2 * (1.0 / n + u1 * u1 / s11))};
      }
      return new double[] {mean[0], Math.sqrt(syy / (n - 1) / n)};
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // Where Lambda changes sign

  /**
   * The probabilistic stability edge for N(0, 1) data: the learning rate where Lambda changes sign from
   * negative to positive, to about 1e-12. The search starts at {@link #lrMeanSquare} (where Lambda &lt; 0 by
   * Jensen), steps up by factors of 1.05 until Lambda &gt; 0, then bisects. That this is the only sign
   * change is proved for S = 1 and 2 (see the class comment) and checked by a scan for S up to 4096 in
   * the tests. For N(0, s^2) data divide by s^2.
   */
  public static double lrProbabilisticGaussian(int batch) {
    checkBatch(batch);
    DoubleUnaryOperator lambda = lr -> lyapunovGaussian(lr, batch);
    double a = lrMeanSquare(DataMoments.gaussian(), batch);
    double b = a;
    while (true) {
      b *= 1.05;
      if (lambda.applyAsDouble(b) > 0) {
        break;
      }
      a = b;
    }
    return bisect(lambda, a, b, 1e-13);
  }

  /**
   * Every sign change of Lambda (N(0, 1) data) on a geometric grid of {@code gridPoints} learning rates
   * from {@code lrMin} to {@code lrMax}, each refined by bisection to about 1e-12. Sign changes closer
   * than the grid spacing can be missed; this is a scan, not a proof.
   */
  public static double[] lyapunovRootsGaussian(int batch, double lrMin, double lrMax, int gridPoints) {
    checkBatch(batch);
    checkLr(lrMin);
    checkLr(lrMax);
    if (!(lrMax > lrMin) || gridPoints < 2) {
      throw new IllegalArgumentException("need lrMin < lrMax and at least 2 grid points");
    }
    DoubleUnaryOperator lambda = lr -> lyapunovGaussian(lr, batch);
    double ratio = Math.pow(lrMax / lrMin, 1.0 / (gridPoints - 1));
    List<Double> roots = new ArrayList<>();
    double prevLr = lrMin;
    double prev = lambda.applyAsDouble(prevLr);
    for (int i = 1; i < gridPoints; i++) {
      double lr = i == gridPoints - 1 ? lrMax : lrMin * Math.pow(ratio, i);
      double value = lambda.applyAsDouble(lr);
      if (value == 0) {
        roots.add(lr);
      } else if (prev != 0 && (prev < 0) != (value < 0)) {
        roots.add(bisect(lambda, prevLr, lr, 1e-13));
      }
      prevLr = lr;
      prev = value;
    }
    return roots.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * Every learning rate in (0, lrMax] where a finite dataset is probabilistically stable (Lambda &lt; 0),
   * as disjoint intervals, computed exactly (up to rounding of the roots) from the law of q ({@link
   * BatchMeanLaw}). Each interval contains at least one pole {@code 1/q_b}, where Lambda = -infinity, or
   * starts at 0. Stripes narrower than the spacing of doubles come out degenerate, {@code lo == hi} (the
   * pole itself, or its nearest double).
   *
   * <p>Why nothing is missed: each {@code log|1 - lr q_b|} is concave in lr away from its pole, so Lambda
   * is concave on every gap between consecutive poles and tends to -infinity at both ends of it; its
   * derivative {@code sum_b p_b q_b / (lr q_b - 1)} decreases there, and its single zero, found by
   * bisection, is the maximum. If the maximum is negative the whole gap is stable, else there is exactly
   * one root on each side. Below the first pole, Lambda(0) = 0 and {@code Lambda'(0) = -E[q] < 0} with
   * concavity make {@code Lambda < Lambda'(0) lr < 0}. Cost: about 100 evaluations of Lambda per gap, each
   * a sum over all atoms.
   *
   * @throws IllegalArgumentException if there are more than {@link #DEFAULT_ENUMERATION_LIMIT} batches
   */
  public static List<Interval> stableIntervalsFinite(double[] x, int batch, boolean withReplacement,
      double lrMax) {
    checkLr(lrMax);
    checkData(x, batch, withReplacement);
    BatchMeanLaw law = BatchMeanLaw.enumerate(x, batch, withReplacement, DEFAULT_ENUMERATION_LIMIT).merged();
    return stableIntervals(law, lrMax);
  }

  /** {@link #stableIntervalsFinite} for a given law of q (atoms sorted by q, merged). */
  static List<Interval> stableIntervals(BatchMeanLaw law, double lrMax) {
    int m = law.size();
    double[] q = new double[m];
    double[] p = new double[m];
    for (int i = 0; i < m; i++) {
      q[i] = law.q(i);
      p[i] = law.p(i);
    }
    DoubleUnaryOperator lambda = lr -> {
      double s = 0;
      for (int i = 0; i < m; i++) {
        s += p[i] * logAbsOneMinus(lr, q[i]);
      }
      return s;
    };
    DoubleUnaryOperator slope = lr -> {
      double s = 0;
      for (int i = 0; i < m; i++) {
        s += p[i] * q[i] / (lr * q[i] - 1.0);
      }
      return s;
    };
    List<Double> poles = new ArrayList<>();
    for (int i = m - 1; i >= 0; i--) {
      if (q[i] > 0) {
        double pole = 1.0 / q[i];
        if (pole < lrMax && (poles.isEmpty() || pole > poles.get(poles.size() - 1))) {
          poles.add(pole);
        }
      }
    }
    // Stable pieces as [lo, hi] pairs; merged across poles afterwards.
    List<double[]> pieces = new ArrayList<>();
    double left = 0.0;
    for (int g = 0; g <= poles.size(); g++) {
      boolean lastGap = g == poles.size();
      double right = lastGap ? lrMax : poles.get(g);
      if (g == 0) {
        // Below the first pole Lambda < 0 (see above); with no pole below lrMax that is everything.
        pieces.add(new double[] {0.0, right});
        left = right;
        continue;
      }
      // Lambda -> -inf at `left`; maximum where the decreasing slope crosses 0.
      double top;
      if (lastGap && slope.applyAsDouble(right) >= 0) {
        top = right;
      } else {
        top = bisectDecreasing(slope, left, right);
      }
      double peak = lambda.applyAsDouble(top);
      if (peak < 0) {
        pieces.add(new double[] {left, right});
      } else {
        double r1 = bisectSignChange(lambda, left, top, true);
        pieces.add(new double[] {left, r1});
        if (!lastGap || lambda.applyAsDouble(right) < 0) {
          double r2 = top == right ? right : bisectSignChange(lambda, top, right, false);
          pieces.add(new double[] {r2, right});
        }
      }
      left = right;
    }
    List<Interval> out = new ArrayList<>();
    double lo = pieces.get(0)[0];
    double hi = pieces.get(0)[1];
    for (int i = 1; i < pieces.size(); i++) {
      double[] piece = pieces.get(i);
      if (piece[0] == hi) {
        hi = piece[1];
      } else {
        out.add(new Interval(lo, hi));
        lo = piece[0];
        hi = piece[1];
      }
    }
    out.add(new Interval(lo, hi));
    return out;
  }

  /** The zero of a decreasing function on (a, b) that is +inf-like at a and -inf-like at b. */
  private static double bisectDecreasing(DoubleUnaryOperator f, double a, double b) {
    for (int i = 0; i < 2000; i++) {
      double mid = 0.5 * (a + b);
      if (mid <= a || mid >= b) {
        break;
      }
      if (f.applyAsDouble(mid) > 0) {
        a = mid;
      } else {
        b = mid;
      }
    }
    return 0.5 * (a + b);
  }

  /** The sign change of f on (a, b), where f is negative at a if {@code risingFromNegative}, else at b. */
  private static double bisectSignChange(DoubleUnaryOperator f, double a, double b,
      boolean risingFromNegative) {
    for (int i = 0; i < 2000; i++) {
      double mid = 0.5 * (a + b);
      if (mid <= a || mid >= b) {
        break;
      }
      boolean negative = f.applyAsDouble(mid) < 0;
      if (negative == risingFromNegative) {
        a = mid;
      } else {
        b = mid;
      }
    }
    return 0.5 * (a + b);
  }

  /** Bisection for a sign change of f on [a, b] until the bracket is narrower than tol. */
  static double bisect(DoubleUnaryOperator f, double a, double b, double tol) {
    double fa = f.applyAsDouble(a);
    double fb = f.applyAsDouble(b);
    if (fa == 0) {
      return a;
    }
    if (fb == 0) {
      return b;
    }
    if ((fa < 0) == (fb < 0)) {
      throw new IllegalArgumentException("no sign change on [" + a + ", " + b + "]");
    }
    while (b - a > tol) {
      double mid = 0.5 * (a + b);
      if (mid <= a || mid >= b) {
        break;
      }
      double fm = f.applyAsDouble(mid);
      if (fm == 0) {
        return mid;
      }
      if ((fm < 0) == (fa < 0)) {
        a = mid;
        fa = fm;
      } else {
        b = mid;
      }
    }
    return 0.5 * (a + b);
  }

  // ---------------------------------------------------------------------------------------------------
  // Moment thresholds

  /** GD threshold {@code 2/h}, {@code h = E[x^2]} (seed eq. (3)). */
  public static double lrGd(DataMoments d) {
    return 2.0 / d.m2();
  }

  /**
   * Mean-square threshold: the largest lr with {@code E[(1 - lr q)^2] < 1}, {@code 2 E[q] / E[q^2]}. With
   * replacement (or fresh draws) {@code 2 S E[x^2] / (E[x^4] + (S - 1) E[x^2]^2)}; Gaussian {@code 2S / (S +
   * 2)}; without replacement from N points {@code E[q^2]} carries the factor {@code (N - S)/(N - 1)} on
   * {@code Var(x^2)/S}. See the class comment for why this is not the printed seed eq. (4).
   */
  public static double lrMeanSquare(DataMoments d, int batch) {
    return 2.0 * d.m2() / d.batchMeanSecondMoment(batch);
  }

  /**
   * Seed 002 eq. (4) = (21) exactly as printed, {@code 2 S^2 E[x^2] / (E[x^4] + (S - 1)^2 E[x^2]^2)}, kept
   * only to reproduce the seed's curves: it does not follow from the seed's eq. (18) for S &gt; 1 (see the
   * class comment) and equals {@link #lrMeanSquare} only at S = 1. A trap when comparing curves: for
   * Gaussian data it is {@code 2 S^2 / (S^2 - 2S + 4) = 2 + 4/S + O(S^-3)}, the same two leading terms as
   * the probabilistic edge {@code 2 + 4/S + (56/3)/S^2} ({@link #lrProbabilisticGaussian}), so it tracks
   * that edge closely (2.667 vs 2.663 at S = 4) while being no mean-square threshold at all.
   */
  public static double lrMeanSquarePrinted(DataMoments d, int batch) {
    checkBatch(batch);
    double s1 = batch - 1.0;
    return 2.0 * batch * batch * d.m2() / (d.m4() + s1 * s1 * d.m2() * d.m2());
  }

  /**
   * Stationary linear stability threshold {@code (2/h) / (1 + 1/S)} of Ziyin et al. (2022b), "Strength of
   * minibatch noise in SGD", as quoted in seed 002 Sec. 2. The 1/S there is the noise covariance's factor for
   * sampling with replacement; without replacement from N points it is {@code (N - S)/((N - 1) S)} (seed 004,
   * 1.8.4), so at S = N (no noise left) the threshold is GD's {@code 2/h}, not below it.
   */
  public static double lrStationary(DataMoments d, int batch) {
    d.checkBatch(batch);
    double noise = d.withReplacement() || d.isInfinite() || d.n() == 1 ? 1.0 / batch
        : (double) (d.n() - batch) / ((d.n() - 1.0) * batch);
    return 2.0 / d.m2() / (1.0 + noise);
  }

  /**
   * {@code log E[(1 - lr q)^2]}: the exact per-step growth rate of {@code log E[v_t^2]}, so that {@code
   * E[v_t^2] = v_0^2 exp(t * rate)}. Zero at {@link #lrMeanSquare}; by Jensen at least {@code 2 Lambda}.
   */
  public static double meanSquareGrowthRate(double lr, DataMoments d, int batch) {
    checkLr(lr);
    double m2 = d.m2();
    double eq2 = d.batchMeanSecondMoment(batch);
    double oneMinus = 1.0 - lr * m2;
    double value = oneMinus * oneMinus + lr * lr * d.batchMeanVariance(batch);
    // Near the threshold the value is near 1: take log1p of the small difference lr (lr E[q^2] - 2 E[q]).
    return value > 0.5 && value < 2.0 ? Math.log1p(lr * (lr * eq2 - 2.0 * m2)) : Math.log(value);
  }

  // ---------------------------------------------------------------------------------------------------

  static void checkLr(double lr) {
    if (!(lr > 0) || !Double.isFinite(lr)) {
      throw new IllegalArgumentException("learning rate must be finite and > 0: " + lr);
    }
  }

  static void checkBatch(int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be >= 1: " + batch);
    }
  }

  private static void checkData(double[] x, int batch, boolean withReplacement) {
    if (x.length == 0) {
      throw new IllegalArgumentException("empty dataset");
    }
    checkBatch(batch);
    if (!withReplacement && batch > x.length) {
      throw new IllegalArgumentException("batch " + batch + " > dataset size " + x.length
          + " without replacement");
    }
    for (double xi : x) {
      if (!Double.isFinite(xi)) {
        throw new IllegalArgumentException("non-finite data point: " + xi);
      }
    }
  }
}
