package org.sgdmc.theory;

import org.sgdmc.models.FeatureData;
import org.sgdmc.models.PointData;
import org.sgdmc.models.Sampling;

/**
 * Kesten-Goldie tail indices of SGD off interpolation: for each model, the Lyapunov exponent, the regime and
 * the index alpha of the power-law tail {@code P(|w| > x) ~ C x^-alpha} of the stationary law (see {@link
 * TailIndex} for the theorem and {@link KestenSolver} for the root finding).
 *
 * <p>Off interpolation, 1-D linear regression with labels {@code y = x w* + sigma eps} makes SGD the random
 * affine recursion {@code v_{t+1} = a_t v_t + b_t} with {@code a_t = 1 - lr q_t}, {@code q_t} the batch mean
 * of {@code x^2}, and {@code b_t = (lr/S) sum_j x_j sigma eps_j} (or the residuals of a finite dataset). The
 * factor a is the same as at interpolation, so the Lyapunov exponent is {@link Linreg1dTheory}'s; the index
 * solves {@code E|1 - lr q|^alpha = 1}. At the mean-square threshold {@link Linreg1dTheory#lrMeanSquare}, where
 * {@code E(1 - lr q)^2 = 1}, alpha = 2 exactly; a larger lr gives a heavier tail (smaller alpha), down to alpha
 * -> 0 at the probabilistic edge where Lambda = 0. In d dimensions the factor is the matrix {@code M = I -
 * (lr/S) sum_i x_i x_i^T} and the index solves {@code h(alpha) = 0} for the generalized Lyapunov exponent h
 * (Kesten 1973; Gurbuzbalaban, Simsekli, Zhu 2021).
 *
 * <table>
 *   <caption>Methods</caption>
 *   <tr><th>model</th><th>moment function</th><th>method</th></tr>
 *   <tr><td>1-D, N(0, v) stream</td><td>quadrature over the chi-square density ({@link
 *       GaussianFactorMoments})</td><td>{@code quadrature}</td></tr>
 *   <tr><td>1-D, finite data</td><td>log-sum-exp over all batch contents ({@link BatchMeanLaw}), else Monte
 *       Carlo over batches</td><td>{@code exact-sum} (S = 1), {@code exact-enumeration}, {@code
 *       monte-carlo}</td></tr>
 *   <tr><td>Gaussian factor {@code c + d xi} (SDE)</td><td>closed form ({@link NormalAbsMoments})</td>
 *       <td>{@code closed-form}</td></tr>
 *   <tr><td>d-dim, isotropic N(0, v I) stream</td><td>2-D quadrature over two chi-squares ({@link
 *       IsotropicStepMoments})</td><td>{@code quadrature}</td></tr>
 *   <tr><td>d-dim, any other data</td><td>population dynamics ({@link PopulationDynamics})</td><td>{@code
 *       population-dynamics}</td></tr>
 *   <tr><td>d-dim, finite data reshuffled each epoch</td><td>population dynamics over whole epochs ({@link
 *       EpochTailIndex#linearD}; d = 1 enumerates the epoch's partitions)</td><td>{@code
 *       population-dynamics}</td></tr>
 * </table>
 */
public final class TailIndexTheory {
  /** Random index draws the finite-data Monte Carlo fallback spends by default (samples = draws / S, clamped). */
  static final long DEFAULT_MC_DRAWS = 20_000_000;
  /** Seed of the finite-data Monte Carlo fallback (Philox, {@link org.sgdmc.rng.Stream#BATCH}). */
  public static final long DEFAULT_SEED = 0x5EED_7A11L;

  private TailIndexTheory() {}

  // ---------------------------------------------------------------------------------------------------
  // 1-D linear regression

  /** {@link #linreg1dGaussian(double, double, int)} for x ~ N(0, 1). */
  public static TailIndex linreg1dGaussian(double lr, int batch) {
    return linreg1dGaussian(lr, 1.0, batch);
  }

  /**
   * 1-D linear regression with fresh {@code x ~ N(0, variance)} each step, batch S: {@code a = 1 - lr q}, {@code
   * q ~ variance chi^2_S / S}. Lambda from {@link Linreg1dTheory#lyapunovGaussian}; {@code E|a|^s} by
   * quadrature. {@code |a|} is unbounded, so the regime is a power law whenever Lambda &lt; 0 (or above the
   * cap when {@code |a| > 1} is too rare, at small lr). Cost: a few milliseconds.
   */
  public static TailIndex linreg1dGaussian(double lr, double variance, int batch) {
    Linreg1dTheory.checkLr(lr);
    Linreg1dTheory.checkBatch(batch);
    if (!(variance > 0) || !Double.isFinite(variance)) {
      throw new IllegalArgumentException("the variance of x must be finite and > 0: " + variance);
    }
    double scaled = lr * variance;
    Estimate lyapunov = new Estimate(Linreg1dTheory.lyapunovGaussian(scaled, batch), 0.0,
        Estimate.METHOD_QUADRATURE);
    return KestenSolver.solve(s -> new Estimate(GaussianFactorMoments.logMoment(scaled, batch, s), 0.0,
        Estimate.METHOD_QUADRATURE), lyapunov, Double.POSITIVE_INFINITY, Estimate.METHOD_QUADRATURE);
  }

  /**
   * 1-D linear regression on a fixed dataset, with the defaults: exact enumeration up to {@link
   * Linreg1dTheory#DEFAULT_ENUMERATION_LIMIT} batch contents, else Monte Carlo with {@link #DEFAULT_SEED}.
   */
  public static TailIndex linreg1dFinite(double lr, double[] x, int batch, boolean withReplacement) {
    Linreg1dTheory.checkBatch(batch);
    long samples = Math.max(10_000, Math.min(1_000_000, DEFAULT_MC_DRAWS / batch));
    return linreg1dFinite(lr, x, batch, withReplacement, Linreg1dTheory.DEFAULT_ENUMERATION_LIMIT, samples,
        DEFAULT_SEED);
  }

  /**
   * 1-D linear regression on the dataset x (batches drawn afresh each step, with or without replacement).
   *
   * <ul>
   *   <li>Lambda: {@link Linreg1dTheory#lyapunovFinite} with the same enumeration limit and sample count.
   *   <li>Regime: {@code |a| <= 1} for every batch iff {@code lr q_max <= 2}, {@code q_max} the largest batch
   *       mean ({@code max x^2} with replacement, the mean of the S largest {@code x^2} without), exactly;
   *       that and Lambda &lt; 0 give {@link TailIndex.Regime#LIGHT_TAIL}.
   *   <li>{@code E|a|^s}: the exact sum over every batch content while there are at most {@code
   *       enumerationLimit} (the index is then exact, method {@code exact-sum} for S = 1 or {@code
   *       exact-enumeration}), else a sample of {@code samples} batches ({@link FactorAtoms#sampled}, method
   *       {@code monte-carlo}, with a standard error).
   * </ul>
   *
   * Seed 002 App. A.3 in these terms: at a "critical" rate {@code lr = 1/x_i^2} the point i maps the iterate
   * to 0 (an atom {@code a = 0} of probability 1/N at S = 1), so {@code E|a|^s <= (1 - 1/N) max|a|^s} and
   * {@code alpha >= log(N/(N-1)) / log max|a| ~ 1/(N log max|a|)}, with equality when every other point has
   * the same {@code |a|}.
   */
  public static TailIndex linreg1dFinite(double lr, double[] x, int batch, boolean withReplacement,
      long enumerationLimit, long samples, long seed) {
    Estimate lyapunov = Linreg1dTheory.lyapunovFinite(lr, x, batch, withReplacement, enumerationLimit, samples,
        Linreg1dTheory.DEFAULT_SEED);
    boolean exact = BatchMeanLaw.count(x.length, batch, withReplacement) <= enumerationLimit;
    String method = exact ? lyapunov.method() : Estimate.METHOD_MONTE_CARLO_PLAIN;
    double supremum = supremumOfFactor(lr, x, batch, withReplacement);
    if (!(lyapunov.value() < 0)) {
      return TailIndex.noStationaryLaw(lyapunov, method);
    }
    if (supremum <= 1) {
      return TailIndex.lightTail(lyapunov, method);
    }
    FactorAtoms atoms;
    if (exact) {
      atoms = FactorAtoms.exact(BatchMeanLaw.enumerate(x, batch, withReplacement, enumerationLimit), lr);
    } else {
      double[] x2 = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        x2[i] = x[i] * x[i];
      }
      atoms = FactorAtoms.sampled(x2, batch, withReplacement, lr, samples, seed);
    }
    return KestenSolver.solve(atoms, lyapunov, supremum, method);
  }

  /** {@code max |1 - lr q|} over the possible batch means q: at the smallest or the largest one. */
  static double supremumOfFactor(double lr, double[] x, int batch, boolean withReplacement) {
    double[] x2 = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      x2[i] = x[i] * x[i];
    }
    java.util.Arrays.sort(x2);
    double qMin;
    double qMax;
    if (withReplacement) {
      qMin = x2[0];
      qMax = x2[x2.length - 1];
    } else {
      double low = 0;
      double high = 0;
      for (int j = 0; j < batch; j++) {
        low += x2[j];
        high += x2[x2.length - 1 - j];
      }
      qMin = low / batch;
      qMax = high / batch;
    }
    return Math.max(Math.abs(Math.fma(-lr, qMin, 1.0)), Math.abs(Math.fma(-lr, qMax, 1.0)));
  }

  /**
   * 1-D linear regression from a model's feature data: {@link FeatureData.Gaussian} (N(0, 1)) or {@link
   * FeatureData.Finite}.
   */
  public static TailIndex linreg1d(double lr, int batch, FeatureData data, boolean withReplacement) {
    return switch (data) {
      case FeatureData.Gaussian g -> linreg1dGaussian(lr, batch);
      case FeatureData.Finite f -> linreg1dFinite(lr, f.x(), batch, withReplacement);
    };
  }

  // ---------------------------------------------------------------------------------------------------
  // Continuous-time models (seed 004): Gaussian multiplicative noise, additive Gaussian or stable noise

  /**
   * The factor {@code a = c + d xi}, {@code xi ~ N(0, 1)}: Lambda = {@code E log|c + d xi|} in closed form
   * ({@link NormalLogAbs}), {@code E|a|^s} in closed form ({@link NormalAbsMoments}). For d = 0 the factor is
   * the constant c: light tail if {@code |c| < 1}, else no stationary law.
   */
  public static TailIndex gaussianFactor(double c, double d) {
    if (!Double.isFinite(c) || !(d >= 0) || !Double.isFinite(d)) {
      throw new IllegalArgumentException("need finite c and finite d >= 0: c = " + c + ", d = " + d);
    }
    Estimate lyapunov = new Estimate(NormalLogAbs.expectedLogAbs(c, d), 0.0, Estimate.METHOD_CLOSED_FORM);
    double supremum = d > 0 ? Double.POSITIVE_INFINITY : Math.abs(c);
    return KestenSolver.solve(s -> new Estimate(NormalAbsMoments.logMoment(c, d, s), 0.0,
        Estimate.METHOD_CLOSED_FORM), lyapunov, supremum, Estimate.METHOD_CLOSED_FORM);
  }

  /**
   * The Gaussian-noise SDE of 1-D linear regression (Euler-Maruyama with {@code dt = lr} and the noise matched to
   * the minibatch gradient covariance at the current state): the gradient noise at distance v from the
   * minimum is {@code (q - m2) v} plus the label part, with variance {@code Var(q) v^2 + ...}, so far from the
   * minimum one step is {@code v -> (c + d xi) v + b} with
   *
   * <pre>  c = 1 - lr m2,   d = lr sqrt(Var q) = lr sqrt((m4 - m2^2) / S_eff),</pre>
   *
   * {@code S_eff = S} with replacement or for a stream, {@code S (N - 1)/(N - S)} without replacement ({@link
   * DataMoments#batchMeanVariance}). The index is that of {@link #gaussianFactor}; unlike SGD's factor {@code 1
   * - lr q}, whose law is the data's, this one is Gaussian whatever the data.
   */
  public static TailIndex gaussianNoiseSde(double lr, DataMoments data, int batch) {
    Linreg1dTheory.checkLr(lr);
    data.checkBatch(batch);
    return gaussianFactor(1.0 - lr * data.m2(), lr * Math.sqrt(data.batchMeanVariance(batch)));
  }

  /**
   * Deterministic contraction {@code c = 1 - lr m2} plus symmetric alpha-stable additive noise ({@code
   * stableIndex} in (0, 2]): {@code v_{t+1} = c v_t + L_t}. If {@code |c| < 1} the stationary law is the law of
   * {@code sum_j c^j L_j}, again alpha-stable, whose tail index is the noise's own (2 is Gaussian: {@link
   * TailIndex.Regime#LIGHT_TAIL}); otherwise there is none. Lambda = {@code log|c|}.
   */
  public static TailIndex stableAdditive(double lr, double m2, double stableIndex) {
    Linreg1dTheory.checkLr(lr);
    if (!(stableIndex > 0 && stableIndex <= 2)) {
      throw new IllegalArgumentException("the stable index must be in (0, 2]: " + stableIndex);
    }
    double c = 1.0 - lr * m2;
    Estimate lyapunov = new Estimate(Math.log(Math.abs(c)), 0.0, Estimate.METHOD_CLOSED_FORM);
    if (!(Math.abs(c) < 1)) {
      return TailIndex.noStationaryLaw(lyapunov, Estimate.METHOD_CLOSED_FORM);
    }
    if (stableIndex == 2) {
      return TailIndex.lightTail(lyapunov, Estimate.METHOD_CLOSED_FORM);
    }
    return new TailIndex(lyapunov, TailIndex.Regime.POWER_LAW, stableIndex, 0.0, Estimate.METHOD_CLOSED_FORM);
  }

  /**
   * Deterministic contraction {@code c = 1 - lr m2} plus constant Gaussian additive noise: a Gaussian AR(1)
   * process, light-tailed if {@code |c| < 1}, else without a stationary law. Lambda = {@code log|c|}.
   */
  public static TailIndex gaussianAdditive(double lr, double m2) {
    return stableAdditive(lr, m2, 2.0);
  }

  // ---------------------------------------------------------------------------------------------------
  // d-dimensional linear regression

  /**
   * d-dimensional linear regression with fresh {@code x ~ N(0, variance I_d)} each step, batch S: {@code h(s) =
   * log E||M e_1||^s} and {@code Lambda_1 = E log||M e_1||} by quadrature ({@link IsotropicStepMoments}); exact
   * for this data, so the index has no standard error. alpha = 2 at {@code lr variance = 2 / (1 + (d + 1)/S)}.
   * d = 1 is {@link #linreg1dGaussian}. Cost: about 0.1 to 1 s.
   */
  public static TailIndex linearDIsotropic(double lr, double variance, int dim, int batch) {
    Linreg1dTheory.checkLr(lr);
    if (!(variance > 0) || !Double.isFinite(variance)) {
      throw new IllegalArgumentException("the variance of x must be finite and > 0: " + variance);
    }
    if (dim == 1) {
      return linreg1dGaussian(lr, variance, batch);
    }
    double scaled = lr * variance;
    Estimate lyapunov = new Estimate(IsotropicStepMoments.lyapunov(scaled, dim, batch), 0.0,
        Estimate.METHOD_QUADRATURE);
    return KestenSolver.solve(s -> new Estimate(IsotropicStepMoments.logMoment(scaled, dim, batch, s), 0.0,
        Estimate.METHOD_QUADRATURE), lyapunov, Double.POSITIVE_INFINITY, Estimate.METHOD_QUADRATURE);
  }

  /**
   * d-dimensional linear regression on a fixed dataset of N points (rows of {@code points}), batch S, with the
   * default population-dynamics settings ({@link PopulationDynamics.Settings#DEFAULT}).
   *
   * @see #linearDFinite(double, double[][], int, boolean, PopulationDynamics.Settings)
   */
  public static TailIndex linearDFinite(double lr, double[][] points, int batch, boolean withReplacement) {
    return linearDFinite(lr, points, batch, withReplacement, PopulationDynamics.Settings.DEFAULT);
  }

  /**
   * d-dimensional linear regression on a fixed dataset: {@code h(s)} and {@code Lambda_1} by population
   * dynamics ({@link PopulationDynamics}), so both carry standard errors, and the index the delta-method one
   * ({@link KestenSolver}, slope over a step of 5% of alpha, root to a relative 1e-3). Regime: {@code ||M|| <= 1}
   * for every batch iff {@code lr lambda_max(H_B) <= 2} for every batch; {@code lambda_max(H_B) <= max_i
   * |x_i|^2}, with equality for the batch of S copies of the longest point, so with replacement {@code lr max
   * |x_i|^2 <= 2} is exactly the light-tail condition, and without replacement a sufficient one (otherwise a
   * light tail shows up as {@link TailIndex.Regime#INDEX_ABOVE_CAP}). Cost with the defaults: about 1 to 4 s
   * (some 12 values of s, each 640,000 random matrix-vector products).
   */
  public static TailIndex linearDFinite(double lr, double[][] points, int batch, boolean withReplacement,
      PopulationDynamics.Settings settings) {
    Linreg1dTheory.checkLr(lr);
    Linreg1dTheory.checkBatch(batch);
    if (!withReplacement && batch > points.length) {
      throw new IllegalArgumentException("batch " + batch + " > dataset size " + points.length
          + " without replacement");
    }
    PointData.Finite data = new PointData.Finite(points, "theory");
    double maxSquare = 0;
    for (double[] x : points) {
      double sq = 0;
      for (double v : x) {
        sq += v * v;
      }
      maxSquare = Math.max(maxSquare, sq);
    }
    double supremum = lr * maxSquare <= 2 ? 1.0 : Double.POSITIVE_INFINITY;
    PopulationDynamics pd = new PopulationDynamics(
        PopulationDynamics.finiteData(lr, data.points(), batch, withReplacement, settings.seed()), settings);
    return solveByPopulationDynamics(pd, supremum);
  }

  /**
   * d-dimensional linear regression with fresh Gaussian data {@code x = L z} (L lower triangular, {@code L L^T}
   * the covariance), by population dynamics; for isotropic data use {@link #linearDIsotropic}, which is exact.
   */
  public static TailIndex linearDGaussian(double lr, double[][] choleskyFactor, int batch,
      PopulationDynamics.Settings settings) {
    Linreg1dTheory.checkLr(lr);
    Linreg1dTheory.checkBatch(batch);
    PopulationDynamics pd = new PopulationDynamics(
        PopulationDynamics.gaussianData(lr, choleskyFactor, batch, settings.seed()), settings);
    return solveByPopulationDynamics(pd, Double.POSITIVE_INFINITY);
  }

  static TailIndex solveByPopulationDynamics(PopulationDynamics pd, double supremum) {
    String method = TailIndex.METHOD_POPULATION_DYNAMICS;
    Estimate lyapunov = pd.topExponent();
    if (!(lyapunov.value() < 0)) {
      return TailIndex.noStationaryLaw(lyapunov, method);
    }
    if (supremum <= 1) {
      return TailIndex.lightTail(lyapunov, method);
    }
    java.util.Map<Double, Estimate> cache = new java.util.HashMap<>();
    KestenSolver.LogMoment h = new KestenSolver.LogMoment() {
      @Override
      public Estimate at(double s) {
        return cache.computeIfAbsent(s, pd::logGrowth);
      }

      @Override
      public double slopeStep() {
        return POPULATION_SLOPE_STEP;
      }
    };
    return KestenSolver.solve(h, lyapunov, supremum, KestenSolver.DEFAULT_CAP, POPULATION_REL_TOL, method);
  }

  /** Relative step of the slope for population dynamics: wide, since h(s) is smooth only on larger scales. */
  static final double POPULATION_SLOPE_STEP = 0.05;
  /** Relative tolerance of the root for population dynamics: well below its statistical error. */
  static final double POPULATION_REL_TOL = 1e-3;

  /**
   * d-dimensional linear regression from a model's point data: d = 1 goes to the exact 1-D methods;
   * isotropic Gaussian data to {@link #linearDIsotropic} (exact); any other Gaussian data and finite datasets
   * to population dynamics with the default settings.
   */
  public static TailIndex linearD(double lr, int batch, PointData data, boolean withReplacement) {
    return linearD(lr, batch, data, Sampling.of(withReplacement));
  }

  /**
   * {@link #linearD(double, int, PointData, boolean)} for any sampling mode: a finite dataset reshuffled each
   * epoch goes to {@link EpochTailIndex#linearD} (the epoch's index; the step's Lyapunov exponent), and the
   * sampling mode of a stream is ignored.
   */
  public static TailIndex linearD(double lr, int batch, PointData data, Sampling sampling) {
    if (sampling == Sampling.RESHUFFLE && data instanceof PointData.Finite f) {
      return EpochTailIndex.linearD(lr, f.points(), batch);
    }
    boolean withReplacement = sampling.withReplacement();
    return switch (data) {
      case PointData.Gaussian g when g.isIsotropic() -> linearDIsotropic(lr, g.variances()[0], g.dim(), batch);
      case PointData.Gaussian g -> {
        double[] scale = g.scales();
        double[][] factor = new double[scale.length][scale.length];
        for (int i = 0; i < scale.length; i++) {
          factor[i][i] = scale[i];
        }
        yield g.dim() == 1 ? linreg1dGaussian(lr, g.variances()[0], batch)
            : linearDGaussian(lr, factor, batch, PopulationDynamics.Settings.DEFAULT);
      }
      case PointData.CorrelatedGaussian g -> g.dim() == 1
          ? linreg1dGaussian(lr, g.covariance()[0][0], batch)
          : linearDGaussian(lr, g.factor(), batch, PopulationDynamics.Settings.DEFAULT);
      case PointData.Finite f -> {
        if (f.dim() == 1) {
          double[][] p = f.points();
          double[] x = new double[p.length];
          for (int i = 0; i < x.length; i++) {
            x[i] = p[i][0];
          }
          yield linreg1dFinite(lr, x, batch, withReplacement);
        }
        yield linearDFinite(lr, f.points(), batch, withReplacement);
      }
    };
  }
}
