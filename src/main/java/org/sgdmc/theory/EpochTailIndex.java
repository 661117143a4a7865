package org.sgdmc.theory;

import org.sgdmc.rng.Draws;
import org.sgdmc.rng.Stream;

/**
 * The Kesten tail index of regression off interpolation under random reshuffling: 1-D here, d-dimensional in
 * {@link #linearD}. In 1-D: One epoch applies
 * K = floor(N / S) affine maps {@code u -> a_b u + c_b}, {@code a_b = 1 - lr q_b}, in the order of one uniform
 * permutation; composed, they are one affine map {@code u -> A u + B} with {@code A = prod_b a_b}. Epochs are
 * independent, so the iterate at epoch ends is Kesten's recursion {@code Y_{e+1} = A_e Y_e + B_e} with i.i.d.
 * {@code (A_e, B_e)}, and its stationary law has the tail index alpha solving {@code E|A|^alpha = 1}
 * (Kesten-Goldie), with A's law that of the epoch's unordered partition ({@link ReshuffleEpochs}: the product
 * does not depend on the order of the batches).
 *
 * <p>Other phases of the epoch have the same index: the iterate j steps into an epoch is {@code M_j Y + Q_j}
 * with Y the epoch-end law and {@code (M_j, Q_j)} (the first j maps) independent of it and bounded, so by
 * Breiman's lemma {@code P(|M_j Y + Q_j| > s) ~ E|M_j|^alpha P(|Y| > s)}: the same alpha and a different
 * constant, unless {@code M_j = 0} almost surely. {@code tails linreg1d} observes at epoch ends all the same,
 * so its samples are draws of the very law the theory describes.
 *
 * <p>At S = 1 every epoch visits every point once and A is the same number for every permutation: the tail
 * is light whenever the exponent is negative (|A| &lt; 1, B bounded), however heavy it is with batches drawn
 * afresh. The Lyapunov exponent a step, {@code E log|A| / K}, is the one without replacement (linearity).
 */
public final class EpochTailIndex {
  /** Most partitions enumerated exactly; above it the epochs are sampled. */
  public static final long ENUMERATION_LIMIT = ReshuffleEpochs.DEFAULT_LIMIT;
  /** The sample of epochs beyond the limit (at most this many, fewer for long epochs). */
  static final long MAX_SAMPLED_EPOCHS = 200_000;
  /** Seed of the sampled epochs (a stream of its own, independent of any run's). */
  public static final long DEFAULT_SEED = 0x5EED_E90CL;

  private EpochTailIndex() {}

  /** The index for learning rate {@code lr}, data {@code x} and batch size S, with the defaults. */
  public static TailIndex linreg1d(double lr, double[] x, int batch) {
    return linreg1d(lr, x, batch, ENUMERATION_LIMIT, DEFAULT_SEED);
  }

  /**
   * The index: exact over every partition of an epoch while there are at most {@code limit} of them (method
   * exact-enumeration), else from a sample of epochs (monte-carlo, with a standard error; its regime uses
   * the bound {@code sup|A| <= (sup_b |a_b|)^K}). The Lyapunov exponent reported is the step's.
   */
  public static TailIndex linreg1d(double lr, double[] x, int batch, long limit, long seed) {
    Linreg1dTheory.checkLr(lr);
    int n = x.length;
    if (batch < 1 || batch > n) {
      throw new IllegalArgumentException("batch " + batch + " must be in 1.." + n + " to reshuffle " + n + " points");
    }
    int k = n / batch;
    double[] sq = new double[n];
    for (int i = 0; i < n; i++) {
      sq[i] = x[i] * x[i];
    }
    Estimate step = Linreg1dTheory.lyapunovFinite(lr, x, batch, false);
    boolean exact = n <= 62 && ReshuffleEpochs.count(n, batch) <= Math.min(limit, Integer.MAX_VALUE - 8);
    double[] logs;
    double supremum;
    long sampleSize;
    if (exact) {
      logs = ReshuffleEpochs.epochLogs(lr, sq, batch, limit);
      supremum = 0;
      for (double l : logs) {
        supremum = Math.max(supremum, Math.exp(l));
      }
      sampleSize = 0;
    } else {
      long epochs = Math.max(10_000, Math.min(MAX_SAMPLED_EPOCHS, 20_000_000L / ((long) k * batch)));
      logs = sampledEpochs(lr, sq, batch, epochs, seed);
      supremum = Math.pow(TailIndexTheory.supremumOfFactor(lr, x, batch, false), k);
      sampleSize = epochs;
    }
    String method = exact ? Estimate.METHOD_EXACT_ENUMERATION : Estimate.METHOD_MONTE_CARLO_PLAIN;
    // the solver works with the epoch's law: its Lyapunov exponent is K times the step's
    Estimate epoch = new Estimate(k * step.value(), k * step.stderr(), step.method());
    TailIndex t = KestenSolver.solve(FactorAtoms.ofLogs(logs, sampleSize), epoch, supremum, method);
    return new TailIndex(step, t.regime(), t.index(), t.indexStderr(), t.method());
  }

  // ---------------------------------------------------------------------------------------------------
  // d-dimensional linear regression

  /** {@link #linearD(double, double[][], int, PopulationDynamics.Settings)} with the default settings. */
  public static TailIndex linearD(double lr, double[][] points, int batch) {
    return linearD(lr, points, batch, PopulationDynamics.Settings.DEFAULT);
  }

  /**
   * The index of d-dimensional regression off interpolation under random reshuffling (rows of {@code points}
   * the N data points). One epoch composes its K batch maps {@code u -> M_b u + c_b}, {@code M_b = I - (lr/S)
   * sum_{i in batch b} x_i x_i^T}, into {@code u -> M u + B} with {@code M = M_K ... M_1} in the order of the
   * epoch's permutation; epochs are i.i.d., so at epoch ends Kesten's theorem for matrices applies to the law
   * of M, and the index solves {@code h(alpha) = 0}, {@code h(s) = lim_n (1/n) log E||M_n ... M_1||^s} over
   * epochs.
   *
   * <p>d = 1: the maps commute and h(s) is {@code log E|A|^s} of one epoch, which {@link #linreg1d} sums exactly
   * over the epoch's partitions; so d = 1 goes there. d &gt; 1: the batch matrices do not commute, M depends on
   * the order of the batches, and h is a limit over many epochs even when one epoch's law is known exactly (few
   * partitions): it is estimated by population dynamics over epochs ({@link PopulationDynamics#reshuffledEpochs}),
   * with standard errors, as for batches drawn afresh. The regime: {@code lr max|x_i|^2 <= 2} makes every
   * batch's {@code ||M_b|| <= 1}, so every epoch's, a light tail (sufficient, not necessary, as there).
   *
   * <p>The Lyapunov exponent reported is the step's, the epoch's over K, as {@link #linreg1d} reports it (and
   * as the kernels' tangent vector measures it); h and the index are the epoch's.
   *
   * <p>Limit: population dynamics weighs each member by {@code ||M u||^s} over a whole epoch, and the spread of
   * those weights grows with K and s; with P members the estimate of h is then biased low, the index high. At
   * K = 4 (the tests) it agrees with the exact index; in 1-D at N = 40, S = 2 (K = 20), lr = 3 it gave 2.84
   * with P = 1000 and 2.50 with P = 8000, against 2.40 +- 0.05 from 200,000 sampled epochs; so the population
   * grows with K ({@link #epochSettings}: P = 5000 there gives 2.53 +- 0.04), within a budget, beyond which long
   * epochs stay biased. (Resampling at
   * every step instead, each member carrying its permutation, is worse: every epoch uses every point once, so
   * the epoch's product varies far less than its steps, and per-step weights lose the members that have not yet
   * met the large points.)
   *
   * @param settings population dynamics per epoch: its population, replicas and seed; burn-in and steps are
   *     given in steps of SGD and turned into epochs ({@link #epochSettings})
   */
  public static TailIndex linearD(double lr, double[][] points, int batch, PopulationDynamics.Settings settings) {
    Linreg1dTheory.checkLr(lr);
    int n = points.length;
    if (batch < 1 || batch > n) {
      throw new IllegalArgumentException("batch " + batch + " must be in 1.." + n + " to reshuffle " + n + " points");
    }
    if (points[0].length == 1) {
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = points[i][0];
      }
      return linreg1d(lr, x, batch);
    }
    return linearDByPopulationDynamics(lr, points, batch, settings);
  }

  /** The population-dynamics estimate in any d, d = 1 included (for the tests that hold it against the exact one). */
  static TailIndex linearDByPopulationDynamics(double lr, double[][] points, int batch,
      PopulationDynamics.Settings settings) {
    int k = points.length / batch;
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
        PopulationDynamics.reshuffledEpochs(lr, points, batch, settings.seed()), epochSettings(settings, k));
    TailIndex epoch = TailIndexTheory.solveByPopulationDynamics(pd, supremum);
    Estimate e = epoch.lyapunov();
    Estimate step = new Estimate(e.value() / k, e.stderr() / k, e.method());
    return new TailIndex(step, epoch.regime(), epoch.index(), epoch.indexStderr(), epoch.method());
  }

  /** Fewest epochs population dynamics averages over, however long an epoch. */
  static final int MIN_EPOCHS = 10;
  /**
   * Fewest epochs it discards first. The default 20 steps (5 epochs of 4) left the directions unmixed: at d = 2,
   * N = 8, S = 2, lr = 1 the top exponent came out 0.0005 a step below the kernels' (3.5 standard errors), and
   * agreed after a burn-in of 200 steps; 10 epochs cost a quarter more than 5.
   */
  static final int MIN_BURN_IN_EPOCHS = 10;

  /**
   * Settings counted in steps of SGD turned into epochs of K steps: about the same number of batch matrices
   * per member (so about the same cost as batches drawn afresh), but at least {@value #MIN_EPOCHS} epochs
   * averaged and {@value #MIN_BURN_IN_EPOCHS} discarded. Longer epochs spread the weights more (see {@link
   * #linearD}), so beyond 4 steps an epoch the population grows with K, {@code P ceil(K / 4)}, as far as
   * {@value #MATRICES_PER_ORDER} batch matrices per order s allow (never below P). K = 1 leaves them as they are.
   */
  static PopulationDynamics.Settings epochSettings(PopulationDynamics.Settings steps, int k) {
    if (k == 1) {
      return steps;
    }
    int averaged = Math.max(MIN_EPOCHS, (steps.steps() + k - 1) / k);
    int burnIn = Math.max(MIN_BURN_IN_EPOCHS, (steps.burnIn() + k - 1) / k);
    long perMember = (long) steps.replicas() * (averaged + burnIn) * k;
    long grown = Math.min((long) steps.population() * ((k + 3) / 4), MATRICES_PER_ORDER / perMember);
    int population = (int) Math.max(steps.population(), grown);
    return new PopulationDynamics.Settings(population, steps.replicas(), averaged, burnIn, steps.seed());
  }

  /** The most batch matrices population dynamics spends per order s by growing its population. */
  static final long MATRICES_PER_ORDER = 64_000_000;

  /**
   * log|A| of {@code epochs} sampled epochs: epoch i is trajectory i of {@link Stream#BATCH} with seed
   * {@code seed}, a forward Fisher-Yates shuffle of its first K S positions from draws 0 .. K S - 1.
   */
  static double[] sampledEpochs(double lr, double[] sq, int batch, long epochs, long seed) {
    int n = sq.length;
    int k = n / batch;
    int[] perm = new int[n];
    double[] logs = new double[(int) epochs];
    for (int e = 0; e < epochs; e++) {
      for (int i = 0; i < n; i++) {
        perm[i] = i;
      }
      double log = 0;
      for (int b = 0; b < k; b++) {
        double sum = 0;
        for (int j = 0; j < batch; j++) {
          int i = b * batch + j;
          int r = i + (int) Draws.index(Draws.bits(seed, Stream.BATCH, e, i), n - i);
          int picked = perm[r];
          perm[r] = perm[i];
          perm[i] = picked;
          sum += sq[picked];
        }
        log += Linreg1dTheory.logAbsOneMinus(lr, sum / batch);
      }
      logs[e] = log;
    }
    return logs;
  }
}
